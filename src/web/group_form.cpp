#include "web/group_form.hpp"

#include <algorithm>

#include "domain/country.hpp"
#include "domain/language.hpp"
#include "store/personas.hpp"
#include "web/group_views.hpp"

namespace hearth {
namespace {

void label_with_help(Html& h, const Field& f) {
  h.m("<label for=\"f-").t(f.name).m("\">").t(f.label);
  if (!f.required) h.m(" <span class=\"optional\">(optional)</span>");
  h.m("</label>");
  if (!f.hint.empty()) h.m("<p class=\"hint\" id=\"f-").t(f.name).m("-hint\">").t(f.hint).m("</p>");
  if (!f.error.empty()) h.m("<p class=\"field-error\" id=\"f-").t(f.name).m("-error\">").t(f.error).m("</p>");
}

void described_by(Html& h, std::string_view name, bool hint, bool error) {
  if (!hint && !error) return;
  h.m(" aria-describedby=\"");
  if (hint) h.m("f-").t(name).m("-hint");
  if (hint && error) h.m(" ");
  if (error) h.m("f-").t(name).m("-error");
  h.m("\"");
  if (error) h.m(" aria-invalid=\"true\"");
}

void legend_error(Html& h, std::string_view name, const std::string& error) {
  if (!error.empty()) h.m("<p class=\"field-error\" id=\"f-").t(name).m("-error\">").t(error).m("</p>");
}

std::vector<std::string> lines_of(std::string_view text) { return split_list(text, '\n'); }

std::string lines(const std::vector<std::string>& items) { return join_list(items, "\n"); }

void language_fields(Html& h, const std::vector<std::string>& chosen, const std::string& error) {
  std::string summary;
  for (const auto& code : chosen) {
    if (const Language* language = find_language(code)) {
      if (!summary.empty()) summary += ", ";
      summary += language->english_name;
    }
  }
  h.m("<fieldset class=\"field\"><legend>Languages</legend><p class=\"hint\">The languages members write in.</p>");
  legend_error(h, "languages", error);
  h.m("<details class=\"choices\"");
  if (!error.empty()) h.m(" open");
  h.m("><summary>").t(summary.empty() ? std::string("English") : summary).m(" <span class=\"meta\">(change)</span>"
      "</summary><div class=\"checkbox-columns\">");
  for (const auto& language : all_languages()) {
    const std::string code(language.code);
    const bool on = chosen.empty() ? code == "en" : std::find(chosen.begin(), chosen.end(), code) != chosen.end();
    h.m("<div class=\"checkbox\"><input type=\"checkbox\" name=\"languages\" id=\"lang-").t(code).m("\" value=\"").t(code)
        .m("\"");
    if (on) h.m(" checked");
    h.m("><label for=\"lang-").t(code).m("\">").t(language.english_name);
    if (language.native_name != language.english_name) h.m(" <span lang=\"").t(code).m("\">(").t(language.native_name).m(")</span>");
    h.m("</label></div>");
  }
  h.m("</div></details></fieldset>");
}

void privacy_fields(Html& h, std::string_view chosen, const std::string& error) {
  h.m("<fieldset class=\"field\"><legend>Who can find and read the group</legend>");
  legend_error(h, "privacy", error);
  for (const Privacy p : {Privacy::public_group, Privacy::private_group, Privacy::hidden_group}) {
    const std::string_view name = privacy_name(p);
    h.m("<div class=\"radio\"><input type=\"radio\" name=\"privacy\" id=\"privacy-").t(name).m("\" value=\"").t(name)
        .m("\" aria-describedby=\"privacy-").t(name).m("-hint\"");
    if (chosen == name) h.m(" checked");
    h.m("><label for=\"privacy-").t(name).m("\">").t(privacy_label(p)).m("</label><p class=\"hint\" id=\"privacy-")
        .t(name).m("-hint\">");
    if (p == Privacy::public_group) h.m("Listed in the directory. ");
    if (p == Privacy::private_group) h.m("Listed in the directory with its name, description and rules. ");
    if (p == Privacy::hidden_group) h.m("Not listed anywhere. ");
    h.t(privacy_explained(p)).m("</p></div>");
  }
  h.m("</fieldset>");
}

Option persona_option(const Persona& p) { return {std::to_string(p.id), p.name}; }

}  // namespace

std::string error_for(const std::optional<Error>& error, std::string_view field) {
  return error && error->field == field ? error->message : std::string();
}

void textarea_field(Html& h, const Field& f, int rows) {
  h.m("<div class=\"field\">");
  label_with_help(h, f);
  h.m("<textarea id=\"f-").t(f.name).m("\" name=\"").t(f.name).m("\" rows=\"").num(rows).m("\"");
  if (f.required) h.m(" required");
  if (f.max_length > 0) h.m(" maxlength=\"").num(f.max_length).m("\"");
  described_by(h, f.name, !f.hint.empty(), !f.error.empty());
  h.m(">").t(f.value).m("</textarea></div>");
}

void checkbox_field(Html& h, std::string_view name, std::string_view label, std::string_view hint, bool checked,
                    std::string_view error) {
  h.m("<div class=\"field checkbox\">");
  if (!error.empty()) h.m("<p class=\"field-error\" id=\"f-").t(name).m("-error\">").t(error).m("</p>");
  h.m("<input type=\"checkbox\" name=\"").t(name).m("\" id=\"f-").t(name).m("\" value=\"1\"");
  if (checked) h.m(" checked");
  described_by(h, name, !hint.empty(), !error.empty());
  h.m("><label for=\"f-").t(name).m("\">").t(label).m("</label>");
  if (!hint.empty()) h.m("<p class=\"hint\" id=\"f-").t(name).m("-hint\">").t(hint).m("</p>");
  h.m("</div>");
}

std::vector<std::string> form_values(const PageContext& context, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : context.form) {
    if (key == name) values.push_back(value);
  }
  return values;
}

void group_fields(Html& h, const GroupDraft& d, const std::optional<Error>& error) {
  input_field(h, {.name = "name", .label = "Name", .hint = "3 to 80 characters. It also makes the group's address.",
                  .value = d.name, .error = error_for(error, "name"),
                  .max_length = static_cast<int>(max_group_name_length)});
  input_field(h, {.name = "description", .label = "Short description",
                  .hint = "One sentence that tells people who the group is for. Shown in the directory.",
                  .value = d.description, .error = error_for(error, "description"),
                  .max_length = static_cast<int>(max_group_description_length)});
  textarea_field(h, {.name = "about", .label = "About the group",
                     .hint = "What the group is for, who runs it, what to expect. Markdown works: *emphasis*, "
                             "lists, [links](https://example.org).",
                     .value = d.about, .error = error_for(error, "about"), .required = false,
                     .max_length = static_cast<int>(max_group_about_length)}, 6);
  input_field(h, {.name = "topics", .label = "Topics",
                  .hint = "Up to 8, separated by commas, e.g. dementia, carers. They help people find the group.",
                  .value = join_list(d.topics, ", "), .error = error_for(error, "topics"), .required = false});
  std::vector<Option> regions{{"", "No particular region"}};
  for (const auto& country : all_countries()) regions.push_back({std::string(country.code), std::string(country.name)});
  select_field(h, {.name = "region", .label = "Region",
                   .hint = "If the group is for one country, its support services are shown beside the group.",
                   .value = d.region, .error = error_for(error, "region"), .required = false}, regions);
  language_fields(h, d.languages, error_for(error, "languages"));
  privacy_fields(h, d.privacy, error_for(error, "privacy"));
  textarea_field(h, {.name = "rules", .label = "Rules",
                     .hint = "One rule per line, up to 20. Members accept them when they join, and they are shown "
                             "beside every conversation.",
                     .value = lines(d.rules), .error = error_for(error, "rules"), .required = false}, 5);
  textarea_field(h, {.name = "questions", .label = "Questions for people asking to join",
                     .hint = "Private groups only. One question per line, up to 5. Admins see the answers when they "
                             "decide.",
                     .value = lines(d.questions), .error = error_for(error, "questions"), .required = false}, 3);
  checkbox_field(h, "anonymous_posting", "Allow anonymous posts",
                 "Members may post as \"Anonymous member\". Nobody, moderators included, can see who wrote it.",
                 d.anonymous_posting);
  checkbox_field(h, "search_indexable", "Let search engines show the group",
                 "Public groups only. Otherwise search engines are asked not to index its pages.", d.search_indexable);
}

GroupDraft group_draft_from_form(const PageContext& c) {
  GroupDraft d;
  d.name = c.field("name");
  d.description = c.field("description");
  d.about = c.field("about");
  d.privacy = c.field("privacy");
  d.region = c.field("region");
  d.languages = form_values(c, "languages");
  d.topics = split_list(c.field("topics"));
  d.rules = lines_of(c.field("rules"));
  d.questions = lines_of(c.field("questions"));
  d.anonymous_posting = !c.field("anonymous_posting").empty();
  d.search_indexable = !c.field("search_indexable").empty();
  return d;
}

GroupDraft draft_from_group(const Group& g, std::vector<std::string> rules, std::vector<std::string> questions) {
  return GroupDraft{g.name, g.description, g.about, std::string(privacy_name(g.privacy)), g.region, g.languages,
                    g.topics, std::move(rules), std::move(questions), g.anonymous_posting, g.search_indexable};
}

void persona_choice_fields(Html& h, const PageContext& context, const std::vector<Persona>& mine,
                           const std::optional<Error>& error) {
  const bool reuse = context.field("persona_mode") == "reuse" && !mine.empty();
  const std::string typed = context.has_field("persona_name") ? context.field("persona_name") : random_pseudonym();
  h.m("<fieldset class=\"field persona-choice\"><legend>Your pseudonym in this group</legend>"
      "<p class=\"hint\">Other members see only this name, never your login name.</p>");
  legend_error(h, "persona", error_for(error, "persona"));
  h.m("<div class=\"radio\"><input type=\"radio\" name=\"persona_mode\" id=\"persona-new\" value=\"new\"");
  if (!reuse) h.m(" checked");
  h.m("><label for=\"persona-new\">A new pseudonym, just for this group (recommended)</label></div>"
      "<div class=\"nested\">");
  input_field(h, {.name = "persona_name", .label = "Pseudonym",
                  .hint = "We suggest a friendly random one; change it if you like, or leave it empty for another.",
                  .value = typed, .error = error_for(error, "persona_name"), .required = false,
                  .max_length = static_cast<int>(max_persona_name_length)});
  h.m("</div>");
  if (!mine.empty()) {
    h.m("<div class=\"radio\"><input type=\"radio\" name=\"persona_mode\" id=\"persona-reuse\" value=\"reuse\"");
    if (reuse) h.m(" checked");
    h.m("><label for=\"persona-reuse\">Use a pseudonym I already have</label></div><div class=\"nested\">");
    std::vector<Option> options;
    for (const auto& persona : mine) options.push_back(persona_option(persona));
    select_field(h, {.name = "reuse_persona", .label = "Which pseudonym",
                     .hint = "Careful: anyone who is in both groups will know it is the same person. Using a new "
                             "pseudonym keeps your groups apart.",
                     .value = context.field("reuse_persona")}, options);
    h.m("</div>");
  }
  h.m("</fieldset>");
}

Result<PersonaChoice> persona_choice_from_form(const PageContext& context) {
  PersonaChoice choice;
  if (context.field("persona_mode") == "reuse") {
    choice.reuse = parse_id(context.field("reuse_persona"));
    if (!choice.reuse) return make_error(ErrorCode::invalid_input, "Please choose one of your pseudonyms.", "persona");
    return choice;
  }
  choice.new_name = context.field("persona_name");
  return choice;
}

std::vector<Persona> my_personas(const PageContext& context) {
  if (!context.viewer) return {};
  const AccountId account = context.viewer->account.id;
  return context.env.store.read([&](Connection& c) { return personas::of_account(c, account); });
}

namespace {

std::vector<Option> audience_options() {
  std::vector<Option> options;
  for (const Audience a : {Audience::only_me, Audience::members, Audience::everyone}) {
    options.push_back({std::string(audience_name(a)), std::string(audience_label(a))});
  }
  return options;
}

void audience_select(Html& h, std::string_view field, Audience audience) {
  static const std::vector<Option> options = audience_options();
  std::string name = std::string(field) + "_audience";
  h.m("<div class=\"field audience\"><label for=\"f-").t(name).m("\">Who can see this</label><select id=\"f-").t(name)
      .m("\" name=\"").t(name).m("\">");
  for (const auto& option : options) {
    h.m("<option value=\"").t(option.value).m("\"");
    if (option.value == audience_name(audience)) h.m(" selected");
    h.m(">").t(option.label).m("</option>");
  }
  h.m("</select></div>");
}

}  // namespace

void persona_profile_fields(Html& h, const Persona& p, const std::optional<Error>& error) {
  input_field(h, {.name = "persona_name", .label = "Pseudonym", .hint = "3 to 40 characters. Shown to everyone who "
                  "can see you in your groups.", .value = p.name, .error = error_for(error, "persona_name"),
                  .max_length = static_cast<int>(max_persona_name_length)});
  h.m("<p class=\"hint\">Everything below is optional.</p>");
  h.m("<fieldset class=\"profile-field\"><legend>About me</legend><div class=\"profile-pair\">");
  textarea_field(h, {.name = "about", .label = "In your own words", .value = p.about.value,
                     .error = error_for(error, "about"), .required = false,
                     .max_length = static_cast<int>(max_persona_about_length)}, 4);
  audience_select(h, "about", p.about.audience);
  h.m("</div></fieldset><fieldset class=\"profile-field\"><legend>My connection to the topic</legend>"
      "<div class=\"profile-pair\">");
  std::vector<Option> connections{{"", "I'd rather not say"}};
  for (const char* code : {"living_with", "caring_for", "parent", "professional", "other"}) {
    connections.push_back({code, std::string(*connection_label(code))});
  }
  select_field(h, {.name = "connection", .label = "How I'm connected", .value = p.connection.value,
                   .error = error_for(error, "connection"), .required = false}, connections);
  audience_select(h, "connection", p.connection.audience);
  h.m("</div></fieldset><fieldset class=\"profile-field\"><legend>Region</legend><div class=\"profile-pair\">");
  std::vector<Option> regions{{"", "I'd rather not say"}};
  for (const auto& country : all_countries()) regions.push_back({std::string(country.code), std::string(country.name)});
  select_field(h, {.name = "region", .label = "Country or region", .value = p.region.value,
                   .error = error_for(error, "region"), .required = false}, regions);
  audience_select(h, "region", p.region.audience);
  h.m("</div></fieldset><fieldset class=\"profile-field\"><legend>Age range</legend><div class=\"profile-pair\">");
  std::vector<Option> ages{{"", "I'd rather not say"}};
  for (const char* range : {"under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"}) ages.push_back({range, range});
  select_field(h, {.name = "age_range", .label = "My age range", .value = p.age_range.value,
                   .error = error_for(error, "age_range"), .required = false}, ages);
  audience_select(h, "age_range", p.age_range.audience);
  h.m("</div></fieldset><fieldset class=\"profile-field\"><legend>Pronouns</legend><div class=\"profile-pair\">");
  input_field(h, {.name = "pronouns", .label = "My pronouns", .hint = "For example she/her, he/him, they/them.",
                  .value = p.pronouns.value, .error = error_for(error, "pronouns"), .required = false,
                  .max_length = static_cast<int>(max_pronouns_length)});
  audience_select(h, "pronouns", p.pronouns.audience);
  h.m("</div></fieldset>");
}

Persona persona_from_form(const PageContext& c) {
  const auto audience = [&](std::string_view field) {
    return parse_audience(c.field(std::string(field) + "_audience")).value_or(Audience::only_me);
  };
  Persona p;
  p.name = c.field("persona_name");
  p.about = {c.field("about"), audience("about")};
  p.connection = {c.field("connection"), audience("connection")};
  p.region = {c.field("region"), audience("region")};
  p.age_range = {c.field("age_range"), audience("age_range")};
  p.pronouns = {c.field("pronouns"), audience("pronouns")};
  return p;
}

}  // namespace hearth

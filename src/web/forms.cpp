#include "web/forms.hpp"

namespace hearth {

void csrf_input(Html& h, const PageContext& context) {
  h.m("<input type=\"hidden\" name=\"csrf\" value=\"").t(context.csrf_token()).m("\">");
}

namespace {

void label_and_help(Html& h, const Field& f) {
  h.m("<label for=\"f-").t(f.name).m("\">").t(f.label);
  if (!f.required) h.m(" <span class=\"optional\">(optional)</span>");
  h.m("</label>");
  if (!f.hint.empty()) h.m("<p class=\"hint\" id=\"f-").t(f.name).m("-hint\">").t(f.hint).m("</p>");
  if (!f.error.empty()) h.m("<p class=\"field-error\" id=\"f-").t(f.name).m("-error\">").t(f.error).m("</p>");
}

void described_by(Html& h, const Field& f) {
  if (f.hint.empty() && f.error.empty()) return;
  h.m(" aria-describedby=\"");
  if (!f.hint.empty()) h.m("f-").t(f.name).m("-hint");
  if (!f.hint.empty() && !f.error.empty()) h.m(" ");
  if (!f.error.empty()) h.m("f-").t(f.name).m("-error");
  h.m("\"");
  if (!f.error.empty()) h.m(" aria-invalid=\"true\"");
}

}  // namespace

void input_field(Html& h, const Field& f) {
  h.m("<div class=\"field\">");
  label_and_help(h, f);
  h.m("<input id=\"f-").t(f.name).m("\" name=\"").t(f.name).m("\" type=\"").t(f.type).m("\" autocomplete=\"")
      .t(f.autocomplete).m("\"");
  if (f.type != "password") h.m(" value=\"").t(f.value).m("\"");
  if (f.required) h.m(" required");
  if (f.max_length > 0) h.m(" maxlength=\"").num(f.max_length).m("\"");
  described_by(h, f);
  h.m("></div>");
}

void select_field(Html& h, const Field& f, const std::vector<Option>& options) {
  h.m("<div class=\"field\">");
  label_and_help(h, f);
  h.m("<select id=\"f-").t(f.name).m("\" name=\"").t(f.name).m("\"");
  // WCAG 1.3.5: a choice about the member themselves (country, language) names its purpose.
  if (f.autocomplete != "off") h.m(" autocomplete=\"").t(f.autocomplete).m("\"");
  described_by(h, f);
  h.m(">");
  const std::string* open_group = nullptr;
  for (const auto& option : options) {
    if (!open_group || *open_group != option.group) {
      if (open_group && !open_group->empty()) h.m("</optgroup>");
      if (!option.group.empty()) h.m("<optgroup label=\"").t(option.group).m("\">");
      open_group = &option.group;
    }
    h.m("<option value=\"").t(option.value).m("\"");
    if (option.value == f.value) h.m(" selected");
    h.m(">").t(option.label).m("</option>");
  }
  if (open_group && !open_group->empty()) h.m("</optgroup>");
  h.m("</select></div>");
}

void error_summary(Html& h, const Error& error) {
  h.m("<div class=\"alert alert-error\" role=\"alert\"><p>").t(error.message).m("</p></div>");
}

void notice(Html& h, std::string_view text) {
  h.m("<div class=\"alert alert-ok\" role=\"status\"><p>").t(text).m("</p></div>");
}

}  // namespace hearth

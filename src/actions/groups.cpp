#include "actions/groups.hpp"

#include <fmt/format.h>

#include "actions/group_lookup.hpp"
#include "actions/persona_choice.hpp"
#include "actions/transaction.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "store/audit_log.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "store/search.hpp"

namespace hearth {
namespace {

Group group_from(const GroupDraft& d) {
  Group g;
  g.name = d.name;
  g.description = d.description;
  g.about = d.about;
  g.privacy = *parse_privacy(d.privacy);
  g.region = d.region;
  g.languages = d.languages;
  g.topics = d.topics;
  g.anonymous_posting = d.anonymous_posting;
  g.search_indexable = d.search_indexable;
  return g;
}

Error not_allowed() { return make_error(ErrorCode::forbidden, "Only the group's admins can change this."); }

}  // namespace

Result<Group> do_create_group(const ActionEnvironment& env, AccountId creator, const GroupDraft& raw,
                              const PersonaChoice& choice) {
  auto draft = validate_group_draft(raw);
  if (!draft) return draft.error();
  Group group = group_from(*draft);
  group.id = random_id();
  group.created_at = group.last_activity_at = env.clock.now();
  // A hidden group's address carries a random part: it can't be guessed, and it never
  // takes a plain name, so the address another group gets can't reveal that it exists.
  const std::string base_slug = group.privacy == Privacy::hidden_group
                                    ? slug_from_name(group.name) + "-" + random_readable_code(1, 6)
                                    : slug_from_name(group.name);
  return write_or_error<Group>(env, [&](Connection& c) -> Result<Group> {
    group.slug = base_slug;
    for (int n = 2; groups::slug_taken(c, group.slug); ++n) group.slug = fmt::format("{}-{}", base_slug, n);
    groups::insert(c, group);
    groups::replace_rules(c, group.id, draft->rules);
    groups::replace_questions(c, group.id, draft->questions);
    auto persona = resolve_persona_choice(env, c, creator, group.id, choice);
    if (!persona) return persona.error();
    Membership owner{group.id, creator, persona->id, Role::owner, false, MembershipStatus::active, "",
                     group.created_at, group.created_at};
    memberships::insert(c, owner, persona_key(persona->name), "");
    audit_log::record(c, creator, "group.created", group.created_at);
    return group;
  });
}

Result<Group> do_update_group(const ActionEnvironment& env, AccountId editor, GroupId group_id, const GroupDraft& raw) {
  auto draft = validate_group_draft(raw);
  if (!draft) return draft.error();
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Result<Group> {
    auto view = find_group_in(c, group_id, editor);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return not_allowed();
    Group updated = group_from(*draft);
    updated.id = view->group.id;
    updated.slug = view->group.slug;
    updated.created_at = view->group.created_at;
    updated.last_activity_at = view->group.last_activity_at;
    groups::update(c, updated);
    // Search filters by the privacy stored with each post: keep it in step.
    if (updated.privacy != view->group.privacy) search::refresh_group_privacy(c, group_id, updated.privacy);
    groups::replace_rules(c, group_id, draft->rules);
    groups::replace_questions(c, group_id, draft->questions);
    return updated;
  }));
}

Status do_add_group_service(const ActionEnvironment& env, AccountId editor, GroupId group_id, GroupService service) {
  service.name = std::string(trim(service.name));
  service.phone = std::string(trim(service.phone));
  service.website = std::string(trim(service.website));
  service.description = std::string(trim(service.description));
  for (const std::string* text : {&service.name, &service.phone, &service.website, &service.description}) {
    if (!is_valid_utf8(*text) || has_control_characters(*text) || utf8_length(*text) > 300) {
      return make_error(ErrorCode::invalid_input, "Each part of a service can have at most 300 characters of plain text.");
    }
  }
  if (service.name.empty()) return make_error(ErrorCode::invalid_input, "Please give the service a name.", "name");
  if (service.phone.empty() && service.website.empty()) {
    return make_error(ErrorCode::invalid_input, "Please give a phone number or a website for the service.", "phone");
  }
  if (!service.website.empty() && service.website.rfind("https://", 0) != 0 && service.website.rfind("http://", 0) != 0) {
    return make_error(ErrorCode::invalid_input, "The website must start with https://", "website");
  }
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Status {
    auto view = find_group_in(c, group_id, editor);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return not_allowed();
    if (groups::services(c, group_id).size() >= 20) {
      return make_error(ErrorCode::conflict, "A group can list at most 20 services.");
    }
    service.id = random_id();
    groups::add_service(c, group_id, service);
    return success();
  }));
}

Status do_remove_group_service(const ActionEnvironment& env, AccountId editor, GroupId group_id, int64_t service_id) {
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Status {
    auto view = find_group_in(c, group_id, editor);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return not_allowed();
    if (!groups::remove_service(c, group_id, service_id)) return make_error(ErrorCode::not_found, "There is no such service.");
    return success();
  }));
}

}  // namespace hearth

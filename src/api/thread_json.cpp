#include "api/thread_json.hpp"

#include <boost/json/array.hpp>

#include "actions/conversations.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "core/time_zone.hpp"
#include "policy/moderation.hpp"

namespace hearth {
namespace {

std::string thread_path(std::string_view slug, ThreadId id) { return "/g/" + std::string(slug) + "/t/" + std::to_string(id); }

// A reply may be beyond its conversation's first page: ?post= makes the page show it.
std::string post_path(std::string_view slug, ThreadId thread_id, PostId post_id, bool opening) {
  const std::string id = std::to_string(post_id);
  return thread_path(slug, thread_id) + (opening ? "" : "?post=" + id) + "#post-" + id;
}

boost::json::array segments_json(const std::vector<search::Segment>& segments) {
  boost::json::array array;
  for (const auto& s : segments) array.push_back({{"text", s.text}, {"highlighted", s.highlighted}});
  return array;
}

}  // namespace

boost::json::object author_json(const AuthorDisplay& author, std::optional<bool> you) {
  boost::json::object json;
  if (author.anonymous) {
    json = {{"anonymous", true}, {"label", author.anonymous_label}};
  } else {
    json = {{"anonymous", false},
            {"persona", author.persona_id == 0 ? boost::json::value(nullptr)
                                               : boost::json::value(persona_ref(author.persona_id, author.persona_name))},
            {"role", author.role ? boost::json::value(role_name(*author.role)) : boost::json::value(nullptr)},
            {"trained_volunteer", author.trained_volunteer}};
  }
  if (you) json["you"] = *you;
  return json;
}

boost::json::object group_ref(const Group& group) {
  return {{"slug", group.slug}, {"name", group.name}, {"url", "/g/" + group.slug}};
}

boost::json::object thread_summary_json(const Group& group, const threads::Summary& t, bool member) {
  boost::json::object json{{"id", std::to_string(t.id)},
                           {"group", group_ref(group)},
                           {"title", t.title},
                           {"opening_removed", t.opening_removed},
                           {"pinned", t.pinned},
                           {"locked", t.locked},
                           {"reply_count", t.post_count - 1},
                           {"created_at", format_rfc3339(t.created_at)},
                           {"last_activity_at", format_rfc3339(t.last_activity_at)},
                           {"author", t.opening_removed ? boost::json::value(nullptr)
                                                        : boost::json::value(author_json(t.author, std::nullopt))},
                           {"unread", member && t.unread ? boost::json::value(*t.unread) : boost::json::value(nullptr)},
                           {"following", t.following},
                           {"url", thread_path(group.slug, t.id)}};
  return json;
}

boost::json::object post_json(const posts::PostView& post, const GroupViewer& viewer) {
  const bool mine = viewer.account && post.author_account_id != 0 && post.author_account_id == *viewer.account;
  boost::json::object reactions;
  for (const ReactionKind kind : all_reactions) {
    reactions[reaction_name(kind)] = {{"count", post.reaction_count(kind)}, {"mine", post.reacted(kind)}};
  }
  boost::json::object json{
      {"id", std::to_string(post.id)},
      {"parent_id", post.parent_id ? boost::json::value(std::to_string(*post.parent_id)) : boost::json::value(nullptr)},
      {"depth", post.depth},
      {"removed", post.removed},
      {"author", post.removed ? boost::json::value(nullptr)
                              : boost::json::value(author_json(post.author, can_see_author(post.author.anonymous, mine) && mine))},
      {"body_html", post.body_html},
      {"content_warning", post.content_warning},
      {"created_at", format_rfc3339(post.created_at)},
      {"edited_at", post.edited_at ? boost::json::value(format_rfc3339(*post.edited_at)) : boost::json::value(nullptr)},
      {"reactions", std::move(reactions)},
      {"can_edit", can_edit_post(viewer, mine, post.removed)},
      {"can_see_revisions", post.edited_at.has_value() && !post.removed && can_see_revisions(viewer, mine)}};
  // Moderation: "waiting for a moderator" (only its author and moderators get held posts),
  // and for a post a moderator removed, why — to its author and the moderators only.
  json["held"] = post.held;
  json["removed_by"] = post.removed ? (post.removed_by_moderator ? "moderator" : "author") : "";
  if (post.removed_by_moderator && can_see_removal_explanation(viewer, mine)) {
    json["removal"] = {{"explanation", post.removal_explanation},
                       {"rule", post.removal_rule ? boost::json::value(*post.removal_rule) : nullptr}};
  }
  return json;
}

boost::json::object hit_json(const search::Hit& hit) {
  return {{"post_id", std::to_string(hit.post_id)},
          {"thread_id", std::to_string(hit.thread_id)},
          {"thread_title", hit.thread_title},
          {"opening_post", hit.is_opening_post},
          {"group", {{"slug", hit.group_slug}, {"name", hit.group_name}, {"url", "/g/" + hit.group_slug}}},
          {"title", segments_json(hit.title)},
          {"snippet", segments_json(hit.snippet)},
          {"author", author_json(hit.author, std::nullopt)},
          {"created_at", format_rfc3339(hit.created_at)},
          {"url", post_path(hit.group_slug, hit.thread_id, hit.post_id, hit.is_opening_post)}};
}

boost::json::object feed_entry_json(const thread_reads::FeedEntry& e) {
  return {{"id", std::to_string(e.thread_id)},
          {"title", e.title},
          {"group", {{"slug", e.group_slug}, {"name", e.group_name}, {"url", "/g/" + e.group_slug}}},
          {"reply_count", e.post_count - 1},
          {"unread", e.unread},
          {"following", e.following},
          {"last_activity_at", format_rfc3339(e.last_activity_at)},
          {"url", thread_path(e.group_slug, e.thread_id)}};
}

Result<std::string> idempotency_key_of(const ApiCall& call, const boost::json::object& body) {
  if (const auto header = call.request.header("Idempotency-Key")) return std::string(*header);
  return string_field(body, "idempotency_key", max_idempotency_key_length, false);
}

}  // namespace hearth

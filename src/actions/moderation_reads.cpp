#include "actions/moderation_reads.hpp"

#include <algorithm>

#include "actions/conversations.hpp"
#include "actions/moderation_target.hpp"
#include "policy/moderation.hpp"
#include "store/groups.hpp"
#include "store/moderation_settings.hpp"

namespace hearth {
namespace {

Error only_moderators() {
  return make_error(ErrorCode::forbidden, "Only the group's moderators can see this.");
}

// The group, if the viewer moderates it; the refusal otherwise (not found for a group they
// may not read, so that nothing about it leaks).
Result<GroupInView> moderated_group(Connection& c, GroupId group_id, AccountId moderator) {
  auto group = find_group_in(c, group_id, moderator);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
  if (!can_moderate(group->viewer)) return only_moderators();
  return std::move(*group);
}

QueueEntry post_entry(Connection& c, const ActionEnvironment& env, GroupId group_id, moderation_queue::PostCard card) {
  QueueEntry entry;
  entry.reports = reports::open_for(c, group_id, ReportItem::post, card.id);
  entry.since = entry.reports.count > 0 ? std::min(entry.reports.first_at, card.created_at) : card.created_at;
  entry.flags = filter_flags::open_for(c, group_id, card.id);
  if (card.author.anonymous) entry.handle = anonymous_handle(env.secret_key, card.id);
  entry.post = std::move(card);
  return entry;
}

}  // namespace

bool QueueEntry::at_risk() const {
  if (message && message->message.at_risk) return true;
  return reports.at_risk || std::any_of(flags.begin(), flags.end(), [](const auto& f) { return f.at_risk; });
}

Result<QueueView> read_moderation_queue(const ActionEnvironment& env, AccountId moderator, GroupId group_id) {
  return env.store.read([&](Connection& c) -> Result<QueueView> {
    auto group = moderated_group(c, group_id, moderator);
    if (!group) return group.error();
    QueueView view{std::move(*group), groups::rules(c, group_id), {}, {}, moderation_settings::find(c, group_id)};
    std::vector<PostId> seen;
    for (auto& held : moderation_queue::held_posts(c, group_id, max_queue_items)) {
      seen.push_back(held.id);
      view.items.push_back(post_entry(c, env, group_id, std::move(held)));
    }
    for (const auto& open : reports::open_items(c, group_id, max_queue_items)) {
      if (std::find(seen.begin(), seen.end(), open.item_id) != seen.end()) continue;
      if (open.item == ReportItem::post) {
        auto card = moderation_queue::post_card(c, group_id, open.item_id);
        if (!card) continue;
        seen.push_back(card->id);
        view.items.push_back(post_entry(c, env, group_id, std::move(*card)));
      } else if (open.item == ReportItem::persona) {
        auto persona = moderation_queue::persona_card(c, group_id, open.item_id);
        if (!persona) continue;
        view.items.push_back(QueueEntry{open, std::nullopt, std::move(persona), "", open.first_at});
      }
    }
    // Posts the safety filters flagged (crisis language among them) that nobody reported.
    for (const auto& flagged : filter_flags::open_posts(c, group_id, max_queue_items)) {
      if (std::find(seen.begin(), seen.end(), flagged.post_id) != seen.end()) continue;
      auto card = moderation_queue::post_card(c, group_id, flagged.post_id);
      if (!card) continue;
      view.items.push_back(post_entry(c, env, group_id, std::move(*card)));
      view.items.back().since = std::min(view.items.back().since, flagged.first_at);
    }
    // Private messages a participant reported or a filter held or flagged (docs/messages.md).
    for (auto& card : messages::queue_cards(c, group_id, max_queue_items)) {
      QueueEntry entry;
      entry.reports = reports::open_for(c, group_id, ReportItem::message, card.message.id);
      entry.since = entry.reports.count > 0 ? std::min(entry.reports.first_at, card.message.created_at)
                                            : card.message.created_at;
      entry.message = std::move(card);
      view.items.push_back(std::move(entry));
    }
    std::stable_sort(view.items.begin(), view.items.end(), [](const QueueEntry& a, const QueueEntry& b) {
      if (a.at_risk() != b.at_risk()) return a.at_risk();
      return a.since < b.since;
    });
    if (view.items.size() > max_queue_items) view.items.resize(max_queue_items);
    view.in_force = sanctions::in_force(c, group_id, env.clock.now(), 100);
    return view;
  });
}

Result<PostModerationView> read_post_moderation(const ActionEnvironment& env, AccountId moderator, PostId post_id) {
  return env.store.read([&](Connection& c) -> Result<PostModerationView> {
    auto found = find_post_in(c, post_id, moderator);
    if (!found) return post_not_found();
    const GroupInView& group = found->thread.group;
    if (!can_moderate(group.viewer)) return only_moderators();
    auto card = moderation_queue::post_card(c, group.group.id, post_id);
    if (!card) return post_not_found();
    const ModerationTarget target = post_author_target(c, env.secret_key, found->post);
    PostModerationView view{group,
                            groups::rules(c, group.group.id),
                            std::move(*card),
                            target.subject.handle,
                            std::nullopt,
                            reports::open_for(c, group.group.id, ReportItem::post, post_id),
                            filter_flags::open_for(c, group.group.id, post_id),
                            sanctions::history(c, group.group.id, target.subject),
                            {},
                            moderator_notes::about(c, group.group.id, target.subject)};
    if (target.subject.persona_id) {
      view.author = moderation_queue::persona_card(c, group.group.id, *target.subject.persona_id);
    }
    view.standing = sanctions::standing(view.history, env.clock.now());
    return view;
  });
}

Result<MemberModerationView> read_member_moderation(const ActionEnvironment& env, AccountId moderator, GroupId group_id,
                                                    PersonaId persona_id) {
  return env.store.read([&](Connection& c) -> Result<MemberModerationView> {
    auto group = moderated_group(c, group_id, moderator);
    if (!group) return group.error();
    auto persona = moderation_queue::persona_card(c, group_id, persona_id);
    if (!persona) return make_error(ErrorCode::not_found, "That person isn't a member of this group.");
    const sanctions::Subject subject{persona_id, ""};
    MemberModerationView view{std::move(*group),
                              groups::rules(c, group_id),
                              std::move(*persona),
                              reports::open_for(c, group_id, ReportItem::persona, persona_id),
                              sanctions::history(c, group_id, subject),
                              {},
                              moderator_notes::about(c, group_id, subject)};
    view.standing = sanctions::standing(view.history, env.clock.now());
    return view;
  });
}

std::optional<LogView> read_moderation_log(const ActionEnvironment& env, std::optional<AccountId> viewer,
                                           GroupId group_id, std::optional<UnixMillis> before) {
  return env.store.read([&](Connection& c) -> std::optional<LogView> {
    auto group = find_group_in(c, group_id, viewer);
    if (!group || !can_read_moderation_log(group->group.privacy, group->viewer)) return std::nullopt;
    const bool full = can_read_full_moderation_log(group->viewer);
    return LogView{full, moderation_log::recent(c, group_id, full, before, 100)};
  });
}

std::optional<ModerationSettings> read_moderation_settings(const ActionEnvironment& env,
                                                           std::optional<AccountId> viewer, GroupId group_id) {
  return env.store.read([&](Connection& c) -> std::optional<ModerationSettings> {
    auto group = find_group_in(c, group_id, viewer);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return std::nullopt;
    return moderation_settings::find(c, group_id);
  });
}

namespace {

// A group that no longer exists for the member (a hidden group they left or were banned
// from) is not named: its slug and name are blanked, and pages say "a hidden group".
template <class Item>
void hide_unseen_groups(std::vector<Item>& items, AccountId account) {
  for (Item& item : items) {
    GroupViewer viewer{account, std::nullopt};
    if (item.membership) {
      viewer.membership = Membership{};
      viewer.membership->status = *item.membership;
    }
    if (can_see_group(item.privacy, viewer)) continue;
    item.group_slug.clear();
    item.group_name.clear();
  }
}

}  // namespace

std::vector<reports::MyReport> read_my_reports(const ActionEnvironment& env, AccountId account) {
  auto mine = env.store.read([&](Connection& c) { return reports::of_reporter(c, account, 200); });
  hide_unseen_groups(mine, account);
  return mine;
}

std::vector<sanctions::Notice> read_my_notices(const ActionEnvironment& env, AccountId account) {
  auto mine = env.store.read([&](Connection& c) { return sanctions::notices_for(c, account, 200); });
  hide_unseen_groups(mine, account);
  return mine;
}

}  // namespace hearth

#include "actions/word_lists.hpp"

#include <fmt/format.h>

#include "actions/transaction.hpp"
#include "core/text.hpp"
#include "safety/list_entry.hpp"
#include "store/filter_settings.hpp"
#include "store/moderation_log.hpp"
#include "store/platform_admins.hpp"
#include "store/audit_log.hpp"

namespace hearth {
namespace {

Error only_keepers(std::optional<GroupId> group) {
  return make_error(ErrorCode::forbidden, group ? "Only the group's moderators can change its watched words."
                                                : "Only platform admins can change the platform's watched words.");
}

// The group, for a viewer who keeps its list (its moderators); the refusal otherwise. A group
// the viewer may not read answers like one that doesn't exist.
Result<std::optional<GroupInView>> keeper_of(Connection& c, AccountId account, std::optional<GroupId> group_id) {
  if (!group_id) {
    if (!platform_admins::is_admin(c, account)) return only_keepers(group_id);
    return std::optional<GroupInView>{};
  }
  auto group = find_group_in(c, *group_id, account);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
  if (!can_moderate(group->viewer)) return only_keepers(group_id);
  return std::optional<GroupInView>(std::move(*group));
}

// What the list's keepers can read later: the group's moderation log (moderators only,
// never public), or the platform admins' log.
void record_change(Connection& c, std::optional<GroupId> group, AccountId account, std::string_view action,
                   std::string reason, UnixMillis now) {
  if (!group) {
    audit_log::record_admin(c, account, "admin." + std::string(action), reason, now);
    return;
  }
  moderation_log::record(c, {.group_id = *group,
                             .actor = account,
                             .action = std::string(action),
                             .target_kind = "group",
                             .reason = std::move(reason),
                             .at = now});
}

Result<std::string> checked_message(std::string_view text) {
  const std::string message(trim(text));
  if (message.size() > safety::max_block_message_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("The message can have at most {} characters.", safety::max_block_message_length),
                      "message");
  }
  return message;
}

}  // namespace

Result<WatchedWordsView> read_watched_words(const ActionEnvironment& env, AccountId account,
                                            std::optional<GroupId> group) {
  return env.store.read([&](Connection& c) -> Result<WatchedWordsView> {
    auto keeper = keeper_of(c, account, group);
    if (!keeper) return keeper.error();
    WatchedWordsView view;
    view.group = std::move(*keeper);
    view.words = watched_words::list(c, group);
    if (group) {
      view.strict_third_party = filter_settings::strict_third_party(c, *group);
      view.can_change_settings = can_manage(view.group->viewer);
    }
    return view;
  });
}

Result<int64_t> do_add_watched_word(const ActionEnvironment& env, AccountId account, std::optional<GroupId> group,
                                    const NewWatchedEntry& entry) {
  auto prepared = safety::prepare_list_entry(entry.phrase);
  if (!prepared) return prepared.error();
  auto message = checked_message(entry.message);
  if (!message) return message.error();
  return write_or_error<int64_t>(env, [&](Connection& c) -> Result<int64_t> {
    if (auto keeper = keeper_of(c, account, group); !keeper) return keeper.error();
    if (watched_words::count(c, group) >= static_cast<int64_t>(safety::max_watched_words_per_list)) {
      return make_error(ErrorCode::conflict,
                        fmt::format("This list is full ({} entries). Please remove some before adding more.",
                                    safety::max_watched_words_per_list),
                        "phrase");
    }
    const UnixMillis now = env.clock.now();
    const auto id = watched_words::add(c, {.group_id = group,
                                           .phrase = prepared->phrase,
                                           .phrase_key = prepared->key,
                                           .action = entry.action,
                                           .message = entry.action == WatchAction::block ? *message : "",
                                           .created_by = account,
                                           .created_at = now});
    if (!id) return make_error(ErrorCode::conflict, "That's already on the list.", "phrase");
    record_change(c, group, account, "words.added",
                  fmt::format("\"{}\" ({})", prepared->phrase, watch_action_name(entry.action)), now);
    return *id;
  });
}

Status do_remove_watched_word(const ActionEnvironment& env, AccountId account, std::optional<GroupId> group,
                              int64_t id) {
  return write_or_error<Done>(env, [&](Connection& c) -> Status {
    if (auto keeper = keeper_of(c, account, group); !keeper) return keeper.error();
    std::string phrase;
    for (const auto& word : watched_words::list(c, group)) {
      if (word.id == id) phrase = word.phrase;
    }
    if (!watched_words::remove(c, group, id)) return success();  // already gone: a repeated click
    record_change(c, group, account, "words.removed", "\"" + phrase + "\"", env.clock.now());
    return success();
  });
}

Status do_set_strict_third_party(const ActionEnvironment& env, AccountId account, GroupId group_id, bool strict) {
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto group = find_group_in(c, group_id, account);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
    if (!can_manage(group->viewer)) {
      return make_error(ErrorCode::forbidden, "Only the group's admins can change this setting.");
    }
    if (filter_settings::strict_third_party(c, group_id) == strict) return success();
    filter_settings::set_strict_third_party(c, group_id, strict);
    moderation_log::record(c, {.group_id = group_id,
                               .actor = account,
                               .action = strict ? "settings.strict_third_party.on" : "settings.strict_third_party.off",
                               .target_kind = "group",
                               .public_summary = strict ? "Posts with someone else's details now wait for a moderator."
                                                        : "Posts with someone else's details no longer wait for a "
                                                          "moderator; their authors are asked to reconsider.",
                               .at = env.clock.now()});
    return success();
  });
  if (done) env.changes->group_changed(group_id);
  return done;
}

std::vector<MuteWord> read_mute_words(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) { return mute_words::list(c, account); });
}

Result<int64_t> do_add_mute_word(const ActionEnvironment& env, AccountId account, std::string_view phrase) {
  auto prepared = safety::prepare_list_entry(phrase);
  if (!prepared) return prepared.error();
  return write_or_error<int64_t>(env, [&](Connection& c) -> Result<int64_t> {
    if (mute_words::count(c, account) >= static_cast<int64_t>(safety::max_mute_words)) {
      return make_error(ErrorCode::conflict,
                        fmt::format("You can keep up to {} mute words. Please remove some before adding more.",
                                    safety::max_mute_words),
                        "phrase");
    }
    const auto id = mute_words::add(c, account, prepared->phrase, prepared->key, env.clock.now());
    if (!id) return make_error(ErrorCode::conflict, "That's already one of your mute words.", "phrase");
    return *id;
  });
}

Status do_remove_mute_word(const ActionEnvironment& env, AccountId account, int64_t id) {
  env.store.write([&](Connection& c) { mute_words::remove(c, account, id); });
  return success();  // already gone: a repeated click changes nothing
}

}  // namespace hearth

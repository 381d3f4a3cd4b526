#pragma once
// What committed writes changed, told by the actions AFTER their transaction commits
// (never before: a reader must not see "changed" and then load the old data).
//
// Today it lets web/page_cache tell whether a rendered copy of a page is still current;
// it is the place where live updates will be published too. It holds versions, not data:
// a cached copy remembers the versions it was rendered at and is current while they are
// unchanged.
//
// Versions live in a fixed number of hashed buckets, so memory stays bounded however many
// groups and threads exist. Two ids sharing a bucket only cost an extra re-render, never
// a stale page. With several nodes each node has its own feed; changes made through
// another node reach it through the store's notifications (PostgreSQL LISTEN/NOTIFY).
#include <array>
#include <atomic>
#include <cstdint>

#include "domain/conversation.hpp"
#include "domain/group.hpp"

namespace hearth {

class ChangeFeed {
 public:
  // Anything shown around a group's content: its name, privacy, rules, settings, roles,
  // badges, personas' names. Every page of the group counts as changed.
  void group_changed(GroupId group);
  // One conversation: its posts, reactions, title, pinned and locked.
  void thread_changed(ThreadId thread);
  // Something every page may show (rare: platform-wide settings).
  void everything_changed();

  // Grow whenever the matching *_changed() is called (or everything_changed()).
  uint64_t group_version(GroupId group) const;
  uint64_t thread_version(ThreadId thread) const;

  // The versions of a group and one of its conversations. Taken BEFORE reading what a page
  // shows, it tells later whether anything the page shows may have changed since.
  struct Snapshot {
    GroupId group = 0;
    uint64_t group_version = 0;
    ThreadId thread = 0;
    uint64_t thread_version = 0;
  };
  Snapshot snapshot(GroupId group, ThreadId thread) const;
  bool unchanged_since(const Snapshot& snapshot) const;

 private:
  static constexpr std::size_t bucket_count = 8192;
  static std::size_t bucket_of(int64_t id);

  std::atomic<uint64_t> everything_{0};
  std::array<std::atomic<uint64_t>, bucket_count> groups_{};
  std::array<std::atomic<uint64_t>, bucket_count> threads_{};
};

// Passes an action's result through, telling `feed` first that the group changed when the
// write succeeded: `return group_changed_if_done(feed, id, env.store.write(...));`
template <class ActionResult>
ActionResult group_changed_if_done(ChangeFeed& feed, GroupId group, ActionResult result) {
  if (result) feed.group_changed(group);
  return result;
}

}  // namespace hearth

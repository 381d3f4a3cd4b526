#pragma once
// What committed writes changed, told by the actions AFTER their transaction commits
// (never before: a reader must not see "changed" and then load the old data).
//
// Two kinds of reader use it:
//  - page caches (web/guest_page_cache) compare versions: a cached copy remembers the
//    versions it was rendered at and is current while they are unchanged. Versions live in
//    a fixed number of hashed buckets, so memory stays bounded however many groups and
//    threads exist; two ids sharing a bucket only cost an extra re-render, never a stale page.
//  - live streams (Server-Sent Events) listen: a Listener names the topics it cares about
//    (a thread, a group, a member) and its wake function is called after every change to
//    one of them. A wake is only a nudge, carrying no data: the stream then reads what
//    happened from the database (store/thread_events, the outbox the actions write inside
//    their transactions), from the last event it sent. So a nudge too many costs one read,
//    a nudge that comes early finds nothing new yet, and nothing is ever published that
//    has not committed.
//
// Because a nudge is all it takes, other nodes' writes arrive the same way: with several
// nodes on one PostgreSQL database, every change told here is also published to the other
// nodes (publish_to: Store::publish_change, LISTEN/NOTIFY, ids only), and what they publish
// is applied here (apply_remote), waking local streams and staling local cached pages; the
// streams then read the shared tables as for a local write.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/account.hpp"
#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/change_notice.hpp"

namespace hearth {

class ChangeFeed {
 public:
  ChangeFeed();
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Anything shown around a group's content: its name, privacy, rules, settings, roles,
  // memberships, badges, personas' names. Every page of the group counts as changed.
  void group_changed(GroupId group);
  // One conversation: its posts, reactions, title, pinned and locked.
  void thread_changed(ThreadId thread);
  // The same, from a source that knows the thread's group (another node's notification).
  void thread_changed(ThreadId thread, GroupId group);
  // What one member sees of their own reading changed (threads read, followed).
  void account_changed(AccountId account);
  // Something every page may show (rare: platform-wide settings).
  void everything_changed();

  // Where this node's changes go besides its own readers (the other nodes). Set once, before
  // any change is told; called after the local readers were told, on the telling thread.
  void publish_to(std::function<void(const ChangeNotice&)> publisher);
  // A change another node made: told to this node's readers like the calls above, and not
  // published again.
  void apply_remote(const ChangeNotice& notice);

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

  // --- Live streams ---

  enum class Topic : uint8_t {
    thread,          // thread_changed(thread)
    group,           // group_changed(group): settings, privacy, memberships, bans
    group_activity,  // thread_changed() of any thread of the group (new posts, reactions…)
    account,         // account_changed(account)
  };
  struct Key {
    Topic topic = Topic::thread;
    int64_t id = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };

  class Listener;
  // A listener that calls `wake` after each change to one of its topics (none at first:
  // see Listener::listen). `wake` runs on the thread that reported the change, with a lock
  // of the feed held: it must be quick and must not call back into the feed (post work
  // elsewhere instead). Once the listener is destroyed, `wake` is never called again.
  std::unique_ptr<Listener> listen(std::function<void()> wake);
  std::size_t listener_count() const;

  // Called inside a write transaction (record_thread_event, actions/live_events.hpp): the
  // group of a thread whose change is about to commit, so that the thread_changed(thread)
  // that follows the commit also wakes the group's listeners (a member's unread count).
  // A note whose transaction rolled back only costs a spurious wake later.
  void note_thread_group(ThreadId thread, GroupId group);

 private:
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<Key, std::vector<Listener*>, KeyHash> listeners;
  };
  static constexpr std::size_t shard_count = 64;
  static constexpr std::size_t bucket_count = 8192;
  static constexpr std::size_t max_notes = 4096;
  static std::size_t bucket_of(int64_t id);

  void publish(const ChangeNotice& notice) const {
    if (publisher_) publisher_(notice);
  }
  void thread_changed_here(ThreadId thread, std::optional<GroupId> group);

  Shard& shard_of(const Key& key);
  void wake(const Key& key);
  void wake_all();
  void add(Listener* listener, const Key& key);
  void remove(Listener* listener, const Key& key);
  std::optional<GroupId> take_note(ThreadId thread);

  std::atomic<uint64_t> everything_{0};
  std::array<std::atomic<uint64_t>, bucket_count> groups_{};
  std::array<std::atomic<uint64_t>, bucket_count> threads_{};
  std::array<Shard, shard_count> shards_;
  std::atomic<std::size_t> listener_count_{0};
  std::mutex notes_mutex_;
  std::unordered_map<ThreadId, GroupId> notes_;
  std::function<void(const ChangeNotice&)> publisher_;
};

class ChangeFeed::Listener {
 public:
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Replaces the topics this listener is woken for. Thread-safe with the feed's wakes,
  // but one listener must not be changed from two threads at once.
  void listen(std::vector<Key> keys);
  const std::vector<Key>& keys() const { return keys_; }

 private:
  friend class ChangeFeed;
  Listener(ChangeFeed& feed, std::function<void()> wake) : feed_(feed), wake_(std::move(wake)) {}
  ChangeFeed& feed_;
  std::function<void()> wake_;
  std::vector<Key> keys_;
};

// Passes an action's result through, telling `feed` first that the group changed when the
// write succeeded: `return group_changed_if_done(feed, id, env.store.write(...));`
template <class ActionResult>
ActionResult group_changed_if_done(ChangeFeed& feed, GroupId group, ActionResult result) {
  if (result) feed.group_changed(group);
  return result;
}

// The same for a member's own reading: `return account_changed_if_done(feed, account, …);`
template <class ActionResult>
ActionResult account_changed_if_done(ChangeFeed& feed, AccountId account, ActionResult result) {
  if (result) feed.account_changed(account);
  return result;
}

}  // namespace hearth

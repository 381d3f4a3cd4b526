#include "actions/change_feed.hpp"

#include <algorithm>
#include <utility>

namespace hearth {
namespace {

bool key_less(const ChangeFeed::Key& a, const ChangeFeed::Key& b) {
  return std::pair(a.topic, a.id) < std::pair(b.topic, b.id);
}

}  // namespace

ChangeFeed::ChangeFeed() = default;

ChangeFeed::~ChangeFeed() = default;

std::size_t ChangeFeed::bucket_of(int64_t id) {
  // Ids are random 63-bit numbers or small sequential ones; mixing makes either spread.
  auto x = static_cast<uint64_t>(id);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x % bucket_count);
}

std::size_t ChangeFeed::KeyHash::operator()(const Key& key) const noexcept {
  auto x = static_cast<uint64_t>(key.id) ^ (static_cast<uint64_t>(key.topic) << 60);
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x);
}

void ChangeFeed::group_changed(GroupId group) {
  groups_[bucket_of(group)].fetch_add(1, std::memory_order_release);
  wake({Topic::group, group});
  publish({ChangeNotice::Kind::group, group, 0});
}

void ChangeFeed::thread_changed(ThreadId thread) {
  const auto group = take_note(thread);
  thread_changed_here(thread, group);
  publish({ChangeNotice::Kind::thread, thread, group.value_or(0)});
}

void ChangeFeed::thread_changed(ThreadId thread, GroupId group) {
  (void)take_note(thread);
  thread_changed_here(thread, group);
  publish({ChangeNotice::Kind::thread, thread, group});
}

void ChangeFeed::thread_changed_here(ThreadId thread, std::optional<GroupId> group) {
  threads_[bucket_of(thread)].fetch_add(1, std::memory_order_release);
  wake({Topic::thread, thread});
  if (group) wake({Topic::group_activity, *group});
}

void ChangeFeed::account_changed(AccountId account) {
  wake({Topic::account, account});
  publish({ChangeNotice::Kind::account, account, 0});
}

void ChangeFeed::everything_changed() {
  everything_.fetch_add(1, std::memory_order_release);
  wake_all();
  publish({});
}

void ChangeFeed::publish_to(std::function<void(const ChangeNotice&)> publisher) {
  publisher_ = std::move(publisher);
}

void ChangeFeed::apply_remote(const ChangeNotice& notice) {
  switch (notice.kind) {
    case ChangeNotice::Kind::thread:
      thread_changed_here(notice.id, notice.group != 0 ? std::optional<GroupId>(notice.group) : std::nullopt);
      return;
    case ChangeNotice::Kind::group:
      groups_[bucket_of(notice.id)].fetch_add(1, std::memory_order_release);
      wake({Topic::group, notice.id});
      return;
    case ChangeNotice::Kind::account:
      wake({Topic::account, notice.id});
      return;
    case ChangeNotice::Kind::everything:
      everything_.fetch_add(1, std::memory_order_release);
      wake_all();
      return;
  }
}

// The sum of two counters that only grow grows whenever either does.
uint64_t ChangeFeed::group_version(GroupId group) const {
  return everything_.load(std::memory_order_acquire) + groups_[bucket_of(group)].load(std::memory_order_acquire);
}

uint64_t ChangeFeed::thread_version(ThreadId thread) const {
  return everything_.load(std::memory_order_acquire) + threads_[bucket_of(thread)].load(std::memory_order_acquire);
}

ChangeFeed::Snapshot ChangeFeed::snapshot(GroupId group, ThreadId thread) const {
  return {group, group_version(group), thread, thread_version(thread)};
}

bool ChangeFeed::unchanged_since(const Snapshot& s) const {
  return group_version(s.group) == s.group_version && thread_version(s.thread) == s.thread_version;
}

// --- Live streams ---

std::unique_ptr<ChangeFeed::Listener> ChangeFeed::listen(std::function<void()> wake) {
  listener_count_.fetch_add(1, std::memory_order_relaxed);
  return std::unique_ptr<Listener>(new Listener(*this, std::move(wake)));
}

std::size_t ChangeFeed::listener_count() const {
  return listener_count_.load(std::memory_order_relaxed);
}

ChangeFeed::Shard& ChangeFeed::shard_of(const Key& key) {
  return shards_[KeyHash{}(key) % shard_count];
}

// Wakes are called with the shard's lock held, so that removing a listener (which takes the
// same lock) guarantees its wake is not running and will not run again.
void ChangeFeed::wake(const Key& key) {
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.listeners.find(key);
  if (found == shard.listeners.end()) return;
  for (Listener* listener : found->second) listener->wake_();
}

void ChangeFeed::wake_all() {
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [key, listeners] : shard.listeners) {
      for (Listener* listener : listeners) listener->wake_();
    }
  }
}

void ChangeFeed::add(Listener* listener, const Key& key) {
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  shard.listeners[key].push_back(listener);
}

void ChangeFeed::remove(Listener* listener, const Key& key) {
  Shard& shard = shard_of(key);
  std::lock_guard lock(shard.mutex);
  const auto found = shard.listeners.find(key);
  if (found == shard.listeners.end()) return;
  auto& list = found->second;
  const auto at = std::find(list.begin(), list.end(), listener);
  if (at != list.end()) {
    *at = list.back();
    list.pop_back();
  }
  if (list.empty()) shard.listeners.erase(found);
}

void ChangeFeed::note_thread_group(ThreadId thread, GroupId group) {
  std::lock_guard lock(notes_mutex_);
  // Notes of rolled-back transactions are never taken; starting over bounds them.
  if (notes_.size() >= max_notes) notes_.clear();
  notes_[thread] = group;
}

std::optional<GroupId> ChangeFeed::take_note(ThreadId thread) {
  std::lock_guard lock(notes_mutex_);
  const auto found = notes_.find(thread);
  if (found == notes_.end()) return std::nullopt;
  const GroupId group = found->second;
  notes_.erase(found);
  return group;
}

ChangeFeed::Listener::~Listener() {
  for (const Key& key : keys_) feed_.remove(this, key);
  feed_.listener_count_.fetch_sub(1, std::memory_order_relaxed);
}

void ChangeFeed::Listener::listen(std::vector<Key> keys) {
  std::sort(keys.begin(), keys.end(), key_less);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  // Added before the old ones go, so no change between the two is missed.
  for (const Key& key : keys) {
    if (!std::binary_search(keys_.begin(), keys_.end(), key, key_less)) feed_.add(this, key);
  }
  for (const Key& key : keys_) {
    if (!std::binary_search(keys.begin(), keys.end(), key, key_less)) feed_.remove(this, key);
  }
  keys_ = std::move(keys);
}

}  // namespace hearth

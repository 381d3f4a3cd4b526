#include "actions/change_feed.hpp"

namespace hearth {

std::size_t ChangeFeed::bucket_of(int64_t id) {
  // Ids are random 63-bit numbers or small sequential ones; mixing makes either spread.
  auto x = static_cast<uint64_t>(id);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<std::size_t>(x % bucket_count);
}

void ChangeFeed::group_changed(GroupId group) {
  groups_[bucket_of(group)].fetch_add(1, std::memory_order_release);
}

void ChangeFeed::thread_changed(ThreadId thread) {
  threads_[bucket_of(thread)].fetch_add(1, std::memory_order_release);
}

void ChangeFeed::everything_changed() {
  everything_.fetch_add(1, std::memory_order_release);
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

}  // namespace hearth

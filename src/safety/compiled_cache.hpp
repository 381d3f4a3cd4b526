#pragma once
// A small thread-safe cache of compiled pattern sets, keyed by a list (a group, a member)
// and the version (or fingerprint) of its content. A changed list is compiled once, outside
// the lock, and swapped in whole; scans holding the old set keep it alive until they finish.
// At most `capacity` lists are kept; the least recently used goes first.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace hearth::safety {

template <class T>
class CompiledCache {
 public:
  explicit CompiledCache(std::size_t capacity) : capacity_(capacity) {}

  // The value for `key` at `version`, built by `build` when the cache has no value at
  // that version.
  std::shared_ptr<const T> get(int64_t key, uint64_t version, const std::function<std::shared_ptr<const T>()>& build) {
    {
      const std::lock_guard lock(mutex_);
      if (auto found = entries_.find(key); found != entries_.end() && found->second.version == version) {
        found->second.used = ++clock_;
        return found->second.value;
      }
    }
    std::shared_ptr<const T> value = build();
    const std::lock_guard lock(mutex_);
    ++builds_;
    Entry& entry = entries_[key];
    entry = Entry{version, value, ++clock_};
    evict();
    return value;
  }

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
  }
  // How many times a value was built: for tests, and to watch compile churn.
  uint64_t builds() const {
    const std::lock_guard lock(mutex_);
    return builds_;
  }

 private:
  struct Entry {
    uint64_t version = 0;
    std::shared_ptr<const T> value;
    uint64_t used = 0;
  };

  void evict() {
    while (entries_.size() > capacity_) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.used < oldest->second.used) oldest = it;
      }
      entries_.erase(oldest);
    }
  }

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<int64_t, Entry> entries_;
  uint64_t clock_ = 0;
  uint64_t builds_ = 0;
};

}  // namespace hearth::safety

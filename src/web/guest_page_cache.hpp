#pragma once
// Kept copies of the pages guests read in public groups, answered without touching the
// database while they are current.
//
// Why: most readers of a public group are logged out, and rendering a conversation of 50
// replies costs three read transactions and a page of HTML; a kept copy costs a hash
// look-up on the network thread (DESIGN.md: a guest thread page at half nginx's req/s).
//
// What keeps a copy honest:
//  - only a page rendered for a guest (no session cookie, no viewer) of a PUBLIC group,
//    with status 200 and no cookie set, is kept: members never get a kept copy, and
//    nothing a member-only page shows can end up in one;
//  - a copy remembers the ChangeFeed versions of its group and its conversation, taken
//    BEFORE the data it shows was read; any change committed after that (a reply, an
//    edit, a removal, a rename, the group turning private) bumps them and the copy is
//    dropped when next asked for;
//  - a copy lives at most `max_age_ms`, because relative times ("3 minutes ago") move on;
//  - the key is the request target plus the guest's time-zone cookie: the only inputs a
//    guest's page depends on.
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "actions/change_feed.hpp"
#include "core/clock.hpp"
#include "core/http_message.hpp"

namespace hearth {

class GuestPageCache {
 public:
  GuestPageCache(const ChangeFeed& feed, const Clock& clock, std::size_t max_bytes, int64_t max_age_ms);

  // The key for a guest's request, or nothing when the request carries a session (its
  // page is not a guest's page).
  static std::optional<std::string> key_for(const Request& request);

  // A kept, current copy, or nothing.
  std::optional<Response> find(const std::string& key);
  // Keeps a copy of `response` (with its gzip form prepared once) when it may be kept.
  // `rendered_at` was taken from the feed before the page's data was read.
  void keep(const std::string& key, const Response& response, const ChangeFeed::Snapshot& rendered_at);

  std::size_t size() const;

 private:
  struct Entry {
    Response response;
    ChangeFeed::Snapshot rendered_at;
    UnixMillis expires_at = 0;
    std::size_t bytes = 0;
    std::list<std::string>::iterator age;  // position in recency_ (front: most recent)
  };

  bool current(const Entry& entry, UnixMillis now) const;
  void drop(std::unordered_map<std::string, Entry>::iterator it);

  const ChangeFeed& feed_;
  const Clock& clock_;
  const std::size_t max_bytes_;
  const int64_t max_age_ms_;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;
  std::size_t bytes_ = 0;
};

}  // namespace hearth

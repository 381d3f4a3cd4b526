#include "web/guest_page_cache.hpp"

#include "core/compression.hpp"
#include "core/metrics.hpp"
#include "web/page_context.hpp"

namespace hearth {
namespace {

constexpr std::string_view lookups_metric = "hearth_guest_page_cache_lookups_total";

Metrics::Handle lookup_counter(std::string_view result) {
  Metrics::global().describe(lookups_metric, MetricType::counter,
                             "Look-ups of kept guest pages, by result (hit, miss, stale).");
  return Metrics::global().counter(lookups_metric, {{"result", result}});
}

void count_lookup(std::string_view result) {
  static const Metrics::Handle hit = lookup_counter("hit");
  static const Metrics::Handle miss = lookup_counter("miss");
  static const Metrics::Handle stale = lookup_counter("stale");
  Metrics::global().count(result == "hit" ? hit : result == "miss" ? miss : stale);
}

}  // namespace

GuestPageCache::GuestPageCache(const ChangeFeed& feed, const Clock& clock, std::size_t max_bytes,
                               int64_t max_age_ms)
    : feed_(feed), clock_(clock), max_bytes_(max_bytes), max_age_ms_(max_age_ms) {}

std::optional<std::string> GuestPageCache::key_for(const Request& request) {
  if (request.method != Method::get && request.method != Method::head) return std::nullopt;
  if (request.cookie(web_session_cookie_name)) return std::nullopt;
  std::string key = request.target;
  if (auto zone = request.cookie(time_zone_cookie_name)) key.append("\n").append(*zone);
  return key;
}

bool GuestPageCache::current(const Entry& entry, UnixMillis now) const {
  return now < entry.expires_at && feed_.unchanged_since(entry.rendered_at);
}

std::optional<Response> GuestPageCache::find(const std::string& key) {
  const UnixMillis now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    count_lookup("miss");
    return std::nullopt;
  }
  if (!current(it->second, now)) {
    drop(it);
    count_lookup("stale");
    return std::nullopt;
  }
  recency_.splice(recency_.begin(), recency_, it->second.age);
  count_lookup("hit");
  return it->second.response;
}

void GuestPageCache::keep(const std::string& key, const Response& response, const ChangeFeed::Snapshot& rendered_at) {
  if (response.status != 200 || response.body_is_gzip || response.header("Set-Cookie")) return;
  Entry entry;
  entry.response = response;
  // Compressed once here rather than for every guest whose browser asks for gzip.
  if (is_compressible_type(response.content_type)) {
    entry.response.gzip_copy = std::make_shared<const std::string>(gzip_compress(response.body));
  }
  entry.rendered_at = rendered_at;
  entry.expires_at = clock_.now() + max_age_ms_;
  entry.bytes = key.size() + response.body.size() + (entry.response.gzip_copy ? entry.response.gzip_copy->size() : 0);
  if (entry.bytes > max_bytes_ / 4) return;  // one page must not push out most others

  std::lock_guard lock(mutex_);
  if (auto old = entries_.find(key); old != entries_.end()) drop(old);
  while (bytes_ + entry.bytes > max_bytes_ && !recency_.empty()) drop(entries_.find(recency_.back()));
  recency_.push_front(key);
  entry.age = recency_.begin();
  bytes_ += entry.bytes;
  entries_.emplace(key, std::move(entry));
}

std::size_t GuestPageCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void GuestPageCache::drop(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  recency_.erase(it->second.age);
  entries_.erase(it);
}

}  // namespace hearth

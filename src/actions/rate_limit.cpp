#include "actions/rate_limit.hpp"

#include <fmt/format.h>

#include "store/rate_limits.hpp"

namespace hearth {
namespace {

std::string bucket(const ActionEnvironment& env, const RateRule& rule, std::string_view key) {
  return keyed_hash(env.secret_key, fmt::format("{}\n{}", rule.name, key));
}

Error too_many(const rate_limits::Window& window, UnixMillis now) {
  const int64_t seconds = std::max<int64_t>(1, (window.resets_at - now + 999) / 1000);
  const int64_t minutes = (seconds + 59) / 60;
  Error error = make_error(ErrorCode::rate_limited,
                           fmt::format("Too many attempts. For your safety, please wait {} minute{} and try again.",
                                       minutes, minutes == 1 ? "" : "s"));
  error.retry_after_seconds = static_cast<int>(seconds);
  return error;
}

}  // namespace

Status count_attempt(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key) {
  const UnixMillis now = env.clock.now();
  const auto window = rate_limits::hit(c, bucket(env, rule, key), now, rule.window_ms);
  if (window.hits > rule.limit) return too_many(window, now);
  return success();
}

Status check_attempts(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key) {
  const UnixMillis now = env.clock.now();
  const auto window = rate_limits::peek(c, bucket(env, rule, key), now, rule.window_ms);
  if (window.hits >= rule.limit) return too_many(window, now);
  return success();
}

void clear_attempts(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key) {
  rate_limits::clear(c, bucket(env, rule, key));
}

}  // namespace hearth

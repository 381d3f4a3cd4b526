#pragma once
// Errors a user can cause are values, not exceptions: every fallible operation returns
// Result<T>, which holds either the value or an Error with a message a person understands.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace hearth {

enum class ErrorCode {
  invalid_input,  // the request is malformed or a field is wrong (400/422)
  unauthorized,   // not logged in or bad credentials (401)
  forbidden,      // logged in but not allowed (403)
  not_found,      // nothing there, or nothing the viewer may know about (404)
  conflict,       // e.g. login name taken (409)
  too_large,      // body or field too large (413)
  rate_limited,   // too many attempts (429)
  unavailable,    // temporarily unable, e.g. database busy (503)
};

const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // shown to the person: plain, warm, actionable
  std::string field;    // the form field it concerns, if any
  int retry_after_seconds = 0;  // for rate_limited: when trying again will work
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}       // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(state_); }
  const T& value() const& { assert(ok()); return std::get<0>(state_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Done {};  // the value of a Result that carries nothing on success
using Status = Result<Done>;
inline Status success() { return Done{}; }

}  // namespace hearth

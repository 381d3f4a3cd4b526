#pragma once
// Rolling a write back with an error a person can read: an action that finds, half-way
// through its transaction, that it cannot go on calls throw_rollback(error); the store
// rolls back and write_or_error() returns the error. Nothing is half-written.
#include <utility>

#include "actions/environment.hpp"
#include "core/result.hpp"

namespace hearth {

struct RollbackWithError {
  Error error;
};

[[noreturn]] inline void throw_rollback(Error error) { throw RollbackWithError{std::move(error)}; }

// Runs `body(Connection&) -> Result<T>` in one write transaction. An error result or a
// throw_rollback() rolls everything back.
template <class T, class F>
Result<T> write_or_error(const ActionEnvironment& env, F&& body) {
  try {
    return env.store.write([&](Connection& c) {
      Result<T> result = body(c);
      if (!result) throw_rollback(result.error());
      return result;
    });
  } catch (RollbackWithError& rollback) {
    return std::move(rollback.error);
  }
}

}  // namespace hearth

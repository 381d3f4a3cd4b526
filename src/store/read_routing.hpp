#pragma once
// Which server a read may go to, when the database has a read replica (database_replica,
// docs/postgres.md). The engine decides per read; callers only say, for the current thread,
// that its reads must see this client's own recent writes: the composition root opens a
// PrimaryReadsScope around every request that writes, and every request of a client that
// wrote a few seconds ago. Without a replica this changes nothing.
namespace hearth {

class PrimaryReadsScope {
 public:
  explicit PrimaryReadsScope(bool wanted);
  ~PrimaryReadsScope();
  PrimaryReadsScope(const PrimaryReadsScope&) = delete;
  PrimaryReadsScope& operator=(const PrimaryReadsScope&) = delete;
  // True while a scope that wanted the primary is open on this thread.
  static bool active();

 private:
  bool previous_;
};

}  // namespace hearth

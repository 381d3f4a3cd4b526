#pragma once
// The PostgreSQL engine (libpq): one connection per transaction, taken from a pool.
//
// Writes keep SQLite's semantics exactly: every write transaction first takes one
// transaction-scoped advisory lock, so write transactions run one at a time across every
// Hearth node sharing the database, and each runs at READ COMMITTED after the lock, seeing
// every write committed before it. The actions were written for that (a check and the
// write it guards never race), and no write ever fails for a serialization conflict
// that would need the action re-run. A commit is durable when it returns
// (synchronous_commit, PostgreSQL's default). Reads run as REPEATABLE READ READ ONLY: one
// consistent snapshot, never blocked by writers and never blocking them. With a replica,
// reads that may use it go there (replica_reads.hpp).
#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/postgres/primary_position.hpp"

namespace hearth {

struct PostgresOptions {
  std::string url;  // postgresql://…
  int readers = 4;  // connections for read transactions; writes have one more of their own
  // A streaming replica for the reads that may use it (replica_reads.hpp); empty: none.
  std::string replica_url;
  // Shared with the node's change bus, which raises it with other nodes' writes. Needed
  // with a replica: after each commit, the writer raises it to the primary's position.
  std::shared_ptr<postgres::PrimaryPosition> position;
};

std::unique_ptr<Database> open_postgres(const PostgresOptions& options);

namespace postgres {
// Runs `sql` on its own connection outside any transaction (CREATE/DROP DATABASE), for
// tools and tests.
void run_outside_transaction(const std::string& url, const std::string& sql);
}  // namespace postgres

}  // namespace hearth

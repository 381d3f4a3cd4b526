#!/usr/bin/env bash
# The thread page (guest, member) and posting on SQLite, PostgreSQL, and two nodes behind
# haproxy (deploy/); see bench/pg_cluster.py for the settings and bench/README.md for figures.
#   bench/pg_cluster.sh                       build/release/hearth, 200,000 posts, 1 run
#   BENCH_RUNS=3 BENCH_ONLY='/post' bench/pg_cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/pg_cluster.py "$@"

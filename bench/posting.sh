#!/usr/bin/env bash
# DESIGN.md's posting budget (p99 under 5 ms at 500 replies/s, every acknowledged reply
# durable): a fixed-rate driver against hearth on a copy of the scale community, then a
# SIGKILL and a check of every acknowledged reply. See bench/posting.py for the settings and
# bench/README.md for figures.
#   bench/posting.sh                                   build/release/hearth, 1M posts, 3 × 30 s
#   BENCH_DURATION=10 BENCH_RUNS=1 BENCH_POSTS=200000 bench/posting.sh   a quick check
set -euo pipefail
cd "$(dirname "$0")/.."
HEARTH_BIN="${HEARTH_BIN:-build/release/hearth}"
if [[ ! -x "$HEARTH_BIN" ]]; then
  # The release build bench/run.sh and `make bench` use (RelWithDebInfo).
  build_dir="$(dirname "$HEARTH_BIN")"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_TESTS=OFF
  cmake --build "$build_dir" --target hearth
fi
export HEARTH_BIN
exec python3 bench/posting.py "$@"

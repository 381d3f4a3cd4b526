#!/usr/bin/env bash
# bench/filters.sh — what the safety filters cost per post.
#
# Issue 4's target: the filter chain under 50 µs for a 2,000-character post with 10,000
# watched words. Runs `hearth bench-filters` (src/app/bench_filters_command.cpp), which
# makes its own throwaway SQLite store in the temporary directory, fills a watched-word list
# with FILTERS_WORDS synthetic entries and times ContentSafety::check on two posts (one that
# matches nothing, one with a watched word, a phone number and a name): the chain alone, and
# as the posting actions call it (in a read transaction, with the lists' version query).
# Wall time (mean, p50, p99) and this thread's CPU time per post are printed: on a loaded
# shared machine the CPU time is the fairer number.
#
# Settings (environment):
#   FILTERS_WORDS=10000   watched words
#   FILTERS_RUNS=20000    posts checked per measurement
#   HEARTH_BIN            the binary [build/release/hearth]; a Debug build is ~10x slower
# Writes the output to bench/results/filters-<UTC stamp>.txt as well.
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH_BIN=${HEARTH_BIN:-build/release/hearth}
FILTERS_WORDS=${FILTERS_WORDS:-10000}
FILTERS_RUNS=${FILTERS_RUNS:-20000}

[[ -x $HEARTH_BIN ]] || { echo "filters: $HEARTH_BIN not found; run 'make build' or set HEARTH_BIN" >&2; exit 1; }
mkdir -p bench/results
out="bench/results/filters-$(date -u +%Y%m%dT%H%M%SZ).txt"
"$HEARTH_BIN" bench-filters --words "$FILTERS_WORDS" --runs "$FILTERS_RUNS" | tee "$out"
echo "filters: written to $out" >&2

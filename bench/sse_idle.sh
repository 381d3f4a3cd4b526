#!/usr/bin/env bash
# bench/sse_idle.sh — what idle live-update connections cost hearth in memory.
#
# DESIGN.md's budget: 10,000 idle SSE connections cost under 150 MB extra. This starts hearth
# on a fresh data directory, makes a public group with one conversation through the API,
# opens SSE_CONNECTIONS guest streams of that conversation (GET /g/{slug}/t/{id}/events)
# from one asyncio process (bench/sse_idle_client.py), and reports hearth's resident memory
# (VmRSS) before and after, then how long one reply takes to reach every open stream.
#
# Settings (environment):
#   SSE_CONNECTIONS=10000   streams to open (each side needs that many file descriptors)
#   SSE_PARALLEL=200        connections being opened at once
#   SSE_HEARTH_ARGS=""      extra arguments for `hearth serve` (e.g. "--threads 1")
#   HEARTH_BIN              the binary [build/release/hearth]
# Touches only 127.0.0.1; stops hearth on any exit. Prints one JSON line (also written to
# bench/results/sse-idle-<UTC stamp>.json).
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH_BIN=${HEARTH_BIN:-build/release/hearth}
SSE_CONNECTIONS=${SSE_CONNECTIONS:-10000}
SSE_PARALLEL=${SSE_PARALLEL:-200}
SSE_HEARTH_ARGS=${SSE_HEARTH_ARGS:-}

log() { printf 'sse_idle: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ -x $HEARTH_BIN ]] || die "$HEARTH_BIN not found; run 'make build' or set HEARTH_BIN"
[[ $SSE_CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "SSE_CONNECTIONS must be a positive integer"

# hearth and the client each hold one descriptor per stream, plus their own.
wanted=$((SSE_CONNECTIONS + 512))
if (($(ulimit -n) < wanted)); then
  ulimit -n "$wanted" 2>/dev/null || die "could not raise 'ulimit -n' to $wanted (hard limit $(ulimit -Hn))"
fi

WORK=$(mktemp -d -t hearth-sse-XXXXXX)
HEARTH_PID=""
cleanup() {
  if [[ -n $HEARTH_PID ]] && kill -0 "$HEARTH_PID" 2>/dev/null; then
    kill -TERM "$HEARTH_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$HEARTH_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$HEARTH_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck disable=SC2086  # SSE_HEARTH_ARGS is a list of words on purpose
"$HEARTH_BIN" serve --listen 127.0.0.1:0 --data "$WORK/data" --log-level info $SSE_HEARTH_ARGS \
  >"$WORK/hearth.log" 2>&1 &
HEARTH_PID=$!
line=""
for _ in $(seq 300); do
  line=$(grep -o -m1 'listening on http://127\.0\.0\.1:[0-9]*' "$WORK/hearth.log" || true)
  [[ -n $line ]] && break
  kill -0 "$HEARTH_PID" 2>/dev/null || die "hearth exited before listening: $(tail -n 5 "$WORK/hearth.log")"
  sleep 0.1
done
[[ -n $line ]] || die "hearth did not report 'listening on' within 30 s"
PORT=${line##*:}
URL="http://127.0.0.1:$PORT"
log "hearth $URL (pid $HEARTH_PID)"

api() {  # METHOD PATH JSON [TOKEN]
  curl -sS --fail -X "$1" -H 'Content-Type: application/json' ${4:+-H "Authorization: Bearer $4"} \
    -d "$3" "$URL$2"
}
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

LOGIN="bench$RANDOM$RANDOM"
PASSWORD="a long bench password $RANDOM"
api POST /api/v1/accounts "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" >/dev/null
TOKEN=$(api POST /api/v1/sessions "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" | field '["token"]')
SLUG=$(api POST /api/v1/groups '{"name":"Idle streams","description":"Bench.","privacy":"public"}' "$TOKEN" |
  field '["slug"]')
THREAD=$(api POST "/api/v1/groups/$SLUG/threads" \
  '{"title":"Watched by many","body":"Hello.","idempotency_key":"bench-thread-1"}' "$TOKEN" | field '["thread"]["id"]')
REPLY="curl -sS --fail -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer $TOKEN' \
  -d '{\"body\":\"A reply for every stream.\",\"idempotency_key\":\"bench-reply-1\"}' $URL/api/v1/threads/$THREAD/posts"

# A few requests first, so the "before" figure includes warmed-up threads, pools and caches.
for _ in 1 2 3; do curl -sS --fail -o /dev/null "$URL/g/$SLUG/t/$THREAD"; done
sleep 1

log "opening $SSE_CONNECTIONS streams of /g/$SLUG/t/$THREAD/events"
result=$(python3 bench/sse_idle_client.py --port "$PORT" --path "/g/$SLUG/t/$THREAD/events" --pid "$HEARTH_PID" \
  --connections "$SSE_CONNECTIONS" --parallel "$SSE_PARALLEL" --reply-command "$REPLY")
echo "$result"
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "$result" >"bench/results/sse-idle-$stamp.json"
extra=$(echo "$result" | field '["extra_mib"]')
log "extra memory for $SSE_CONNECTIONS idle streams: $extra MiB (budget: 150 MB for 10,000)"

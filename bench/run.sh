#!/usr/bin/env bash
# bench/run.sh — hearth against nginx serving the very same bytes, in the same run.
#
# For every scenario: fetch what hearth answers (exact bytes), put them in an nginx document
# root, then run wrk against both servers with identical settings, BENCH_RUNS times,
# alternating which server goes first, and report medians and the hearth/nginx ratio.
# See bench/README.md. Touches only 127.0.0.1; stops both servers on any exit.
#
# Settings (environment):
#   BENCH_DURATION=10       seconds per measurement (or a wrk duration such as 30s, 1m)
#   BENCH_CONNECTIONS=32    open connections (wrk -c)
#   BENCH_THREADS=2         wrk threads (wrk -t)
#   BENCH_RUNS=3            measurements per scenario and server; medians are reported
#   BENCH_WARMUP=2          seconds of warm-up per scenario and server before measuring (0 = none)
#   BENCH_ONLY=REGEX        run only the scenarios whose name matches
#   BENCH_NGINX_WORKERS=auto  nginx worker_processes (auto = one per core, like hearth's default)
#   BENCH_HEARTH_ARGS=""    extra arguments for `hearth serve` (e.g. "--threads 1")
#   BENCH_SEED=0            1 = run `hearth seed demo` into the fresh data directory first
#   BENCH_POSTS=0           N > 0 = serve a `hearth seed scale --posts N` database (cached in
#                           bench/data/scale-N, made once) and add the thread-page and search
#                           scenarios (DESIGN.md budgets: 1M posts)
#   BENCH_STRICT=0          1 = exit 1 when a scenario misses its budget
#   BENCH_KEEP=0            1 = keep the temporary directory (logs, nginx config, bodies)
#   HEARTH_BIN, NGINX_BIN, WRK_BIN  binaries [build/release/hearth, /usr/sbin/nginx, wrk]
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH_BIN=${HEARTH_BIN:-build/release/hearth}
NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
WRK_BIN=${WRK_BIN:-wrk}
BENCH_DURATION=${BENCH_DURATION:-10}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_WARMUP=${BENCH_WARMUP:-2}
BENCH_ONLY=${BENCH_ONLY:-}
BENCH_NGINX_WORKERS=${BENCH_NGINX_WORKERS:-auto}
BENCH_HEARTH_ARGS=${BENCH_HEARTH_ARGS:-}
BENCH_SEED=${BENCH_SEED:-0}
BENCH_POSTS=${BENCH_POSTS:-0}
BENCH_STRICT=${BENCH_STRICT:-0}
BENCH_KEEP=${BENCH_KEEP:-0}

BENCH_DIR=bench
RESULTS_DIR=$BENCH_DIR/results

# Messages go to fd 3, the script's original stderr: traps can run while a function's output
# is redirected into a log file (Ctrl-C during wrk), and their messages must still be seen.
exec 3>&2
log() { printf 'bench: %s\n' "$*" >&3; }
die() { log "error: $*"; exit 1; }

# A bare number means seconds; anything else is passed to wrk as is (10s, 1m).
as_duration() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "${1}s"; else echo "$1"; fi; }

check_settings() {
  [[ -x $HEARTH_BIN ]] || die "$HEARTH_BIN not found; run 'make build' (or 'make bench')"
  [[ -x $NGINX_BIN ]] || die "$NGINX_BIN not found; run 'scripts/install-deps --bench'"
  command -v "$WRK_BIN" >/dev/null || die "wrk not found; run 'scripts/install-deps --bench'"
  command -v curl >/dev/null || die "curl not found"
  command -v python3 >/dev/null || die "python3 not found"
  [[ $BENCH_RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
  [[ $BENCH_THREADS =~ ^[1-9][0-9]*$ ]] || die "BENCH_THREADS must be a positive integer"
  [[ $BENCH_CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS must be a positive integer"
  ((BENCH_CONNECTIONS >= BENCH_THREADS)) || die "BENCH_CONNECTIONS must be at least BENCH_THREADS"
  [[ $BENCH_WARMUP =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole number of seconds"
  DURATION=$(as_duration "$BENCH_DURATION")
}

# --- processes and cleanup -------------------------------------------------------------

WORK="" HEARTH_PID="" NGINX_PID="" WRK_PID=""

stop_pid() {  # pid name: SIGTERM, up to 5 s to exit, then SIGKILL
  local pid=$1 name=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop within 5 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID" wrk
  stop_pid "$NGINX_PID" nginx
  stop_pid "$HEARTH_PID" hearth
  if [[ -n $WORK && -d $WORK ]]; then
    if [[ $BENCH_KEEP != 1 ]] && ((rc == 0 || rc == 130 || rc == 143)); then
      rm -rf "$WORK"  # kept after a failure, for its logs; not after success or Ctrl-C
    else
      log "logs, nginx config and bodies kept in $WORK"
      if ((rc != 0)) && [[ -s $WORK/hearth.log ]]; then
        log "last lines of the hearth log:"; tail -n 5 "$WORK/hearth.log" >&3 || true
      fi
    fi
  fi
  exit "$rc"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The scale database is expensive to make (about a minute per million posts), so it is kept
# in bench/data/ between runs; its bench thread and member come from seed scale's output.
prepare_scale_data() {
  local dir=$BENCH_DIR/data/scale-$BENCH_POSTS
  if [[ ! -f $dir/seed.out ]]; then
    log "seeding $BENCH_POSTS posts into $dir (once; reused by later runs)"
    rm -rf "$dir" && mkdir -p "$dir"
    "$HEARTH_BIN" seed scale --posts "$BENCH_POSTS" --data "$dir" --log-level warn >"$dir/seed.tmp" ||
      die "hearth seed scale failed"
    mv "$dir/seed.tmp" "$dir/seed.out"
  fi
  SCALE_DIR=$dir
  BENCH_THREAD=$(sed -n 's/^bench_thread=//p' "$dir/seed.out")
  BENCH_MEMBER=$(sed -n 's/^bench_member=//p' "$dir/seed.out")
  BENCH_PASSWORD=$(sed -n 's/^bench_password=//p' "$dir/seed.out")
}

member_cookie() {  # logs the scale bench member in through the API; prints the Cookie header
  local token
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"login\":\"$BENCH_MEMBER\",\"password\":\"$BENCH_PASSWORD\"}" "$HEARTH_URL/api/v1/sessions" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') || die "bench member could not log in"
  echo "Cookie: hearth_session=$token"
}

start_hearth() {
  local data=$WORK/data
  if ((BENCH_POSTS > 0)); then data=$SCALE_DIR; fi
  if [[ $BENCH_SEED == 1 ]]; then
    log "seeding the demo community"
    "$HEARTH_BIN" seed demo --data "$data" --log-level warn >"$WORK/seed.log" 2>&1 ||
      die "hearth seed demo failed (see $WORK/seed.log)"
  fi
  # Logged at info: the "listening on" line; per-request logs are debug, so this costs nothing.
  : >"$WORK/hearth.log"
  # shellcheck disable=SC2086  # BENCH_HEARTH_ARGS is a list of words on purpose
  "$HEARTH_BIN" serve --listen 127.0.0.1:0 --data "$data" --log-level info $BENCH_HEARTH_ARGS \
    >"$WORK/hearth.log" 2>&1 3>&- &
  HEARTH_PID=$!
  local line=""
  for _ in $(seq 300); do
    line=$(grep -o -m1 'listening on http://127\.0\.0\.1:[0-9]*' "$WORK/hearth.log" || true)
    [[ -n $line ]] && break
    kill -0 "$HEARTH_PID" 2>/dev/null || die "hearth exited before listening"
    sleep 0.1
  done
  [[ -n $line ]] || die "hearth did not report 'listening on' within 30 s"
  HEARTH_URL="http://127.0.0.1:${line##*:}"
  log "hearth $HEARTH_URL (pid $HEARTH_PID)"
}

start_nginx() {
  local attempt port
  mkdir -p "$WORK/nginx/tmp"
  for attempt in 1 2 3; do
    port=$(free_port)
    sed -e "s|@WORKERS@|$BENCH_NGINX_WORKERS|g" -e "s|@WORK@|$WORK/nginx|g" \
      -e "s|@ROOT@|$WORK/docroot|g" -e "s|@PORT@|$port|g" \
      "$BENCH_DIR/nginx.conf.template" >"$WORK/nginx/nginx.conf"
    "$NGINX_BIN" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/nginx-error.log" \
      -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 3>&- &
    NGINX_PID=$!
    for _ in $(seq 50); do
      kill -0 "$NGINX_PID" 2>/dev/null || break
      if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        NGINX_URL="http://127.0.0.1:$port"
        log "nginx $NGINX_URL (pid $NGINX_PID, worker_processes $BENCH_NGINX_WORKERS)"
        return 0
      fi
      sleep 0.1
    done
    stop_pid "$NGINX_PID" nginx
    NGINX_PID=""
    log "nginx did not start on port $port (attempt $attempt):"
    tail -n 3 "$WORK/nginx/nginx-error.log" "$WORK/nginx/stdout.log" >&3 2>/dev/null || true
  done
  die "could not start nginx"
}

# --- scenarios ---------------------------------------------------------------------------

SCENARIO_NAMES=() SCENARIO_PATHS=() SCENARIO_HEADERS=() SCENARIO_BUDGETS=()

# scenario NAME PATH [HEADER...]
#   Benchmark GET PATH (as hearth serves it) with the given request headers, e.g.
#   scenario asset-css "$css_url" "Accept-Encoding: gzip"
scenario() {
  local name=$1 path=$2; shift 2
  [[ $name =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "scenario name '$name' must be lowercase letters, digits, '-'"
  [[ $path == /* ]] || die "scenario $name: path must start with /"
  if [[ -n $BENCH_ONLY && ! $name =~ $BENCH_ONLY ]]; then return 0; fi
  local header joined=""
  for header in "$@"; do joined+="$header"$'\n'; done
  SCENARIO_NAMES+=("$name") SCENARIO_PATHS+=("$path") SCENARIO_HEADERS+=("$joined") SCENARIO_BUDGETS+=("")
}

# budget NAME MIN_RATIO — the scenario must reach MIN_RATIO × nginx's req/s (DESIGN.md budgets).
budget() {
  local i
  for i in "${!SCENARIO_NAMES[@]}"; do
    [[ ${SCENARIO_NAMES[$i]} == "$1" ]] && SCENARIO_BUDGETS[i]=$2
  done
  return 0
}

# The hashed URL of a stylesheet/script referenced by the guest home page.
asset_url_from_home() {  # extension (css, js)
  local url
  url=$(curl -sS --fail "$HEARTH_URL/" | grep -o "/assets/[^\"']*\.$1" | head -n1) || true
  [[ -n $url ]] || die "no /assets/*.$1 URL in the home page"
  echo "$url"
}

# Add scenarios here. Hearth is running (HEARTH_URL) when this is called, so paths can be
# discovered from its pages.
define_scenarios() {
  # The guest home page, rendered per request, uncompressed.
  scenario home /
  # A static asset: hashed, immutable, stored gzip-compressed in the binary.
  scenario asset-css "$(asset_url_from_home css)" "Accept-Encoding: gzip"
  if ((BENCH_POSTS > 0)); then
    # DESIGN.md: a thread page with 50 replies, guest, on a 1M-post database: at least
    # half of nginx's req/s for the same bytes.
    scenario thread-guest "$BENCH_THREAD"
    budget thread-guest 0.5
    scenario thread-member "$BENCH_THREAD" "$(member_cookie)"
    # Search latency (p50 target 20 ms): two common words and three rarer together, as the bench
    # member (permission-aware over every group: at 1M posts, 250, 75 private or hidden; the
    # group-filter plan of src/store/search.cpp), and the common words as a guest (public
    # groups only: the scope-token plan). With 32 connections on 2 cores, p50 is mostly
    # queueing; bench/README.md ("search for members of many groups") has figures at 1 and
    # 16 connections, and instruction counts.
    scenario search-common "/api/v1/search?q=tired+sleep" "$(member_cookie)"
    scenario search-rare "/api/v1/search?q=respite+holiday+garden" "$(member_cookie)"
    scenario search-common-guest "/api/v1/search?q=tired+sleep"
  fi
}

# --- fetching the bytes hearth serves ----------------------------------------------------

curl_header_args() {  # headers (newline-separated) -> curl -H arguments in CURL_ARGS
  CURL_ARGS=()
  local header
  while IFS= read -r header; do [[ -n $header ]] && CURL_ARGS+=(-H "$header"); done <<<"$1"
  return 0
}

header_value() {  # file name -> value of header NAME in a curl -D dump (last response)
  grep -i "^$2:" "$1" | tail -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//' || true
}

extension_for() {  # content type -> file extension nginx maps back to the same type
  case ${1%%;*} in
    text/html) echo html ;;
    text/css) echo css ;;
    text/javascript | application/javascript) echo js ;;
    application/json) echo json ;;
    image/svg+xml) echo svg ;;
    *) echo bin ;;
  esac
}

# Saves hearth's answer to the scenario's request, plus its plain and gzip variants, under
# docroot/NAME/body.EXT (and body.EXT.gz when hearth sends gzip), so that nginx answers the
# same request with the same bytes. Records the nginx path and facts for the report.
fetch_scenario() {  # index
  local i=$1 name=${SCENARIO_NAMES[$1]} path=${SCENARIO_PATHS[$1]} dir=$WORK/fetch/${SCENARIO_NAMES[$1]}
  mkdir -p "$dir" "$WORK/docroot/$name"
  curl_header_args "${SCENARIO_HEADERS[$i]}"
  local status
  status=$(curl -sS -o "$dir/scenario.body" -D "$dir/scenario.headers" -w '%{http_code}' \
    ${CURL_ARGS[@]+"${CURL_ARGS[@]}"} "$HEARTH_URL$path")
  [[ $status == 200 ]] || die "scenario $name: hearth answered $status for $path"
  # Plain and gzip variants; any Accept-Encoding of the scenario is replaced.
  local others=() header
  while IFS= read -r header; do
    [[ -z $header || ${header,,} == accept-encoding:* ]] || others+=(-H "$header")
  done <<<"${SCENARIO_HEADERS[$i]}"
  curl -sS --fail -o "$dir/plain.body" -D "$dir/plain.headers" ${others[@]+"${others[@]}"} \
    -H 'Accept-Encoding: identity' "$HEARTH_URL$path"
  curl -sS --fail -o "$dir/gzip.body" -D "$dir/gzip.headers" ${others[@]+"${others[@]}"} \
    -H 'Accept-Encoding: gzip' "$HEARTH_URL$path"

  local type encoding ext
  type=$(header_value "$dir/scenario.headers" content-type)
  encoding=$(header_value "$dir/scenario.headers" content-encoding)
  ext=$(extension_for "$type")
  cp "$dir/plain.body" "$WORK/docroot/$name/body.$ext"
  if [[ $(header_value "$dir/gzip.headers" content-encoding) == gzip ]]; then
    cp "$dir/gzip.body" "$WORK/docroot/$name/body.$ext.gz"
  fi
  # A response that depends on the request in ways other than Accept-Encoding cannot be
  # reproduced by a static file; the nginx check in verify_scenario catches that.
  NGINX_PATHS[i]=/$name/body.$ext
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$path" \
    "$(printf '%s' "${SCENARIO_HEADERS[$i]}" | paste -sd '|' -)" \
    "$(stat -c %s "$dir/scenario.body")" "$type" "${encoding:-identity}" \
    "${SCENARIO_BUDGETS[$i]}" >>"$WORK/scenarios.tsv"
}

# nginx must answer the scenario's request with exactly hearth's body and encoding.
verify_scenario() {  # index
  local i=$1 name=${SCENARIO_NAMES[$1]} dir=$WORK/fetch/${SCENARIO_NAMES[$1]}
  curl_header_args "${SCENARIO_HEADERS[$i]}"
  curl -sS --fail -o "$dir/nginx.body" -D "$dir/nginx.headers" ${CURL_ARGS[@]+"${CURL_ARGS[@]}"} \
    "$NGINX_URL${NGINX_PATHS[$i]}" || die "scenario $name: nginx failed on ${NGINX_PATHS[$i]}"
  # Member pages carry a fresh random idempotency key in each form (one post per form
  # submission); apart from those values the bytes must be identical.
  local mask='s/name="idempotency_key" value="[^"]*"/name="idempotency_key" value=""/g'
  cmp -s <(sed "$mask" "$dir/scenario.body") <(sed "$mask" "$dir/nginx.body") ||
    die "scenario $name: nginx's body differs from hearth's (see $dir)"
  [[ $(header_value "$dir/scenario.headers" content-encoding) == \
    $(header_value "$dir/nginx.headers" content-encoding) ]] ||
    die "scenario $name: Content-Encoding differs between hearth and nginx (see $dir)"
}

# --- measuring ---------------------------------------------------------------------------

run_wrk() {  # index server duration -> prints wrk's output
  local i=$1 server=$2 duration=$3 url
  if [[ $server == hearth ]]; then url=$HEARTH_URL${SCENARIO_PATHS[$i]}; else url=$NGINX_URL${NGINX_PATHS[$i]}; fi
  local args=() header
  while IFS= read -r header; do [[ -n $header ]] && args+=(-H "$header"); done <<<"${SCENARIO_HEADERS[$i]}"
  # In the background and waited for: bash defers an INT trap until a foreground child exits
  # and skips it altogether when that child (wrk) handles SIGINT itself; `wait` is interrupted.
  "$WRK_BIN" -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$duration" --latency \
    -s "$BENCH_DIR/wrk-report.lua" ${args[@]+"${args[@]}"} "$url" 3>&- &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  return "$rc"
}

measure() {  # index server run
  local i=$1 server=$2 run=$3 name=${SCENARIO_NAMES[$1]} out json
  out=$WORK/wrk/$name.$server.$run.txt
  run_wrk "$i" "$server" "$DURATION" >"$out" 2>&1 || die "wrk failed for $name on $server (see $out)"
  json=$(grep -m1 '^WRK_RESULT ' "$out" | cut -d' ' -f2-) || die "no result from wrk (see $out)"
  printf '{"scenario":"%s","server":"%s","run":%d,"wrk":%s}\n' "$name" "$server" "$run" "$json" \
    >>"$WORK/measurements.jsonl"
  log "$(printf '%-12s %-6s run %d: %s' "$name" "$server" "$run" \
    "$(grep -E '^Requests/sec' "$out" | tr -s ' ')")"
}

main() {
  check_settings
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/hearth-bench.XXXXXX")
  chmod 755 "$WORK"  # nginx workers run as nobody when this runs as root
  trap cleanup EXIT
  trap 'log interrupted; exit 130' INT
  trap 'log terminated; exit 143' TERM
  mkdir -p "$WORK/docroot" "$WORK/fetch" "$WORK/wrk" "$RESULTS_DIR"
  : >"$WORK/scenarios.tsv"
  : >"$WORK/measurements.jsonl"

  if ((BENCH_POSTS > 0)); then prepare_scale_data; fi
  start_hearth
  define_scenarios
  ((${#SCENARIO_NAMES[@]})) || die "no scenario matches BENCH_ONLY='$BENCH_ONLY'"
  NGINX_PATHS=()
  local i run server
  for i in "${!SCENARIO_NAMES[@]}"; do fetch_scenario "$i"; done
  chmod -R a+rX "$WORK/docroot"
  start_nginx
  for i in "${!SCENARIO_NAMES[@]}"; do verify_scenario "$i"; done

  log "wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d$DURATION, $BENCH_RUNS run(s), $(nproc) cores shared by wrk and the servers"
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "warning: load average $LOAD_BEFORE on $(nproc) cores: something else is running, figures will be noisy"
  fi
  if ((BENCH_WARMUP > 0)); then
    log "warming up (${BENCH_WARMUP}s per scenario and server)"
    for i in "${!SCENARIO_NAMES[@]}"; do
      for server in hearth nginx; do
        run_wrk "$i" "$server" "${BENCH_WARMUP}s" >"$WORK/wrk/${SCENARIO_NAMES[$i]}.$server.warmup.txt" 2>&1 ||
          die "wrk warm-up failed for ${SCENARIO_NAMES[$i]} on $server"
      done
    done
  fi
  # Runs alternate which server goes first, so slow drift (thermal, noisy neighbours)
  # does not always favour the same one.
  for run in $(seq "$BENCH_RUNS"); do
    for i in "${!SCENARIO_NAMES[@]}"; do
      if ((run % 2)); then
        measure "$i" hearth "$run"; measure "$i" nginx "$run"
      else
        measure "$i" nginx "$run"; measure "$i" hearth "$run"
      fi
    done
  done

  local stamp
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  BENCH_STAMP=$stamp BENCH_DURATION_TEXT=$DURATION BENCH_CORES=$(nproc) \
    BENCH_CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true) \
    BENCH_KERNEL=$(uname -r) BENCH_LOAD_BEFORE=$LOAD_BEFORE BENCH_LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)" \
    BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
    BENCH_DIRTY=$([[ -n $(git status --porcelain 2>/dev/null) ]] && echo 1 || echo 0) \
    BENCH_NGINX_VERSION=$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //') \
    BENCH_WRK_VERSION=$("$WRK_BIN" -v 2>&1 | head -n1 | cut -d' ' -f2 || true) \
    BENCH_HEARTH_ARGS=$BENCH_HEARTH_ARGS BENCH_NGINX_WORKERS=$BENCH_NGINX_WORKERS \
    BENCH_THREADS=$BENCH_THREADS BENCH_CONNECTIONS=$BENCH_CONNECTIONS BENCH_RUNS=$BENCH_RUNS \
    BENCH_WARMUP=$BENCH_WARMUP BENCH_STRICT=$BENCH_STRICT \
    python3 "$BENCH_DIR/summarize.py" "$WORK/scenarios.tsv" "$WORK/measurements.jsonl" "$RESULTS_DIR"
}

main "$@"

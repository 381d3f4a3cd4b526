#!/usr/bin/env python3
"""bench/pg_cluster.sh: the thread page (guest and member) and posting, on SQLite (one node),
on PostgreSQL (one node) and on PostgreSQL with two nodes behind haproxy (deploy/'s layout).

All on this machine, on loopback: wrk, haproxy, the nodes and PostgreSQL share its cores, so
the two-node figures say what the extra hop and the second process cost here, not what a
second machine would add. Settings (environment):

  BENCH_POSTS=200000     the scale community (hearth seed scale, cached in bench/data/)
  BENCH_DURATION=10      seconds per measurement
  BENCH_CONNECTIONS=32   wrk -c
  BENCH_THREADS=2        wrk -t
  BENCH_RUNS=1           measurements per scenario; medians reported
  BENCH_WARMUP=2         seconds of warm-up per scenario
  BENCH_ONLY=            regex over "setup/scenario", e.g. 'pg-/post'
  HEARTH_BIN=build/release/hearth

PostgreSQL is the throwaway cluster of scripts/pg-test-cluster, made durable for the bench
(fsync, synchronous_commit and full_page_writes on, as in production; shared_buffers 256MB);
the community is copied into it with hearth migrate-data (timed). SQLite runs with its own
durable settings (WAL, synchronous=FULL). Results: bench/results/pg-<stamp>.{md,json}.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(REPO, "tests", "cluster"))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

from cluster_processes import Haproxy, Node, as_unprivileged  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "200000"))
DURATION = os.environ.get("BENCH_DURATION", "10")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
THREADS = os.environ.get("BENCH_THREADS", "2")
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
ONLY = re.compile(os.environ.get("BENCH_ONLY", ""))
HEARTH = os.path.abspath(os.environ.get("HEARTH_BIN", os.path.join(REPO, "build", "release", "hearth")))


def log(message):
    print(f"bench: {message}", flush=True)


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(args, **kwargs):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def psql(url, sql):
    return run(["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1", url, "-c", sql]).stdout.strip()


def scale_data():
    """The cached scale community, made once as bench/run.sh makes it."""
    directory = os.path.join(BENCH, "data", f"scale-{POSTS}")
    seed_out = os.path.join(directory, "seed.out")
    if not os.path.exists(seed_out):
        log(f"seeding {POSTS} posts into {directory} (once; reused later)")
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        out = run([HEARTH, "seed", "scale", "--posts", str(POSTS), "--data", directory, "--log-level", "warn"]).stdout
        with open(seed_out, "w", encoding="utf-8") as f:
            f.write(out)
    with open(seed_out, encoding="utf-8") as f:
        facts = dict(line.strip().split("=", 1) for line in f if "=" in line)
    return directory, facts


def api(base, method, path, payload=None, token=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(payload).encode() if payload is not None else None,
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read() or b"null")


def wrk(url, headers=(), script=None, script_args=(), duration=DURATION):
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s" if str(duration).isdigit() else f"-d{duration}",
            "--latency", "-s", script or os.path.join(BENCH, "wrk-report.lua")]
    for header in headers:
        args += ["-H", header]
    args.append(url)
    if script_args:
        args += ["--", *script_args]
    out = run(args).stdout
    found = re.search(r"^WRK_RESULT (.*)$", out, re.M)
    if not found:
        raise RuntimeError(f"no result from wrk:\n{out}")
    return json.loads(found.group(1))


class Setup:
    """One way of serving: nodes (and haproxy in front of two)."""

    def __init__(self, name, work, env, nodes):
        self.name, self.work, self.env, self.node_count = name, work, env, nodes
        self.nodes, self.haproxy = [], None

    def __enter__(self):
        for i in range(self.node_count):
            node = Node(f"{self.name}-{i}", os.path.join(self.work, f"{self.name}-{i}"),
                        {**self.env, "HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES": "1000000"})
            node.start()
            self.nodes.append(node)
        if self.node_count > 1:
            self.haproxy = Haproxy(os.path.join(self.work, f"{self.name}-haproxy"),
                                   [(f"n{i}", n.port) for i, n in enumerate(self.nodes)])
            self.haproxy.start()
            if not self.haproxy.wait_for({f"n{i}": "UP" for i in range(self.node_count)}, timeout=20):
                raise RuntimeError("haproxy did not see the nodes up")
            self.base = f"http://127.0.0.1:{self.haproxy.port}"
        else:
            self.base = f"http://127.0.0.1:{self.nodes[0].port}"
        return self

    def __exit__(self, *exc):
        if self.haproxy:
            self.haproxy.terminate()
        for node in self.nodes:
            node.terminate()


def measure_setup(setup, facts, results):
    token = api(setup.base, "POST", "/api/v1/sessions",
                {"login": facts["bench_member"], "password": facts["bench_password"]})["token"]
    thread_path = facts["bench_thread"]
    slug = thread_path.split("/")[2]
    target = api(setup.base, "POST", f"/api/v1/groups/{slug}/threads",
                 {"title": "Bench posting", "body": "Replies from wrk.", "idempotency_key": f"bench-{time.time()}"},
                 token=token)["thread"]["id"]
    scenarios = [
        ("thread-guest", dict(url=setup.base + thread_path)),
        ("thread-member", dict(url=setup.base + thread_path, headers=[f"Cookie: hearth_session={token}"])),
        ("post", dict(url=setup.base + f"/api/v1/threads/{target}/posts", script=os.path.join(BENCH, "pg_post.lua"),
                      script_args=[f"/api/v1/threads/{target}/posts", token, None])),
    ]
    for name, spec in scenarios:
        if not ONLY.search(f"{setup.name}/{name}"):
            continue
        samples = []
        if WARMUP:
            wrk(**_with_run(spec, f"w{int(time.time() * 1000)}"), duration=WARMUP)
        for i in range(RUNS):
            load = loadavg()
            result = wrk(**_with_run(spec, f"r{i}-{int(time.time() * 1000)}"))
            seconds = result["duration_us"] / 1e6
            samples.append({"rps": result["requests"] / seconds, "p50": result["latency_us"]["p50"],
                            "p99": result["latency_us"]["p99"], "errors": result["errors"], "load": load})
            log(f"{setup.name:9} {name:14} {samples[-1]['rps']:9,.0f} req/s  p50 {samples[-1]['p50'] / 1000:7.2f} ms"
                f"  p99 {samples[-1]['p99'] / 1000:7.2f} ms  errors {result['errors']}  load {load}")
        results.append({"setup": setup.name, "scenario": name, "samples": samples,
                         "rps": statistics.median(s["rps"] for s in samples),
                         "p50_ms": statistics.median(s["p50"] for s in samples) / 1000,
                         "p99_ms": statistics.median(s["p99"] for s in samples) / 1000})


def _with_run(spec, run_id):
    spec = dict(spec)
    if "script_args" in spec:
        spec["script_args"] = [a if a is not None else run_id for a in spec["script_args"]]
    return spec


def start_postgres(work):
    directory = os.path.join(work, "pg")
    server = run([os.path.join(REPO, "scripts", "pg-test-cluster"), "start", directory]).stdout.strip().splitlines()[-1]
    # The test cluster trades durability for speed; a benchmark of posting must not.
    psql(server, "ALTER SYSTEM SET fsync = on")
    psql(server, "ALTER SYSTEM SET synchronous_commit = on")
    psql(server, "ALTER SYSTEM SET full_page_writes = on")
    psql(server, "ALTER SYSTEM SET shared_buffers = '256MB'")
    bindir = run(["pg_config", "--bindir"]).stdout.strip() if shutil.which("pg_config") else "/usr/lib/postgresql/15/bin"
    owner = ["runuser", "-u", "nobody", "--"] if as_unprivileged() else []
    run([*owner, os.path.join(bindir, "pg_ctl"), "--pgdata", os.path.join(directory, "data"), "--wait",
         "--log", os.path.join(directory, "server.log"), "restart"])
    psql(server, "CREATE DATABASE hearth")
    return directory, server.replace("postgresql:///postgres?", "postgresql:///hearth?", 1)


def write_results(results, facts, migrate_seconds, loads):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    by = {(r["setup"], r["scenario"]): r for r in results}
    lines = [f"# PostgreSQL and two nodes, {stamp}", "",
             f"BENCH_POSTS={POSTS}, wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}s, {RUNS} run(s), {os.cpu_count()} cores;"
             f" migrate-data {migrate_seconds:.0f} s; load average {loads}", "",
             "| setup | scenario | req/s | p50 | p99 | errors |", "|---|---|---:|---:|---:|---|"]
    for r in results:
        errors = {k: v for s in r["samples"] for k, v in s["errors"].items() if v}
        lines.append(f"| {r['setup']} | {r['scenario']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms"
                     f" | {errors or ''} |")
    lines += ["", "| scenario | pg-2 / pg-1 | pg-1 / sqlite-1 |", "|---|---:|---:|"]
    for scenario in ("thread-guest", "thread-member", "post"):
        two, one, lite = by.get(("pg-2", scenario)), by.get(("pg-1", scenario)), by.get(("sqlite-1", scenario))
        ratio = lambda a, b: f"{a['rps'] / b['rps']:.2f}" if a and b else "-"  # noqa: E731
        lines.append(f"| {scenario} | {ratio(two, one)} | {ratio(one, lite)} |")
    text = "\n".join(lines) + "\n"
    results_dir = os.path.join(BENCH, "results")
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, f"pg-{stamp}.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(results_dir, f"pg-{stamp}.json"), "w", encoding="utf-8") as f:
        json.dump({"stamp": stamp, "posts": POSTS, "migrate_seconds": migrate_seconds, "results": results}, f, indent=1)
    print("\n" + text)


def main():
    if shutil.which("haproxy") is None or shutil.which("wrk") is None:
        print("bench/pg_cluster.sh needs wrk and haproxy: scripts/install-deps --bench --cluster", file=sys.stderr)
        return 1
    os.environ["HEARTH_BIN"] = HEARTH
    scale_dir, facts = scale_data()
    work = tempfile.mkdtemp(prefix="hearth-pg-bench-")
    os.chmod(work, 0o755)
    pg_dir = None
    try:
        sqlite_dir = os.path.join(work, "sqlite")
        os.makedirs(sqlite_dir)
        shutil.copy(os.path.join(scale_dir, "hearth.db"), os.path.join(sqlite_dir, "hearth.db"))
        if as_unprivileged():
            run(["chown", "-R", "nobody:", sqlite_dir])
        pg_dir, pg_url = start_postgres(work)
        started = time.monotonic()
        log("copying the community into PostgreSQL (hearth migrate-data)")
        copied = run([HEARTH, "migrate-data", "--from", "sqlite:" + os.path.join(sqlite_dir, "hearth.db"), "--to", pg_url])
        migrate_seconds = time.monotonic() - started
        log(f"migrate-data took {migrate_seconds:.0f} s: {copied.stdout.strip().splitlines()[-2]}")
        loads_before = loadavg()
        results = []
        for name, env, nodes in (("sqlite-1", {"HEARTH_DATABASE": "sqlite:" + os.path.join(sqlite_dir, "hearth.db")}, 1),
                                 ("pg-1", {"HEARTH_DATABASE": pg_url}, 1),
                                 ("pg-2", {"HEARTH_DATABASE": pg_url}, 2)):
            if not any(ONLY.search(f"{name}/{s}") for s in ("thread-guest", "thread-member", "post")):
                continue
            with Setup(name, work, env, nodes) as setup:
                measure_setup(setup, facts, results)
        write_results(results, facts, migrate_seconds, f"{loads_before} before, {loadavg()} after")
        return 0
    finally:
        if pg_dir:
            subprocess.run([os.path.join(REPO, "scripts", "pg-test-cluster"), "stop", pg_dir],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

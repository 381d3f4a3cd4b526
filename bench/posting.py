#!/usr/bin/env python3
"""bench/posting.sh: DESIGN.md's posting budget — "under 5 ms p99 at 500 replies/s sustained,
every acknowledged reply durable across a crash" — measured with a fixed-rate driver
(bench/posting_load.py) against `hearth serve` on a copy of the scale community.

1. Copies the cached scale community (`hearth seed scale --posts BENCH_POSTS`, made once in
   bench/data/ as the other benches do) into a temporary directory.
2. Picks BENCH_WRITERS seeded members and two unlocked conversations in a group of each (from
   the database), starts hearth on it, logs each member in through the API.
3. Sends replies at BENCH_RATE per second: BENCH_WARMUP seconds unmeasured, then BENCH_RUNS
   runs of BENCH_DURATION seconds, each reply with a fresh idempotency key, spread round-robin
   over the members' conversations (posting has no per-member rate limit; the groups have no
   slow mode).
4. Keeps /metrics, then stops hearth with SIGKILL (a crash: nothing gets to flush), opens the
   database and checks that every acknowledged reply is there exactly once, as the id the
   API gave.

Settings (environment): BENCH_POSTS=1000000, BENCH_RATE=500, BENCH_DURATION=30,
BENCH_RUNS=3, BENCH_WARMUP=5, BENCH_WRITERS=100, BENCH_MAX_CONNECTIONS=256, BENCH_KEEP=0,
HEARTH_BIN=build/release/hearth, BENCH_HEARTH_ARGS (extra `serve` arguments).
Results: bench/results/posting-<stamp>.{json,md}.
"""
import asyncio
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)

from posting_load import run_load, summarize  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "1000000"))
RATE = float(os.environ.get("BENCH_RATE", "500"))
DURATION = float(os.environ.get("BENCH_DURATION", "30"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
WRITERS = int(os.environ.get("BENCH_WRITERS", "100"))
MAX_CONNECTIONS = int(os.environ.get("BENCH_MAX_CONNECTIONS", "256"))
KEEP = os.environ.get("BENCH_KEEP", "0") == "1"
HEARTH = os.path.abspath(os.environ.get("HEARTH_BIN", os.path.join(REPO, "build", "release", "hearth")))
HEARTH_ARGS = os.environ.get("BENCH_HEARTH_ARGS", "").split()
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def log(message):
    print(f"posting: {message}", flush=True)


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def scale_data():
    directory = os.path.join(BENCH, "data", f"scale-{POSTS}")
    seed_out = os.path.join(directory, "seed.out")
    if not os.path.exists(seed_out):
        log(f"seeding {POSTS} posts into {directory} (once; reused later)")
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        out = subprocess.run([HEARTH, "seed", "scale", "--posts", str(POSTS), "--data", directory, "--log-level", "warn"],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        with open(seed_out, "w", encoding="utf-8") as f:
            f.write(out)
    with open(seed_out, encoding="utf-8") as f:
        facts = dict(line.strip().split("=", 1) for line in f if "=" in line)
    return directory, facts


def pick_writers(db_path, count):
    """Seeded members (all share the bench password) and two conversations in one of their groups."""
    db = sqlite3.connect(db_path)
    try:
        accounts = db.execute(
            "SELECT a.id, a.login_name FROM accounts a WHERE a.login_key LIKE 'scale-%' AND EXISTS "
            "(SELECT 1 FROM memberships m WHERE m.account_id = a.id AND m.status = 'active') "
            "ORDER BY a.id LIMIT ?", (count,)).fetchall()
        writers = []
        for account, login in accounts:
            threads = db.execute(
                "SELECT t.id FROM memberships m JOIN threads t ON t.group_id = m.group_id "
                "WHERE m.account_id = ? AND m.status = 'active' AND t.locked = 0 "
                "ORDER BY m.group_id, t.id LIMIT 2", (account,)).fetchall()
            if threads:
                writers.append({"account": account, "login": login, "threads": [t[0] for t in threads]})
        return writers
    finally:
        db.close()


class Server:
    def __init__(self, data_dir):
        self.data_dir, self.lines, self.port = data_dir, [], None
        self.listening = threading.Event()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
        # Logging every writer in from one address; posting itself has no such limit.
        env["HEARTH_LIMITS_LOGIN_ATTEMPTS_PER_CLIENT_PER_15_MINUTES"] = "1000000"
        self.process = subprocess.Popen(
            [HEARTH, "serve", "--listen", "127.0.0.1:0", "--data", data_dir, "--log-level", "info", *HEARTH_ARGS],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        threading.Thread(target=self._drain, daemon=True).start()
        if not self.listening.wait(300) or self.port is None:
            self.kill()
            raise RuntimeError("hearth did not start:\n" + "".join(self.lines[-40:]))
        self.base = f"http://127.0.0.1:{self.port}"

    def _drain(self):
        for raw in iter(self.process.stdout.readline, b""):
            line = raw.decode("utf-8", "replace")
            self.lines.append(line)
            if self.port is None and (found := LISTENING.search(line)):
                self.port = int(found.group(1))
                self.listening.set()
        self.listening.set()

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)


def api(base, method, path, payload=None, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(payload).encode() if payload else None,
                                     headers={"Content-Type": "application/json", "Accept": "application/json",
                                              **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read().decode()


def log_in(base, writers, password):
    for w in writers:
        w["token"] = json.loads(api(base, "POST", "/api/v1/sessions", {"login": w["login"], "password": password}))["token"]


def reply_histogram(base):
    """The server's own time for replies (hearth_http_request_duration_seconds, cumulative)."""
    text = api(base, "GET", "/metrics")
    return {float(m.group(1)): float(m.group(2)) for m in re.finditer(
        r'hearth_http_request_duration_seconds_bucket\{route="api\.threads\.reply",le="([^"]+)"\} (\S+)', text)}


def server_side(before, after):
    """From the server's histogram over one run: the share of replies answered within 5 ms and
    the bucket bounds its p50 and p99 fall under (the driver's own delays are not in it)."""
    counts = {le: after.get(le, 0) - before.get(le, 0) for le in sorted(after)}
    total = max(counts.values(), default=0)
    if not total:
        return {}
    bound = lambda p: next((le * 1000 for le, c in counts.items() if c >= p / 100 * total), float("inf"))  # noqa: E731
    return {"server_within_5ms": counts.get(0.005, 0) / total, "server_p50_under_ms": bound(50),
            "server_p99_under_ms": bound(99)}


def verify(db_path, acknowledged):
    """Every acknowledged reply is in the database exactly once, with the id the API gave."""
    db = sqlite3.connect(db_path)
    missing, doubled, wrong_id = [], [], []
    try:
        for o in acknowledged:
            rows = db.execute("SELECT id FROM posts WHERE author_account_id = ? AND idempotency_key = ?",
                              (o["account"], o["key"])).fetchall()
            if not rows:
                missing.append(o["key"])
            elif len(rows) > 1:
                doubled.append(o["key"])
            elif str(rows[0][0]) != str(o["post"]):
                wrong_id.append(o["key"])
        stored = db.execute("SELECT COUNT(*) FROM posts WHERE idempotency_key LIKE 'bench-%'").fetchone()[0]
    finally:
        db.close()
    return {"acknowledged": len(acknowledged), "missing": len(missing), "doubled": len(doubled),
            "wrong_id": len(wrong_id), "bench_posts_stored": stored, "examples": (missing + doubled + wrong_id)[:5]}


def write_results(summaries, check, metrics, facts_line):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results = os.path.join(BENCH, "results")
    os.makedirs(results, exist_ok=True)
    med = lambda key: statistics.median(s[key] for s in summaries)  # noqa: E731
    lines = [f"# Posting at a fixed rate, {stamp}", "", facts_line, "",
             "| run | offered/s | achieved/s | p50 | p90 | p99 | p99.9 | max | server ≤ 5 ms | errors | load before |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for i, s in enumerate(summaries, 1):
        lines.append(f"| {i} | {s['offered_rate']:.0f} | {s['achieved_rate']:.0f} | {s['p50_ms']:.2f} ms |"
                     f" {s['p90_ms']:.2f} ms | {s['p99_ms']:.2f} ms | {s['p999_ms']:.2f} ms | {s['max_ms']:.1f} ms |"
                     f" {s.get('server_within_5ms', float('nan')):.1%} | {s['errors'] or ''} | {s['load']} |")
    lines.append(f"| median | {RATE:.0f} | {med('achieved_rate'):.0f} | {med('p50_ms'):.2f} ms | {med('p90_ms'):.2f} ms |"
                 f" **{med('p99_ms'):.2f} ms** | {med('p999_ms'):.2f} ms | {med('max_ms'):.1f} ms | | | |")
    verdict = "met" if med("p99_ms") < 5 and med("achieved_rate") >= 0.98 * RATE else "MISSED"
    lines += ["", f"Budget (p99 < 5 ms at {RATE:.0f}/s): **{verdict}**.",
              f"Durability after SIGKILL: {check['acknowledged']} acknowledged, {check['missing']} missing,"
              f" {check['doubled']} doubled, {check['wrong_id']} with another id;"
              f" {check['bench_posts_stored']} bench replies stored."]
    text = "\n".join(lines) + "\n"
    for name in (f"posting-{stamp}", "posting-latest"):
        with open(os.path.join(results, name + ".md"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(results, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"runs": summaries, "durability": check, "settings": facts_line}, f, indent=2)
    with open(os.path.join(results, f"posting-{stamp}.metrics.txt"), "w", encoding="utf-8") as f:
        f.write(metrics)
    return text, verdict, check


def main():
    source, facts = scale_data()
    work = tempfile.mkdtemp(prefix="hearth-posting-")
    server = None
    try:
        data = os.path.join(work, "data")
        log(f"copying {source} to {data}")
        shutil.copytree(source, data)
        writers = pick_writers(os.path.join(data, "hearth.db"), WRITERS)
        log(f"{len(writers)} writers, {sum(len(w['threads']) for w in writers)} conversations; starting {HEARTH}")
        server = Server(data)
        log_in(server.base, writers, facts["bench_password"])
        if WARMUP > 0:
            asyncio.run(run_load(server.base, writers, RATE, WARMUP, MAX_CONNECTIONS, label="bench-warm"))
        summaries, acknowledged = [], []
        for i in range(RUNS):
            time.sleep(1)
            load = loadavg()
            histogram = reply_histogram(server.base)
            run = asyncio.run(run_load(server.base, writers, RATE, DURATION, MAX_CONNECTIONS, label=f"bench-r{i}"))
            summary = summarize(run, RATE, DURATION)
            summary.update(server_side(histogram, reply_histogram(server.base)))
            summary["load"] = load
            summaries.append(summary)
            acknowledged += [o for o in run["outcomes"] if o["status"] == 201]
            log(f"run {i + 1}: {summary['achieved_rate']:.0f}/s  p50 {summary['p50_ms']:.2f} ms  p90 {summary['p90_ms']:.2f} ms"
                f"  p99 {summary['p99_ms']:.2f} ms  max {summary['max_ms']:.1f} ms  errors {summary['errors']}"
                f"  driver late by {summary['driver_behind_ms']:.1f} ms  connections {summary['connections']}  load {load}")
            if "server_within_5ms" in summary:
                log(f"  server side: {summary['server_within_5ms']:.1%} within 5 ms, p50 under"
                    f" {summary['server_p50_under_ms']:g} ms, p99 under {summary['server_p99_under_ms']:g} ms")
            samples = [o for o in run["outcomes"] if o["status"] != 201][:3]
            for o in samples:
                log(f"  error sample: {o['status']} {o.get('error', '')[:160]}")
        metrics = api(server.base, "GET", "/metrics")
        server.kill()
        check = verify(os.path.join(data, "hearth.db"), acknowledged)
        facts_line = (f"{POSTS:,} posts (hearth seed scale), {len(writers)} writers, {RATE:.0f} replies/s for {DURATION:.0f} s"
                      f" × {RUNS} after {WARMUP:.0f} s of warm-up, {os.cpu_count()} cores, {os.path.basename(HEARTH)}"
                      f" at {HEARTH}, load average at the end {loadavg()}")
        text, verdict, check = write_results(summaries, check, metrics, facts_line)
        print(text)
        return 0 if check["missing"] == check["doubled"] == check["wrong_id"] == 0 else 1
    finally:
        if server:
            server.kill()
        if KEEP:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

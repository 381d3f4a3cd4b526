#!/usr/bin/env python3
"""Summarises a bench/run.sh run: medians per scenario and server, the hearth/nginx ratio,
budgets; prints a table and writes RESULTS_DIR/<stamp>.{json,md} and latest.{json,md}.

Usage (from run.sh): summarize.py SCENARIOS_TSV MEASUREMENTS_JSONL RESULTS_DIR
Settings and machine facts come in BENCH_* environment variables.
"""
import json
import os
import shutil
import statistics
import sys

SERVERS = ("hearth", "nginx")


def env(name, default=""):
    return os.environ.get(name, default)


def read_scenarios(path):
    scenarios = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, url_path, headers, body, ctype, encoding, budget = line.rstrip("\n").split("\t")
            scenarios.append({
                "name": name,
                "path": url_path,
                "headers": [h for h in headers.split("|") if h],
                "body_bytes": int(body),
                "content_type": ctype,
                "content_encoding": encoding,
                "min_ratio": float(budget) if budget else None,
            })
    return scenarios


def read_measurements(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rps(wrk):
    return wrk["requests"] / (wrk["duration_us"] / 1e6)


def summarise(scenario, measurements):
    """Medians per server plus the paired per-run ratios for one scenario."""
    out = {}
    for server in SERVERS:
        runs = sorted((m for m in measurements if m["scenario"] == scenario["name"] and m["server"] == server),
                      key=lambda m: m["run"])
        wrks = [m["wrk"] for m in runs]
        errors = {k: sum(w["errors"][k] for w in wrks) for k in ("connect", "read", "write", "status", "timeout")}
        out[server] = {
            "runs": len(wrks),
            "rps_median": statistics.median(rps(w) for w in wrks),
            "rps_all": [round(rps(w), 1) for w in wrks],
            "p50_us_median": statistics.median(w["latency_us"]["p50"] for w in wrks),
            "p90_us_median": statistics.median(w["latency_us"]["p90"] for w in wrks),
            "p99_us_median": statistics.median(w["latency_us"]["p99"] for w in wrks),
            "wire_bytes_per_response": round(sum(w["bytes"] for w in wrks) / max(1, sum(w["requests"] for w in wrks)), 1),
            "errors": errors,
            "raw": wrks,
        }
    h, n = out["hearth"], out["nginx"]
    ratio = h["rps_median"] / n["rps_median"] if n["rps_median"] else None
    paired = [round(a / b, 3) for a, b in zip(h["rps_all"], n["rps_all"]) if b]
    budget_ok = None if scenario["min_ratio"] is None or ratio is None else ratio >= scenario["min_ratio"]
    return {**scenario, "servers": out, "ratio": ratio, "ratio_per_run": paired, "budget_ok": budget_ok}


def fmt_us(us):
    return f"{us:.0f} µs" if us < 1000 else f"{us / 1000:.2f} ms"


def fmt_ratio(s):
    if s["ratio"] is None:
        return "-"
    text = f"{s['ratio']:.2f}" if s["ratio"] >= 0.1 else f"{s['ratio']:.3f}"
    if len(s["ratio_per_run"]) > 1:
        text += f" ({min(s['ratio_per_run']):.2f}–{max(s['ratio_per_run']):.2f})"
    return text


def fmt_budget(s):
    if s["min_ratio"] is None:
        return "-"
    return f"≥ {s['min_ratio']:.2f}: " + ("ok" if s["budget_ok"] else "MISSED")


def rows(results):
    header = ["scenario", "server", "req/s", "p50", "p99", "body B", "wire B/resp", "hearth/nginx", "budget"]
    body = []
    for s in results:
        for server in SERVERS:
            m = s["servers"][server]
            first = server == "hearth"
            errors = sum(m["errors"].values())
            body.append([
                s["name"] if first else "",
                server + (f" ({errors} errors)" if errors else ""),
                f"{m['rps_median']:,.0f}",
                fmt_us(m["p50_us_median"]),
                fmt_us(m["p99_us_median"]),
                f"{s['body_bytes']:,}" if first else "",
                f"{m['wire_bytes_per_response']:,.0f}",
                fmt_ratio(s) if first else "",
                fmt_budget(s) if first else "",
            ])
    return header, body


def text_table(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    right = {2, 3, 4, 5, 6}
    def line(r):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in body])


def markdown_table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i in {2, 3, 4, 5, 6} else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in body]
    return "\n".join(lines)


def main():
    scenarios_tsv, measurements_jsonl, results_dir = sys.argv[1:4]
    measurements = read_measurements(measurements_jsonl)
    results = [summarise(s, measurements) for s in read_scenarios(scenarios_tsv)]
    settings = {
        "wrk": f"wrk -t{env('BENCH_THREADS')} -c{env('BENCH_CONNECTIONS')} -d{env('BENCH_DURATION_TEXT')} --latency",
        "runs": int(env("BENCH_RUNS", "0")),
        "warmup_seconds": int(env("BENCH_WARMUP", "0")),
        "nginx_worker_processes": env("BENCH_NGINX_WORKERS"),
        "hearth_args": env("BENCH_HEARTH_ARGS"),
    }
    machine = {
        "cores": int(env("BENCH_CORES", "0")),
        "cpu": env("BENCH_CPU"),
        "kernel": env("BENCH_KERNEL"),
        "nginx": env("BENCH_NGINX_VERSION"),
        "wrk": env("BENCH_WRK_VERSION"),
        "load_average_before": env("BENCH_LOAD_BEFORE"),
        "load_average_after": env("BENCH_LOAD_AFTER"),
    }
    commit = env("BENCH_COMMIT") + (" (with uncommitted changes)" if env("BENCH_DIRTY") == "1" else "")
    stamp = env("BENCH_STAMP")
    report = {"stamp": stamp, "commit": commit, "settings": settings, "machine": machine, "scenarios": results}

    header, body = rows(results)
    table = text_table(header, body)
    intro = (f"{stamp}, commit {commit}; {settings['wrk']}, median of {settings['runs']} run(s) per server, "
             f"warm-up {settings['warmup_seconds']} s; {machine['cores']} cores ({machine['cpu']}) "
             f"shared by wrk and the server; load average {machine['load_average_before']} before, "
             f"{machine['load_average_after']} after; nginx {machine['nginx']}, "
             f"worker_processes {settings['nginx_worker_processes']}.")
    print()
    print(table)
    print()
    print("req/s, p50 and p99 are medians over the runs; hearth/nginx is the ratio of median req/s")
    print("(in brackets: the lowest and highest ratio of a single run, which shows how noisy it was).")
    print(f"load average {machine['load_average_before']} before, {machine['load_average_after']} after "
          f"({machine['cores']} cores).")

    os.makedirs(results_dir, exist_ok=True)
    json_path = os.path.join(results_dir, f"{stamp}.json")
    md_path = os.path.join(results_dir, f"{stamp}.md")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(f"# Hearth bench {stamp}\n\n{intro}\n\n{markdown_table(header, body)}\n\n")
        f.write("Scenarios:\n\n")
        for s in results:
            headers = ", ".join(f"`{h}`" for h in s["headers"]) or "no extra headers"
            f.write(f"- **{s['name']}**: `GET {s['path']}`, {headers}; {s['body_bytes']:,} B "
                    f"{s['content_type']}, {s['content_encoding']}\n")
    for src, dst in ((json_path, "latest.json"), (md_path, "latest.md")):
        shutil.copyfile(src, os.path.join(results_dir, dst))
    print(f"written {json_path} and {md_path}")

    failed = False
    for s in results:
        for server in SERVERS:
            errors = s["servers"][server]["errors"]
            if sum(errors.values()):
                print(f"warning: {s['name']} on {server} had errors {errors}; "
                      "non-2xx/3xx answers (status) make the figures meaningless", file=sys.stderr)
                failed = failed or errors["status"] > 0
        if s["budget_ok"] is False:
            print(f"budget missed: {s['name']} reached {s['ratio']:.2f} × nginx, budget ≥ {s['min_ratio']:.2f}",
                  file=sys.stderr)
            failed = failed or env("BENCH_STRICT") == "1"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

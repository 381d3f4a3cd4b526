#!/usr/bin/env python3
"""An open-loop (fixed-rate) load of replies through the JSON API, for DESIGN.md's posting
budget: "under 5 ms p99 at 500 replies/s sustained".

Request i is due at start + i / rate, whether or not earlier ones have been answered, and its
latency is measured from that due time, not from when a connection was free to send it: a
closed-loop tool (wrk) waits for an answer before sending the next request, so a slow server
is offered less load and its stalls hide in the gaps (coordinated omission).

Connections are kept alive and pooled; a due request takes an idle one or opens another (up
to --max-connections; past that it waits, and the wait counts). Each reply goes to one of
the writers' threads in turn, with a fresh idempotency key. Standard library only.

Used by bench/posting.py; alone:
  posting_load.py --base http://127.0.0.1:PORT --writers writers.json --rate 500 --duration 30
where writers.json is [{"token": ..., "account": ..., "threads": [id, ...]}, ...].
"""
import argparse
import asyncio
import json
import statistics
import sys
import time


class Connection:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    async def post(self, host, path, token, body):
        head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"Accept: application/json\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        return status, payload, close

    def close(self):
        self.writer.close()


class Pool:
    def __init__(self, host, port, limit):
        self.host, self.port, self.limit = host, port, limit
        self.idle, self.opened, self.peak = [], 0, 0
        self.freed = asyncio.Condition()

    async def take(self):
        async with self.freed:
            while not self.idle and self.opened >= self.limit:
                await self.freed.wait()
            if self.idle:
                return self.idle.pop()
            self.opened += 1
            self.peak = max(self.peak, self.opened)
        try:
            return Connection(*await asyncio.open_connection(self.host, self.port))
        except BaseException:
            await self.drop(None)
            raise

    async def give_back(self, connection):
        async with self.freed:
            self.idle.append(connection)
            self.freed.notify()

    async def drop(self, connection):
        if connection:
            connection.close()
        async with self.freed:
            self.opened -= 1
            self.freed.notify()


def reply_text(key):
    """About the seeded replies' length (~350 characters), different for every key. No digits:
    a long digit run would make the third-party guard ask whether it is a phone number."""
    tag = "".join(chr(ord("a") + int(d)) for d in "".join(ch for ch in key if ch.isdigit()))
    return (f"Thank you for sharing this ({tag}). I had a *very* similar week: the tiredness, the worry "
            "about getting everything done, and the feeling that nobody quite sees it. What helped me a "
            "little was a short walk in the morning before anyone else was up, and writing down three "
            "small things that went well. Sending you warmth, and I hope tonight you can rest.")


async def one_reply(pool, writer, thread, key, due, results, timeout):
    body = json.dumps({"body": reply_text(key), "idempotency_key": key}).encode()
    connection = None
    outcome = {"key": key, "account": writer["account"], "thread": thread, "due": due}
    try:
        connection = await pool.take()
        status, payload, close = await asyncio.wait_for(
            connection.post(pool.host, f"/api/v1/threads/{thread}/posts", writer["token"], body), timeout)
        outcome["status"] = status
        if status == 201:
            outcome["post"] = json.loads(payload)["post"]["id"]
        else:
            outcome["error"] = payload[:200].decode("utf-8", "replace")
        if close:
            await pool.drop(connection)
        else:
            await pool.give_back(connection)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
        outcome["status"] = 0
        outcome["error"] = f"{type(error).__name__}: {error}"
        if connection:
            await pool.drop(connection)
    outcome["latency"] = time.perf_counter() - due
    results.append(outcome)


async def run_load(base, writers, rate, duration, max_connections=256, timeout=10.0, label="run"):
    """Sends rate × duration replies on schedule; returns one outcome per reply."""
    host, _, port = base.removeprefix("http://").partition(":")
    pool = Pool(host, int(port), max_connections)
    targets = [(w, t) for w in writers for t in w["threads"]]
    total = int(rate * duration)
    results, tasks, behind = [], [], 0.0
    start = time.perf_counter() + 0.05
    for i in range(total):
        due = start + i / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        behind = max(behind, time.perf_counter() - due)  # how late the driver itself was
        writer, thread = targets[i % len(targets)]
        tasks.append(asyncio.create_task(one_reply(pool, writer, thread, f"{label}-{i}", due, results, timeout)))
    sent_in = time.perf_counter() - start
    await asyncio.gather(*tasks)
    for connection in pool.idle:
        connection.close()
    return {"outcomes": results, "sent_in": sent_in, "driver_behind": behind, "connections": pool.peak,
            "elapsed": time.perf_counter() - start}


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def summarize(run, rate, duration):
    outcomes = run["outcomes"]
    ok = sorted(o["latency"] for o in outcomes if o["status"] == 201)
    everything = sorted(o["latency"] for o in outcomes)
    errors = {}
    for o in outcomes:
        if o["status"] != 201:
            name = str(o["status"]) if o["status"] else o["error"].split(":")[0]
            errors[name] = errors.get(name, 0) + 1
    ms = lambda v: v * 1000  # noqa: E731
    return {"offered_rate": rate, "duration": duration, "sent": len(outcomes), "acknowledged": len(ok),
            "achieved_rate": len(ok) / run["elapsed"] if run["elapsed"] else 0.0,
            "send_rate": len(outcomes) / run["sent_in"] if run["sent_in"] else 0.0,
            "p50_ms": ms(percentile(everything, 50)), "p90_ms": ms(percentile(everything, 90)),
            "p99_ms": ms(percentile(everything, 99)), "p999_ms": ms(percentile(everything, 99.9)),
            "max_ms": ms(everything[-1]) if everything else float("nan"),
            "mean_ms": ms(statistics.fmean(everything)) if everything else float("nan"),
            "errors": errors, "driver_behind_ms": ms(run["driver_behind"]), "connections": run["connections"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--writers", required=True, help="JSON file: [{token, account, threads}]")
    parser.add_argument("--rate", type=float, default=500)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--max-connections", type=int, default=256)
    parser.add_argument("--label", default=f"load-{int(time.time())}")
    args = parser.parse_args()
    with open(args.writers, encoding="utf-8") as f:
        writers = json.load(f)
    run = asyncio.run(run_load(args.base, writers, args.rate, args.duration, args.max_connections, label=args.label))
    json.dump(summarize(run, args.rate, args.duration), sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()

"""Opens many idle Server-Sent Events connections to one hearth and reports its memory.

Used by bench/sse_idle.sh (see there). Standard library only: asyncio keeps thousands of
sockets open in one process without a thread each.

    python3 sse_idle_client.py --host 127.0.0.1 --port 8080 --path /g/x/t/1/events \
        --pid 1234 --connections 10000 [--reply-command "…"]

Prints one JSON object: RSS of the hearth process before and after (from /proc), the extra
memory per connection, how long opening took, and (with --reply-command) how long a reply
took to reach every open stream.
"""
import argparse
import asyncio
import json
import subprocess
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Stream:
    def __init__(self):
        self.reader = None
        self.writer = None
        self.event_at = None


async def open_stream(host, port, path, stream, semaphore):
    async with semaphore:
        reader, writer = await asyncio.open_connection(host, port, limit=4096)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head[:200].decode("latin-1"))
        await reader.readuntil(b"\n\n")  # retry: …
        stream.reader, stream.writer = reader, writer


async def wait_for_event(stream, name):
    while True:
        block = await stream.reader.readuntil(b"\n\n")
        if b"event: " + name.encode() in block:
            stream.event_at = time.monotonic()
            return


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--connections", type=int, default=10000)
    parser.add_argument("--parallel", type=int, default=200, help="connections being opened at once")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds to wait before measuring")
    parser.add_argument("--reply-command", default="", help="shell command that posts a reply to the thread")
    args = parser.parse_args()

    before = rss_kib(args.pid)
    streams = [Stream() for _ in range(args.connections)]
    semaphore = asyncio.Semaphore(args.parallel)
    started = time.monotonic()
    results = await asyncio.gather(*(open_stream(args.host, args.port, args.path, s, semaphore) for s in streams),
                                   return_exceptions=True)
    failures = [r for r in results if isinstance(r, Exception)]
    opened = time.monotonic() - started
    open_streams = [s for s in streams if s.writer is not None]
    await asyncio.sleep(args.settle)  # every stream's first read has run
    after = rss_kib(args.pid)

    fan_out = None
    received = 0
    if args.reply_command and open_streams:
        waits = [asyncio.ensure_future(wait_for_event(s, "reply")) for s in open_streams]
        sent = time.monotonic()
        subprocess.run(args.reply_command, shell=True, check=True, stdout=subprocess.DEVNULL)
        done, pending = await asyncio.wait(waits, timeout=30)
        for task in pending:
            task.cancel()
        received = sum(1 for s in open_streams if s.event_at is not None)
        if received:
            fan_out = max(s.event_at for s in open_streams if s.event_at is not None) - sent
    after_event = rss_kib(args.pid)

    for s in open_streams:
        s.writer.close()
    report = {
        "connections_requested": args.connections,
        "connections_open": len(open_streams),
        "failures": len(failures),
        "first_failure": str(failures[0]) if failures else None,
        "open_seconds": round(opened, 2),
        "rss_before_mib": round(before / 1024, 1),
        "rss_after_mib": round(after / 1024, 1),
        "extra_mib": round((after - before) / 1024, 1),
        "extra_kib_per_connection": round((after - before) / max(1, len(open_streams)), 2),
        "rss_after_one_event_mib": round(after_event / 1024, 1),
        "event_received_by": received,
        "event_fan_out_seconds": round(fan_out, 3) if fan_out is not None else None,
    }
    print(json.dumps(report))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

"""Fan-out throughput against a rate-limited server: wall time, ids lost, 429s.

Runs the sandbox in a process of its own with 100 ms of latency per response and a fixed
server window, points a client whose limiter matches it at the sandbox, and fetches 300
users' top 100 plays (`user_bests(...).limit(100)`: one request per user, 100 ids at
once, a whole window's budget). The sandbox first builds every answer once and then
serves its bytes from memory, so that its own CPU (some 30 ms an answer to build, 5 ms
to encode again) does not hide the client's schedule; `--top 5` asks for small answers,
to see the schedule without the client's work on 235 KB bodies. Two runs:

- the server at 100 requests per 5 s, the client's limiter at (100, 5): the budget is
  the bound, so the wall time is compared with the fixed-window floor (the last window
  opens at (requests / 100 - 1) × 5 s, plus one answer's latency);
- the server at 1200 per 60 s (the real one), the client at (1200, 60): all requests fit
  one window, so latency, the fan-out's concurrency and the client's own CPU (printed:
  an HTTP exchange through httpx costs a few ms on one core) are the bound.

Run: `python benchmarks/fanout_bench.py [--users 300] [--latency-ms 100] [--concurrency 100]
[--top 100]`.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

import osuframes.api as of
from osuframes import RateLimit, RateLimiter, SyncClient
from osuframes.sandbox import run


def serve(conn: Connection, users: int) -> None:
    """The sandbox process: sends where it listens, then obeys commands until None."""
    with run(rate_limit=10**6) as sandbox:
        server = sandbox.server
        server.remember_answers()
        ids = sandbox.world.existing_user_ids(users, start=1)
        conn.send((sandbox.base_url, sandbox.client_id, sandbox.client_secret, ids))
        while (command := conn.recv()) is not None:
            name, args = command
            if name == "reset":
                server.stats.reset()
                server.limiter.reset()
                conn.send(None)
            elif name == "arrivals":
                conn.send(server.stats.arrival_times())
            elif name == "counts":
                conn.send((server.stats.requests("/api/v2/users"), server.stats.throttled))
            else:  # set_latency, set_rate_limit
                conn.send(getattr(server, name)(*args))


class Sandbox:
    """The sandbox process, and how to reach and steer it."""

    def __init__(self, users: int) -> None:
        self._conn, child = multiprocessing.get_context("spawn").Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=serve, args=(child, users), daemon=True
        )
        self._process.start()
        self.base_url, self.client_id, self.client_secret, self.ids = self._conn.recv()

    def call(self, name: str, *args: Any) -> Any:
        self._conn.send((name, args))
        return self._conn.recv()

    @contextmanager
    def fresh_client(self, limiter: tuple[int, float] | RateLimiter) -> Iterator[SyncClient]:
        """A client of the sandbox with no cache and its token in hand; the server's counts
        and window start again once it has the token, so they hold only what it sends."""
        with (
            tempfile.TemporaryDirectory() as cache,
            SyncClient(
                base_url=self.base_url,
                client_id=self.client_id,
                client_secret=self.client_secret,
                limiter=limiter,
                cache_dir=cache,
                cache=False,
            ) as client,
        ):
            client.get_current_token()
            self.call("reset")
            yield client

    def close(self) -> None:
        self._conn.send(None)
        self._process.join(timeout=10)


def fan_out(
    sandbox: Sandbox, limiter: tuple[int, float] | RateLimiter, workers: int, top: int
) -> tuple[float, float, int, int, int]:
    """Wall seconds, the client's CPU seconds, requests, ids lost and 429s of one
    fan-out by a fresh client."""
    with sandbox.fresh_client(limiter) as client:
        query = of.user_bests(sandbox.ids, mode="osu", client=client, progress=False)
        query = query.limit(top)
        query.concurrency = workers
        start, cpu = time.perf_counter(), time.process_time()
        query.fetch()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    requests, refused = sandbox.call("counts")
    return seconds, cpu, requests, len(query.errors), refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=100, help="ids fetched at once")
    parser.add_argument("--top", type=int, default=100, help="plays per user (one page)")
    options = parser.parse_args()
    latency = options.latency_ms / 1000

    sandbox = Sandbox(options.users)
    try:
        # Build every answer once, so the runs measure the client, not the sandbox's CPU.
        unlimited = RateLimiter(RateLimit(10**6, 1))
        fan_out(sandbox, unlimited, options.concurrency, options.top)
        sandbox.call("set_latency", options.latency_ms)

        sandbox.call("set_rate_limit", 100, 5.0)
        seconds, cpu, requests, lost, refused = fan_out(
            sandbox, (100, 5), options.concurrency, options.top
        )
        floor = (math.ceil(requests / 100) - 1) * 5.0 + latency
        print(
            f"server 100/5 s, limiter (100, 5): {requests} requests in {seconds:.2f} s, "
            f"{seconds / floor:.2f}x the fixed-window floor of {floor:.1f} s; "
            f"ids lost: {lost}; 429s: {refused}; client CPU {cpu:.2f} s"
        )

        sandbox.call("set_rate_limit", 1200, 60.0)
        seconds, cpu, requests, lost, refused = fan_out(
            sandbox, (1200, 60), options.concurrency, options.top
        )
        bound = math.ceil(requests / options.concurrency) * latency
        print(
            f"server 1200/60 s, limiter (1200, 60): {requests} requests in {seconds:.2f} s "
            f"(latency x requests / concurrency: {bound:.2f} s; client CPU: {cpu:.2f} s); "
            f"ids lost: {lost}; 429s: {refused}"
        )
    finally:
        sandbox.close()


if __name__ == "__main__":
    main()

"""Fan-out throughput against a rate-limited server: wall time, ids lost, 429s.

Starts the sandbox with 100 ms of latency per response and a fixed server window, points
a client whose limiter matches it at the sandbox, and fetches 300 users' top 100 plays
(`user_bests(...).limit(100)`: one request per user, 32 ids at once). The sandbox first
builds every answer once and then serves it from memory, so that its own CPU (some 30 ms
an answer) does not hide the client's schedule. Two runs:

- the server at 100 requests per 5 s, the client's limiter at (100, 5): the budget is
  the bound, so the wall time is compared with the fixed-window floor (the last window
  opens at (requests / 100 - 1) × 5 s, plus one answer's latency);
- the server at 1200 per 60 s (the real one), the client at (1200, 60): all requests fit
  one window, so latency and the fan-out's concurrency are the bound.

Run: `python benchmarks/fanout_bench.py [--users 300] [--latency-ms 100] [--concurrency 32]`.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time

import osuframes.api as of
from osuframes import RateLimit, RateLimiter, SyncClient
from osuframes.sandbox import SandboxInfo, run


def fan_out(
    sandbox: SandboxInfo, ids: list[int], limiter: tuple[int, float] | RateLimiter, workers: int
) -> tuple[float, int, int, int]:
    """Wall seconds, requests, ids lost and 429s of one fan-out by a fresh client."""
    with (
        tempfile.TemporaryDirectory() as cache,
        SyncClient(
            base_url=sandbox.base_url,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            limiter=limiter,
            cache_dir=cache,
        ) as client,
    ):
        client.get_current_token()
        stats = sandbox.server.stats
        stats.reset()
        sandbox.server.limiter.reset()
        query = of.user_bests(ids, mode="osu", client=client, progress=False).limit(100)
        query.concurrency = workers
        start = time.perf_counter()
        query.fetch()
        seconds = time.perf_counter() - start
    return seconds, stats.requests("/api/v2/users"), len(query.errors), stats.throttled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--concurrency", type=int, default=32, help="ids fetched at once")
    options = parser.parse_args()
    latency = options.latency_ms / 1000

    with run(rate_limit=10**6) as sandbox:
        ids = sandbox.world.existing_user_ids(options.users, start=1)
        # Build every answer once, so the runs measure the client, not the sandbox's CPU.
        sandbox.server.remember_answers()
        fan_out(sandbox, ids, RateLimiter(RateLimit(10**6, 1)), options.concurrency)
        sandbox.server.set_latency(options.latency_ms)

        sandbox.server.set_rate_limit(100, 5.0)
        seconds, requests, lost, refused = fan_out(sandbox, ids, (100, 5), options.concurrency)
        floor = (math.ceil(requests / 100) - 1) * 5.0 + latency
        print(
            f"server 100/5 s, limiter (100, 5): {requests} requests in {seconds:.2f} s, "
            f"{seconds / floor:.2f}x the fixed-window floor of {floor:.1f} s; "
            f"ids lost: {lost}; 429s: {refused}"
        )

        sandbox.server.set_rate_limit(1200, 60.0)
        seconds, requests, lost, refused = fan_out(sandbox, ids, (1200, 60), options.concurrency)
        bound = math.ceil(requests / options.concurrency) * latency
        print(
            f"server 1200/60 s, limiter (1200, 60): {requests} requests in {seconds:.2f} s "
            f"(latency x requests / concurrency: {bound:.2f} s); ids lost: {lost}; "
            f"429s: {refused}"
        )


if __name__ == "__main__":
    main()

"""Fan-out throughput: how close to the rate limit a many-id Query runs, and its 429s.

Starts the sandbox with 100 ms of latency per response and the real server's limit
(1200 requests a minute per token, fixed window), points a client with the limiter set
to 1200/60 at it, and fetches `user_recent_activity` (one request per user) for many
users. Prints the achieved request rate as a share of the limit, and the 429s the
server sent.

Run: `python benchmarks/fanout_bench.py [--users 400] [--latency-ms 100]`.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import osuframes as of
from osuframes.sandbox import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--limit", type=int, default=1200, help="requests per minute")
    options = parser.parse_args()
    with run(latency_ms=options.latency_ms, rate_limit=options.limit) as sandbox:
        ids = sandbox.world.existing_user_ids(options.users, start=1)
        with (
            tempfile.TemporaryDirectory() as cache,
            of.SyncClient(
                base_url=sandbox.base_url,
                client_id=sandbox.client_id,
                client_secret=sandbox.client_secret,
                limiter=(options.limit, 60),
                cache_dir=cache,
            ) as client,
        ):
            client.get_current_token()
            stats = sandbox.server.stats
            stats.reset()
            start = time.perf_counter()
            frame = of.user_recent_activity(ids, client=client, progress=False).to_frame()
            seconds = time.perf_counter() - start
        requests = stats.requests("/api/v2/users")
        # n requests evenly spaced span n - 1 intervals.
        rate = (requests - 1) / seconds * 60
        print(
            f"{requests} requests in {seconds:.1f} s ({len(frame):,} rows) with "
            f"{options.latency_ms:.0f} ms latency: {rate:.0f} requests/min, "
            f"{rate / options.limit:.0%} of the {options.limit}/min limit; "
            f"429s from the server: {stats.throttled}"
        )


if __name__ == "__main__":
    main()

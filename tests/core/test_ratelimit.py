"""The limiter: smooth, never over budget, shared by clients and by processes."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx

from osuframes import Client, RateLimit, RateLimiter
from osuframes.http.ratelimit import MemoryLedger, SqliteLedger, shared_limiter
from tests.conftest import CLIENT_ID, CLIENT_SECRET, FakeClock


def most_in_any_window(times: list[float], window: float) -> int:
    """The largest number of `times` inside any half-open window [t, t + window)."""
    times = sorted(times)
    best = 0
    for i, start in enumerate(times):
        best = max(best, sum(1 for t in times[i:] if t < start + window))
    return best


async def test_slots_never_exceed_the_budget_and_are_evenly_spaced():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(10, 1), MemoryLedger(), clock)
    granted = []
    for _ in range(50):
        await limiter.acquire()
        granted.append(clock.now())
    assert most_in_any_window(granted, 1.0) <= 10
    gaps = [b - a for a, b in zip(granted, granted[1:], strict=False)]
    assert min(gaps) >= 0.1  # no burst of the whole budget at once
    assert granted[-1] - granted[0] < 5.5  # and close to the full rate


async def test_first_request_waits_for_nothing():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(60, 60), MemoryLedger(), clock)
    assert await limiter.acquire() == 0
    assert clock.sleeps == []


async def test_sqlite_ledger_gives_the_same_slots_as_memory(tmp_path: Path):
    rate = RateLimit(5, 1)
    memory, disk = MemoryLedger(), SqliteLedger(tmp_path / "slots.sqlite", "client:1")
    for now in [0.0, 0.0, 0.05, 0.3, 0.3, 2.0, 2.0, 2.0]:
        assert memory.reserve(now, rate) == disk.reserve(now, rate)


async def test_concurrent_calls_stay_within_ten_per_second_over_http(tmp_path: Path):
    stamps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "a", "expires_in": 86400})
        stamps.append(time.time())
        return httpx.Response(200, json={"ok": True})

    async with Client(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=httpx.MockTransport(handler),
        limiter=(10, 1),
        cache_dir=tmp_path,
    ) as client:
        await asyncio.gather(*(client._request("GET", "/api/v2/x") for _ in range(25)))
    assert len(stamps) == 25
    assert most_in_any_window(stamps, 1.0) <= 10
    assert stamps[-1] - stamps[0] >= 2.0


def test_clients_of_one_application_share_one_limiter(tmp_path: Path):
    one = Client(client_id=1, client_secret="x", limiter=(10, 1), cache_dir=tmp_path)
    two = Client(client_id=1, client_secret="y", limiter=(10, 1), cache_dir=tmp_path)
    other = Client(client_id=2, client_secret="x", limiter=(10, 1), cache_dir=tmp_path)
    assert one.limiter is two.limiter
    assert other.limiter is not one.limiter
    assert shared_limiter(tmp_path, 1, RateLimit(10, 1)) is one.limiter


WORKER = textwrap.dedent(
    """
    import asyncio, json, sys, time
    import httpx
    from osuframes import Client

    stamps = []

    def handler(request):
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "a", "expires_in": 86400})
        stamps.append(time.time())
        return httpx.Response(200, json={})

    async def main():
        async with Client(client_id=7, client_secret="s", base_url="https://osu.test",
                          transport=httpx.MockTransport(handler), limiter=(10, 1),
                          cache_dir=sys.argv[1]) as client:
            sys.stdout.write("ready\\n"); sys.stdout.flush()
            sys.stdin.readline()
            await asyncio.gather(*(client._request("GET", "/x") for _ in range(12)))
        print(json.dumps(stamps))

    asyncio.run(main())
    """
)


def test_two_processes_sharing_a_cache_dir_stay_within_one_budget(tmp_path: Path):
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    for worker in workers:  # start both together
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    stamps: list[float] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        stamps += json.loads(out.strip().splitlines()[-1])
    assert len(stamps) == 24
    assert most_in_any_window(stamps, 1.0) <= 10
    assert max(stamps) - min(stamps) >= 2.0

"""The limiter measured where it matters: request arrival times recorded by the sandbox.

No sliding window of S seconds may ever hold more than N requests at the server, for one
process or several sharing a cache folder, through 429 storms and a ledger deleted
mid-run; and a short job spends the budget at once.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import osuframes
import osuframes.api as of
from osuframes import ConfigError, RateLimit, RateLimiter, SyncClient
from osuframes.api._default import default_client
from osuframes.sandbox import SandboxInfo, run


@pytest.fixture
def sandbox() -> Iterator[SandboxInfo]:
    with run(latency_ms=20) as info:
        yield info
        assert info.server.errors == [], info.server.errors[0]


def client_for(info: SandboxInfo, cache_dir: Path, limiter: tuple[int, float]) -> SyncClient:
    client = SyncClient(
        base_url=info.base_url,
        client_id=info.client_id,
        client_secret=info.client_secret,
        limiter=limiter,
        cache_dir=cache_dir,
    )
    client.get_current_token()
    return client


def fan_out(info: SandboxInfo, client: SyncClient, users: int, start: int = 1) -> None:
    """One request per user (their top 5); asserts the exact rows came back."""
    ids = info.world.existing_user_ids(users, start=start)
    query = of.user_bests(ids, mode="osu", client=client, progress=False).limit(5)
    frame = query.to_frame()
    assert query.errors == []
    assert len(frame) == sum(min(5, info.world.user_score_count(u, "best", "osu")) for u in ids)


def test_a_short_fan_out_spends_the_budget_at_once(sandbox: SandboxInfo, tmp_path: Path):
    # Warm up first (imports and first-use set-up) through a limiter of its own.
    with SyncClient(
        base_url=sandbox.base_url,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        limiter=RateLimiter(RateLimit(1000, 1)),
    ) as warm:
        fan_out(sandbox, warm, 2, start=100)
    with client_for(sandbox, tmp_path, (10, 1)) as client:
        sandbox.server.stats.reset()
        fan_out(sandbox, client, 10)
    arrived = sandbox.server.stats.arrival_times()
    assert len(arrived) == 10
    assert arrived[-1] - arrived[0] < 0.2  # evenly spaced, the last left after 0.95 s


def test_no_second_at_the_server_holds_more_than_the_budget(sandbox: SandboxInfo, tmp_path):
    with client_for(sandbox, tmp_path, (10, 1)) as client:
        sandbox.server.stats.reset()
        fan_out(sandbox, client, 25)
    stats = sandbox.server.stats
    assert len(stats.arrival_times()) == 25
    assert stats.busiest_window(1.0) == 10  # the whole budget, never more


WORKER = textwrap.dedent(
    """
    import sys
    import osuframes.api as of
    from osuframes import SyncClient

    base_url, secret, cache_dir, first = sys.argv[1:5]
    with SyncClient(base_url=base_url, client_id=1, client_secret=secret, limiter=(10, 1),
                    cache_dir=cache_dir) as client:
        client.get_current_token()
        print("ready", flush=True)
        sys.stdin.readline()
        ids = list(range(int(first), int(first) + 12))
        frame = of.user_bests(ids, mode="osu", client=client, progress=False).limit(1).to_frame()
        print(len(frame), flush=True)
    """
)


def test_three_processes_sharing_a_cache_folder_keep_one_budget(sandbox, tmp_path: Path):
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                sandbox.base_url,
                sandbox.client_secret,
                str(tmp_path),
                str(1 + 12 * n),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    sandbox.server.stats.reset()
    for worker in workers:  # all three start together
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        worker.communicate(timeout=120)
        assert worker.returncode == 0
    stats = sandbox.server.stats
    assert len(stats.arrival_times()) == 36
    assert stats.busiest_window(1.0) <= 10
    assert stats.throttled == 0


def test_a_429_storm_gives_exact_rows_and_one_back_off(tmp_path: Path):
    """The server allows 5 a second, the client believes in 1000: after the first 429 the
    client keeps to the server's pace instead of hammering it."""
    with run(rate_limit=5, window_s=1.0) as info, client_for(info, tmp_path, (1000, 1)) as client:
        info.server.stats.reset()
        fan_out(info, client, 150)
        stats = info.server.stats
        # The first burst (8 at once, the fan-out's concurrency) left before any answer
        # could tell; the headers of its answers may spare it the 429s.
        first = stats.arrival_times()[0]
        since = stats.refused_at[0] if stats.refused_at else first + 1.0
        assert stats.busiest_window(1.0, since=since) <= 5
        assert stats.throttled <= 8


def test_a_token_budget_spent_elsewhere_holds_the_client_back_without_429s(tmp_path: Path):
    """Another program spends 10 of the token's 20 a window: the server's Remaining shows
    it, and the client waits for the window instead of running into 429s."""
    with run(rate_limit=20, window_s=3.0, latency_ms=20) as info:
        with client_for(info, tmp_path, (20, 3)) as client:
            token = client.get_current_token().access_token
            headers = {"Authorization": f"Bearer {token}"}
            for _ in range(10):
                httpx.get(f"{info.base_url}/api/v2/spotlights", headers=headers)
            info.server.stats.reset()
            fan_out(info, client, 12)
        assert info.server.stats.throttled == 0
        assert len(info.server.stats.arrival_times()) == 12


def test_a_ledger_deleted_mid_run_is_recreated_and_the_schedule_holds(
    sandbox: SandboxInfo, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    ledger = tmp_path / "ratelimit.sqlite"
    stats = sandbox.server.stats

    def delete_after_15_requests() -> None:
        deadline = time.monotonic() + 60
        while len(stats.arrival_times()) < 15 and time.monotonic() < deadline:
            time.sleep(0.01)
        ledger.unlink()

    with client_for(sandbox, tmp_path, (10, 1)) as client, caplog.at_level(logging.WARNING):
        stats.reset()
        deleter = threading.Thread(target=delete_after_15_requests)
        deleter.start()
        fan_out(sandbox, client, 40)
        deleter.join()
    assert len(stats.arrival_times()) == 40
    assert stats.busiest_window(1.0) <= 10
    assert ledger.exists()
    assert any("deleted or replaced" in r.getMessage() for r in caplog.records)


def test_a_corrupt_ledger_is_replaced_with_a_warning(sandbox, tmp_path: Path, caplog):
    (tmp_path / "ratelimit.sqlite").write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING), client_for(sandbox, tmp_path, (10, 1)) as client:
        fan_out(sandbox, client, 3)
    assert any("is corrupt" in r.getMessage() for r in caplog.records)


def unusable_ledger_error(sandbox: SandboxInfo, cache_dir: Path) -> str:
    sandbox.server.stats.reset()
    with pytest.raises(ConfigError) as info:
        SyncClient(
            base_url=sandbox.base_url,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            limiter=(10, 1),
            cache_dir=cache_dir,
        )
    assert sandbox.server.stats.total == 0  # refused before any request
    return str(info.value)


def test_a_folder_where_the_ledger_goes_is_a_config_error(sandbox, tmp_path: Path):
    (tmp_path / "ratelimit.sqlite").mkdir()
    message = unusable_ledger_error(sandbox, tmp_path)
    assert str(tmp_path / "ratelimit.sqlite") in message and "is a folder" in message


def test_a_location_that_cannot_hold_files_is_a_config_error(sandbox):
    message = unusable_ledger_error(sandbox, Path("/proc"))  # not even root writes there
    assert "/proc/ratelimit.sqlite" in message and "cache_dir" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_is_a_config_error(sandbox, tmp_path: Path):
    tmp_path.chmod(0o500)
    try:
        message = unusable_ledger_error(sandbox, tmp_path)
    finally:
        tmp_path.chmod(0o700)
    assert "ratelimit.sqlite" in message and "writable" in message


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_configure_a_hundred_times_leaks_no_file_descriptors(sandbox, tmp_path: Path):
    """Each configure() replaces the default client; what it opened is closed."""

    def configure(n: int) -> None:
        osuframes.configure(
            base_url=sandbox.base_url,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            rate_limit=(1000 + n, 1),
            cache_dir=tmp_path / str(n % 7),
        )
        client = default_client()  # built at first use: it opens the limiter's ledger
        if n % 10 == 0:  # and now and then a request (the sandbox allows 60 logins a minute)
            assert client.get_user(2).id == 2

    try:
        configure(0)
        before = open_fds()
        for n in range(1, 101):
            configure(n)
        after = open_fds()
    finally:
        osuframes.configure()
    assert after - before <= 3, json.dumps(os.listdir("/proc/self/fd"))

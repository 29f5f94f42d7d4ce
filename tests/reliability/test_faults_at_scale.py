"""300 users' bests through mixed faults give the sandbox's exact rows, or say what is missing.

Faults: 500, HTML 502, HTML 503, connection resets, truncated bodies and slow answers, at
5%, 20% and 50% of API requests. Retries wait milliseconds here (`retry_waits`), the
limiter is out of the way, and slow answers take 0.3 s, so the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import osuframes.api as of
from osuframes import PartialResultWarning, SyncClient
from osuframes.fetching import FailedFetch
from osuframes.http.retry import RetryPolicy
from osuframes.sandbox import FAULT_KINDS, SandboxInfo, run

USERS = 300
FAST_RETRIES = RetryPolicy(base_s=0.005, rate_limited_base_s=0.005, cap_s=0.05)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxInfo]:
    with run(rate_limit=10**6) as info:
        info.server.faults.slow_s = 0.3
        yield info
        assert info.server.errors == [], info.server.errors[0]


@pytest.fixture(scope="module")
def ids(sandbox: SandboxInfo) -> list[int]:
    return sandbox.world.existing_user_ids(USERS, start=100)


@pytest.fixture(scope="module")
def truth(
    sandbox: SandboxInfo, ids: list[int], tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[int, int]]:
    """The (user_id, score id) pairs without faults, checked against the world's counts."""
    frame, errors = _bests(sandbox, ids, tmp_path_factory.mktemp("truth"), max_retries=0)
    assert errors == []
    counts = frame.groupby("user_id").size()
    expected = {u: sandbox.world.user_score_count(u, "best", "osu") for u in ids}
    assert {u: int(counts.get(u, 0)) for u in ids} == expected
    return _pairs(frame)


def _bests(
    info: SandboxInfo, ids: list[int], cache_dir: Path, *, max_retries: int
) -> tuple[pd.DataFrame, list[FailedFetch]]:
    """The users' bests through a fresh client, and the ids that failed."""
    with SyncClient(
        base_url=info.base_url,
        client_id=info.client_id,
        client_secret=info.client_secret,
        limiter=(10**6, 60),
        max_retries=max_retries,
        retry_waits=FAST_RETRIES,
        cache=False,
        cache_dir=cache_dir,
    ) as client:
        query = of.user_bests(ids, mode="osu", client=client, progress=False)
        return query.to_frame(), query.errors


def _pairs(frame: pd.DataFrame) -> list[tuple[int, int]]:
    return sorted(zip(frame["user_id"].tolist(), frame["id"].tolist(), strict=True))


@pytest.mark.parametrize("rate", [0.05, 0.2])
def test_faults_retried_give_the_exact_rows(
    sandbox: SandboxInfo, ids: list[int], truth: list[tuple[int, int]], rate: float, tmp_path: Path
) -> None:
    sandbox.server.set_fault_rate(rate, FAULT_KINDS)
    sandbox.server.stats.reset()
    try:
        frame, errors = _bests(sandbox, ids, tmp_path, max_retries=8)
    finally:
        sandbox.server.faults.clear()
    assert errors == []
    assert not frame.duplicated(subset=["id"]).any()
    assert _pairs(frame) == truth
    assert set(sandbox.server.stats.faults) == set(FAULT_KINDS)  # every kind was met


def test_half_the_requests_failing_lists_every_missing_id(
    sandbox: SandboxInfo, ids: list[int], truth: list[tuple[int, int]], tmp_path: Path
) -> None:
    sandbox.server.set_fault_rate(0.5, FAULT_KINDS)
    # The first request goes through: one failing through every retry would make the
    # whole fan-out raise "API unreachable" (NetworkError), not what this test is about.
    sandbox.server.faults.spare(1)
    try:
        # One retry at 50%: about a quarter of requests fail twice, so ids are missing.
        with pytest.warns(PartialResultWarning, match=f"of {USERS}"):
            frame, errors = _bests(sandbox, ids, tmp_path, max_retries=1)
    finally:
        sandbox.server.faults.clear()
    failed = {failure.key for failure in errors}
    assert failed and failed < set(ids)
    assert not frame.duplicated(subset=["id"]).any()
    # Every id not failed has exactly its true rows; every failed id has none.
    assert _pairs(frame) == [pair for pair in truth if pair[0] not in failed]
    assert not set(frame["user_id"]) & failed

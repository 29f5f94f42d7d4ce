"""The response cache of the notebook functions, counted at the sandbox server.

Every test has its own cache folder (`OSUFRAMES_CACHE_DIR`, set by the autouse fixture
in tests/conftest.py), so nothing carries over between tests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import osuframes as of
from osuframes.sandbox import SandboxInfo, run
from tests.conftest import FakeClock

BESTS = "/api/v2/users/102/scores/best"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxInfo]:
    with run(rate_limit=10**6) as info:
        yield info
        assert info.server.errors == [], info.server.errors[0]


@pytest.fixture
def online(sandbox: SandboxInfo) -> SandboxInfo:
    """The defaults pointed at the sandbox, with its counters zeroed."""
    of.configure(
        base_url=sandbox.base_url,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        rate_limit=(100_000, 60),
    )
    sandbox.server.stats.reset()
    return sandbox


def notebook(client: Any = None) -> list[Any]:
    """What a notebook might compute: a fan-out, a cursor walk and a single resource."""
    return [
        of.user_bests([102, 104], mode="osu", client=client).to_frame(),
        of.rankings("osu", "performance", client=client).limit(100).to_frame(),
        of.user(2, client=client).model_dump(),
    ]


def assert_same(first: list[Any], second: list[Any]) -> None:
    for a, b in zip(first, second, strict=True):
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b)
        else:
            assert a == b


def test_a_second_run_of_the_same_notebook_sends_no_request(online: SandboxInfo):
    first = notebook()
    assert online.server.stats.total > 0
    online.server.stats.reset()
    of.configure(**_same_settings(online))  # a new default client: what is on disk answers
    second = notebook()
    assert online.server.stats.total == 0
    assert_same(first, second)


def test_with_the_cache_turned_off_a_second_run_asks_the_server_again(
    online: SandboxInfo, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OSUFRAMES_CACHE", "0")
    of.configure(**_same_settings(online))
    notebook()
    sent = online.server.stats.requests("/api/v2/")
    notebook()
    assert online.server.stats.requests("/api/v2/") == 2 * sent


def test_an_expired_family_is_fetched_again_and_only_it(online: SandboxInfo):
    of.configure(**_same_settings(online), cache_ttl={"rankings": 3600})
    clock = FakeClock(time.time())
    client = of.SyncClient(clock=clock)
    stats = online.server.stats
    notebook(client)
    bests = stats.requests("/api/v2/users/10")
    rankings = stats.requests("/api/v2/rankings")
    assert bests > 0 and rankings == 2

    clock.t += 11 * 60  # user scores and profiles (10 minutes) expire; rankings keep
    stats.reset()
    notebook(client)
    assert stats.requests("/api/v2/users/10") == bests
    assert stats.requests("/api/v2/users/2") == 1
    assert stats.requests("/api/v2/rankings") == 0

    clock.t += 50 * 60  # past the hour the rankings were given
    stats.reset()
    notebook(client)
    assert stats.requests("/api/v2/rankings") == rankings
    client.close()


def test_refresh_and_fresh_fetch_again_what_is_cached(online: SandboxInfo):
    stats = online.server.stats
    ranking = of.rankings("osu", "performance").limit(100)
    first = ranking.to_frame()
    of.user(2)
    stats.reset()
    of.rankings("osu", "performance").limit(100).to_frame()
    of.user(2)
    assert stats.total == 0
    pd.testing.assert_frame_equal(ranking.refresh().to_frame(), first)
    of.user(2, fresh=True)
    of.user_bests(102, mode="osu", fresh=True).to_frame()
    assert stats.requests("/api/v2/rankings") == 2
    assert stats.requests("/api/v2/users/2") == 1
    pages = -(-online.world.user_score_count(102, "best") // 100)  # pages of 100
    assert stats.requests(BESTS) == pages


def test_no_token_secret_or_authorization_header_is_anywhere_in_the_cache_folder(
    online: SandboxInfo, isolated_environment: Path
):
    notebook()
    token = of.default_client().get_current_token()
    secrets = [token.access_token, online.client_secret, "authorization", "bearer"]
    assert len(online.client_secret) >= 8 and len(token.access_token) >= 8
    files = [path for path in isolated_environment.rglob("*") if path.is_file()]
    assert any(path.suffix == ".json" for path in files)
    for path in files:
        content = path.read_bytes().lower()
        for secret in secrets:
            assert secret.lower().encode() not in content, (path, secret)


def test_offline_answers_from_the_cache_without_credentials_or_any_request(
    online: SandboxInfo,
):
    first = notebook()
    of.configure(base_url=online.base_url, offline=True)  # no client id, no secret
    online.server.stats.reset()
    assert_same(first, notebook())
    with pytest.raises(of.OfflineCacheMiss, match=r"get_user_bests .*/users/105/scores/best"):
        of.user_bests(105, mode="osu").to_frame()
    stats = online.server.stats
    assert (stats.total, stats.token_requests, stats.requests("/oauth/token")) == (0, 0, 0)


def test_offline_serves_expired_answers_and_evicts_nothing(
    online: SandboxInfo, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
):
    first = notebook()
    stored = sorted(isolated_environment.glob("responses/v1/*/*/*.json"))
    monkeypatch.setenv("OSUFRAMES_OFFLINE", "1")
    of.configure(base_url=online.base_url)
    online.server.stats.reset()
    client = of.SyncClient(clock=FakeClock(time.time() + 60 * 24 * 3600))  # two months on
    assert_same(first, notebook(client))
    client.close()
    assert online.server.stats.total == 0
    assert sorted(isolated_environment.glob("responses/v1/*/*/*.json")) == stored


def _same_settings(info: SandboxInfo) -> dict[str, Any]:
    return {
        "base_url": info.base_url,
        "client_id": info.client_id,
        "client_secret": info.client_secret,
        "rate_limit": (100_000, 60),
    }

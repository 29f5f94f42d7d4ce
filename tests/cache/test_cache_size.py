"""The response cache's size limit: the oldest answers go first, and never offline."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from osuframes import ConfigError, ResponseCache, configure
from osuframes.config import Settings
from tests.conftest import FakeClock, MockAPI


def test_past_its_limit_the_cache_forgets_the_oldest_answers_down_to_90_percent(
    tmp_path: Path, clock: FakeClock
):
    cache = ResponseCache(tmp_path, size_limit=10_000, clock=clock)
    for n in range(30):
        cache.set(f"key{n:02d}", "users", b"x" * 1_000)
        clock.t += 1
        assert cache.size() <= 10_000
    # Each time an answer takes it to 11,000 bytes, the oldest go down to 9,000.
    kept = sorted(file.stem for _, file in cache.entries())
    assert kept == [f"key{n:02d}" for n in range(20, 30)]
    assert cache.get("key29", "users") is not None and cache.get("key19", "users") is None


def test_without_a_limit_nothing_is_forgotten(tmp_path: Path):
    cache = ResponseCache(tmp_path)
    for n in range(30):
        cache.set(f"key{n:02d}", "users", b"x" * 1_000)
    assert cache.size() == 30_000


async def test_the_limit_comes_from_the_settings_and_never_applies_offline(
    api: MockAPI, make_client, tmp_path: Path
):
    for user in range(1, 9):
        body = {"id": user, "username": f"player{user}", "padding": "p" * 1_000}
        api.route("GET", f"/api/v2/users/{user}", httpx.Response(200, json=body))
    online = Settings.resolve({"cache_dir": tmp_path, "cache_size_limit": "4KB"}, environ={})
    client = make_client(settings=online, cache=True)
    for user in range(1, 9):
        await client.get_user(user)
    assert client.cache.size_limit == 4_096 and client.cache.size() <= 4_096
    held = client.cache.size()
    offline = Settings.resolve(
        {"cache_dir": tmp_path, "cache_size_limit": "1KB", "offline": True}, environ={}
    )
    reader = make_client(settings=offline, cache=True)
    assert reader.cache.size_limit is None
    assert (await reader.get_user(8)).id == 8
    assert reader.cache.size() == held


@pytest.mark.parametrize(
    ("given", "limit"),
    [("2GB", 2 * 1024**3), ("500 MB", 500 * 1024**2), ("1.5k", 1_536), (123, 123)],
)
def test_a_size_is_bytes_or_a_number_and_a_unit(given: object, limit: int):
    assert configure(cache_size_limit=given).cache_size_limit == limit


def test_a_bad_size_is_refused_naming_it():
    with pytest.raises(ConfigError, match="OSUFRAMES_CACHE_SIZE='lots' is not a size"):
        Settings.resolve(environ={"OSUFRAMES_CACHE_SIZE": "lots"})
    with pytest.raises(ConfigError, match=r"cache_size_limit=0 is not a size.* like 500MB"):
        configure(cache_size_limit=0)
    assert Settings.resolve(environ={"OSUFRAMES_CACHE_SIZE": "1MB"}).cache_size_limit == 1024**2

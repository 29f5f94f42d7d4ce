"""Token repositories: the seed's interface, persistence, and clear errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from osuframes import (
    BaseTokenRepository,
    DiskTokenRepository,
    OAuthToken,
    SimpleTokenRepository,
    TokenNotFoundError,
    TokenStoreError,
)


def token(n: int = 1) -> OAuthToken:
    return OAuthToken(access_token=f"a{n}", refresh_token=f"r{n}", expires_in=86400)


@pytest.fixture(params=["memory", "disk"])
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> BaseTokenRepository:
    return SimpleTokenRepository() if request.param == "memory" else DiskTokenRepository(tmp_path)


async def test_add_get_update_delete(repository: BaseTokenRepository):
    first = token(1)
    assert not await repository.exists(5)
    assert await repository.add(5, first) == first
    assert await repository.exists(5)
    assert await repository.get(5) == first
    await repository.update(5, token(2))
    assert (await repository.get(5)).access_token == "a2"
    await repository.delete(5)
    assert not await repository.exists(5)
    await repository.delete(5)  # deleting twice is fine


async def test_get_of_an_unknown_session_raises_a_key_error(repository: BaseTokenRepository):
    with pytest.raises(KeyError):
        await repository.get(99)
    with pytest.raises(TokenNotFoundError, match="99"):
        await repository.get(99)


async def test_expiry_survives_the_round_trip(tmp_path: Path):
    repository = DiskTokenRepository(tmp_path)
    stored = await repository.add(0, token())
    assert (await repository.get(0)).expires_on == stored.expires_on


def test_a_token_survives_a_process_restart(tmp_path: Path):
    write = textwrap.dedent(
        f"""
        import asyncio
        from osuframes import DiskTokenRepository, OAuthToken
        token = OAuthToken(access_token="kept", refresh_token="r", expires_in=86400)
        asyncio.run(DiskTokenRepository({str(tmp_path)!r}).add(3, token))
        """
    )
    read = textwrap.dedent(
        f"""
        import asyncio
        from osuframes import DiskTokenRepository
        print(asyncio.run(DiskTokenRepository({str(tmp_path)!r}).get(3)).access_token)
        """
    )
    subprocess.run([sys.executable, "-c", write], check=True)
    out = subprocess.run([sys.executable, "-c", read], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "kept"


def test_values_are_json_not_pickles(tmp_path: Path):
    import asyncio
    import sqlite3

    asyncio.run(DiskTokenRepository(tmp_path).add(1, token()))
    with sqlite3.connect(tmp_path / "cache.db") as db:
        (value,) = db.execute("SELECT value FROM Cache").fetchone()
    assert value.startswith('{"token_type":"Bearer"')


def test_a_corrupt_store_gives_a_clear_error(tmp_path: Path):
    (tmp_path / "cache.db").write_bytes(b"this is not a sqlite database" * 100)
    with pytest.raises(TokenStoreError, match="cannot be read") as info:
        DiskTokenRepository(tmp_path)
    assert str(tmp_path) in str(info.value)


async def test_a_corrupt_value_gives_a_clear_error(tmp_path: Path):
    repository = DiskTokenRepository(tmp_path)
    repository._cache.set("session:1", "{not json")
    with pytest.raises(TokenStoreError, match="delete that folder"):
        await repository.get(1)


def test_default_path_is_under_the_cache_dir(isolated_environment: Path):
    assert DiskTokenRepository().path == isolated_environment / "tokens"

"""The current login: a small 0600 JSON file in the cache folder, written atomically."""

from __future__ import annotations

import stat
from pathlib import Path

from osuframes.auth.login import (
    current_login,
    forget_login,
    login_file,
    login_info,
    remember_login,
)
from osuframes.config import Settings


def test_login_file_is_written_with_mode_0600_and_no_temp_file_left(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    path = remember_login(2, username="peppy", scopes=("public", "identify"), settings=settings)
    assert path == login_file(settings) == tmp_path / "cache" / "login.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["login.json"]
    assert current_login(settings) == 2
    info = login_info(settings)
    assert info is not None and info["username"] == "peppy"
    assert info["scopes"] == ["public", "identify"]


def test_a_new_login_replaces_the_current_one(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path)
    remember_login(2, settings=settings)
    remember_login(3, settings=settings)
    assert current_login(settings) == 3
    assert stat.S_IMODE(login_file(settings).stat().st_mode) == 0o600


def test_there_is_no_current_login_without_a_file_or_after_forgetting(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path)
    assert current_login(settings) is None
    remember_login(2, settings=settings)
    forget_login(settings)
    forget_login(settings)  # twice is fine
    assert current_login(settings) is None


def test_an_unreadable_login_file_counts_as_no_login(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path)
    login_file(settings).write_text("{not json")
    assert current_login(settings) is None
    login_file(settings).write_text('{"user_id": "x"}')
    assert current_login(settings) is None


def test_the_login_file_follows_the_configured_cache_dir(isolated_environment: Path) -> None:
    remember_login(5)
    assert (isolated_environment / "login.json").exists()
    assert current_login() == 5

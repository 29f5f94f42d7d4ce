"""A token store that is a symbolic link, or someone else's, is refused before any write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from osuframes.auth import login
from osuframes.auth.repository import DiskTokenRepository, TokenStoreError
from osuframes.config import Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_linked_store_folder_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    (tmp_path / "tokens").symlink_to(target)
    with pytest.raises(TokenStoreError, match="is a symbolic link"):
        DiskTokenRepository(tmp_path / "tokens")
    assert list(target.iterdir()) == [] and mode(target) == 0o755


@pytest.mark.parametrize("name", ["cache.db", "cache.db-wal", "session-2.lock"])
def test_a_linked_file_in_the_store_is_refused(tmp_path: Path, name: str) -> None:
    DiskTokenRepository(tmp_path / "tokens").close()  # a real store
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    planted = tmp_path / "tokens" / name
    planted.unlink(missing_ok=True)
    planted.symlink_to(victim)
    with pytest.raises(TokenStoreError, match=f"{name} is a symbolic link"):
        DiskTokenRepository(tmp_path / "tokens")
    assert victim.read_text() == "precious" and mode(victim) == 0o644


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_store_of_another_user_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tokens"
    folder.mkdir()
    os.chown(folder, 12345, 12345)
    with pytest.raises(TokenStoreError, match="belongs to user id 12345"):
        DiskTokenRepository(folder)


def test_a_linked_login_record_is_refused(tmp_path: Path) -> None:
    settings = Settings.resolve({"cache_dir": tmp_path}, {})
    elsewhere = tmp_path / "other.json"
    elsewhere.write_text('{"user_id": 3}')
    login.login_file(settings).symlink_to(elsewhere)
    with pytest.raises(TokenStoreError, match="login.json is a symbolic link"):
        login.current_login(settings)

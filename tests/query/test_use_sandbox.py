"""`use_sandbox()` in a notebook: one server however often it runs, and a login offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import osuframes
import osuframes.api as of
from osuframes import LoginError, config
from osuframes.api import _default
from osuframes.sandbox import TEST_USER_ID


@pytest.fixture
def notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A fresh notebook session: no sandbox yet, settings of its own (restored after).

    Yields the user's own cache folder, which the sandbox must leave alone.
    """
    user_cache = tmp_path / "user-cache"
    monkeypatch.setenv("OSUFRAMES_CACHE_DIR", str(user_cache))
    for name in ("OSU_CLIENT_ID", "OSU_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(config, "_configured", None)
    yield user_cache
    _default._forget_clients(osuframes.get_settings())
    _default._sandboxes.close()
    _default._running = None


def test_a_second_call_reuses_the_running_sandbox(notebook: Path):
    first = of.use_sandbox(seed=7)
    second = of.use_sandbox(seed=7)
    assert second is first
    assert osuframes.get_settings().base_url == first.base_url
    other = of.use_sandbox(seed=8)
    assert other is not first and other.base_url != first.base_url


def test_login_makes_me_work_offline(notebook: Path):
    of.use_sandbox()
    with pytest.raises(LoginError, match=r"use_sandbox\(login=True\)"):
        of.me()
    of.use_sandbox(login=True)
    assert of.me().id == TEST_USER_ID
    assert not (notebook / "tokens").exists()  # the user's own logins are left alone

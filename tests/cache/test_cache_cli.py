"""`osuframes cache info` and `osuframes cache clear`, on a cache folder of known answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from osuframes.cli import main
from osuframes.http.cache import ResponseCache
from tests.conftest import FakeClock

DAY = 86400.0


@pytest.fixture
def filled(isolated_environment: Path) -> ResponseCache:
    """The settings' cache with two old and two new answers, in two families."""
    clock = FakeClock(time.time() - 10 * DAY)
    cache = ResponseCache(isolated_environment / "responses", clock=clock)
    cache.set("a" * 64, "rankings", b'{"ranking": []}')
    cache.set("b" * 64, "users", b'{"id": 2}')
    clock.t += 9 * DAY
    cache.set("c" * 64, "rankings", b'{"ranking": [1]}')
    cache.set("d" * 64, "users", b'{"id": 3}')
    for what in ("hits", "hits", "misses"):
        cache.count(what)
    cache.close()
    return cache


def test_info_shows_where_the_cache_is_its_size_entries_and_last_runs(
    filled: ResponseCache, capsys: pytest.CaptureFixture[str]
):
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"location: {filled.path}" in out
    assert "in 4 entries" in out
    assert "families: rankings 2, users 2" in out
    assert "2 hits, 1 misses" in out


def test_info_shows_the_size_limit_and_how_full_the_cache_is(
    filled: ResponseCache, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert "limit:    none (set cache_size_limit or OSUFRAMES_CACHE_SIZE, like 2GB)" in out
    monkeypatch.setenv("OSUFRAMES_CACHE_SIZE", "1KB")
    assert main(["cache", "info"]) == 0
    held = filled.size()
    assert 0 < held < 1024
    out = capsys.readouterr().out
    assert f"limit:    1.0 KB, {held / 1024:.1%} full (past it the oldest answers are" in out
    monkeypatch.setenv("OSUFRAMES_OFFLINE", "1")
    assert main(["cache", "info"]) == 0
    assert f"1.0 KB, {held / 1024:.1%} full (not applied offline)" in capsys.readouterr().out


def test_info_refuses_a_size_limit_that_is_not_a_size(
    filled: ResponseCache, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OSUFRAMES_CACHE_SIZE", "lots")
    assert main(["cache", "info"]) == 2
    err = capsys.readouterr().err
    assert "'lots' is not a size" in err and err.count("\n") == 1 and "Traceback" not in err


def test_clear_older_than_removes_only_the_old_answers(
    filled: ResponseCache, capsys: pytest.CaptureFixture[str]
):
    assert main(["cache", "clear", "--older-than", "7d"]) == 0
    assert "removed 2 cached answers older than 7d" in capsys.readouterr().out
    assert sorted(file.stem[0] for _, file in filled.entries()) == ["c", "d"]


def test_clear_of_one_family_keeps_the_others(filled: ResponseCache):
    assert main(["cache", "clear", "--family", "rankings"]) == 0
    assert {family for family, _ in filled.entries()} == {"users"}
    assert main(["cache", "clear"]) == 0
    assert len(filled) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cache", "clear", "--older-than", "7x"], "'7x' is not an age"),
        (["cache", "clear", "--older-than=-1d"], "'-1d' is not an age"),
        (["cache", "clear", "--family", "ranking"], "'ranking' is not a cache family"),
        (["cache", "clear", "--bogus"], "unrecognized arguments: --bogus"),
        (["cache", "wipe"], "invalid choice: 'wipe'"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2_and_removes_nothing(
    filled: ResponseCache, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
):
    try:
        status = main(argv)
    except SystemExit as exit:
        status = exit.code
    assert status == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert len(filled) == 4


def test_top_plays_caches_by_default_and_runs_again_offline_without_credentials(
    tmp_path: Path,
):
    from osuframes.sandbox import run

    base = {k: v for k, v in os.environ.items() if not k.startswith(("OSU_", "OSUFRAMES_"))}
    base["OSUFRAMES_CACHE_DIR"] = str(tmp_path / "cache")
    argv = [sys.executable, "-m", "osuframes", "top-plays", "--players", "3", "--out"]
    with run() as info:
        online = base | {
            "OSU_CLIENT_ID": str(info.client_id),
            "OSU_CLIENT_SECRET": info.client_secret,
            "OSUFRAMES_BASE_URL": info.base_url,
            "OSUFRAMES_RATE_LIMIT": "1200/60",
        }
        first = subprocess.run(
            [*argv, str(tmp_path / "online")], capture_output=True, text=True, timeout=120,
            env=online,
        )  # fmt: skip
        assert first.returncode == 0, first.stderr
        info.server.stats.reset()
        offline = base | {"OSUFRAMES_BASE_URL": info.base_url, "OSUFRAMES_OFFLINE": "1"}
        second = subprocess.run(
            [*argv, str(tmp_path / "offline")], capture_output=True, text=True, timeout=120,
            env=offline,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert info.server.stats.total == 0
    assert "Offline: answering from the response cache" in second.stdout
    for name in ("rankings_osu_top3.parquet", "top_plays_osu_top3"):
        assert pq.read_table(tmp_path / "offline" / name).equals(
            pq.read_table(tmp_path / "online" / name)
        )

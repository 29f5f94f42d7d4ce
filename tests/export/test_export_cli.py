"""`osuframes export` on the command line: bad input, overwriting, resuming after SIGKILL."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from osuframes.cli import main
from osuframes.exporting.feed import feed_cursor
from osuframes.sandbox.world.feed import FEED_BASE
from tests.export.conftest import ExportSandbox, digest, rows_of, write_ids
from tests.export.processes import killed_three_times_then_completed


@pytest.fixture
def cli_env(sb: ExportSandbox, monkeypatch: pytest.MonkeyPatch) -> ExportSandbox:
    for name, value in sb.environment().items():
        monkeypatch.setenv(name, value)
    return sb


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args, "--no-progress"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_each_bad_input_is_one_line_exit_2_and_no_request(
    cli_env: ExportSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    sb = cli_env
    held = tmp_path / "held"
    assert run_cli(capsys, "users", "--out", str(held), "--ids", "2,3")[0] == 0
    ids_file = write_ids(tmp_path / "ids.txt", [2, 3])
    bad_file = tmp_path / "bad.txt"
    bad_file.write_text("2\n# a comment\n\n-5\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    out = str(tmp_path / "out")
    cases = [
        (["user-bestz", "--out", out, "--ids", "2"], "unknown dataset 'user-bestz'"),
        (["user-bests", "--out", out, "--ids", "2", "--bogus"], "unrecognized arguments"),
        (["user-bests", "--out", out, "--ids", "2", "--type", "score"], "unknown option type"),
        (["user-bests", "--out", out, "--ids", "2", "--mode", "std"], "--mode 'std'"),
        (["user-bests", "--out", out, "--ids-file", str(tmp_path / "nope")], "cannot read"),
        (["user-bests", "--out", out, "--ids-file", str(bad_file)], "line 4: '-5'"),
        (["user-bests", "--out", out, "--ids", "2,x"], "'x' is not an id"),
        (["user-bests", "--out", out, "--ids", "2", "--shard", "3/2"], "--shard '3/2'"),
        (["user-bests", "--out", out, "--ids", "2", "--rate-share", "0/2"], "--rate-share"),
        (["user-bests", "--out", str(held), "--ids", "2,3"], "dataset 'users', not 'user-b"),
        (["users", "--out", str(held), "--ids", "2,4"], "ids_digest.*--overwrite"),
        (["user-bests", "--out", str(a_file), "--ids", "2"], "that is a file"),
        (["user-bests", "--out", "/proc/osuframes-x", "--ids", "2"], "cannot write there"),
        (["user-bests", "--ids-file", str(ids_file)], "--out DIR"),
        (["user-bests", "--out", out], "needs ids"),
        (["--status", str(tmp_path)], "no export there"),
        (["beatmap-scores", "--out", out, "--ids", "80", "--mods", "QQ"], "mods='QQ'"),
        (["beatmap-scores", "--out", out, "--ids", "80", "--type", "x"], "type='x'"),
        (
            ["beatmap-scores", "--out", out, "--ids", "80", "--legacy-only", "maybe"],
            "neither on nor",
        ),
        (["matches", "--out", out, "--ids", "5", "--mode", "osu"], "unknown option mode"),
        (["match-events", "--out", out], "match-events needs ids"),
        (["beatmapsets", "--out", out, "--genre", "polka"], "genre='polka'"),
        (["beatmapsets", "--out", out, "--sort", "fun_asc"], "sort='fun_asc'"),
        (["beatmapsets", "--out", out, "--rank", "S,Q"], "rank="),
        (["beatmapsets", "--out", out, "--only-video", "maybe"], "neither on nor"),
        (["beatmapsets", "--out", out, "--ids", "2"], "takes no ids"),
        (["discussions", "--out", out, "--beatmapset-status", "x"], "beatmapset_status='x'"),
        (["discussions", "--out", out, "--beatmapset-id", "0"], "positive whole number"),
        (["discussions", "--out", out, "--count", "5"], "unknown option count"),
        (["score-feed", "--out", out], "give --count N"),
        (["score-feed", "--out", out, "--count", "0"], "--count '0'"),
        (["score-feed", "--out", out, "--count", "5", "--ruleset", "chess"], "ruleset"),
        (["score-feed", "--out", out, "--duration", "5", "--cursor", " "], "cursor_string"),
        (["beatmapsets", "--out", out, "--shard", "1/2"], "--shard 1/2: each page's cursor"),
        (["score-feed", "--out", out, "--count", "5", "--shard", "0/3"], "followed from cursor"),
    ]
    sb.stats.reset()
    for args, message in cases:
        code, _, err = run_cli(capsys, *args)
        assert code == 2, args
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert re.search(message, err), (message, err)
    assert sb.stats.total == 0
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.parquet"))


def test_overwrite_replaces_another_export(
    cli_env: ExportSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = str(tmp_path / "d")
    assert run_cli(capsys, "users", "--out", out, "--ids", "2,3")[0] == 0
    code, printed, _ = run_cli(capsys, "user-bests", "--out", out, "--ids", "2", "--overwrite")
    assert code == 0 and "complete" in printed
    manifest = json.loads((tmp_path / "d" / "_manifest.json").read_text())
    assert manifest["dataset"] == "user-bests"
    assert not (tmp_path / "d" / "part-00000.parquet").exists()
    code, printed, _ = run_cli(capsys, "--status", out)
    assert code == 0 and "1 of 1 chunks committed" in printed


def test_killed_three_times_then_completed_equals_an_uninterrupted_run(
    sandbox: ExportSandbox, tmp_path: Path
):
    ids = sandbox.world.existing_user_ids(150, start=3000)
    ids_file = str(write_ids(tmp_path / "ids.txt", ids))
    arguments = ["user-bests", "--ids-file", ids_file, "--chunk-size", "10"]
    killed, whole = killed_three_times_then_completed(sandbox, tmp_path, arguments)
    a, b = rows_of(killed), rows_of(whole)
    assert len(a) == sandbox.best_count(ids)
    assert list(a["id"]) == list(b["id"])
    assert digest(a) == digest(b)


def test_a_walk_killed_three_times_then_completed_equals_an_uninterrupted_walk(
    sandbox: ExportSandbox, tmp_path: Path
):
    arguments = ["rankings", "--mode", "osu", "--chunk-size", "2"]
    killed, whole = killed_three_times_then_completed(sandbox, tmp_path, arguments)
    a, b = pd.read_parquet(killed), pd.read_parquet(whole)
    assert list(a["user.id"]) == sandbox.world.ranking_user_ids("osu")  # in ranking order
    assert digest(a) == digest(b)
    manifest = json.loads((killed / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["chunks"] == 100  # 200 pages, 2 a part


# The feed export of the kill test: 2,200 scores, in pages of 1,000, 1,000 and 200.
_FEED_SCORES, _FEED_PAGES = 2200, 3
# Each feed answer takes this long while the runs are killed: a run of 3 requests is
# then still at work when its moment comes.
_FEED_LATENCY_S = 1.2


def in_a_feed_request(moments: random.Random, folder: Path) -> tuple[int, float]:
    """A moment in or after one of the feed's requests still to come (in its writing, or
    the next request), but never after the last answer: the run would end first."""
    left = _FEED_PAGES - len(list((folder / "_checkpoints").glob("chunk-*.json")))
    request = moments.randint(1, left)
    latest = _FEED_LATENCY_S / 4 if request == left else _FEED_LATENCY_S + 0.3
    return request, moments.uniform(0.0, latest)


def test_the_score_feed_killed_three_times_then_completed_equals_an_uninterrupted_run(
    sandbox: ExportSandbox, tmp_path: Path
):
    feed = sandbox.world.score_feed_ids()
    assert len(feed) > _FEED_SCORES and feed[0] == FEED_BASE + 1
    arguments = ["score-feed", "--cursor", feed_cursor(FEED_BASE), "--count", str(_FEED_SCORES)]
    killed, whole = killed_three_times_then_completed(
        sandbox,
        tmp_path,
        [*arguments, "--chunk-size", "1", "--poll", "1"],
        in_a_feed_request,
        latency_ms=_FEED_LATENCY_S * 1000,
    )
    a, b = (pd.read_parquet(f).sort_values("id", ignore_index=True) for f in (killed, whole))
    assert list(a["id"]) == feed[:_FEED_SCORES]
    assert list(a["id"]) == list(b["id"])
    assert digest(a) == digest(b)
    manifest = json.loads((killed / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["chunks"] == _FEED_PAGES

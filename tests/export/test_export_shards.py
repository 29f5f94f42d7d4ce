"""`--shard i/n`: shards run at once into one folder equal the unsharded export, keep to
one rate budget (counted at the server), show in `--status`, and resume on their own;
for chunks of ids and for walks paged by page numbers (rankings, discussions)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from osuframes.cli import main
from tests.export.conftest import ExportSandbox, digest, export_command, rows_of, write_ids
from tests.export.processes import completed, kill_at

# The budget the shards share through the ledger in their cache folder: 10 a second.
_RATE, _PER_SECOND = "10/1", 10


def two_shards_at_once(sandbox: ExportSandbox, arguments: list[str], out: Path) -> None:
    """Shards 0/2 and 1/2 of an export started together, sharing one cache folder (and
    so one budget), run to their ends."""
    shards = [
        export_command(
            sandbox,
            *arguments,
            "--out",
            str(out),
            "--shard",
            f"{i}/2",
            cache_dir=out.parent / "shared-cache",
            rate_limit=_RATE,
        )
        for i in (0, 1)
    ]
    assert [completed(shard) for shard in shards] == [0, 0]


def status_of(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--status", str(folder)]) == 0
    return capsys.readouterr().out


def test_two_shards_of_ids_at_once_equal_the_unsharded_export(
    sandbox: ExportSandbox, tmp_path: Path
):
    ids = sandbox.world.existing_user_ids(60, start=3500)
    ids_file = str(write_ids(tmp_path / "ids.txt", ids))
    arguments = ["user-bests", "--ids-file", ids_file, "--chunk-size", "5"]
    sandbox.stats.reset()
    two_shards_at_once(sandbox, arguments, tmp_path / "s")
    assert sandbox.stats.busiest_window(1.0) <= _PER_SECOND
    whole = export_command(sandbox, *arguments, "--out", str(tmp_path / "w"))
    assert completed(whole) == 0
    assert sandbox.stats.throttled == 0
    sharded, unsharded = rows_of(tmp_path / "s"), rows_of(tmp_path / "w")
    pd.testing.assert_frame_equal(sharded, unsharded)
    manifest = json.loads((tmp_path / "s" / "_manifest.json").read_text())
    assert manifest["chunks_committed"] == manifest["chunks"] == 12
    assert sorted(s["shard"] for s in manifest["shards"]) == ["0/2", "1/2"]


# Each walk: its arguments, the column of its ids, and its ids as the sandbox holds them.
WALKS = {
    # 541 rows: 11 pages, 6 parts of 2 pages (the walk's `total` says so).
    "rankings": (
        ["rankings", "--mode", "mania", "--country", "DE", "--chunk-size", "2"],
        "user.id",
        lambda world: world.ranking_user_ids("mania", "performance", "DE"),
    ),
    # 600 discussions: 12 pages, 6 parts of 2; no total, so the shards find the end.
    "discussions": (
        ["discussions", "--chunk-size", "2"],
        "id",
        lambda world: [d.id for d in world.discussions.find_discussions()],
    ),
}


@pytest.mark.parametrize("walk", WALKS)
def test_two_shards_of_a_walk_at_once_equal_the_unsharded_walk(
    sandbox: ExportSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str], walk: str
):
    arguments, key, truth_of = WALKS[walk]
    truth = truth_of(sandbox.world)
    sandbox.stats.reset()
    two_shards_at_once(sandbox, arguments, tmp_path / "s")
    assert sandbox.stats.busiest_window(1.0) <= _PER_SECOND  # one budget for both
    assert sandbox.stats.throttled == 0
    whole = export_command(sandbox, *arguments, "--out", str(tmp_path / "w"))
    assert completed(whole) == 0
    sharded, unsharded = pd.read_parquet(tmp_path / "s"), pd.read_parquet(tmp_path / "w")
    assert list(sharded[key]) == truth  # every row once, in the walk's order
    assert not sharded[key].duplicated().any()
    a, b = (frame.sort_values(key, ignore_index=True) for frame in (sharded, unsharded))
    assert list(a[key]) == list(b[key])
    assert digest(a) == digest(b)
    manifest = json.loads((tmp_path / "s" / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["chunks"] == manifest["chunks_committed"] == 6
    assert {part["shard"] for part in manifest["shards"]} == {"0/2", "1/2"}
    status = status_of(tmp_path / "s", capsys)
    assert "6 of 6 chunks committed" in status and ": complete" in status
    assert "shard 0/2: done, 3" in status and "shard 1/2: done, 3" in status


def test_a_killed_shard_of_a_walk_resumes_on_its_own(
    sandbox: ExportSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # 1,067 rows: 22 pages, 11 parts of 2; shard 1/2 writes parts 1, 3, 5, 7 and 9.
    arguments = ["rankings", "--mode", "taiko", "--country", "US", "--chunk-size", "2"]
    out, cache = tmp_path / "s", tmp_path / "cache"
    truth = sandbox.world.ranking_user_ids("taiko", "performance", "US")

    def shard(i: int) -> list[str]:
        return [*arguments, "--out", str(out), "--shard", f"{i}/2"]

    # Each answer takes a second, so the kill lands in the request it is meant for
    # however loaded the machine is.
    sandbox.info.server.set_latency(1000)
    try:
        before = sandbox.stats.requests("/api/v2/")
        killed = export_command(sandbox, *shard(1), cache_dir=cache)
        # Its first page (the plan), part 1's two pages, then killed waiting for the
        # second page of part 3.
        kill_at(sandbox, killed, before, (5, 0.0))
    finally:
        sandbox.info.server.set_latency(0.0)
    assert "shard 1/2: running, 1 of 5 chunks" in status_of(out, capsys)
    assert completed(export_command(sandbox, *shard(0), cache_dir=cache)) == 0
    resumed = export_command(sandbox, *shard(1), cache_dir=cache)
    printed, _ = resumed.communicate(timeout=300)
    assert resumed.returncode == 0
    assert "wrote 400 rows" in printed and "11 of 11 chunks committed, dataset complete" in printed
    assert list(pd.read_parquet(out)["user.id"]) == truth
    status = status_of(out, capsys)
    assert "shard 0/2: done, 6 of 6" in status and "shard 1/2: done, 5 of 5" in status


def test_a_walk_is_planned_once_for_every_shard_and_the_plan_is_counted(
    sandbox: ExportSandbox, tmp_path: Path
):
    # 541 rows: 11 pages, 6 parts of 2. Each shard has a cache of its own (as on two
    # machines sharing the folder), so every page it fetches is a request.
    arguments = ["rankings", "--mode", "mania", "--country", "DE", "--chunk-size", "2"]
    out = tmp_path / "s"
    counted = []
    for i in (0, 1):
        before = sandbox.stats.requests("/api/v2/")
        shard = export_command(
            sandbox, *arguments, "--out", str(out), "--shard", f"{i}/2",
            cache_dir=tmp_path / f"cache{i}",
        )  # fmt: skip
        assert completed(shard) == 0
        counted.append(sandbox.stats.requests("/api/v2/") - before)
    # Shard 0: the first page (the plan), then parts 0, 2 and 4 (page 1 again from its
    # cache). Shard 1 walks the parts of that plan: parts 1, 3 and 5 (pages 3-4, 7-8,
    # 11), without asking for the first page again.
    assert counted == [6, 5]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["chunks"] == 6
    assert manifest["requests"] == sum(counted)

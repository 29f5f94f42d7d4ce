"""`osuframes.export`: exact rows through faults, Int64 kept, the manifest, resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

import osuframes as of
from tests.export.conftest import ExportSandbox, rows_of

FAULTS = ("500", "502", "503", "reset", "truncate", "slow")


def test_500_users_through_5_percent_faults_equal_the_ground_truth(
    sb: ExportSandbox, tmp_path: Path
):
    ids = sb.world.existing_user_ids(500, start=2000)
    missing = sb.world.missing_user_ids(2)
    sb.info.server.set_fault_rate(0.05, FAULTS)
    summary = of.export(
        "user-bests", tmp_path, ids=[*ids, *missing], chunk_size=100, client=sb.client
    )
    assert sum(sb.stats.faults.values()) > 0
    frame = rows_of(tmp_path)
    assert len(frame) == summary.rows == sb.best_count(ids)
    assert not frame.duplicated(subset=["user_id", "id"]).any()
    expected = {u: sb.world.user_score_count(u, "best", "osu") for u in ids}
    assert frame.groupby("user_id").size().to_dict() == {u: n for u, n in expected.items() if n}
    manifest = json.loads((tmp_path / "_manifest.json").read_text())
    assert sorted(f["id"] for f in manifest["failed"]) == sorted(missing)
    assert all("NotFound" in f["error"] for f in manifest["failed"])
    assert manifest["rows"] == len(frame) and manifest["chunks_committed"] == 6


def test_the_dataset_reads_as_one_table_with_the_frame_dtypes(sb: ExportSandbox, tmp_path: Path):
    ids = sb.world.existing_user_ids(12, start=900)
    of.export("user-bests", tmp_path, ids=ids, chunk_size=5, client=sb.client)
    assert sorted(p.name for p in (tmp_path / "mode=osu").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    frame = pd.read_parquet(tmp_path)
    expected = of.user_bests(ids, mode="osu", client=sb.client).to_frame()
    for column in ("user_id", "id", "best_id", "pp", "created_at"):
        assert frame[column].dtype == expected[column].dtype, column
    assert str(frame["best_id"].dtype) == "Int64"
    assert ds.dataset(tmp_path).count_rows() == len(expected)  # with no options


def test_duckdb_reads_the_dataset_with_its_partitions(sb: ExportSandbox, tmp_path: Path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is an extra (osuframes[duckdb])")
    ids = sb.world.existing_user_ids(8, start=950)
    summary = of.export(
        "user-bests", tmp_path, ids=ids, chunk_size=3, mode="taiko", client=sb.client
    )
    assert len(list((tmp_path / "mode=taiko").glob("*.parquet"))) == 3
    files = f"read_parquet('{tmp_path}/**/*.parquet', hive_partitioning=true)"
    sql = duckdb.connect().execute
    (rows,) = sql(f"SELECT count(*) FROM {files}").fetchone()
    assert rows == summary.rows == sb.best_count(ids, "taiko") > 0
    per_user = sql(f"SELECT user_id, count(*) FROM {files} GROUP BY user_id").fetchall()
    assert dict(per_user) == {
        u: n for u in ids if (n := sb.world.user_score_count(u, "best", "taiko"))
    }
    (modes,) = sql(f"SELECT list(DISTINCT mode) FROM {files}").fetchone()
    assert modes == ["taiko"]


def test_the_manifest_says_what_was_exported(sb: ExportSandbox, tmp_path: Path):
    of.export("users", tmp_path, ids=[2, 3, 4, 3], client=sb.client)
    manifest = json.loads((tmp_path / "_manifest.json").read_text())
    for key in ("dataset", "parameters", "ids_digest", "osuframes_version", "api_version"):
        assert manifest[key] is not None, key
    assert manifest["dataset"] == "users" and manifest["ids"] == 3
    assert manifest["started"] <= manifest["finished"]
    assert manifest["parts"] == [{"path": "part-00000.parquet", "rows": manifest["rows"]}]
    assert manifest["requests"] + manifest["cache_hits"] >= 1
    assert [s["state"] for s in manifest["shards"]] == ["done"]


def test_running_again_resumes_and_sends_no_request_when_complete(
    sb: ExportSandbox, tmp_path: Path
):
    ids = sb.world.existing_user_ids(20, start=1200)
    first = of.export("user-bests", tmp_path, ids=ids, chunk_size=5, client=sb.client)
    (tmp_path / "mode=osu" / "part-00002.parquet").unlink()  # as if killed before it
    sb.stats.reset()
    again = of.export("user-bests", tmp_path, ids=ids, chunk_size=5, client=sb.client)
    assert again.rows == sum(sb.world.user_score_count(u, "best", "osu") for u in ids[10:15])
    sb.stats.reset()
    of.export("user-bests", tmp_path, ids=ids, chunk_size=5, client=sb.client)
    assert sb.stats.total == 0
    assert len(rows_of(tmp_path)) == first.rows


def test_a_rankings_export_feeds_a_user_export(sb: ExportSandbox, tmp_path: Path):
    rankings = tmp_path / "rankings"
    of.export("rankings", rankings, country="jp", client=sb.client)
    ranked = pd.read_parquet(rankings)
    assert len(ranked) == sb.world.ranking_total("osu", "performance", "JP")
    assert (rankings / "mode=osu" / "type=performance" / "part-00000.parquet").exists()
    from osuframes.exporting.ids import ids_from_dataset

    ids = ids_from_dataset(str(rankings), "user.id")
    assert ids == list(ranked["user.id"])


def test_python_bad_input_raises_before_any_request(sb: ExportSandbox, tmp_path: Path):
    bad = [
        ({"dataset": "user-bestz", "ids": [2]}, "unknown dataset 'user-bestz'"),
        ({"dataset": "user-bests", "ids": [2], "type": "score"}, "unknown option type"),
        ({"dataset": "user-bests", "ids": [2], "mode": "std"}, "--mode 'std'"),
        ({"dataset": "user-bests", "ids": [2, -1]}, "-1 is not an id"),
        ({"dataset": "user-bests"}, "needs ids"),
        ({"dataset": "rankings", "ids": [2]}, "takes no ids"),
        ({"dataset": "user-bests", "ids": [2], "shard": "2/2"}, "--shard '2/2'"),
        ({"dataset": "beatmapsets", "shard": "0/2"}, "without walking the pages before"),
        ({"dataset": "score-feed", "count": 9, "shard": "1/2"}, "run it as one process"),
        ({"dataset": "beatmapsets", "category": "nope"}, "category='nope'"),
        ({"dataset": "discussions", "only_unresolved": "perhaps"}, "neither on nor off"),
        ({"dataset": "score-feed", "ruleset": "osu"}, "give --count N"),
        ({"dataset": "score-feed", "duration": -5}, "--duration -5"),
    ]
    for kwargs, message in bad:
        with pytest.raises(of.ExportInputError, match=message):
            of.export(out=tmp_path / "x", client=sb.client, **kwargs)
    assert sb.stats.total == 0

"""Streaming: records as pages arrive, batches that keep nothing, Parquet written as fetched."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import osuframes.api as of
from osuframes import Client
from tests.query.conftest import Sandbox


def test_iterating_yields_the_first_record_before_the_next_page_is_fetched(sb: Sandbox):
    query = of.rankings("osu", "performance", client=sb.client)
    records = iter(query)
    first = next(records)
    assert first.user.id > 0
    assert sb.requests("/api/v2/rankings") == 1
    rest = list(records)
    assert len(rest) + 1 == sb.world.ranking_total("osu", "performance", None)
    # Iterated to the end, the Query holds its pages: using it again costs nothing.
    fetched = sb.stats.total
    assert len(query.to_frame()) == len(rest) + 1
    assert sb.stats.total == fetched


def test_a_loop_left_part_way_keeps_nothing_and_fetches_no_more(sb: Sandbox):
    query = of.rankings("osu", "performance", client=sb.client)
    for _ in query:
        break
    assert "not fetched yet" in repr(query)
    assert sb.requests("/api/v2/rankings") == 1


def test_batches_have_the_declared_schema_and_the_rows_of_the_frame(sb: Sandbox):
    query = of.user_bests([104, 103, 102], mode="osu", client=sb.client)
    batches = list(query.iter_batches(rows=150))
    assert "not fetched yet" in repr(query)  # nothing kept
    expected = query.to_arrow()
    assert [b.num_rows for b in batches[:-1]] == [150] * (len(batches) - 1)
    assert 0 < batches[-1].num_rows <= 150
    assert all(b.schema.equals(expected.schema) for b in batches)
    assert pa.Table.from_batches(batches).equals(expected)


def test_frame_batches_have_the_dtypes_of_to_frame_and_keep_can_keep(sb: Sandbox):
    query = of.user_bests([104, 103], mode="osu", client=sb.client)
    parts = list(query.iter_batches(rows=120, as_frames=True, keep=True))
    fetched = sb.stats.total
    whole = query.to_frame()
    assert sb.stats.total == fetched  # kept: no request
    assert all(part.dtypes.to_dict() == whole.dtypes.to_dict() for part in parts)
    joined = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole)


def test_iter_batches_refuses_a_row_count_that_is_not_positive(sb: Sandbox):
    with pytest.raises(ValueError, match=r"rows=0"):
        next(of.user_bests(104, client=sb.client).iter_batches(rows=0))
    assert sb.stats.total == 0


def test_to_parquet_streams_without_keeping_the_pages(sb: Sandbox, tmp_path: Path):
    ids = sb.world.existing_user_ids(30, start=400)
    query = of.user_bests(ids, mode="osu", client=sb.client, progress=False)
    path = query.to_parquet(tmp_path / "bests.parquet")
    assert "not fetched yet" in repr(query)
    written = pq.read_table(path)
    assert written.num_rows == sum(sb.world.user_score_count(u, "best", "osu") for u in ids)
    assert written.schema.equals(query.to_arrow().schema)
    assert not list(tmp_path.glob(".*partial"))


def test_to_parquet_of_a_folder_says_to_give_a_file_name_or_export(sb: Sandbox, tmp_path: Path):
    for path in (tmp_path, f"{tmp_path}/new/"):
        with pytest.raises(ValueError, match=r"folder; give a file name.*export"):
            of.user_bests(104, client=sb.client).to_parquet(path)
    assert sb.stats.total == 0
    assert list(tmp_path.iterdir()) == []


async def test_async_for_streams_on_an_async_client(sb: Sandbox):
    async with Client(
        base_url=sb.info.base_url,
        client_id=sb.info.client_id,
        client_secret=sb.info.client_secret,
        limiter=(100_000, 60),
    ) as client:
        query = of.rankings("osu", "performance", client=client)
        seen = 0
        async for _ in query:
            seen += 1
            if seen == 1:
                assert sb.requests("/api/v2/rankings") == 1
        assert seen == sb.world.ranking_total("osu", "performance", None)

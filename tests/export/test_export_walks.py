"""Walks (rankings, beatmapsets, discussions) and the score feed: exact rows, resuming
at the cursor a committed part ended on."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import osuframes as of
from osuframes.errors import PartialResultWarning
from osuframes.exporting.feed import feed_cursor
from osuframes.sandbox.world.scores import FEED_BASE
from tests.export.conftest import ExportSandbox


def _forget_parts_from(folder: Path, first: int) -> None:
    """As if the export had been killed before part `first`: its checkpoints are gone
    (the later parts' files are left, as a kill between rename and checkpoint leaves
    them)."""
    for checkpoint in (folder / "_checkpoints").glob("chunk-*.json"):
        if int(checkpoint.stem.split("-")[1]) >= first:
            checkpoint.unlink()


def test_a_ranking_resumes_at_the_cursor_of_its_last_committed_part(
    sb: ExportSandbox, tmp_path: Path
):
    truth = sb.world.ranking_user_ids("mania", "performance", "US")
    assert len(truth) > 7 * 50  # at least 8 pages, so 3 parts of 3 pages
    of.export("rankings", tmp_path, mode="mania", country="US", chunk_size=3, client=sb.client)
    frame = pd.read_parquet(tmp_path)
    assert list(frame["user.id"]) == truth
    parts = sorted((tmp_path / "mode=mania" / "type=performance").glob("part-*.parquet"))
    assert len(parts) == -(-len(truth) // 150)
    _forget_parts_from(tmp_path, 1)
    again = of.export(
        "rankings", tmp_path, mode="mania", country="US", chunk_size=3, client=sb.client
    )
    assert again.rows == len(truth) - 150 and again.complete
    # The pages of parts 1, 2, … only: the plan the first run made is kept in the folder.
    assert again.requests + again.cache_hits == -(-len(truth) // 50) - 3
    assert list(pd.read_parquet(tmp_path)["user.id"]) == truth
    manifest = json.loads((tmp_path / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["chunks"] == len(parts)
    assert manifest["next_cursor"] is None


def test_beatmapsets_are_the_search_walk_every_set_once(sb: ExportSandbox, tmp_path: Path):
    truth = sb.world.beatmapset_search_ids({"s": "any", "m": 2})
    of.export(
        "beatmapsets", tmp_path, mode="fruits", category="any", chunk_size=2, client=sb.client
    )
    frame = pd.read_parquet(tmp_path)
    assert sorted(frame["id"]) == sorted(truth)
    expected = of.search_beatmapsets(mode="fruits", category="any", client=sb.client)
    assert list(frame["id"]) == list(expected.to_frame()["id"])


def test_discussions_are_every_matching_discussion_in_order(sb: ExportSandbox, tmp_path: Path):
    truth = sb.world.discussions.find_discussions(beatmapset_status="qualified")
    assert len(truth) > 50
    of.export(
        "discussions", tmp_path, beatmapset_status="qualified", chunk_size=1, client=sb.client
    )
    frame = pd.read_parquet(tmp_path)
    assert list(frame["id"]) == [d.id for d in truth]


def test_the_score_feed_from_a_cursor_takes_exactly_count_scores(sb: ExportSandbox, tmp_path: Path):
    feed = sb.world.score_feed_ids()
    assert len(feed) >= 1600, "the world's feed is too short for this test"
    start = FEED_BASE + 100
    # `duration` only guards the test: with too few scores it stops and warns, not polls on.
    options = {"cursor": feed_cursor(start), "count": 1500, "chunk_size": 1, "duration": 300}
    of.export("score-feed", tmp_path, client=sb.client, **options)
    frame = pd.read_parquet(tmp_path)
    assert list(frame["id"]) == feed[100:1600]
    manifest = json.loads((tmp_path / "_manifest.json").read_text())
    assert manifest["next_cursor"] == feed_cursor(FEED_BASE + 1600)
    _forget_parts_from(tmp_path, 1)
    again = of.export("score-feed", tmp_path, client=sb.client, **options)
    assert again.rows == 500
    assert list(pd.read_parquet(tmp_path)["id"]) == feed[100:1600]


def test_the_score_feed_polls_the_same_cursor_and_repeats_no_score(
    sb: ExportSandbox, tmp_path: Path
):
    # The sandbox's feed is still: the latest 1000 scores, then the same cursor again.
    with pytest.warns(PartialResultWarning, match="1,000 of the 5,000 scores"):
        of.export(
            "score-feed", tmp_path, ruleset=None, count=5000, duration=2, poll=1,
            client=sb.client,
        )  # fmt: skip
    frame = pd.read_parquet(tmp_path)
    assert list(frame["id"]) == sb.world.score_feed_ids()[-1000:]
    assert sb.stats.per_route["GET scores"] >= 2  # asked again after the same cursor


def test_a_feed_cursor_too_old_is_said_plainly(sb: ExportSandbox, tmp_path: Path):
    old = feed_cursor(FEED_BASE - 20_000_000)
    with pytest.raises(of.ExportInputError, match="refuses the cursor.*too old"):
        of.export("score-feed", tmp_path, cursor=old, count=10, client=sb.client)


def test_the_score_feed_waits_for_scores_still_processing_then_takes_them(
    sb: ExportSandbox, tmp_path: Path
):
    server, feed = sb.info.server, sb.world.score_feed_ids()
    server.set_feed_processed(1500)  # the scores after the 1,500th are still processing
    done = threading.Event()

    def follow() -> None:
        try:
            of.export(
                "score-feed", tmp_path, cursor=feed_cursor(feed[999]), count=1000, poll=1,
                client=sb.client,
            )  # fmt: skip
        finally:
            done.set()

    try:
        worker = threading.Thread(target=follow)
        worker.start()
        # 500 scores, the same cursor back (nothing processed after them), a poll later:
        while sb.stats.per_route["GET scores"] < 3 and not done.is_set():
            time.sleep(0.05)
        assert not done.is_set()
        server.set_feed_processed(None)
        worker.join(timeout=300)
    finally:
        server.set_feed_processed(None)
    assert list(pd.read_parquet(tmp_path)["id"]) == feed[1000:2000]
    parts = json.loads((tmp_path / "_manifest.json").read_text())["parts"]
    assert [part["rows"] for part in parts] == [500, 500]

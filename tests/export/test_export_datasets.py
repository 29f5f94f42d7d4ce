"""The datasets of beatmaps and matches: exact rows against the sandbox's world."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

import osuframes as of
from tests.export.conftest import ExportSandbox


def test_beatmap_scores_are_each_leaderboards_top_100(sb: ExportSandbox, tmp_path: Path):
    beatmaps = sb.world.ranked_beatmap_ids("taiko")[:6]
    of.export(
        "beatmap-scores", tmp_path, ids=beatmaps, mode="taiko", new_format="true",
        chunk_size=4, client=sb.client,
    )  # fmt: skip
    frame = pd.read_parquet(tmp_path)
    expected = [s for b in beatmaps for s in sb.world.scores.board(b, 1, 100)]
    assert list(frame["id"]) == expected
    assert list(frame["beatmap_id"].unique()) == beatmaps


def _game_rows(world: Any, match_id: int) -> list[tuple[int, int]]:
    """(event id, user id) of every score of every game of a match, from the world."""
    multiplayer = world.multiplayer
    match = multiplayer.match(match_id)
    rows = []
    for event_id in multiplayer.event_ids(match):
        game = multiplayer.event(match, event_id, False).get("game") or {}
        rows += [(event_id, score["user_id"]) for score in game.get("scores") or []]
    return rows


def test_matches_are_one_row_per_player_per_game_and_match_events_their_events(
    sb: ExportSandbox, tmp_path: Path
):
    matches = sb.world.match_ids()[10:15]
    of.export("matches", tmp_path / "scores", ids=matches, chunk_size=2, client=sb.client)
    of.export("match-events", tmp_path / "events", ids=matches, client=sb.client)
    scores = pd.read_parquet(tmp_path / "scores")
    got = list(zip(scores["match_id"], scores["event_id"], scores["user_id"], strict=True))
    assert got == [(m, e, u) for m in matches for e, u in _game_rows(sb.world, m)]
    events = pd.read_parquet(tmp_path / "events")
    assert list(events["id"]) == [e for m in matches for e in sb.world.match_event_ids(m)]
    assert set(events["match_id"]) == set(matches)


def test_an_empty_dataset_reads_back_with_its_declared_categories(
    sb: ExportSandbox, tmp_path: Path
):
    world = sb.world
    ids = [
        u for u in world.existing_user_ids(500) if not world.user_score_count(u, "best", "mania")
    ]
    of.export("user-bests", tmp_path, ids=ids[:3], mode="mania", client=sb.client, progress=False)
    expected = of.user_bests(ids[:3], mode="mania", client=sb.client).to_frame()
    frame = of.read_parquet(tmp_path)
    assert frame.empty and len(expected["rank"].cat.categories) > 0
    for name in expected.columns:
        assert frame[name].dtype == expected[name].dtype, name

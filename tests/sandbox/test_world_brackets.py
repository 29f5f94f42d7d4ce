"""The sandbox's brackets behave like tournaments: numbers read back over HTTP with osuframes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest

import osuframes as of
from osuframes.sandbox import SandboxInfo
from osuframes.sandbox.world.brackets import FINAL_ID, FIRST_TO
from tests.conftest import sandbox_client

SOC_FINAL = FINAL_ID + 7 * 3001


@dataclass
class Sandbox:
    """The running sandbox's world and an osuframes client for it."""

    world: Any
    client: of.SyncClient


@pytest.fixture(scope="module")
def sb(sandbox: SandboxInfo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with sandbox_client(sandbox, tmp_path_factory.mktemp("brackets"), cache=False) as client:
        yield Sandbox(sandbox.world, client)


def bracket(sb: Sandbox, match_id: int = FINAL_ID) -> list[Any]:
    return sb.world.multiplayer.brackets.bracket_of(match_id)


@pytest.fixture(scope="module")
def scores(sb: Sandbox) -> pd.DataFrame:
    """Every score of both brackets, as `match_scores` gives them."""
    return of.match_scores(sb.world.multiplayer.brackets.ids(), client=sb.client).to_frame()


def side_wins(frame: pd.DataFrame) -> list[str | None]:
    """The side (team, or user id in head-to-head) that won each game of one match, in order."""
    out: list[str | None] = []
    for _, game in frame.groupby("game.id", sort=True):
        head_to_head = (game["match.team"] == "none").all()
        totals = game.groupby("user_id" if head_to_head else "match.team")["score"].sum()
        out.append(None if totals.nunique() == 1 else str(totals.idxmax()))
    return out


def test_the_same_players_recur_through_each_bracket(sb: Sandbox, scores: pd.DataFrame):
    for final in (FINAL_ID, SOC_FINAL):
        matches = bracket(sb, final)
        ids = [m.id for m in matches]
        played = scores[scores["match_id"].isin(ids)]
        per_player = played.groupby("user_id")["match_id"].nunique()
        rosters = {m.red.name: set(m.red.players) for m in matches[:4]}
        rosters |= {m.blue.name: set(m.blue.players) for m in matches[:4]}
        size = matches[0].lineup.size
        assert len(rosters) == 8 and set(per_player.index) <= set().union(*rosters.values())
        for m in matches:  # a side fields only its own players, in every match it plays
            for side in (m.red, m.blue):
                assert set(side.players) == rosters[side.name]
                mine = played[(played["match_id"] == m.id) & played["user_id"].isin(side.players)]
                assert mine["user_id"].nunique() >= size
        # semifinals and final are between the winners of the round before
        semis = {side.name for m in matches[4:6] for side in (m.red, m.blue)}
        assert semis == {m.winner.name for m in matches[:4]}
        finalists = {matches[6].red.name, matches[6].blue.name}
        assert finalists == {m.winner.name for m in matches[4:6]}
        # a finalist's players are found in 3 matches, a quarterfinal loser's in 1
        three = {u for name in finalists for u in rosters[name]} & set(per_player.index)
        assert three and all(per_player[u] == 3 for u in three)
        assert per_player.max() == 3 and (per_player == 1).sum() >= 4 * size
    kinds = scores.groupby("match_id")["game.team_type"].first()
    assert kinds.value_counts().to_dict() == {"team-vs": 7, "head-to-head": 7}


def test_one_tiebreaker_exactly_when_the_sides_tie_at_match_point(
    sb: Sandbox, scores: pd.DataFrame
):
    tiebreakers = 0
    for m in bracket(sb) + bracket(sb, SOC_FINAL):
        frame = scores[scores["match_id"] == m.id]
        ended = frame[frame["game.end_time"].notna()]
        games = side_wins(ended)[m.warmups :]  # warmups count for nothing
        need = FIRST_TO[m.round]
        wins = Counter(side for side in games if side is not None)
        assert max(wins.values()) == need and min(wins.values()) < need
        before_last = Counter(side for side in games[:-1] if side is not None)
        tied = len(before_last) == 2 and set(before_last.values()) == {need - 1}
        last_map = ended[ended["game.id"] == ended["game.id"].max()]["beatmap.id"].iloc[0]
        on_tiebreaker = [g.kind for g in m.games if g.beatmap == last_map]
        assert (on_tiebreaker == ["tiebreaker"]) == tied, m.name
        tiebreakers += tied
    # measured (seed 1): 2 of 7 team matches and 2 of 7 head-to-head ones, the final among them
    assert tiebreakers == 4
    assert bracket(sb)[-1].games[-1].kind == "tiebreaker"


def test_warmups_are_left_out_of_the_results(sb: Sandbox):
    matches = bracket(sb)
    ids = [m.id for m in matches]
    assert {m.warmups for m in matches} == {2}
    results = of.match_costs(ids, warmups=2, client=sb.client).results().set_index("match_id")
    with_warmups = of.match_costs(ids, client=sb.client).results().set_index("match_id")
    for m in matches:
        side = "red" if m.winner is m.red else "blue"
        red, blue = sorted_wins = re.findall(r"\d+", results.loc[m.id, "result"])
        assert results.loc[m.id, "winner"] == side
        assert max(map(int, sorted_wins)) == FIRST_TO[m.round] and red != blue
    changed = (results["result"] != with_warmups["result"]).sum()
    assert changed == 7  # counting the two warmups changes every score line


def test_match_scores_are_the_players_plays(sb: Sandbox, scores: pd.DataFrame):
    plays = sb.world.plays
    for row in scores.to_dict("records"):
        play = plays.score(row["user_id"], row["beatmap.id"], 0, 0, None)
        assert play is not None
        assert (play.total_score, play.max_combo) == (row["score"], row["max_combo"])
        assert sorted(play.mods) == sorted([*row["mods"], *row["game.mods"]])
    assert len(scores) == 760  # measured (seed 1): every score of the 14 matches
    final = scores[scores["match_id"] == FINAL_ID]
    row = final.iloc[0]
    board = sb.client.get_user_beatmap_score(int(row["user_id"]), int(row["beatmap.id"]))
    assert board.score.max_combo == row["max_combo"] and board.score.accuracy == row["accuracy"]
    # and the best scores of the final's players include games of the bracket
    bests = of.user_bests(sorted(set(final["user_id"])), mode="osu", client=sb.client).to_frame()
    shared = bests.merge(final, on=["user_id", "beatmap.id"])
    assert len(shared) > 0
    assert (shared["accuracy_x"] == shared["accuracy_y"]).all()

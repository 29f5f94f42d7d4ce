"""match_costs over a bracket of the sandbox's tournament matches, against its ground truth."""

from __future__ import annotations

import math
from typing import Any

import pytest

import osuframes as of
from osuframes.tournament import MatchCostWarning
from tests.query.conftest import Sandbox
from tests.sandbox.conftest import api_client

BRACKET = 40  # tournament matches


def tournament_ids(sb: Sandbox, count: int = BRACKET) -> list[int]:
    """Tournament matches of random sides (the brackets' are in tests/sandbox)."""
    mp = sb.world.multiplayer
    ids = [m for m in mp.match_ids() if m not in mp.brackets.ids()]
    return [m for m in ids if mp.match(m).lineup is not None][:count]


def counted_players(sb: Sandbox, match_id: int) -> dict[int, int]:
    """Games each player scored in (ended games, scores above 0), from the world."""
    mp = sb.world.multiplayer
    games: dict[int, int] = {}
    for game in mp.planned_games(mp.match(match_id)).values():
        for core in game.scores:
            if not game.aborted and core.total_score > 0:
                games[core.user_id] = games.get(core.user_id, 0) + 1
    return games


def winner(sb: Sandbox, match_id: int) -> Any:
    """The side (team, or user id in a 1v1) that won the most games, from the world."""
    mp = sb.world.multiplayer
    m = mp.match(match_id)
    wins: dict[Any, int] = {}
    for game in mp.planned_games(m).values():
        if game.aborted:
            continue
        totals: dict[Any, int] = {}
        for core in game.scores:
            side = core.user_id if m.lineup.size == 1 else m.lineup.team_of(core.user_id)
            totals[side] = totals.get(side, 0) + core.total_score
        best = max(totals, key=lambda side: totals[side])
        wins[best] = wins.get(best, 0) + 1
    return max(wins, key=lambda side: wins[side])


def test_a_bracket_gives_one_row_per_player_per_match(sb: Sandbox):
    ids = tournament_ids(sb, 12)
    costs = of.match_costs(ids, client=sb.client)
    frame = costs.to_frame()
    for match_id in ids:
        rows = frame[frame["match_id"] == match_id]
        assert dict(zip(rows["user_id"], rows["games"], strict=True)) == counted_players(
            sb, match_id
        )
        assert list(rows["rank"]) == sorted(rows["rank"])
    # every event of every match, 101 a request (each match is longer than one page)
    events = [sb.world.match_event_count(m) for m in ids]
    assert min(events) > 101
    assert sb.requests("/api/v2/matches/") == sum(math.ceil(n / 101) for n in events)
    assert costs.errors == [] and costs.notes == []
    summary = costs.summary()
    assert summary["matches"].sum() == len(frame)
    assert set(summary["user_id"]) == set(frame["user_id"])


@pytest.mark.parametrize("formula", ["bathbot", "otr"])
def test_the_winning_side_has_the_higher_mean_cost_in_most_matches(sb: Sandbox, formula):
    ids = tournament_ids(sb)
    costs = of.match_costs(ids, formula=formula, client=sb.client)
    frame = costs.to_frame()
    results = costs.results().set_index("match_id")
    higher = 0
    for match_id in ids:
        rows = frame[frame["match_id"] == match_id]
        side = winner(sb, match_id)
        if isinstance(side, int):  # a 1v1: the winner by name
            assert results.loc[match_id, "winner"] == sb.world.users.compact(side)["username"]
        else:
            assert results.loc[match_id, "winner"] == side
        won, lost = rows[rows["won"]], rows[~rows["won"]]
        higher += won["match_cost"].mean() > lost["match_cost"].mean()
    # measured (seed 1): 36 of 40 with Bathbot's formula, 37 of 40 with o!TR's
    assert higher >= 34, f"{higher} of {len(ids)}"
    assert set(results["kind"]) == {"team-vs", "head-to-head"}


def test_a_missing_match_in_a_bracket_is_reported_and_the_rest_computed(sb: Sandbox):
    ids = tournament_ids(sb, 2)
    costs = of.match_costs([ids[0], 1, f"https://osu.ppy.sh/mp/{ids[1]}"], client=sb.client)
    with pytest.warns(MatchCostWarning, match="1 of 3 matches gave no rows: match 1: NotFound"):
        frame = costs.to_frame()
    assert set(frame["match_id"]) == set(ids)
    assert [failed.key for failed in costs.errors] == [1]


def test_private_matches_refuse_guests_and_strangers_as_osu_web_does(sb: Sandbox):
    private = sb.world.multiplayer.private_match_ids()[0]
    assert private not in sb.world.match_ids()  # `GET matches` lists public ones only
    with api_client(sb.info) as guest:  # an app token: osu-web asks to log in
        answer = guest.get(f"matches/{private}")
        assert (answer.status_code, answer.json()) == (401, {"authentication": "basic"})
    with api_client(sb.info, user=True) as stranger:  # a user who did not play in it
        answer = stranger.get(f"matches/{private}")
        assert (answer.status_code, answer.json()) == (403, {"error": "Access denied."})


def test_a_private_match_in_a_bracket_is_reported_and_the_rest_computed(sb: Sandbox):
    ids = tournament_ids(sb, 2)
    private = sb.world.multiplayer.private_match_ids()[0]
    costs = of.match_costs([ids[0], private, ids[1]], client=sb.client)
    with pytest.warns(MatchCostWarning, match=f"1 of 3 matches .*match {private}: Unauthorized"):
        frame = costs.to_frame()
    assert set(frame["match_id"]) == set(ids)
    assert [(failed.key, failed.error.status) for failed in costs.errors] == [(private, 401)]
    with pytest.raises(of.Unauthorized):  # alone, it is every match: raised
        of.match_costs(private, client=sb.client).to_frame()

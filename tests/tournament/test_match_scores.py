"""match_scores under match_costs: match URLs as ids (one parser), deleted beatmaps."""

from __future__ import annotations

import pytest

import osuframes as of
from tests.conftest import load_fixture
from tests.tournament.conftest import Matches, game, play


@pytest.mark.parametrize(
    "given", ["https://osu.ppy.sh/beatmapsets/5", "mp/12x", "", "0", -3, 2.5, None]
)
def test_a_bad_match_id_or_url_raises_before_any_request(matches: Matches, given):
    for make in (of.match_scores, of.match_events):
        with pytest.raises(ValueError, match="match_id"):
            make([501, given], client=matches.client)
    assert matches.requests() == 0


@pytest.mark.parametrize(
    "given",
    [
        522,
        "522",
        "https://osu.ppy.sh/community/matches/522",
        "https://osu.ppy.sh/mp/522",
        "osu.ppy.sh/mp/522/",
        "http://osu.ppy.sh/community/matches/522?foo=1#bar",
    ],
)
def test_match_urls_are_accepted_as_ids(matches: Matches, given):
    matches.add(522, game(play(1, 300_000), play(2, 100_000)))
    assert set(of.match_scores(given, client=matches.client).to_frame()["match_id"]) == {522}


def test_a_game_on_a_deleted_beatmap_gives_rows_without_a_beatmap(matches: Matches):
    # osu-web sends no beatmap for a game whose beatmap was deleted
    matches.add(523, game(play(1, 300_000), play(2, 100_000)))
    frame = of.match_scores(523, client=matches.client).to_frame()
    assert list(frame["user_id"]) == [1, 2]
    assert frame["beatmap.id"].isna().all()


def test_match_costs_on_a_recorded_real_match(matches: Matches):
    # OWC2022 Russian Federation VS France: the newest 100 events, as osu-web sent them
    body = load_fixture("get_multiplayer_match_200.json")
    matches.api.json_route("GET", "/api/v2/matches/105019274", body)
    games = [e["game"] for e in body["events"] if e.get("game") and e["game"]["end_time"]]
    wins = {"red": 0, "blue": 0}
    played: dict[int, int] = {}
    for one in games:
        totals = {"red": 0, "blue": 0}
        for score in one["scores"]:
            if score["score"] > 0:
                totals[score["match"]["team"]] += score["score"]
                played[score["user_id"]] = played.get(score["user_id"], 0) + 1
        wins[max(totals, key=totals.__getitem__)] += 1
    costs = of.match_costs("https://osu.ppy.sh/community/matches/105019274", client=matches.client)
    frame = costs.to_frame()
    assert dict(zip(frame["user_id"], frame["games"], strict=True)) == played
    assert set(frame["team"]) == {"red", "blue"}
    result = costs.results().iloc[0]
    assert result["result"] == f"red {wins['red']} : {wins['blue']} blue"
    assert result["games"] == len(games)

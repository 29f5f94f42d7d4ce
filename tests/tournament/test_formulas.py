"""Both match cost formulas on small matches whose values are worked out here by hand.

Notation: rel = score / the game's mean score (Bathbot's performance cost);
Φ(z) = 0.5 * (1 + erf(z / √2)); map score = 0.5 + Φ(z), z over the game's population
standard deviation.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import osuframes as of
from osuframes.tournament import MatchCostWarning
from tests.tournament.conftest import Matches, game, play

TOLERANCE = 1e-6
PHI_1 = 0.5 * (1 + math.erf(1 / math.sqrt(2)))  # Φ(1) = 0.841344746…


def phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def by_user(frame: pd.DataFrame) -> dict[int, dict[str, object]]:
    return {int(row["user_id"]): row for row in frame.to_dict("records")}


def assert_close(actual: object, expected: float) -> None:
    assert actual == pytest.approx(expected, abs=TOLERANCE)


# A 1v1 (head-to-head, two players), three games:
#   game 1: Alpha 300k, Bravo 100k, mean 200k: rel 1.5 / 0.5
#   game 2: Alpha 250k, Bravo 150k, mean 200k: rel 1.25 / 0.75
#   game 3: Alpha 100k, Bravo 200k, mean 150k: rel 2/3 / 4/3
ONE_V_ONE = (
    game(play(1, 300_000), play(2, 100_000)),
    game(play(1, 250_000), play(2, 150_000)),
    game(play(1, 100_000), play(2, 200_000)),
)


def test_bathbot_1v1(matches: Matches):
    match_id = matches.add(501, *ONE_V_ONE)
    frame = of.match_costs(match_id, client=matches.client).to_frame()
    rows = by_user(frame)
    # performance = mean(rel) + 0.5; both played 3 of 3: e = 1, factor 1.5 ** 1 = 1.5
    alpha = (1.5 + 1.25 + 2 / 3) / 3 + 0.5  # 1.6388889
    bravo = (0.5 + 0.75 + 4 / 3) / 3 + 0.5  # 1.3611111
    assert_close(rows[1]["performance"], alpha)
    assert_close(rows[2]["performance"], bravo)
    assert_close(rows[1]["participation_factor"], 1.5)
    assert_close(rows[1]["mods_factor"], 1.0)  # one combination (no mods)
    assert_close(rows[1]["tiebreaker_bonus"], 0.0)  # 3 games, and no teams
    assert_close(rows[1]["match_cost"], alpha * 1.5)  # 2.4583333
    assert_close(rows[2]["match_cost"], bravo * 1.5)  # 2.0416667
    assert list(frame["user_id"]) == [1, 2] and list(frame["rank"]) == [1, 2]
    # Alpha won games 1 and 2, Bravo game 3
    assert rows[1]["won"] is True and rows[2]["won"] is False
    assert rows[1]["username"] == "Alpha" and rows[1]["team"] == "none"
    assert rows[1]["games"] == 3
    assert_close(rows[1]["average_score"], (300_000 + 250_000 + 100_000) / 3)
    assert frame["match_name"].iloc[0] == "TEST: match 501"


def test_otr_1v1(matches: Matches):
    match_id = matches.add(502, *ONE_V_ONE)
    rows = by_user(of.match_costs(match_id, formula="otr", client=matches.client).to_frame())
    # two scores: mean in the middle, population sd = half the gap: z = +1 / -1
    alpha = (2 * (0.5 + PHI_1) + (0.5 + (1 - PHI_1))) / 3  # 1.1137816
    bravo = ((0.5 + PHI_1) + 2 * (0.5 + (1 - PHI_1))) / 3  # 0.8862184
    assert_close(rows[1]["mean_map_score"], alpha)
    assert_close(rows[2]["mean_map_score"], bravo)
    # lobby bonus 1 + 0.3 * sqrt((3 - 1) / (3 - 1)) = 1.3
    assert_close(rows[1]["lobby_bonus"], 1.3)
    assert_close(rows[1]["match_cost"], alpha * 1.3)  # 1.4479161
    assert_close(rows[2]["match_cost"], bravo * 1.3)  # 1.1520839
    assert "performance" not in rows[1]


# A 2v2, five games; red (Alpha, Bravo) against blue (Charlie, Delta):
#   games 1 and 3: red 400k + 400k, blue 200k + 200k (mean 300k): rel 4/3 red, 2/3 blue
#   games 2 and 4: the other way round: rel 2/3 red, 4/3 blue
#   game 5: Alpha 700k, Bravo 100k, Charlie 300k, Delta 100k (mean 300k):
#           rel 7/3, 1/3, 1, 1/3; red 800k beats blue 400k
# Red wins 3 : 2, a difference of 1 after more than 4 games: game 5 is a tiebreaker.
def two_v_two(last_mods: tuple[str, ...] = ()) -> tuple[dict[str, object], ...]:
    red_game = game(
        play(1, 400_000, "red"), play(2, 400_000, "red"),
        play(3, 200_000, "blue"), play(4, 200_000, "blue"),
    )  # fmt: skip
    blue_game = game(
        play(1, 200_000, "red"), play(2, 200_000, "red"),
        play(3, 400_000, "blue"), play(4, 400_000, "blue"),
    )  # fmt: skip
    tiebreaker = game(
        play(1, 700_000, "red"), play(2, 100_000, "red"),
        play(3, 300_000, "blue"), play(4, 100_000, "blue"),
    )  # fmt: skip
    return (red_game, blue_game, red_game, blue_game, tiebreaker)


def test_bathbot_2v2_with_a_tiebreaker(matches: Matches):
    match_id = matches.add(503, *two_v_two())
    frame = of.match_costs(match_id, client=matches.client).to_frame()
    rows = by_user(frame)
    # the four regular games add 4/3 + 2/3 + 4/3 + 2/3 = 4 to everyone's rel sum
    performance = {
        1: (4 + 7 / 3) / 5 + 0.5,  # 1.7666667
        2: (4 + 1 / 3) / 5 + 0.5,  # 1.3666667
        3: (4 + 1) / 5 + 0.5,  # 1.5
        4: (4 + 1 / 3) / 5 + 0.5,  # 1.3666667
    }
    # bonus = min(0.5, 0.25 * rel in the tiebreaker): Alpha's 0.25 * 7/3 = 0.583 is capped
    bonus = {1: 0.5, 2: 0.25 / 3, 3: 0.25, 4: 0.25 / 3}
    for user in (1, 2, 3, 4):
        assert_close(rows[user]["performance"], performance[user])
        assert_close(rows[user]["participation_factor"], 1.5)  # 5 of 5 games
        assert_close(rows[user]["tiebreaker_bonus"], bonus[user])
        assert_close(rows[user]["match_cost"], performance[user] * 1.5 + bonus[user])
    # 3.15, 2.5, 2.1333333 (Bravo and Delta equal: they share rank 3)
    assert [rows[u]["rank"] for u in (1, 3, 2, 4)] == [1, 2, 3, 3]
    assert {u: rows[u]["team"] for u in rows} == {1: "red", 2: "red", 3: "blue", 4: "blue"}
    assert {u: rows[u]["won"] for u in rows} == {1: True, 2: True, 3: False, 4: False}
    result = of.match_costs(match_id, client=matches.client).results().iloc[0]
    assert (result["kind"], result["winner"], result["result"]) == (
        "team-vs", "red", "red 3 : 2 blue"
    )  # fmt: skip


def test_bathbot_no_tiebreaker_while_the_match_is_open(matches: Matches):
    match_id = matches.add(504, *two_v_two(), finished=False)
    rows = by_user(of.match_costs(match_id, client=matches.client).to_frame())
    assert_close(rows[1]["tiebreaker_bonus"], 0.0)
    assert_close(rows[1]["match_cost"], ((4 + 7 / 3) / 5 + 0.5) * 1.5)  # 2.65


def test_otr_2v2(matches: Matches):
    match_id = matches.add(505, *two_v_two())
    rows = by_user(of.match_costs(match_id, formula="otr", client=matches.client).to_frame())
    # regular games: 400k, 400k, 200k, 200k: mean 300k, population sd 100k, z = ±1;
    # over the four, each player has z = +1 twice and -1 twice: (0.5 + Φ(1)) + (0.5 + Φ(-1))
    # = 2 per pair, 4 in all.
    # game 5: 700k, 100k, 300k, 100k: mean 300k, variance (400² + 200² + 0 + 200²)k² / 4
    # = 60000 k², sd = 244.94897k
    sd = math.sqrt((400**2 + 200**2 + 0 + 200**2) / 4)
    last = {1: 400 / sd, 2: -200 / sd, 3: 0.0, 4: -200 / sd}
    for user, z in last.items():
        mean = (4 + 0.5 + phi(z)) / 5
        assert_close(rows[user]["mean_map_score"], mean)
        assert_close(rows[user]["match_cost"], mean * 1.3)
    assert_close(rows[3]["mean_map_score"], 1.0)  # z = 0 in game 5: (4 + 1) / 5


# Head-to-head lobby of 8, one game: player k scores k * 100k (mean 450k)
LOBBY = (game(*(play(k, k * 100_000) for k in range(1, 9))),)


def test_bathbot_head_to_head_lobby_of_8(matches: Matches):
    match_id = matches.add(506, *LOBBY)
    costs = of.match_costs(match_id, client=matches.client)
    rows = by_user(costs.to_frame())
    for k in range(1, 9):
        # rel = k / 4.5; one game counted: e = 0, participation factor 1.5 ** 0 = 1
        assert_close(rows[k]["match_cost"], k / 4.5 + 0.5)
        assert_close(rows[k]["participation_factor"], 1.0)
        assert rows[k]["rank"] == 9 - k
        assert rows[k]["won"] is (k == 8)  # Hotel alone won the most games
    result = costs.results().iloc[0]
    assert result["result"] == "head-to-head, 8 players; most game wins (1): Hotel"


def test_otr_head_to_head_lobby_of_8(matches: Matches):
    match_id = matches.add(507, *LOBBY)
    rows = by_user(of.match_costs(match_id, formula="otr", client=matches.client).to_frame())
    # scores 100k..800k: population variance of 1..8 is (8² - 1) / 12 = 5.25
    sd = 100_000 * math.sqrt(5.25)  # 229128.78
    for k in range(1, 9):
        z = (k * 100_000 - 450_000) / sd
        assert_close(rows[k]["mean_map_score"], 0.5 + phi(z))
        assert_close(rows[k]["lobby_bonus"], 1.0)  # one map in all
        assert_close(rows[k]["match_cost"], 0.5 + phi(z))


# Alpha and Bravo play four games; Charlie joins for the last two:
#   game 1: 200k, 100k (mean 150k): rel 4/3, 2/3
#   game 2: 100k, 200k: rel 2/3, 4/3
#   game 3: 300k, 200k, Charlie 100k (mean 200k): rel 1.5, 1, 0.5
#   game 4: 100k, 200k, Charlie 300k: rel 0.5, 1, 1.5
LATE = (
    game(play(1, 200_000), play(2, 100_000)),
    game(play(1, 100_000), play(2, 200_000)),
    game(play(1, 300_000), play(2, 200_000), play(3, 100_000)),
    game(play(1, 100_000), play(2, 200_000), play(3, 300_000)),
)


def test_bathbot_player_who_joined_late(matches: Matches):
    match_id = matches.add(508, *LATE)
    rows = by_user(of.match_costs(match_id, client=matches.client).to_frame())
    # performance: Alpha (4/3 + 2/3 + 1.5 + 0.5) / 4 + 0.5 = 1.5, Bravo the same,
    # Charlie (0.5 + 1.5) / 2 + 0.5 = 1.5
    for user in (1, 2, 3):
        assert_close(rows[user]["performance"], 1.5)
    # Charlie: e = (2 - 1) / (4 - 1) = 1/3, factor 1.5 ** ((1/3) ** 0.6) = 1.2333…
    late = 1.5 ** ((1 / 3) ** 0.6)
    assert_close(rows[3]["participation_factor"], late)
    assert_close(rows[3]["match_cost"], 1.5 * late)  # 1.85
    assert_close(rows[1]["match_cost"], 1.5 * 1.5)  # 2.25
    assert rows[3]["games"] == 2 and rows[1]["games"] == 4


def test_otr_player_who_joined_late(matches: Matches):
    match_id = matches.add(509, *LATE)
    rows = by_user(of.match_costs(match_id, formula="otr", client=matches.client).to_frame())
    # games 1-2: z = ±1; games 3-4: 300k, 200k, 100k: sd = sqrt(2/3) * 100k, z = ±1.2247, 0.
    # Φ(z) + Φ(-z) = 1, so every player's map scores average to exactly 1.0.
    for user in (1, 2, 3):
        assert_close(rows[user]["mean_map_score"], 1.0)
    assert_close(rows[1]["lobby_bonus"], 1.3)  # 4 of 4 maps
    assert_close(rows[3]["lobby_bonus"], 1 + 0.3 * math.sqrt(1 / 3))  # 2 of 4: 1.1732051
    assert_close(rows[3]["match_cost"], 1 + 0.3 * math.sqrt(1 / 3))


def test_bathbot_player_with_four_mod_combinations(matches: Matches):
    # every game 100k each (rel 1); Alpha plays NF+HD, HD, HR, the game's forced DT, and
    # NF: NoFail ignored, that is {HD}, {HR}, {DT}, {}: 4 combinations. Bravo only NF: 1.
    match_id = matches.add(
        510,
        game(play(1, 100_000, mods=("NF", "HD")), play(2, 100_000, mods=("NF",))),
        game(play(1, 100_000, mods=("HD",)), play(2, 100_000, mods=("NF",))),
        game(play(1, 100_000, mods=("HR",)), play(2, 100_000)),
        game(play(1, 100_000), play(2, 100_000), mods=("DT",)),
        game(play(1, 100_000, mods=("NF",)), play(2, 100_000, mods=("NF",))),
    )
    rows = by_user(of.match_costs(match_id, client=matches.client).to_frame())
    assert_close(rows[1]["mods_factor"], 1 + 0.02 * (4 - 2))  # 1.04
    assert_close(rows[2]["mods_factor"], 1.0)  # {} and {DT}: 2 combinations, no bonus
    assert_close(rows[1]["match_cost"], (1 + 0.5) * 1.5 * 1.04)  # 2.34
    assert_close(rows[2]["match_cost"], (1 + 0.5) * 1.5)  # 2.25
    # every game a tie: nobody won one, so nobody won the match
    assert not rows[1]["won"] and not rows[2]["won"]


def test_ez_multiplier_is_applied_first(matches: Matches):
    # ez_multiplier = 2:
    #   game 1: Alpha EZ 100k -> 200k, Bravo 150k (mean 175k): rel 8/7, 6/7
    #   game 2: forced EZ: Alpha 100k -> 200k, Bravo 50k -> 100k (mean 150k): rel 4/3, 2/3
    match_id = matches.add(
        511,
        game(play(1, 100_000, mods=("EZ",)), play(2, 150_000)),
        game(play(1, 100_000), play(2, 50_000), mods=("EZ",)),
    )
    costs = of.match_costs(match_id, ez_multiplier=2.0, client=matches.client)
    rows = by_user(costs.to_frame())
    alpha = (8 / 7 + 4 / 3) / 2 + 0.5  # 1.7380952
    bravo = (6 / 7 + 2 / 3) / 2 + 0.5  # 1.2619048
    assert_close(rows[1]["match_cost"], alpha * 1.5)  # 2.6071429
    assert_close(rows[2]["match_cost"], bravo * 1.5)  # 1.8928571
    assert_close(rows[1]["average_score"], (200_000 + 200_000) / 2)
    assert_close(rows[2]["average_score"], (150_000 + 100_000) / 2)
    assert_close(rows[1]["mods_factor"], 1.0)  # {EZ} both times
    # with the multiplier Alpha wins game 1 (200k > 150k), so the match 2 : 0
    assert rows[1]["won"] is True
    assert costs.results().iloc[0]["result"] == "Alpha 2 : 0 Bravo"


# game 1 is a warmup (far apart scores, must not count); then
#   game 2: Alpha 100k, Bravo 300k (mean 200k): rel 0.5, 1.5
#   game 3: 200k, 200k: rel 1, 1
WARMUP_THEN_TWO = (
    game(play(1, 900_000), play(2, 1_000)),
    game(play(1, 100_000), play(2, 300_000)),
    game(play(1, 200_000), play(2, 200_000)),
)
ALPHA_AFTER_WARMUP = ((0.5 + 1) / 2 + 0.5) * 1.5  # 1.875
BRAVO_AFTER_WARMUP = ((1.5 + 1) / 2 + 0.5) * 1.5  # 2.625


def test_a_warmup_skipped(matches: Matches):
    match_id = matches.add(512, *WARMUP_THEN_TWO)
    rows = by_user(of.match_costs(match_id, warmups=1, client=matches.client).to_frame())
    assert_close(rows[1]["match_cost"], ALPHA_AFTER_WARMUP)
    assert_close(rows[2]["match_cost"], BRAVO_AFTER_WARMUP)
    assert rows[1]["games"] == 2
    assert rows[2]["won"] is True and rows[1]["won"] is False  # 1 : 0, game 3 a tie


def test_warmups_and_skip_last_per_match(matches: Matches):
    first = matches.add(513, *WARMUP_THEN_TWO)
    # the same games with one more at the end, to skip
    second = matches.add(514, *WARMUP_THEN_TWO, game(play(1, 5_000), play(2, 800_000)))
    costs = of.match_costs(
        [first, f"https://osu.ppy.sh/community/matches/{second}"],
        warmups={first: 1, second: 1},
        skip_last={f"https://osu.ppy.sh/mp/{second}": 1},
        client=matches.client,
    )
    frame = costs.to_frame()
    for match_id in (first, second):
        rows = by_user(frame[frame["match_id"] == match_id])
        assert_close(rows[1]["match_cost"], ALPHA_AFTER_WARMUP)
        assert_close(rows[2]["match_cost"], BRAVO_AFTER_WARMUP)
    # no warmup given for a match: none skipped; game 1 counts (rel 1.8, 0.002)
    rows = by_user(of.match_costs(first, warmups={}, client=matches.client).to_frame())
    assert_close(rows[1]["performance"], (900 / 450.5 + 0.5 + 1) / 3 + 0.5)


def test_an_aborted_game_is_left_out(matches: Matches):
    aborted = game(play(1, 999_000), play(2, 1_000), ended=False)
    match_id = matches.add(515, aborted, *WARMUP_THEN_TWO)
    # aborted first, then the warmup: the same two games count as above
    rows = by_user(of.match_costs(match_id, warmups=1, client=matches.client).to_frame())
    assert_close(rows[1]["match_cost"], ALPHA_AFTER_WARMUP)
    assert_close(rows[2]["match_cost"], BRAVO_AFTER_WARMUP)
    assert rows[1]["games"] == 2


def test_a_zero_score_is_left_out(matches: Matches):
    # game 1: Alpha 100k, Bravo 300k: rel 0.5, 1.5; game 2: Alpha 200k, Bravo 0 (left out):
    # Alpha alone, rel 1. G = 2.
    match_id = matches.add(
        516,
        game(play(1, 100_000), play(2, 300_000)),
        game(play(1, 200_000), play(2, 0)),
    )
    rows = by_user(of.match_costs(match_id, client=matches.client).to_frame())
    assert_close(rows[1]["match_cost"], ((0.5 + 1) / 2 + 0.5) * 1.5)  # 1.875
    # Bravo: one score, e = (1 - 1) / (2 - 1) = 0: factor 1
    assert_close(rows[2]["match_cost"], (1.5 + 0.5) * 1.0)  # 2.0
    assert rows[2]["games"] == 1
    otr = by_user(of.match_costs(match_id, formula="otr", client=matches.client).to_frame())
    # game 1: z = -1 / +1; game 2: one score, map score 1.0
    assert_close(otr[1]["match_cost"], ((0.5 + (1 - PHI_1)) + 1.0) / 2 * 1.3)
    assert_close(otr[2]["match_cost"], (0.5 + PHI_1) * 1.0)  # 1 of 2 maps: no bonus


def test_summary_over_two_matches(matches: Matches):
    first = matches.add(517, *ONE_V_ONE)
    second = matches.add(518, *WARMUP_THEN_TWO)
    summary = of.match_costs([first, second], warmups={second: 1}, client=matches.client)
    rows = by_user(summary.summary())
    alpha = ((1.5 + 1.25 + 2 / 3) / 3 + 0.5) * 1.5, ALPHA_AFTER_WARMUP  # 2.4583, 1.875
    assert rows[1]["matches"] == 2 and rows[1]["games"] == 3 + 2
    assert_close(rows[1]["mean_cost"], sum(alpha) / 2)
    assert_close(rows[1]["median_cost"], sum(alpha) / 2)
    assert rows[1]["wins"] == 1 and rows[2]["wins"] == 1
    assert (rows[1]["best_match_id"], rows[1]["worst_match_id"]) == (first, second)
    assert_close(rows[1]["best_cost"], alpha[0])
    assert_close(rows[1]["worst_cost"], alpha[1])
    assert rows[1]["username"] == "Alpha"


def test_no_games_after_the_warmups_gives_no_rows_and_a_note(matches: Matches):
    empty = matches.add(519, *WARMUP_THEN_TWO)
    full = matches.add(520, *ONE_V_ONE)
    costs = of.match_costs([empty, full], warmups={empty: 3}, client=matches.client)
    with pytest.warns(MatchCostWarning, match="match 519: no games to count"):
        frame = costs.to_frame()
    assert set(frame["match_id"]) == {full}
    assert costs.notes == ["match 519: no games to count (3 ended, warmups=3, skip_last=0)"]
    with pytest.warns(MatchCostWarning):
        assert of.match_costs(empty, warmups=3, client=matches.client).summary().empty


def test_a_missing_match_is_an_error_and_the_rest_is_computed(matches: Matches):
    full = matches.add(521, *ONE_V_ONE)
    costs = of.match_costs([full, 999], client=matches.client)
    with pytest.warns(MatchCostWarning, match="match 999: NotFound"):
        frame = costs.to_frame()
    assert set(frame["match_id"]) == {full}
    assert [failed.key for failed in costs.errors] == [999]
    with pytest.raises(of.NotFound):
        of.match_costs(999, client=matches.client).to_frame()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"formula": "bathbott"}, "formula='bathbott': use one of 'bathbot', 'otr'"),
        ({"warmups": -1}, "warmups=-1"),
        ({"skip_last": {501: -2}}, "skip_last[501]=-2: give a whole number of games, 0 or more"),
        ({"warmups": 1.5}, "warmups=1.5: give a whole number of games"),
        ({"warmups": {777: 1}}, "warmups: match 777 is not among match_ids"),
        ({"ez_multiplier": 0}, "ez_multiplier=0: give a number above 0"),
        ({"ez_multiplier": -1.5}, "ez_multiplier=-1.5"),
        ({"ez_multiplier": math.nan}, "ez_multiplier=nan"),
    ],
)
def test_bad_arguments_raise_before_any_request(matches: Matches, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        of.match_costs(501, client=matches.client, **kwargs)  # type: ignore[arg-type]
    assert matches.requests() == 0


def test_match_costs_reads_match_ids_like_match_scores(matches: Matches):
    matches.add(522, *ONE_V_ONE)
    given = ["https://osu.ppy.sh/community/matches/522", "osu.ppy.sh/mp/522"]
    assert list(of.match_costs(given[0], client=matches.client).ids) == [522]
    assert list(of.match_costs(given, client=matches.client).to_frame()["match_id"]) == [522] * 2
    with pytest.raises(ValueError, match="match_id='mp/12x': give a match id or a match URL"):
        of.match_costs([522, "mp/12x"], client=matches.client)
    assert matches.requests() == 1  # the same match twice is fetched and counted once


def test_a_failed_computation_tried_again_reports_each_match_once(matches: Matches):
    costs = of.match_costs(999, client=matches.client)
    for _ in range(2):
        with pytest.raises(of.NotFound):
            costs.to_frame()
        assert [failed.key for failed in costs.errors] == [999]

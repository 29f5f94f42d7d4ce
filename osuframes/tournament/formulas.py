"""The two match cost formulas, on games already chosen (see `../shared/match-costs.md`).

Both take the counted games of one match, in order, each a list of `PlayedScore`s with
the EZ multiplier applied and zero scores left out, and give each player's parts.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["BathbotCost", "OtrCost", "PlayedScore", "bathbot", "game_wins", "otr"]


@dataclass(frozen=True)
class PlayedScore:
    """One player's score in one counted game.

    Attributes:
        user_id: the player.
        score: the score, times the EZ multiplier when EZ was on.
        mods: the mods in effect (the game's forced mods and the player's own), acronyms.
        team: `red`, `blue`, or `none` in head-to-head.
    """

    user_id: int
    score: float
    mods: frozenset[str]
    team: str


Game = Sequence[PlayedScore]


@dataclass(frozen=True)
class BathbotCost:
    """A player's Bathbot match cost and its parts."""

    performance: float
    participation_factor: float
    mods_factor: float
    tiebreaker_bonus: float

    @property
    def match_cost(self) -> float:
        """`performance * participation_factor * mods_factor + tiebreaker_bonus`."""
        product = self.performance * self.participation_factor * self.mods_factor
        return product + self.tiebreaker_bonus


@dataclass(frozen=True)
class OtrCost:
    """A player's o!TR match cost and its parts."""

    mean_map_score: float
    lobby_bonus: float

    @property
    def match_cost(self) -> float:
        """`mean_map_score * lobby_bonus`."""
        return self.mean_map_score * self.lobby_bonus


def game_wins(games: Sequence[Game], side: str) -> dict[str | int, int]:
    """Games won by each side: by team name for `"team"` (the larger score sum wins),
    by user id for `"player"` (the best score wins). A tie wins nobody.
    """
    wins: dict[str | int, int] = {}
    for game in games:
        totals: dict[str | int, float] = {}
        for played in game:
            key: str | int = played.team if side == "team" else played.user_id
            totals[key] = totals.get(key, 0.0) + played.score
        best = max(totals.values(), default=0.0)
        leaders = [key for key, total in totals.items() if total == best]
        if len(leaders) == 1:
            wins[leaders[0]] = wins.get(leaders[0], 0) + 1
    return wins


def bathbot(games: Sequence[Game], *, finished: bool) -> dict[int, BathbotCost]:
    """Bathbot's match cost of every player of the counted `games`.

    Args:
        games: the counted games, in order.
        finished: whether the match has ended (a tiebreaker needs it).
    """
    total = len(games)
    relative: dict[int, list[float]] = {}
    combinations: dict[int, set[frozenset[str]]] = {}
    for game in games:
        average = statistics.fmean(played.score for played in game)
        for played in game:
            relative.setdefault(played.user_id, []).append(played.score / average)
            combinations.setdefault(played.user_id, set()).add(played.mods - {"NF"})
    bonus = _tiebreaker_bonus(games, finished)
    out = {}
    for user_id, costs in relative.items():
        share = (len(costs) - 1) / (total - 1) if total > 1 else 0.0
        distinct = len(combinations[user_id])
        out[user_id] = BathbotCost(
            performance=statistics.fmean(costs) + 0.5,
            participation_factor=1.5 ** (share**0.6),
            mods_factor=1 + 0.02 * (distinct - 2) if distinct > 2 else 1.0,
            tiebreaker_bonus=bonus.get(user_id, 0.0),
        )
    return out


def _tiebreaker_bonus(games: Sequence[Game], finished: bool) -> dict[int, float]:
    """The bonus of each player of the last game, if it was a tiebreaker."""
    if not finished or len(games) <= 4:
        return {}
    wins = game_wins(games, "team")
    if abs(wins.get("red", 0) - wins.get("blue", 0)) != 1:
        return {}
    last = games[-1]
    average = statistics.fmean(played.score for played in last)
    return {played.user_id: min(0.5, 0.25 * played.score / average) for played in last}


def otr(games: Sequence[Game]) -> dict[int, OtrCost]:
    """o!TR's match cost of every player of the counted `games`.

    Map scores use the population standard deviation of the game's scores (the lobby
    is the whole population, not a sample of one).
    """
    total = len(games)
    map_scores: dict[int, list[float]] = {}
    for game in games:
        scores = [played.score for played in game]
        mean = statistics.fmean(scores)
        spread = statistics.pstdev(scores) if len(scores) > 1 else 0.0
        for played in game:
            value = 1.0 if spread == 0 else 0.5 + _normal_cdf((played.score - mean) / spread)
            map_scores.setdefault(played.user_id, []).append(value)
    out = {}
    for user_id, values in map_scores.items():
        share = (len(values) - 1) / (total - 1) if total > 1 else 0.0
        out[user_id] = OtrCost(
            mean_map_score=statistics.fmean(values), lobby_bonus=1 + 0.3 * math.sqrt(share)
        )
    return out


def _normal_cdf(z: float) -> float:
    """Φ(z), the standard normal cumulative distribution."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))

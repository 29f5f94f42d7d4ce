"""Tournament matches of the sandbox: two sides, first to N game wins, a stronger side.

A match named `OWC: (A) VS (B)` is a tournament match: each side has a roster (a
1v1 is head-to-head between two players; larger sides play team-vs with substitutes),
every player a skill that scales their scores, and games are played until one side
has `first_to` wins; later game slots of the event stream hold no game. About one
game in seventeen is aborted (no end time) and counts for nobody.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ._rng import rng
from .score_core import ScoreCore

__all__ = ["GAME_ROLL", "Lineup", "PlannedGame", "lineup", "plan_games"]

#: An event whose roll is below this is a game (in every match).
GAME_ROLL = 0.2
_FORCED_MODS = ((), ("NF",), ("NF", "DT"), ("NF", "HD"), ("NF", "HR"))
_FREE_MODS = ((), ("HD",), ("HR",), ("HD", "HR"))

# Makes the score core of one player in one game: (event id, slot, user, beatmap, r, when).
MakeCore = Callable[[int, int, int, int, random.Random, datetime], ScoreCore]


@dataclass(frozen=True)
class Lineup:
    """The two sides of a tournament match and how strong each player is."""

    size: int  # players each side fields in a game; 1: a head-to-head 1v1
    red: tuple[int, ...]
    blue: tuple[int, ...]
    first_to: int
    skill: tuple[tuple[int, float], ...]

    @property
    def players(self) -> tuple[int, ...]:
        return self.red + self.blue

    def team_of(self, user: int) -> str:
        if self.size == 1:
            return "none"
        return "red" if user in self.red else "blue"


@dataclass(frozen=True)
class PlannedGame:
    """A game of a tournament match: its beatmap, forced mods and scores.

    In a bracket match, `kind` says what the game was for (warmup, pick, tiebreaker)
    and `when` when it started.
    """

    beatmap: int
    mods: tuple[str, ...]
    scores: tuple[ScoreCore, ...]
    aborted: bool
    kind: str = "game"
    when: datetime | None = None


def lineup(seed: int, match_id: int, pool: list[int]) -> Lineup:
    """The sides of tournament match `match_id`, drawn from `pool`."""
    r = rng(seed, "match-lineup", match_id)
    size = r.choice((1, 2, 2, 3, 4))
    roster = size if size == 1 else size + r.randint(0, 2)
    players = r.sample(pool, 2 * roster)
    skill = tuple((user, round(r.uniform(0.8, 1.2), 3)) for user in players)
    red, blue = tuple(players[:roster]), tuple(players[roster:])
    return Lineup(size, red, blue, r.choice((4, 5, 6, 7)), skill)


def plan_games(
    seed: int,
    side: Lineup,
    events: list[tuple[int, datetime]],
    beatmaps: list[int],
    make_core: MakeCore,
) -> dict[int, PlannedGame]:
    """The games of a tournament match by event id, until one side has `first_to` wins.

    `events` are the candidate events (id, time), in order; each draws from the same
    per-event generator as the match's other events (`match-event`, id), so the stream
    is the same whichever event is asked for first.
    """
    skill = dict(side.skill)
    wins: dict[str, int] = {}
    games: dict[int, PlannedGame] = {}
    for event_id, when in events:
        if max(wins.values(), default=0) >= side.first_to:
            break
        r = rng(seed, "match-event", event_id)
        r.choice(side.players)  # the event's user, as `Multiplayer.event` draws it
        if r.random() >= GAME_ROLL:
            continue
        beatmap = r.choice(beatmaps)
        mods = r.choice(_FORCED_MODS)
        free = mods == ("NF",)
        aborted = r.random() < 0.06
        fielded = r.sample(side.red, side.size) + r.sample(side.blue, side.size)
        cores = []
        for slot, user in enumerate(fielded):
            core = make_core(event_id, slot, user, beatmap, r, when)
            total = int(core.total_score * skill[user] * r.uniform(0.9, 1.1))
            own = mods + r.choice(_FREE_MODS) if free else mods
            cores.append(dataclasses.replace(core, total_score=total, legacy_score=total, mods=own))
        games[event_id] = PlannedGame(beatmap, mods, tuple(cores), aborted)
        if not aborted:
            totals: dict[str, int] = {}
            for core in cores:
                key = side.team_of(core.user_id) if side.size > 1 else str(core.user_id)
                totals[key] = totals.get(key, 0) + core.total_score
            best = max(totals, key=lambda key: totals[key])
            wins[best] = wins.get(best, 0) + 1
    return games

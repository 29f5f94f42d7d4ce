"""Multiplayer: legacy matches with their event streams, rooms, playlists and their scores.

Legacy matches are casual lobbies, tournament matches of random sides
(`tournaments.py`) and the matches of two brackets (`brackets.py`), whose games
hold the players' own plays.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ._rng import MODES, NOW, iso, iso_z, name_from, rng
from .beatmaps import Beatmaps
from .brackets import BracketMatch, Brackets
from .rooms import Rooms
from .score_core import ScoreCore
from .scores import Scores
from .tournaments import GAME_ROLL, Lineup, PlannedGame, lineup, plan_games
from .users import Users

#: An event before its JSON: (type, user, time, game JSON or None).
RenderedEvent = tuple[str, int | None, datetime, dict[str, Any] | None]
MATCH_COUNT = 400
MATCH_BASE = 110_000_000
EVENT_BASE = 2_000_000_000
GAME_SCORE_BASE = 40_000_000_000


@dataclass(frozen=True)
class MatchCore:
    """A legacy multiplayer match and the shape of its event stream."""

    id: int
    index: int
    name: str
    start: datetime
    ended: bool
    event_count: int
    players: tuple[int, ...]
    mode_int: int
    private: bool = False
    lineup: Lineup | None = None  # the sides of a tournament match (`OWC: …`)


class Multiplayer(Rooms):
    """Lazy generator of matches (and, from `Rooms`, rooms and playlist scores)."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps, scores: Scores) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self.scores = scores
        self.brackets = Brackets(seed, users, scores.plays)
        self._plans: dict[int, dict[int, PlannedGame]] = {}

    # -- matches ------------------------------------------------------------------------
    def match_ids(self) -> list[int]:
        """Every public match id, ascending (ids have gaps); `GET matches` lists these."""
        casual = [MATCH_BASE + i * 7 for i in range(1, MATCH_COUNT + 1) if not _private(i)]
        return self.brackets.ids() + casual

    def private_match_ids(self) -> list[int]:
        """Private matches: only their players (and moderators) may see them."""
        return [MATCH_BASE + i * 7 for i in range(1, MATCH_COUNT + 1) if _private(i)]

    def match(self, match_id: int) -> MatchCore | None:
        """A match, or None when the id does not exist."""
        played = self.brackets.match(match_id)
        if played is not None:
            return self._bracket_core(played)
        index, rem = divmod(match_id - MATCH_BASE, 7)
        if rem or not 1 <= index <= MATCH_COUNT:
            return None
        r = rng(self.seed, "match", match_id)
        ended = index <= MATCH_COUNT - 10
        start = NOW - timedelta(hours=(MATCH_COUNT - index) * 3 + 4)
        pool = self.users.order("osu")[:3000]
        players = tuple(r.sample(pool, r.randint(2, 16)))
        tournament = r.random() < 0.3
        name = f"OWC: ({name_from(r)}) VS ({name_from(r)})" if tournament else None
        sides = lineup(self.seed, match_id, pool) if tournament else None
        return MatchCore(
            id=match_id,
            index=index,
            name=name or f"{name_from(r)}'s game",
            start=start,
            ended=ended,
            event_count=r.randint(150, 400),
            players=sides.players if sides else players,
            mode_int=0,
            private=_private(index),
            lineup=sides,
        )

    def _bracket_core(self, played: BracketMatch) -> MatchCore:
        """A bracket match: opened by the referee, every player joins, the games, all leave."""
        return MatchCore(
            id=played.id,
            index=MATCH_COUNT + 1 + self.brackets.ids().index(played.id),
            name=played.name,
            start=played.start,
            ended=True,
            event_count=len(played.events()),
            players=played.lineup.players,
            mode_int=0,
            lineup=played.lineup,
        )

    def match_summary(self, m: MatchCore) -> dict[str, Any]:
        """The `match` object."""
        played = self.brackets.match(m.id)
        end = m.start + timedelta(seconds=30 * m.event_count) if m.ended else None
        end = played.end if played is not None else end
        return {
            "id": m.id,
            "start_time": iso(m.start),
            "end_time": iso(end) if end else None,
            "name": m.name,
        }

    def event_ids(self, m: MatchCore) -> list[int]:
        """Event ids of a match, ascending."""
        base = EVENT_BASE + m.index * 1000
        return [base + k for k in range(m.event_count)]

    def event(self, m: MatchCore, event_id: int, lazer: bool) -> dict[str, Any]:
        """One match event; every few events is a game with scores."""
        played = self.brackets.match(m.id)
        if played is not None:
            kind, user, when, game = self._bracket_event(m, played, event_id, lazer)
        else:
            kind, user, when, game = self._casual_event(m, event_id, lazer)
        out: dict[str, Any] = {
            "id": event_id,
            "detail": {"type": kind, "text": m.name} if kind == "other" else {"type": kind},
            "timestamp": iso(when),
            "user_id": user,
        }
        if game is not None:
            out["game"] = game
        return out

    def _casual_event(self, m: MatchCore, event_id: int, lazer: bool) -> RenderedEvent:
        """(type, user, time, game) of an event drawn on its own (any match not in a bracket)."""
        k = event_id - EVENT_BASE - m.index * 1000
        r = rng(self.seed, "match-event", event_id)
        when = m.start + timedelta(seconds=30 * k)
        user: int | None = r.choice(m.players)
        game = None
        if k == 0:
            kind = "match-created"
            user = m.players[0]
        elif m.ended and k == m.event_count - 1:
            kind, user = "match-disbanded", None
        else:
            roll = r.random()
            if roll < GAME_ROLL and m.lineup is not None:
                planned = self.planned_games(m).get(event_id)
                kind, user = ("other", None) if planned else ("host-changed", user)
                if planned is not None:
                    game = self._render_game(m, event_id, when, planned, lazer)
            elif roll < GAME_ROLL:
                kind, user = "other", None
                game = self._game(m, event_id, when, r, lazer)
            else:
                kind = (
                    "player-joined"
                    if roll < 0.55
                    else "player-left"
                    if roll < 0.85
                    else "host-changed"
                )
        return kind, user, when, game

    def _bracket_event(
        self, m: MatchCore, played: BracketMatch, event_id: int, lazer: bool
    ) -> RenderedEvent:
        """(type, user, time, game) of a bracket match's event; its scores get their ids."""
        kind, user, game, when = played.events()[event_id - EVENT_BASE - m.index * 1000]
        if game is None:
            return kind, user, when, None
        numbered = tuple(
            dataclasses.replace(core, id=GAME_SCORE_BASE + event_id * 16 + slot)
            for slot, core in enumerate(game.scores)
        )
        game = dataclasses.replace(game, scores=numbered)
        return kind, user, when, self._render_game(m, event_id, when, game, lazer)

    def _game(
        self, m: MatchCore, event_id: int, when: datetime, r: Any, lazer: bool
    ) -> dict[str, Any]:
        """A game of a casual match: the first few players, random scores."""
        beatmap = r.choice(self.beatmaps.ranked_beatmaps(0))
        mods = r.choice(((), ("NF",), ("NF", "DT"), ("NF", "HD"), ("NF", "HR")))
        cores = tuple(
            self._game_core(event_id, slot, user, beatmap, r, when)
            for slot, user in enumerate(m.players[: r.randint(2, len(m.players))])
        )
        return self._render_game(m, event_id, when, PlannedGame(beatmap, mods, cores, False), lazer)

    def _game_core(
        self, event_id: int, slot: int, user: int, beatmap: int, r: Any, when: datetime
    ) -> ScoreCore:
        score_id = GAME_SCORE_BASE + event_id * 16 + slot
        return self.scores._make(score_id, user, beatmap, 0, r, None, "playlist", when)

    def planned_games(self, m: MatchCore) -> dict[int, PlannedGame]:
        """The games of a tournament match by event id (computed once per match)."""
        assert m.lineup is not None
        played = self.brackets.match(m.id)
        if played is not None:
            ids = self.event_ids(m)
            events = played.events()
            return {e: game for e, (_, _, game, _) in zip(ids, events, strict=True) if game}
        if m.id not in self._plans:
            ids = self.event_ids(m)
            last = len(ids) - 1 if m.ended else len(ids)
            candidates = [(e, m.start + timedelta(seconds=30 * k)) for k, e in enumerate(ids)]
            self._plans[m.id] = plan_games(
                self.seed,
                m.lineup,
                candidates[1:last],
                self.beatmaps.ranked_beatmaps(0),
                self._game_core,
            )
        return self._plans[m.id]

    def _render_game(
        self, m: MatchCore, event_id: int, when: datetime, game: PlannedGame, lazer: bool
    ) -> dict[str, Any]:
        scores = []
        for slot, core in enumerate(game.scores):
            body = (
                self.scores.lazer(core) if lazer else self.scores.legacy(core, "legacy_match_score")
            )
            if lazer:
                body["type"] = "legacy_match_score"
            else:
                body["id"] = None
                body["best_id"] = None
            if m.lineup is None:
                team = "red" if slot % 2 == 0 else "blue"
            else:
                team = m.lineup.team_of(core.user_id)
            body["match"] = {"slot": slot, "team": team, "pass": core.passed}
            scores.append(body)
        head_to_head = m.lineup is not None and m.lineup.size == 1
        return {
            "beatmap_id": game.beatmap,
            "id": 500_000_000 + event_id - EVENT_BASE,
            "start_time": iso_z(when),
            "end_time": None if game.aborted else iso_z(when + timedelta(seconds=200)),
            "match_id": m.id,
            "mode": MODES[m.mode_int],
            "mode_int": m.mode_int,
            "scoring_type": "scorev2",
            "team_type": "head-to-head" if head_to_head else "team-vs",
            "mods": list(game.mods),
            "beatmap": self.beatmaps.beatmap_compact(game.beatmap, "beatmapset"),
            "scores": scores,
        }


def _private(index: int) -> bool:
    """Every fiftieth match (the 25th, 75th, …) is private."""
    return index % 50 == 25

"""A match as the formulas see it: its games in order, from a `match_scores` Query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from osuframes.models import MatchScore
from osuframes.query import Query
from osuframes.tournament.formulas import PlayedScore

__all__ = ["GameRecord", "MatchRecord", "counted_games", "match_records"]


@dataclass(frozen=True)
class GameRecord:
    """One game of a match with its raw scores (`score` may be 0; `ended` False: aborted)."""

    id: int
    ended: bool
    scores: tuple[PlayedScore, ...]


@dataclass
class MatchRecord:
    """One fetched match: its name, whether it has ended, its players' names, its games."""

    id: int
    name: str
    finished: bool
    usernames: dict[int, str] = field(default_factory=dict)
    games: list[GameRecord] = field(default_factory=list)


def match_records(scores: Query) -> dict[int, MatchRecord]:
    """The matches a fetched `match_scores` Query holds, by id (failed ones are absent)."""
    records: dict[int, MatchRecord] = {}
    for page in scores.pages:
        data: dict[str, Any] = page.data
        info = data.get("match") or {}
        record = records.setdefault(
            int(info["id"]),
            MatchRecord(int(info["id"]), info.get("name") or "", info.get("end_time") is not None),
        )
        for user in data.get("users") or []:
            record.usernames[int(user["id"])] = str(user.get("username") or "")
    games: dict[tuple[int, int], list[MatchScore]] = {}
    for row in scores.to_list():
        games.setdefault((row.match_id, row.game.id), []).append(row)
    for (match_id, game_id), rows in games.items():
        game = rows[0].game
        played = tuple(_played(row) for row in rows)
        records[match_id].games.append(GameRecord(game_id, game.end_time is not None, played))
    return records


def _played(row: MatchScore) -> PlayedScore:
    mods = frozenset(row.mods.acronyms) | frozenset(row.game.mods.acronyms)
    team = (row.match.team if row.match is not None else None) or "none"
    return PlayedScore(row.user_id, float(row.score or 0), mods, team)


def counted_games(
    games: Sequence[GameRecord], *, warmups: int, skip_last: int, ez_multiplier: float
) -> list[list[PlayedScore]]:
    """The games the formulas count, each with its counted scores.

    Aborted games go first; then `warmups` games from the start and `skip_last` from
    the end of the games that ended; then zero scores, and a game left with none.
    Scores with EZ are multiplied by `ez_multiplier`.
    """
    ended = [game for game in games if game.ended]
    chosen = ended[warmups : max(warmups, len(ended) - skip_last)]
    out = []
    for game in chosen:
        played = [
            PlayedScore(
                s.user_id, s.score * ez_multiplier if "EZ" in s.mods else s.score, s.mods, s.team
            )
            for s in game.scores
            if s.score > 0
        ]
        if played:
            out.append(played)
    return out

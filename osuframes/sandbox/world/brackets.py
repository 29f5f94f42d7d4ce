"""Tournament brackets: the same sides and players through a knockout of eight.

Two brackets, each quarterfinals → semifinals → final (seeds 1v8, 4v5, 2v7, 3v6 by
strength, winners on):

- `OWC2026`, team-vs 4v4: the eight countries with the most ranked players, each
  with its six best ranked players. Its final is match 105019274 (the README's).
- `SOC`, head-to-head 1v1: the eight best ranked players.

A match is played as osu! tournaments are:

1. Two warmups, one map chosen by each side outside the pool; they count for nothing.
2. The pool: maps on which both sides can field a full lineup (players with a play on
   it); its hardest is the tiebreaker, set aside. The sides pick in turn, the higher
   seed first, each the better for its lineup of two maps left in the pool.
3. On each map a side fields its players with the best scores there, and each score
   is that player's play on the map (`plays.py`: the same mods, hits, combo, total).
4. A game goes to the side with the larger total (a tie to nobody); the first to N wins (5 in the
   quarterfinals, 6 in the semifinals, 7 in the final) takes the match, and at
   N−1 : N−1 one game on the tiebreaker decides.
5. About one pick in nine is aborted first (no end time, no scores) and replayed.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from ._rng import COUNTRY_NAMES, days_ago, rng
from .plays import Plays
from .tournaments import Lineup, PlannedGame
from .users import Users

__all__ = ["FINAL_ID", "BracketMatch", "Brackets"]

FINAL_ID = 105_019_274
#: (acronym, lineup size, match ids in the order played: 4 quarterfinals, 2 semis, final).
BRACKETS = (
    ("OWC2026", 4, tuple(FINAL_ID - (6 - k) * 2713 for k in range(7))),
    ("SOC", 1, tuple(FINAL_ID + (k + 1) * 3001 for k in range(7))),
)
_IDS = frozenset(match_id for _, _, ids in BRACKETS for match_id in ids)
ROUNDS = 4 * ("Quarterfinals",) + 2 * ("Semifinals",) + ("Grand Final",)
FIRST_TO = {"Quarterfinals": 5, "Semifinals": 6, "Grand Final": 7}
_ROSTER = 6
#: The referee who opens and closes every bracket match (BanchoBot).
REFEREE = 3
_GAME_SECONDS = 300

#: An event of a bracket match: (type, user, game, when).
Event = tuple[str, int | None, PlannedGame | None, datetime]


@dataclass(frozen=True)
class Side:
    """A team (or a player in 1v1) of a bracket: its name, seed and roster."""

    name: str
    seed: int
    players: tuple[int, ...]


@dataclass(frozen=True)
class BracketMatch:
    """A played bracket match: who met, its games in order, who won."""

    id: int
    name: str
    round: str
    start: datetime
    red: Side
    blue: Side
    lineup: Lineup
    games: tuple[PlannedGame, ...]
    winner: Side
    end: datetime

    def events(self) -> list[Event]:
        """Each event, in order: the referee opens the match, everyone joins, then each
        game, the players sitting it out leaving before and coming back after; all leave."""
        players = self.lineup.players
        out: list[Event] = [("match-created", REFEREE, None, self.start)]
        out += [("player-joined", user, None, self.start) for user in players]
        for game in self.games:
            assert game.when is not None
            fielded = {core.user_id for core in game.scores}
            bench = [u for u in players if u not in fielded] if fielded else []
            before, after = game.when - timedelta(seconds=30), game.when + timedelta(minutes=4)
            out += [("player-left", user, None, before) for user in bench]
            out.append(("other", None, game, game.when))
            out += [("player-joined", user, None, after) for user in bench]
        out += [("player-left", user, None, self.end) for user in players]
        return [*out, ("match-disbanded", None, None, self.end)]

    @property
    def warmups(self) -> int:
        """Games at the start that count for nothing."""
        return sum(game.kind == "warmup" for game in self.games)


class Brackets:
    """Plays both brackets on first use (they need the players' plays)."""

    def __init__(self, seed: int, users: Users, plays: Plays) -> None:
        self.seed = seed
        self.users = users
        self.plays = plays
        self._lock = threading.Lock()
        self._matches: dict[int, BracketMatch] | None = None

    @staticmethod
    def ids() -> list[int]:
        """Every bracket match id, ascending (known without playing anything)."""
        return sorted(_IDS)

    def match(self, match_id: int) -> BracketMatch | None:
        """A bracket match, or None when the id is not one."""
        if match_id not in _IDS:
            return None
        with self._lock:
            if self._matches is None:
                self._matches = {}
                for index, (acronym, size, ids) in enumerate(BRACKETS):
                    sides = self._sides(acronym, size)
                    start = days_ago(60 - 30 * index)
                    for played in self._play(acronym, size, ids, sides, start):
                        self._matches[played.id] = played
            return self._matches[match_id]

    def bracket_of(self, match_id: int) -> list[BracketMatch]:
        """Every match of the bracket `match_id` is in, in the order played."""
        ids = next(ids for _, _, ids in BRACKETS if match_id in ids)
        return [m for m in map(self.match, ids) if m is not None]

    # -- sides --------------------------------------------------------------------
    def _sides(self, acronym: str, size: int) -> list[Side]:
        """The eight sides, by seed (the strongest first)."""
        order = self.users.order("osu")
        chosen: list[tuple[str, tuple[int, ...]]]
        if size == 1:
            chosen = [(self.users.core(u).username, (u,)) for u in order[:8]]
        else:
            sizes = Counter(self.users.country_of(u) for u in order)
            chosen = []
            for code, _ in sizes.most_common(8):
                roster = tuple(u for u in order if self.users.country_of(u) == code)[:_ROSTER]
                chosen.append((COUNTRY_NAMES[code], roster))

        def strength(roster: tuple[int, ...]) -> float:
            best = sorted(order.index(u) for u in roster)[: max(1, size)]
            return -sum(best) / len(best)

        chosen.sort(key=lambda pair: strength(pair[1]), reverse=True)
        return [Side(name, k + 1, roster) for k, (name, roster) in enumerate(chosen)]

    # -- playing ------------------------------------------------------------------
    def _play(
        self, acronym: str, size: int, ids: tuple[int, ...], sides: list[Side], start: datetime
    ) -> list[BracketMatch]:
        by_seed = {side.seed: side for side in sides}
        pairs = [(by_seed[a], by_seed[b]) for a, b in ((1, 8), (4, 5), (2, 7), (3, 6))]
        out: list[BracketMatch] = []
        for k, match_id in enumerate(ids):
            if k >= 4:  # winners of matches 2(k-4) and 2(k-4)+1 meet
                first, second = out[2 * (k - 4)].winner, out[2 * (k - 4) + 1].winner
                pairs.append((first, second) if first.seed < second.seed else (second, first))
            red, blue = pairs[k]
            when = start + timedelta(days=k // 4 * 7, hours=k % 4 * 2)
            out.append(self._match(acronym, size, match_id, ROUNDS[k], red, blue, when))
        return out

    def _totals(self, user: int, beatmaps: list[int]) -> dict[int, int]:
        found = self.plays.play_set(user, 0)
        if found is None:
            return {}
        total = found.columns["total"]
        return {b: int(total[found.by_beatmap[b]]) for b in beatmaps if b in found.by_beatmap}

    def _match(
        self,
        acronym: str,
        size: int,
        match_id: int,
        round_name: str,
        red: Side,
        blue: Side,
        start: datetime,
    ) -> BracketMatch:
        r = rng(self.seed, "bracket-match", match_id)
        first_to = FIRST_TO[round_name]
        maps = [int(b) for b in self.plays.maps(0).ids]
        totals = {u: self._totals(u, maps) for u in red.players + blue.players}

        def lineup_on(side: Side, beatmap: int) -> list[int]:
            able = [u for u in side.players if beatmap in totals[u]]
            return sorted(able, key=lambda u: -totals[u][beatmap])[:size]

        def sum_on(side: Side, beatmap: int) -> int:
            return sum(totals[u][beatmap] for u in lineup_on(side, beatmap))

        playable = [
            b for b in maps if len(lineup_on(red, b)) == size and len(lineup_on(blue, b)) == size
        ]
        chosen = r.sample(playable, 2 * first_to + 5)
        warmups, pool = chosen[:2], chosen[2:]
        stars = self.plays.maps(0).stars
        position = self.plays.maps(0).position
        tiebreaker = max(pool, key=lambda b: stars[position[b]])
        pool.remove(tiebreaker)
        plan: list[tuple[str, int]] = [("warmup", b) for b in warmups]
        wins = {red.name: 0, blue.name: 0}
        picker, other = red, blue
        while max(wins.values()) < first_to:
            if min(wins.values()) == first_to - 1:
                beatmap = tiebreaker
                kind = "tiebreaker"
            else:
                offered = r.sample(pool, min(2, len(pool)))
                beatmap = max(offered, key=lambda b: sum_on(picker, b) - sum_on(other, b))
                pool.remove(beatmap)
                kind = "pick"
            plan.append((kind, beatmap))
            margin = sum_on(red, beatmap) - sum_on(blue, beatmap)
            if margin:  # a tie wins nobody
                wins[(red if margin > 0 else blue).name] += 1
            picker, other = other, picker
        games: list[PlannedGame] = []
        when = start + timedelta(minutes=5)
        for kind, beatmap in plan:
            if kind == "pick" and r.random() < 1 / 9:
                games.append(PlannedGame(beatmap, (), (), True, kind, when))
                when += timedelta(seconds=_GAME_SECONDS)
            fielded = lineup_on(red, beatmap) + lineup_on(blue, beatmap)
            games.append(self._game(kind, beatmap, fielded, when))
            when += timedelta(seconds=_GAME_SECONDS)
        lineup = Lineup(size, red.players, blue.players, first_to, ())
        return BracketMatch(
            id=match_id,
            name=f"{acronym}: ({red.name}) VS ({blue.name})",
            round=round_name,
            start=start,
            red=red,
            blue=blue,
            lineup=lineup,
            games=tuple(games),
            winner=red if wins[red.name] > wins[blue.name] else blue,
            end=when + timedelta(minutes=5),
        )

    def _game(self, kind: str, beatmap: int, fielded: list[int], when: datetime) -> PlannedGame:
        cores = []
        for user in fielded:
            play = self.plays.score(user, beatmap, 0, 0, None)
            assert play is not None
            cores.append(play)
        forced = tuple(m for m in cores[0].mods if all(m in c.mods for c in cores))
        scores = tuple(
            dataclasses.replace(
                core,
                mods=tuple(m for m in core.mods if m not in forced),
                pp=None,
                legacy_id=None,
                legacy_score=core.total_score,
                created=when + timedelta(seconds=200),
                kind="match",
            )
            for core in cores
        )
        return PlannedGame(beatmap, forced, scores, False, kind, when)

"""Plays: which player played which beatmap and how well, the rules every score follows.

One ruleset at a time, every number of a (player, beatmap) pair is drawn from a
hash of (seed, ruleset, player, beatmap). A player's plays (all beatmaps against
one player) and a beatmap's leaderboard (all players against one beatmap) run the
same arithmetic, so both find the same scores, and nothing is stored:

1. Skill: the player at rank r plays best at `skill.skill(r)` stars (8.8 at rank 1,
   about 7 at rank 500, 4.3 at rank 5000, 2.2 last).
2. Mods first: each pair draws its mods from `skill.MOD_MIX` (NM 33 %, HD 27 %,
   HDHR 10 %, HDDT 9 %, DT 6 %, HR 6 %, …); they scale the beatmap's star rating
   (DT/NC ×1.4, HR ×1.08, FL ×1.05, EZ/HT ×0.75) into the modded rating S.
3. Choice: the pair is a play when S lies between skill − 2 and skill + 0.6 and a
   second draw falls under the player's activity, set so that a player expects
   `skill.expected_plays(r)` plays (about 650 at the top, 160 at the bottom).
4. Execution: accuracy clusters near 95–99 % and drops on beatmaps above the skill;
   about half the plays have no miss, harder beatmaps have more; full combos need
   no miss.
5. pp = `skill.pp_curve(S)` · e^(−8·(1 − accuracy)) · 0.97^misses · (combo share)^0.3,
   times the player's form: the one factor per player that makes Σ pp_i · 0.95^i
   over their 200 best plays equal `skill.profile_pp(r)`. Profile pp falls
   strictly with the rank, so the global ranking is the order of weighted pp.
6. Time: a play's age is span · u^k days (span 300 to 2600 days, within the join
   date; k from 1.3 to 3.3, larger for higher ranks, so active players' plays are recent).
7. A player's best scores are their 200 plays with the most pp; a beatmap's
   leaderboard is every play on it, by total score; each pair has one score.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from . import skill as rules
from ._rng import MODES, NOW
from .beatmaps import Beatmaps
from .hashing import F64, U64, draws, pair_hash, salt
from .score_core import ScoreCore
from .users import Users

I64 = npt.NDArray[np.int64]
BEST_CAP = 200
_WEIGHTS = 0.95 ** np.arange(BEST_CAP)
_MODS = [m for m, _ in rules.MOD_MIX]
_FACTORS = np.array([rules.star_factor(m) for m in _MODS])
_CUMULATIVE = np.cumsum([w for _, w in rules.MOD_MIX]) / sum(w for _, w in rules.MOD_MIX)
_SCORE_MULT = {"HD": 1.06, "HR": 1.06, "DT": 1.12, "NC": 1.12, "FL": 1.12}
_SCORE_MULT.update({"EZ": 0.5, "HT": 0.3, "NF": 0.5})
_MULTIPLIERS = np.array([np.prod([_SCORE_MULT.get(x, 1.0) for x in m]) for m in _MODS])
_LOW, _HIGH = -2.0, 0.6  # the window of modded stars around the skill
_SILVER = np.array(["HD" in m or "FL" in m for m in _MODS])


@dataclass(frozen=True)
class _Maps:
    """The pp-giving beatmaps of a ruleset, as arrays."""

    ids: I64
    keys: U64
    stars: F64
    combo: I64
    objects: I64
    position: dict[int, int]


@dataclass(frozen=True)
class _Players:
    """The ranked players of a ruleset in rank order, as arrays."""

    ids: I64
    keys: U64
    skill: F64
    activity: F64
    span: F64
    recency: F64
    profile_pp: F64


@dataclass(frozen=True)
class PlaySet:
    """A player's plays in one ruleset, most pp first (the first 200 are the bests)."""

    user_id: int
    mode_int: int
    columns: dict[str, npt.NDArray[Any]]
    pp: F64
    by_beatmap: dict[int, int]

    def __len__(self) -> int:
        return len(self.pp)

    @property
    def best_count(self) -> int:
        """How many best scores the player has."""
        return min(BEST_CAP, len(self.pp))

    def weighted_accuracy(self) -> float:
        """Accuracy of the bests weighted like pp (the profile's hit accuracy), 0..1."""
        n = self.best_count
        if n == 0:
            return 0.0
        w = _WEIGHTS[:n]
        return float((self.columns["accuracy"][:n] * w).sum() / w.sum())

    def grade_counts(self) -> dict[str, int]:
        """How many plays have each grade (`ScoreCore.rank`'s rules): a profile's counts."""
        c = self.columns
        silver = _SILVER[c["mod"]]
        ss = c["accuracy"] == 1.0
        s = ~ss & (c["accuracy"] > 0.93) & (c["miss"] == 0)
        a = ~ss & ~s & (c["accuracy"] > 0.9)
        counts = {"ss": ss & ~silver, "ssh": ss & silver, "s": s & ~silver, "sh": s & silver}
        return {name: int(mask.sum()) for name, mask in {**counts, "a": a}.items()}

    def weighted_pp(self, before_days: float = 0.0) -> float:
        """Σ pp_i · 0.95^i over the 200 best plays at least `before_days` old."""
        keep = self.pp[self.columns["age"] >= before_days][:BEST_CAP]
        return float((keep * _WEIGHTS[: len(keep)]).sum())


class Plays:
    """Lazy evaluator of the rules above, with small caches."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self._lock = threading.Lock()
        self._maps: dict[int, _Maps] = {}
        self._players: dict[int, _Players] = {}
        self._sets: OrderedDict[tuple[int, int], PlaySet] = OrderedDict()
        self._boards: OrderedDict[tuple[int, int], tuple[I64, I64]] = OrderedDict()
        self._leaders: dict[tuple[int, int], int | None] = {}

    # -- the two populations ---------------------------------------------------------
    def maps(self, mode_int: int) -> _Maps:
        """The ruleset's ranked and approved beatmaps (built once)."""
        cached = self._maps.get(mode_int)
        if cached is None:
            bm = self.beatmaps
            ids = [b for b in bm.ranked_beatmaps(mode_int) if bm.core(b // 10).status != "loved"]
            combo = np.array([bm.max_combo(b) for b in ids], dtype=np.int64)
            cached = _Maps(
                ids=np.array(ids, dtype=np.int64),
                keys=np.array([bm.index(b) for b in ids], dtype=np.uint64),
                stars=np.array([bm.core(b // 10).stars[b % 10] for b in ids]),
                combo=combo,
                objects=np.maximum(20, (combo * 0.7).astype(np.int64)),
                position={b: i for i, b in enumerate(ids)},
            )
            self._maps[mode_int] = cached
        return cached

    def players(self, mode_int: int) -> _Players:
        """The ruleset's ranked players with their skill and activity (built once)."""
        cached = self._players.get(mode_int)
        if cached is None:
            order = self.users.order(MODES[mode_int])
            ranks = np.arange(1, len(order) + 1, dtype=np.float64)
            sk = np.array([rules.skill(r) for r in ranks])
            stars = np.sort(self.maps(mode_int).stars)
            offer = np.zeros_like(sk)
            for (_, weight), factor in zip(rules.MOD_MIX, _FACTORS, strict=True):
                hi = np.searchsorted(stars, (sk + _HIGH) / factor)
                lo = np.searchsorted(stars, (sk + _LOW) / factor)
                offer += weight * (hi - lo)
            offer /= sum(w for _, w in rules.MOD_MIX)
            wanted = np.array([rules.expected_plays(int(r)) for r in ranks])
            keys = np.array([self.users.index(u) for u in order], dtype=np.uint64)
            cached = _Players(
                ids=np.array(order, dtype=np.int64),
                keys=keys,
                skill=sk,
                activity=np.minimum(1.0, wanted / np.maximum(offer, 1.0)),
                span=self.users.play_spans(keys),
                recency=1.3 + 2.0 * np.exp(-ranks / 5000),
                profile_pp=np.array([rules.profile_pp(int(r)) for r in ranks]),
            )
            self._players[mode_int] = cached
        return cached

    # -- the rules ----------------------------------------------------------------
    def _evaluate(self, mode_int: int, who: I64, what: I64) -> dict[str, npt.NDArray[Any]]:
        """Rules 2–6 for the pairs (players[who], maps[what]); only the plays remain."""
        pl, mp = self.players(mode_int), self.maps(mode_int)
        h = pair_hash(salt(self.seed, "plays", mode_int), pl.keys[who], mp.keys[what])
        first, second = draws(h, 2)
        mod = np.searchsorted(_CUMULATIVE, first, side="right")
        modded = mp.stars[what] * _FACTORS[mod]
        gap = modded - pl.skill[who]
        keep = (gap > _LOW) & (gap < _HIGH) & (second < pl.activity[who])
        who, what, mod, modded, gap = who[keep], what[keep], mod[keep], modded[keep], gap[keep]
        d = draws(h[keep], 10)  # the same draws; the last eight only for the plays
        hard = np.clip(gap + 0.6, 0.0, None)
        nominal = 0.997 - 0.055 * d[2] ** 1.8 - 0.03 * hard
        objects = mp.objects[what]
        tail = np.clip((d[3] - 0.55) / 0.45, 0.0, 0.999)
        misses = np.where(
            d[3] < 0.55, 0, np.floor(-np.log1p(-tail) * (1 + 4 * np.clip(gap + 1, 0, None)))
        ).astype(np.int64)
        misses = np.minimum(misses, objects // 5)
        rest = np.clip(np.round(300 * objects * (1 - nominal)) - 300 * misses, 0, None)
        n50 = np.floor(rest * 0.04 / 250).astype(np.int64)
        n100 = np.floor((rest - 250 * n50) / 200).astype(np.int64)
        n100 = np.minimum(n100, objects - misses - n50)
        n300 = objects - misses - n100 - n50
        accuracy = (300 * n300 + 100 * n100 + 50 * n50) / (300 * objects)
        combo_max = mp.combo[what]
        full = (misses == 0) & (d[4] < 0.6)
        combo = np.where(full, combo_max, (combo_max * (0.25 + 0.7 * d[4])).astype(np.int64))
        share = combo / combo_max
        raw = rules.pp_curve(1.0) * modded**rules.PP_EXPONENT
        raw = raw * np.exp(-6 * (1 - accuracy)) * 0.98**misses * share**0.2
        total = 1e6 * (0.7 * share + 0.3 * accuracy**8) * _MULTIPLIERS[mod]
        return {
            "who": who,
            "what": what,
            "mod": mod,
            "stars": modded,
            "accuracy": accuracy,
            "n300": n300,
            "n100": n100,
            "n50": n50,
            "miss": misses,
            "combo": combo,
            "raw": raw,
            "total": total.astype(np.int64),
            "age": pl.span[who] * d[5] ** pl.recency[who],
            "replay": d[6] < 0.3,
            "geki": (n300 * 0.3 * d[7]).astype(np.int64),
            "katu": (n100 * 0.5 * d[8]).astype(np.int64),
            "legacy": (d[9] * 10_000).astype(np.int64),
        }

    # -- a player's plays ---------------------------------------------------------
    def play_set(self, user_id: int, mode_int: int) -> PlaySet | None:
        """A ranked player's plays, most pp first; None when unranked in the ruleset."""
        key = (user_id, mode_int)
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                self._sets.move_to_end(key)
                return found
        rank = self.users.rank(user_id, MODES[mode_int])
        if rank is None:
            return None
        n = len(self.maps(mode_int).ids)
        cols = self._evaluate(
            mode_int, np.full(n, rank - 1, dtype=np.int64), np.arange(n, dtype=np.int64)
        )
        order = np.argsort(-cols["raw"], kind="stable")
        cols = {k: v[order] for k, v in cols.items()}
        top = cols["raw"][:BEST_CAP]
        weighted = float((top * _WEIGHTS[: len(top)]).sum())
        form = self.players(mode_int).profile_pp[rank - 1] / weighted if weighted else 0.0
        ids = self.maps(mode_int).ids[cols["what"]]
        out = PlaySet(
            user_id=user_id,
            mode_int=mode_int,
            columns=cols,
            pp=np.round(cols["raw"] * form, 3),
            by_beatmap={int(b): i for i, b in enumerate(ids)},
        )
        with self._lock:
            self._sets[key] = out
            if len(self._sets) > 512:
                self._sets.popitem(last=False)
        return out

    def score(
        self, user_id: int, beatmap_id: int, mode_int: int, solo_id: int, legacy_id: int | None
    ) -> ScoreCore | None:
        """The player's score on a beatmap under the given ids, or None when not played."""
        found = self.play_set(user_id, mode_int)
        i = None if found is None else found.by_beatmap.get(beatmap_id)
        if found is None or i is None:
            return None
        c = found.columns
        total = int(c["total"][i])
        return ScoreCore(
            id=solo_id,
            legacy_id=legacy_id,
            user_id=user_id,
            beatmap_id=beatmap_id,
            mode_int=mode_int,
            mods=_MODS[int(c["mod"][i])],
            counts=(
                int(c["n300"][i]),
                int(c["n100"][i]),
                int(c["n50"][i]),
                int(c["miss"][i]),
                int(c["geki"][i]),
                int(c["katu"][i]),
            ),
            max_combo=int(c["combo"][i]),
            map_combo=int(self.maps(mode_int).combo[c["what"][i]]),
            pp=float(found.pp[i]),
            total_score=total,
            legacy_score=total * 40 + int(c["legacy"][i]),
            created=NOW - timedelta(days=float(c["age"][i])),
            passed=True,
            has_replay=bool(c["replay"][i]),
            kind="best",
        )

    # -- a beatmap's leaderboard ---------------------------------------------------
    def board(self, beatmap_id: int, mode_int: int) -> tuple[I64, I64]:
        """(user ids, total scores) of every play on a beatmap, best total first."""
        key = (beatmap_id, mode_int)
        with self._lock:
            found = self._boards.get(key)
            if found is not None:
                return found
        position = self.maps(mode_int).position.get(beatmap_id)
        if position is None:
            empty = np.zeros(0, dtype=np.int64)
            out = (empty, empty)
        else:
            who = self._candidates(position, mode_int)
            cols = self._evaluate(mode_int, who, np.full(len(who), position, dtype=np.int64))
            order = np.lexsort((cols["who"], -cols["total"]))
            out = (self.players(mode_int).ids[cols["who"][order]], cols["total"][order])
        with self._lock:
            self._boards[key] = out
            if len(self._boards) > 2048:
                self._boards.popitem(last=False)
        return out

    def _candidates(self, position: int, mode_int: int) -> I64:
        """Indexes of the players who may have played a beatmap: those whose skill lies in
        the window of some mod (skill falls with the rank, so they are one run of ranks)."""
        stars = self.maps(mode_int).stars[position]
        falling = -self.players(mode_int).skill
        start = np.searchsorted(falling, -(stars * _FACTORS.max() - _LOW))
        stop = np.searchsorted(falling, -(stars * _FACTORS.min() - _HIGH), side="right")
        return np.arange(start, stop, dtype=np.int64)

    def leaders(self, beatmap_ids: list[int], mode_int: int) -> list[int | None]:
        """The user whose play stands first on each beatmap's leaderboard (None: nobody's).

        The boards' first places are found together, 200 beatmaps at a time, and kept.
        """
        maps, players = self.maps(mode_int), self.players(mode_int)
        todo = [b for b in dict.fromkeys(beatmap_ids) if (b, mode_int) not in self._leaders]
        for k in range(0, len(todo), 200):
            chunk = todo[k : k + 200]
            for beatmap in chunk:
                self._leaders[beatmap, mode_int] = None
            places = [maps.position[b] for b in chunk if b in maps.position]
            runs = [self._candidates(p, mode_int) for p in places]
            if not runs:
                continue
            what = np.repeat(np.array(places, dtype=np.int64), [len(run) for run in runs])
            cols = self._evaluate(mode_int, np.concatenate(runs), what)
            # as on a board: the highest total first, then the better ranked player
            order = np.lexsort((cols["who"], -cols["total"], cols["what"]))
            boards, first = cols["what"][order], cols["who"][order]
            head = np.flatnonzero(np.r_[True, boards[1:] != boards[:-1]])
            for place, user in zip(boards[head], first[head], strict=True):
                self._leaders[int(maps.ids[place]), mode_int] = int(players.ids[user])
        return [self._leaders[b, mode_int] for b in beatmap_ids]

    # -- rank history -------------------------------------------------------------
    def rank_history(self, user_id: int, mode_int: int, days: int = 90) -> list[int]:
        """The player's rank on each of the last `days` days: the rank whose profile pp
        their bests reached by then (so the rank climbs as new plays come in)."""
        plays = self.play_set(user_id, mode_int)
        if plays is None:
            return []
        curve = -self.players(mode_int).profile_pp  # ascending
        out = []
        for back in range(days - 1, -1, -1):
            then = plays.weighted_pp(before_days=float(back)) + 0.02  # above the rounding
            out.append(int(np.searchsorted(curve, -then, side="left")) + 1)
        return out

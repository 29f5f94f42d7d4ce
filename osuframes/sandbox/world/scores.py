"""Scores: user score lists, beatmap leaderboards, the /scores feed, and both formats.

Every score id encodes where the score lives, so `GET scores/{id}` regenerates it
without a table (solo ids below; legacy ids are solo ids minus LEGACY_OFFSET):

- user lists   USER_BASE + ((user * 4 + ruleset) << 10) + slot
  (slots: best 0..199, firsts 200..599, recent 600..1023)
- leaderboards BOARD_BASE + ((beatmap * 4 + ruleset) << 7) + position
- user on map  PAIR_BASE + (beatmap * 4 + ruleset) * 32768 + user
- /scores feed FEED_BASE + n (lazer only, no legacy id)
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ._rng import MODES, NOW, days_ago, iso_z, rng
from .beatmaps import Beatmaps
from .users import Users

USER_BASE = 10_000_000_000
BOARD_BASE = 11_000_000_000
PAIR_BASE = 12_000_000_000
FEED_BASE = 20_000_000_000
LEGACY_OFFSET = 9_000_000_000
FEED_COUNT = 3000
SLOTS = {"best": (0, 200), "firsts": (200, 400), "recent": (600, 424)}
_MOD_SETS = (
    (), ("HD",), ("HR",), ("DT",), ("HD", "DT"), ("HD", "HR"), ("NF",), ("EZ",),
    ("HD", "DT", "HR"), ("FL",),
)  # fmt: skip


@dataclass(frozen=True)
class ScoreCore:
    """Everything both score formats are rendered from."""

    id: int
    legacy_id: int | None
    user_id: int
    beatmap_id: int
    mode_int: int
    mods: tuple[str, ...]
    counts: tuple[int, int, int, int, int, int]  # 300, 100, 50, miss, geki, katu
    max_combo: int
    map_combo: int
    pp: float | None
    total_score: int
    legacy_score: int
    created: datetime
    passed: bool
    has_replay: bool
    kind: str

    @property
    def accuracy(self) -> float:
        """Accuracy in 0..1 from the hit counts."""
        n300, n100, n50, miss, _, _ = self.counts
        total = n300 + n100 + n50 + miss
        return (300 * n300 + 100 * n100 + 50 * n50) / (300 * total) if total else 0.0

    @property
    def rank(self) -> str:
        """Grade letter (silver with HD/FL)."""
        if not self.passed:
            return "F"
        acc, miss = self.accuracy, self.counts[3]
        silver = "HD" in self.mods or "FL" in self.mods
        if acc == 1.0:
            return "XH" if silver else "X"
        if acc > 0.93 and miss == 0:
            return "SH" if silver else "S"
        return "A" if acc > 0.9 else "B" if acc > 0.8 else "C" if acc > 0.7 else "D"


class Scores:
    """Lazy generator of every score in the world."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self._feed_modes: list[int] | None = None
        self._board_users: dict[tuple[int, int], list[int]] = {}

    # -- counts -------------------------------------------------------------------
    def count(self, user_id: int, kind: str, mode_int: int, include_fails: bool = False) -> int:
        """How many scores of a kind a user has in a ruleset (before API caps)."""
        if not self.users.exists(user_id) or self.users.rank(user_id, MODES[mode_int]) is None:
            return 0
        r = rng(self.seed, "score-counts", user_id, mode_int)
        best = 200 if r.random() < 0.55 else r.randint(0, 199)
        if kind == "best":
            return best
        if kind == "firsts":
            return r.randint(1, 400) if r.random() < 0.1 else 0
        if kind == "pinned":
            return min(best, r.randint(0, 10))
        if kind == "recent":
            return len(self.recent_slots(user_id, mode_int, include_fails))
        raise KeyError(kind)

    def recent_slots(self, user_id: int, mode_int: int, include_fails: bool) -> list[int]:
        """Slots of the recent plays, newest first; failed plays only with include_fails."""
        r = rng(self.seed, "recent", user_id, mode_int)
        total = r.randint(0, 210) if r.random() < 0.6 else 0
        start = SLOTS["recent"][0]
        slots = []
        for i in range(total):
            passed = rng(self.seed, "recent-pass", user_id, mode_int, i).random() < 0.75
            if passed or include_fails:
                slots.append(start + i)
        return slots

    def pinned_slots(self, user_id: int, mode_int: int) -> list[int]:
        """Pinned scores are some of the user's best scores."""
        n = self.count(user_id, "pinned", mode_int)
        best = self.count(user_id, "best", mode_int)
        r = rng(self.seed, "pinned", user_id, mode_int)
        return sorted(r.sample(range(best), n)) if n else []

    def user_list(
        self, user_id: int, kind: str, mode_int: int, include_fails: bool = False
    ) -> list[int]:
        """Solo ids of a user's list, in API order."""
        base = USER_BASE + ((user_id * 4 + mode_int) << 10)
        if kind == "recent":
            return [base + s for s in self.recent_slots(user_id, mode_int, include_fails)]
        if kind == "pinned":
            return [base + s for s in self.pinned_slots(user_id, mode_int)]
        start = SLOTS[kind][0]
        return [base + start + i for i in range(self.count(user_id, kind, mode_int))]

    # -- leaderboards ---------------------------------------------------------------
    def board_count(self, beatmap_id: int, mode_int: int) -> int:
        """Scores on a beatmap leaderboard (`score_count`)."""
        if not self.beatmaps.beatmap_exists(beatmap_id):
            return 0
        core = self.beatmaps.core(beatmap_id // 10)
        if core.status not in ("ranked", "approved", "loved", "qualified"):
            return 0
        if not self.beatmaps.can_convert(beatmap_id, mode_int):
            return 0
        r = rng(self.seed, "board", beatmap_id, mode_int)
        return int(r.paretovariate(0.9) * 30) if r.random() < 0.95 else 0

    def board(self, beatmap_id: int, mode_int: int, limit: int) -> list[int]:
        """Solo ids of the top `limit` scores of a leaderboard."""
        n = min(limit, self.board_count(beatmap_id, mode_int), 100)
        base = BOARD_BASE + ((beatmap_id * 4 + mode_int) << 7)
        return [base + pos for pos in range(n)]

    def board_user(self, beatmap_id: int, mode_int: int, pos: int) -> int:
        """The user holding a leaderboard position (distinct users per board)."""
        key = (beatmap_id, mode_int)
        users = self._board_users.get(key)
        if users is None:
            r = rng(self.seed, "board-users", beatmap_id, mode_int)
            pool = self.users.order(MODES[mode_int])
            users = r.sample(pool, min(100, len(pool)))
            self._board_users[key] = users
        return users[pos]

    def user_on_beatmap(self, beatmap_id: int, mode_int: int, user_id: int) -> int | None:
        """Solo id of the user's score on a beatmap, or None (about 1 in 3 users have one)."""
        if self.board_count(beatmap_id, mode_int) == 0 or not self.users.exists(user_id):
            return None
        if rng(self.seed, "pair", beatmap_id, mode_int, user_id).random() > 0.33:
            return None
        return PAIR_BASE + (beatmap_id * 4 + mode_int) * 32768 + user_id

    # -- the /scores feed -------------------------------------------------------------
    def feed_modes(self) -> list[int]:
        """Ruleset of each feed score (index n-1 for id FEED_BASE + n)."""
        if self._feed_modes is None:
            r = random.Random(self.seed * 104729)
            self._feed_modes = [
                r.choices((0, 1, 2, 3), (70, 10, 8, 12))[0] for _ in range(FEED_COUNT)
            ]
        return self._feed_modes

    def feed_ids(self, ruleset: int | None = None) -> list[int]:
        """Every feed score id, oldest first."""
        modes = self.feed_modes()
        return [
            FEED_BASE + n + 1 for n in range(FEED_COUNT) if ruleset is None or modes[n] == ruleset
        ]

    # -- cores --------------------------------------------------------------------
    def core(self, solo_id: int) -> ScoreCore | None:
        """Regenerate a score from its solo id; None when no such score exists."""
        if FEED_BASE < solo_id <= FEED_BASE + FEED_COUNT:
            return self._feed_core(solo_id)
        if PAIR_BASE <= solo_id < FEED_BASE:
            key, user = divmod(solo_id - PAIR_BASE, 32768)
            beatmap, mode_int = divmod(key, 4)
            if self.user_on_beatmap(beatmap, mode_int, user) != solo_id:
                return None
            r = rng(self.seed, "score", solo_id)
            pp = round(r.uniform(20, 300), 3)
            return self._make(
                solo_id, user, beatmap, mode_int, r, pp, "pair", days_ago(r.uniform(1, 900))
            )
        if BOARD_BASE <= solo_id < PAIR_BASE:
            key, pos = divmod(solo_id - BOARD_BASE, 128)
            beatmap, mode_int = divmod(key, 4)
            if pos >= min(100, self.board_count(beatmap, mode_int)):
                return None
            r = rng(self.seed, "score", solo_id)
            pp = round(600 * 0.985**pos + r.uniform(0, 3), 3)
            user = self.board_user(beatmap, mode_int, pos)
            return self._make(
                solo_id, user, beatmap, mode_int, r, pp, "board", days_ago(r.uniform(1, 900))
            )
        if USER_BASE <= solo_id < BOARD_BASE:
            key, slot = divmod(solo_id - USER_BASE, 1024)
            user, mode_int = divmod(key, 4)
            return self._user_core(solo_id, user, mode_int, slot)
        return None

    def core_by_legacy(self, legacy_id: int, mode_int: int) -> ScoreCore | None:
        """Look up by legacy (stable) score id in a ruleset."""
        core = self.core(legacy_id + LEGACY_OFFSET) if legacy_id > 0 else None
        return core if core is not None and core.mode_int == mode_int else None

    def _user_core(self, solo_id: int, user: int, mode_int: int, slot: int) -> ScoreCore | None:
        found = next(((k, s) for k, (s, n) in SLOTS.items() if s <= slot < s + n), None)
        if found is None:
            return None
        kind, start = found
        idx = slot - start
        if kind == "recent":
            if solo_id not in self.user_list(user, "recent", mode_int, include_fails=True):
                return None
        elif idx >= self.count(user, kind, mode_int):
            return None
        r = rng(self.seed, "score", solo_id)
        stats = self.users.statistics(user, MODES[mode_int])
        top = max(30.0, stats["pp"] / 18)
        if kind == "best":
            pp: float | None = round(top * 0.992**idx, 3)
            created = days_ago(r.uniform(1, 1500))
        elif kind == "firsts":
            pp = round(top * r.uniform(0.5, 1.0), 3)
            created = days_ago(r.uniform(1, 1500))
        else:
            pp = round(top * r.uniform(0.2, 0.9), 3)
            created = NOW - timedelta(hours=idx * 2 + r.uniform(0, 1))
        passed = (
            kind != "recent" or rng(self.seed, "recent-pass", user, mode_int, idx).random() < 0.75
        )
        return self._make(
            solo_id, user, None, mode_int, r, pp if passed else None, kind, created, passed
        )

    def _feed_core(self, solo_id: int) -> ScoreCore:
        n = solo_id - FEED_BASE
        mode_int = self.feed_modes()[n - 1]
        r = rng(self.seed, "score", solo_id)
        user = r.choice(self.users.order(MODES[mode_int])[:5000])
        created = NOW - timedelta(seconds=(FEED_COUNT - n) * 7)
        core = self._make(
            solo_id, user, None, mode_int, r, round(r.uniform(5, 400), 3), "feed", created
        )
        return core

    def _make(
        self,
        solo_id: int,
        user: int,
        beatmap: int | None,
        mode_int: int,
        r: random.Random,
        pp: float | None,
        kind: str,
        created: datetime,
        passed: bool = True,
    ) -> ScoreCore:
        if beatmap is None:
            pool = self.beatmaps.ranked_beatmaps(mode_int) or self.beatmaps.ranked_beatmaps(0)
            beatmap = r.choice(pool)
        map_combo = self.beatmaps.max_combo(beatmap)
        objects = max(20, int(map_combo * 0.7))
        miss = 0 if r.random() < 0.5 else r.randint(0, max(1, objects // 50))
        n100 = r.randint(0, max(1, objects // 20))
        n50 = r.randint(0, max(1, objects // 100))
        n300 = max(0, objects - miss - n100 - n50)
        combo = (
            map_combo if miss == 0 and r.random() < 0.4 else r.randint(map_combo // 4, map_combo)
        )
        mods = r.choice(_MOD_SETS)
        total = int(1_000_000 * (0.5 + 0.5 * (n300 / objects)) * (0.6 + 0.4 * combo / map_combo))
        return ScoreCore(
            id=solo_id,
            legacy_id=None if kind in ("feed", "playlist") else solo_id - LEGACY_OFFSET,
            user_id=user,
            beatmap_id=beatmap,
            mode_int=mode_int,
            mods=mods,
            counts=(n300, n100, n50, miss, r.randint(0, n300 // 4), r.randint(0, n100 // 2)),
            max_combo=combo,
            map_combo=map_combo,
            pp=pp if passed else None,
            total_score=total if passed else total // 3,
            legacy_score=total * 40 + r.randint(0, 9999),
            created=created,
            passed=passed,
            has_replay=passed and r.random() < 0.3,
            kind=kind,
        )

    # -- rendering ----------------------------------------------------------------
    def legacy(self, core: ScoreCore, score_type: str | None = None) -> dict[str, Any]:
        """The legacy score format (x-api-version < 20220705, spec §6)."""
        n300, n100, n50, miss, geki, katu = core.counts
        mode = MODES[core.mode_int]
        return {
            "accuracy": core.accuracy,
            "best_id": core.legacy_id if core.kind in ("best", "firsts", "board", "pair") else None,
            "created_at": iso_z(core.created),
            "id": core.legacy_id if core.legacy_id is not None else core.id,
            "max_combo": core.max_combo,
            "mode": mode,
            "mode_int": core.mode_int,
            "mods": list(core.mods),
            "passed": core.passed,
            "perfect": core.max_combo == core.map_combo,
            "pp": core.pp,
            "rank": core.rank,
            "replay": core.has_replay,
            "score": core.legacy_score,
            "statistics": {
                "count_100": n100,
                "count_300": n300,
                "count_50": n50,
                "count_geki": geki,
                "count_katu": katu,
                "count_miss": miss,
            },
            "type": score_type
            or (f"score_{mode}" if core.kind == "recent" else f"score_best_{mode}"),
            "user_id": core.user_id,
            "current_user_attributes": {"pin": None},
        }

    def lazer(self, core: ScoreCore) -> dict[str, Any]:
        """The new (solo) score format (x-api-version >= 20220705, spec §6)."""
        stats, maximum = _lazer_statistics(core)
        return {
            "classic_total_score": core.legacy_score,
            "preserve": True,
            "processed": True,
            "ranked": core.pp is not None,
            "maximum_statistics": maximum,
            "mods": [{"acronym": m} for m in core.mods],
            "statistics": stats,
            "total_score_without_mods": core.total_score,
            "beatmap_id": core.beatmap_id,
            "best_id": None,
            "id": core.id,
            "rank": core.rank,
            "type": "solo_score",
            "user_id": core.user_id,
            "accuracy": round(core.accuracy, 6),
            "build_id": None if core.legacy_id is not None else 7000 + core.id % 500,
            "ended_at": iso_z(core.created),
            "has_replay": core.has_replay,
            "is_perfect_combo": core.max_combo == core.map_combo,
            "legacy_perfect": core.max_combo == core.map_combo,
            "legacy_score_id": core.legacy_id,
            "legacy_total_score": core.legacy_score if core.legacy_id is not None else 0,
            "max_combo": core.max_combo,
            "passed": core.passed,
            "pp": core.pp,
            "ruleset_id": core.mode_int,
            "started_at": iso_z(core.created - timedelta(seconds=180)),
            "total_score": core.total_score,
            "replay": core.has_replay,
            "current_user_attributes": {"pin": None},
        }

    def render(self, core: ScoreCore, lazer: bool, *includes: str, **extra: Any) -> dict[str, Any]:
        """A score in one format plus includes (beatmap[_full], beatmapset, user[_board|_full])."""
        out = self.lazer(core) if lazer else self.legacy(core)
        for name in includes:
            if name == "beatmap":
                out["beatmap"] = self.beatmaps.beatmap_extended(
                    core.beatmap_id, mode_int=core.mode_int
                )
            elif name == "beatmap_full":
                bm = self.beatmaps.beatmap_extended(core.beatmap_id, mode_int=core.mode_int)
                bm["max_combo"] = core.map_combo
                bm["owners"] = self.beatmaps.owners(core.beatmap_id)
                bm["user"] = self.users.compact(bm["user_id"])
                out["beatmap"] = bm
            elif name == "beatmapset":
                out["beatmapset"] = self.beatmaps.set_compact(core.beatmap_id // 10)
            elif name == "user":
                out["user"] = self.users.compact(core.user_id)
            elif name == "user_board":
                out["user"] = self.users.compact(core.user_id, "country", "cover", "team")
            elif name == "user_full":
                out["user"] = self.users.compact(core.user_id, "country", "cover", "groups", "team")
            else:
                raise KeyError(name)
        out.update(extra)
        return out


def _lazer_statistics(core: ScoreCore) -> tuple[dict[str, int], dict[str, int]]:
    n300, n100, n50, miss, geki, katu = core.counts
    objects = n300 + n100 + n50 + miss
    if core.mode_int == 0:
        stats = {"great": n300, "ok": n100, "meh": n50, "miss": miss}
        maximum = {"great": objects, "legacy_combo_increase": max(0, core.map_combo - objects)}
    elif core.mode_int == 1:
        stats = {"great": n300, "ok": n100, "miss": miss}
        maximum = {"great": objects}
    elif core.mode_int == 2:
        stats = {"great": n300, "large_tick_hit": n100, "small_tick_hit": n50, "miss": miss}
        maximum = {"great": objects, "large_tick_hit": n100, "small_tick_hit": n50}
    else:
        stats = {
            "perfect": geki,
            "great": n300 - geki,
            "good": katu,
            "ok": n100,
            "meh": n50,
            "miss": miss,
        }
        maximum = {"perfect": objects}
    return stats, maximum

"""Scores: user score lists, beatmap leaderboards, the /scores feed, and both formats.

Every score id encodes where the score lives, so `GET scores/{id}` regenerates it
without a table (solo ids below; legacy ids are solo ids minus LEGACY_OFFSET):

- a user's score on a beatmap  PAIR_BASE + (beatmap * 4 + ruleset) * 32768 + user:
  the plays of `plays.py`; a user's bests, their firsts (the plays that lead their
  leaderboard), the leaderboards and the recent plays of the last RECENT_DAYS are
  these same scores
- recent attempts that did not beat the user's score
  USER_BASE + ((user * 4 + ruleset) << 10) + 600..1023, all in the last RECENT_DAYS
- /scores feed  FEED_BASE + n: the same plays again, under ids in time order (`feed.py`)

`user` and `beatmap` are compact indexes (`Users.index`, `Beatmaps.index`).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from . import notable
from ._rng import MODES, NOW, iso_z, rng
from .beatmaps import Beatmaps
from .feed import FEED_BASE, Feed
from .plays import Plays, PlaySet
from .score_core import ScoreCore
from .skill import MOD_MIX
from .users import Users

USER_BASE = 10_000_000_000
PAIR_BASE = 12_000_000_000
LEGACY_OFFSET = 9_000_000_000
SLOTS = {"recent": (600, 424)}
#: Days back that a user's plays appear among their recent scores (osu-web: 24 hours).
RECENT_DAYS = 1.0
#: Hours between a user's recent attempts (the 424 slots fit in RECENT_DAYS).
ATTEMPT_HOURS = 0.055
_MOD_SETS = [m for m, _ in MOD_MIX]
_MOD_WEIGHTS = [w for _, w in MOD_MIX]


class Scores:
    """Lazy generator of every score in the world."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps, plays: Plays) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self.plays = plays
        self.feed = Feed(plays)

    # -- ids ----------------------------------------------------------------------
    def pair_id(self, beatmap_id: int, mode_int: int, user_id: int) -> int:
        """The solo id of a user's score on a beatmap."""
        key = self.beatmaps.index(beatmap_id) * 4 + mode_int
        return PAIR_BASE + key * 32768 + self.users.index(user_id)

    def _user_base(self, user_id: int, mode_int: int) -> int:
        return USER_BASE + ((self.users.index(user_id) * 4 + mode_int) << 10)

    # -- counts -------------------------------------------------------------------
    def _play_set(self, user_id: int, mode_int: int) -> PlaySet | None:
        """A user's plays in a ruleset; None for a user who does not exist or is unranked."""
        return self.plays.play_set(user_id, mode_int) if self.users.exists(user_id) else None

    def count(self, user_id: int, kind: str, mode_int: int, include_fails: bool = False) -> int:
        """How many scores of a kind a user has in a ruleset (before API caps)."""
        plays = self._play_set(user_id, mode_int)
        if plays is None:
            return 0
        if kind == "best":
            return plays.best_count
        r = rng(self.seed, "score-counts", user_id, mode_int)
        r.random()
        if kind == "firsts":
            return len(self.firsts(user_id, mode_int))
        if kind == "pinned":
            r.random()
            return min(plays.best_count, r.randint(3 if user_id in notable.USERS else 0, 10))
        if kind == "recent":
            return len(self.user_list(user_id, "recent", mode_int, include_fails))
        raise KeyError(kind)

    def attempt_slots(self, user_id: int, mode_int: int, include_fails: bool) -> list[int]:
        """Slots of recent attempts that did not beat the user's score, newest first;
        failed ones only with include_fails."""
        r = rng(self.seed, "recent", user_id, mode_int)
        total = r.randint(0, 210) if r.random() < 0.6 else 0
        start = SLOTS["recent"][0]
        slots = []
        for i in range(total):
            passed = rng(self.seed, "recent-pass", user_id, mode_int, i).random() < 0.75
            if passed or include_fails:
                slots.append(start + i)
        return slots

    def user_list(
        self, user_id: int, kind: str, mode_int: int, include_fails: bool = False
    ) -> list[int]:
        """Solo ids of a user's list, in API order."""
        plays = self._play_set(user_id, mode_int)
        if plays is None:
            return []
        best = [
            self.pair_id(int(b), mode_int, user_id)
            for b in self.plays.maps(mode_int).ids[plays.columns["what"][: plays.best_count]]
        ]
        if kind == "best":
            return best
        if kind == "pinned":
            n = self.count(user_id, "pinned", mode_int)
            r = rng(self.seed, "pinned", user_id, mode_int)
            return [best[i] for i in sorted(r.sample(range(len(best)), n))]
        if kind == "recent":
            return self._recent(user_id, mode_int, include_fails)
        if kind == "firsts":
            return self.firsts(user_id, mode_int)
        raise KeyError(kind)

    def firsts(self, user_id: int, mode_int: int) -> list[int]:
        """Solo ids of the user's plays that stand first on their leaderboard, newest first."""
        plays = self._play_set(user_id, mode_int)
        if plays is None:
            return []
        newest = np.argsort(plays.columns["age"], kind="stable")
        ids = [int(b) for b in self.plays.maps(mode_int).ids[plays.columns["what"][newest]]]
        leaders = self.plays.leaders(ids, mode_int)
        return [
            self.pair_id(b, mode_int, user_id)
            for b, first in zip(ids, leaders, strict=True)
            if first == user_id
        ]

    def _recent(self, user_id: int, mode_int: int, include_fails: bool) -> list[int]:
        """Plays of the last RECENT_DAYS that set the user's score on a beatmap, and
        other attempts, newest first."""
        plays = self.plays.play_set(user_id, mode_int)
        assert plays is not None
        base = self._user_base(user_id, mode_int)
        dated: list[tuple[float, int]] = []
        for i in np.flatnonzero(plays.columns["age"] < RECENT_DAYS):
            beatmap = int(self.plays.maps(mode_int).ids[plays.columns["what"][i]])
            hours = float(plays.columns["age"][i]) * 24
            dated.append((hours, self.pair_id(beatmap, mode_int, user_id)))
        for slot in self.attempt_slots(user_id, mode_int, include_fails):
            idx = slot - SLOTS["recent"][0]
            # The same first draw as _user_core's created time.
            hours = (idx + rng(self.seed, "score", base + slot).uniform(0, 1)) * ATTEMPT_HOURS
            dated.append((hours, base + slot))
        return [sid for _, sid in sorted(dated)]

    # -- leaderboards ---------------------------------------------------------------
    def board_count(self, beatmap_id: int, mode_int: int) -> int:
        """Scores on a beatmap leaderboard (`score_count`)."""
        return len(self.plays.board(beatmap_id, mode_int)[0])

    def board(self, beatmap_id: int, mode_int: int, limit: int) -> list[int]:
        """Solo ids of the top `limit` scores of a leaderboard."""
        users = self.plays.board(beatmap_id, mode_int)[0][: min(limit, 100)]
        return [self.pair_id(beatmap_id, mode_int, int(u)) for u in users]

    def board_position(self, beatmap_id: int, mode_int: int, user_id: int) -> int | None:
        """1-based position of the user's score on a leaderboard."""
        users = self.plays.board(beatmap_id, mode_int)[0]
        found = np.flatnonzero(users == user_id)
        return int(found[0]) + 1 if len(found) else None

    def user_on_beatmap(self, beatmap_id: int, mode_int: int, user_id: int) -> int | None:
        """Solo id of the user's score on a beatmap, or None."""
        if not self.users.exists(user_id) or not self.beatmaps.beatmap_exists(beatmap_id):
            return None
        if self.plays.score(user_id, beatmap_id, mode_int, 0, None) is None:
            return None
        return self.pair_id(beatmap_id, mode_int, user_id)

    def user_plays(self, user_id: int, mode_int: int) -> list[ScoreCore]:
        """The user's score on each beatmap they played in a ruleset, by beatmap id.

        These are the plays of `plays.py` (the bests and leaderboards are made of them):
        what search's `played`/`r` filters and `beatmaps-passed` read.
        """
        plays = self._play_set(user_id, mode_int)
        if plays is None:
            return []
        found = (self.core(self.pair_id(b, mode_int, user_id)) for b in sorted(plays.by_beatmap))
        return [core for core in found if core is not None]

    # -- the /scores feed -------------------------------------------------------------
    def feed_ids(self, ruleset: int | None = None) -> list[int]:
        """Every feed score id, oldest first."""
        return self.feed.ids(ruleset)

    # -- cores --------------------------------------------------------------------
    def core(self, solo_id: int) -> ScoreCore | None:
        """Regenerate a score from its solo id; None when no such score exists."""
        if solo_id > FEED_BASE:
            return self._feed_core(solo_id)
        if PAIR_BASE <= solo_id < FEED_BASE:
            key, user_index = divmod(solo_id - PAIR_BASE, 32768)
            beatmap_index, mode_int = divmod(key, 4)
            user = self.users.from_index(user_index)
            beatmap = self.beatmaps.from_index(beatmap_index)
            if beatmap is None or not self.users.exists(user):
                return None
            return self.plays.score(user, beatmap, mode_int, solo_id, solo_id - LEGACY_OFFSET)
        if USER_BASE <= solo_id < PAIR_BASE:
            key, slot = divmod(solo_id - USER_BASE, 1024)
            user_index, mode_int = divmod(key, 4)
            return self._user_core(solo_id, self.users.from_index(user_index), mode_int, slot)
        return None

    def core_by_legacy(self, legacy_id: int, mode_int: int) -> ScoreCore | None:
        """Look up by legacy (stable) score id in a ruleset."""
        if (legacy_id, mode_int) in notable.SCORES:
            user, rank = notable.SCORES[legacy_id, mode_int]
            core = self.core(self.user_list(user, "best", mode_int)[rank])
            return None if core is None else dataclasses.replace(core, legacy_id=legacy_id)
        core = self.core(legacy_id + LEGACY_OFFSET) if legacy_id > 0 else None
        return core if core is not None and core.mode_int == mode_int else None

    def _user_core(self, solo_id: int, user: int, mode_int: int, slot: int) -> ScoreCore | None:
        found = next(((k, s) for k, (s, n) in SLOTS.items() if s <= slot < s + n), None)
        if found is None or not self.users.exists(user):
            return None
        kind, start = found
        idx = slot - start
        plays = self.plays.play_set(user, mode_int)
        if plays is None or len(plays) == 0:
            return None
        if slot not in self.attempt_slots(user, mode_int, include_fails=True):
            return None
        r = rng(self.seed, "score", solo_id)
        # A recent attempt replays one of the user's beatmaps without beating their score.
        created = NOW - timedelta(hours=(idx + r.uniform(0, 1)) * ATTEMPT_HOURS)
        row = r.randrange(len(plays))
        beatmap = int(self.plays.maps(mode_int).ids[plays.columns["what"][row]])
        passed = rng(self.seed, "recent-pass", user, mode_int, idx).random() < 0.75
        pp = round(float(plays.pp[row]) * r.uniform(0.3, 0.95), 3)
        return self._make(solo_id, user, beatmap, mode_int, r, pp, kind, created, passed)

    def _feed_core(self, solo_id: int) -> ScoreCore | None:
        """A feed score: the play it shows, under its feed id."""
        entry = self.feed.entry(solo_id)
        if entry is None:
            return None
        user, beatmap, mode_int = entry
        legacy = self.pair_id(beatmap, mode_int, user) - LEGACY_OFFSET
        return self.plays.score(user, beatmap, mode_int, solo_id, legacy)

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
        mods = r.choices(_MOD_SETS, _MOD_WEIGHTS)[0]
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
            "best_id": core.legacy_id if core.kind == "best" else None,
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

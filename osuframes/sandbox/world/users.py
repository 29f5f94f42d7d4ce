"""Users: existence, compact and extended user objects, per-ruleset statistics.

Ids 1..USER_COUNT; about 3% are gaps (never existed) and 1% are restricted;
both answer 404. The ids of `notable.USERS` exist too, at fixed ranks. Global ranks
come from one seeded permutation per ruleset; profile pp is `skill.profile_pp` of
the rank, which the player's best scores add up to (see `plays.py`).
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

import numpy as np

from . import notable
from ._rng import COUNTRIES, COUNTRY_NAMES, MODES, NOW, WORDS, days_ago, iso, name_from, rng
from .hashing import F64, U64, salt, units
from .skill import profile_pp

USER_COUNT = 20000
#: Fraction of visible users with a rank in each ruleset.
_ACTIVE_SHARE = {"osu": 1.0, "taiko": 0.3, "fruits": 0.25, "mania": 0.35}
GROUPS = {
    "bng": (28, "Beatmap Nominators", "BN", "#A347EB", True),
    "gmt": (4, "Global Moderation Team", "GMT", "#99EB47", False),
    "dev": (11, "Developers", "DEV", "#E45678", False),
}


@dataclass(frozen=True)
class UserCore:
    """The few facts every user object is built from."""

    id: int
    username: str
    country: str
    join_days: float
    playmode: str
    is_supporter: bool
    group: str | None
    team_id: int | None
    kudosu: int
    is_bot: bool


def team_json(seed: int, team_id: int) -> dict[str, Any]:
    """A Team as `TeamTransformer` gives it (flag, id, name, short name)."""
    return {
        "flag_url": f"https://assets.ppy.sh/teams/flag/{team_id}/flag.png",
        "id": team_id,
        "name": f"Team {name_from(rng(seed, 'team', team_id), 3)}",
        "short_name": f"T{team_id}",
    }


class Users:
    """Lazy generator of users, statistics and rank orders."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._lock = threading.Lock()
        self._visible: list[int] | None = None
        self._orders: dict[tuple[str, str], list[int]] = {}
        self._positions: dict[tuple[str, str], dict[int, int]] = {}
        self.core = lru_cache(maxsize=65536)(self._core)
        self._table: tuple[list[float], list[str], list[int]] | None = None
        #: Set by the World: (user, ruleset) -> (weighted accuracy of the bests, rank history).
        self.best_summary: Callable[[int, str], tuple[float, list[int], dict[str, int]]] | None
        self.best_summary = None

    def _columns(self) -> tuple[list[float], list[str], list[int]]:
        """Status rolls, countries and kudosu of every id, one stream each (~20 ms).

        Rank orders, country filters and the kudosu ranking touch every user; drawing
        these facts in bulk keeps that cheap while the rest of a user stays lazy.
        """
        if self._table is None:
            rolls_rng = rng(self.seed, "user-status")
            rolls = [rolls_rng.random() for _ in range(USER_COUNT + 1)]
            country_rng = rng(self.seed, "user-country")
            codes = [c for c, _, _ in COUNTRIES]
            weights = [w for _, _, w in COUNTRIES]
            kudosu_rng = rng(self.seed, "user-kudosu")
            kudosu = [
                max(0, int(kudosu_rng.paretovariate(1.2) * 3) - 3)
                if kudosu_rng.random() < 0.25
                else 0
                for _ in range(USER_COUNT + 1)
            ]
            countries = country_rng.choices(codes, weights, k=USER_COUNT + 1)
            self._table = (rolls, countries, kudosu)
        return self._table

    # -- existence ----------------------------------------------------------------
    def _status(self, user_id: int) -> str:
        if user_id == 3 or user_id in notable.USERS:
            return "ok"
        if not 1 <= user_id <= USER_COUNT:
            return "gap"
        roll = self._columns()[0][user_id]
        return "gap" if roll < 0.03 else "restricted" if roll < 0.04 else "ok"

    def country_of(self, user_id: int) -> str:
        """A user's country code (cheap: no core needed)."""
        if user_id in notable.USERS:
            return notable.USERS[user_id][1]
        return self._columns()[1][user_id] if 0 <= user_id <= USER_COUNT else "US"

    def kudosu_of(self, user_id: int) -> int:
        """A user's kudosu total (cheap: no core needed)."""
        if user_id in notable.USERS:
            return 40
        return self._columns()[2][user_id] if 0 <= user_id <= USER_COUNT else 0

    def exists(self, user_id: int) -> bool:
        """Visible through the API (not a gap, not restricted)."""
        return self._status(user_id) == "ok"

    def is_restricted(self, user_id: int) -> bool:
        """Restricted users exist in the database but the API answers 404."""
        return self._status(user_id) == "restricted"

    def visible_ids(self) -> list[int]:
        """Every visible user id, ascending (computed once)."""
        with self._lock:
            if self._visible is None:
                found = [u for u in range(1, USER_COUNT + 1) if self.exists(u)]
                self._visible = sorted({*found, *notable.USERS})
            return self._visible

    def ids_with_status(self, status: str, n: int) -> list[int]:
        """The first n ids with status gap or restricted."""
        return [u for u in range(1, USER_COUNT + 1) if self._status(u) == status][:n]

    def index(self, user_id: int) -> int:
        """A compact index of the user (below 32768), for ids that encode users."""
        if user_id <= USER_COUNT:
            return user_id
        return notable.USER_INDEX_BASE + list(notable.USERS).index(user_id)

    def from_index(self, index: int) -> int:
        """The user id of a compact index."""
        if index < notable.USER_INDEX_BASE:
            return index
        return list(notable.USERS)[index - notable.USER_INDEX_BASE]

    def play_spans(self, keys: U64) -> F64:
        """Days over which each user's plays spread (300 to 2600), by compact index."""
        return 300.0 + 2300.0 * units(salt(self.seed, "play-span"), keys)

    # -- core ---------------------------------------------------------------------
    def _core(self, user_id: int) -> UserCore:
        r = rng(self.seed, "user", user_id)
        if user_id == 3:
            return UserCore(3, "BanchoBot", "SH", 6900, "osu", False, None, None, 0, True)
        group = r.choice(tuple(GROUPS)) if r.random() < 0.08 else None
        name = name_from(r, r.randint(1, 2)) + r.choice(("", "_", "-")) + r.choice(WORDS)
        span = float(self.play_spans(np.array([self.index(user_id)], dtype=np.uint64))[0])
        return UserCore(
            id=user_id,
            username=notable.USERS[user_id][0] if user_id in notable.USERS else f"{name}{user_id}",
            country=self.country_of(user_id),
            join_days=max(r.uniform(30, 6500), span + 30),
            playmode=r.choices(MODES, (70, 10, 8, 12))[0],
            is_supporter=r.random() < 0.2,
            group="dev" if user_id == 2 else group,
            team_id=r.randint(1, 400) if r.random() < 0.3 else None,
            kudosu=self.kudosu_of(user_id),
            is_bot=False,
        )

    def id_for_username(self, name: str) -> int | None:
        """Resolve a username (the id is its numeric suffix)."""
        digits = ""
        for ch in reversed(name):
            if not ch.isdigit():
                break
            digits = ch + digits
        if name.lower() == "banchobot":
            return 3
        for uid, (known, _, _) in notable.USERS.items():
            if known.lower() == name.lower():
                return uid
        if not digits:
            return None
        user_id = int(digits)
        if self.exists(user_id) and self.core(user_id).username.lower() == name.lower():
            return user_id
        return None

    # -- ranks --------------------------------------------------------------------
    def order(self, mode: str, kind: str = "performance") -> list[int]:
        """User ids ranked in a ruleset, best first (a seeded permutation)."""
        key = (mode, kind)
        with self._lock:
            cached = self._orders.get(key)
        if cached is not None:
            return cached
        share = _ACTIVE_SHARE[mode]
        rolls = rng(self.seed, "active", mode)
        draws = [rolls.random() for _ in range(USER_COUNT + 1)]
        fixed = {ranks[mode]: u for u, (_, _, ranks) in notable.USERS.items()}
        active = [
            u
            for u in self.visible_ids()
            if u != 3 and u not in notable.USERS and u <= USER_COUNT and draws[u] < share
        ]
        random.Random(self.seed * 7919 + MODES.index(mode) * 31 + len(kind)).shuffle(active)
        for rank in sorted(fixed):
            active.insert(rank - 1, fixed[rank])
        with self._lock:
            self._orders[key] = active
            self._positions[key] = {u: i for i, u in enumerate(active)}
        return active

    def rank(self, user_id: int, mode: str, kind: str = "performance") -> int | None:
        """1-based rank, or None when the user has not played the ruleset."""
        self.order(mode, kind)
        pos = self._positions[(mode, kind)].get(user_id)
        return None if pos is None else pos + 1

    # -- objects ------------------------------------------------------------------
    def compact(self, user_id: int, *extra: str, mode: str | None = None) -> dict[str, Any]:
        """UserCompact, plus includes such as country, cover, team, groups, statistics."""
        c = self.core(user_id)
        r = rng(self.seed, "user-compact", user_id)
        group = GROUPS.get(c.group or "")
        out: dict[str, Any] = {
            "avatar_url": f"https://a.ppy.sh/{user_id}?{1600000000 + user_id}.png",
            "country_code": c.country,
            "default_group": "bot" if c.is_bot else (c.group or "default"),
            "id": user_id,
            "is_active": r.random() < 0.8,
            "is_bot": c.is_bot,
            "is_deleted": False,
            "is_online": r.random() < 0.1,
            "is_supporter": c.is_supporter,
            "last_visit": iso(days_ago(r.uniform(0, 60))) if r.random() < 0.7 else None,
            "pm_friends_only": r.random() < 0.05,
            "profile_colour": group[3] if group else None,
            "username": c.username,
        }
        for name in extra:
            out[name] = self._include(user_id, name, mode or c.playmode)
        return out

    def _include(self, user_id: int, name: str, mode: str) -> Any:
        c = self.core(user_id)
        if name == "country":
            return {"code": c.country, "name": COUNTRY_NAMES[c.country]}
        if name == "cover":
            preset = 1 + user_id % 8
            return {
                "custom_url": None,
                "url": f"https://assets.ppy.sh/user-cover-presets/{preset}/cover.jpg",
                "id": str(preset),
            }
        if name == "team":
            if c.team_id is None:
                return None
            return team_json(self.seed, c.team_id)
        if name == "groups":
            return [self.group(c.group)] if c.group else []
        if name == "statistics":
            return self.statistics(user_id, mode)
        if name == "statistics_rulesets":
            return {m: self.statistics(user_id, m) for m in MODES}
        if name == "kudosu":
            return {"available": c.kudosu - c.kudosu // 10, "total": c.kudosu}
        if name == "support_level":
            return 1 + user_id % 3 if c.is_supporter else 0
        if name == "rank_history":
            return self.rank_history(user_id, mode)
        raise KeyError(name)

    def group(self, key: str) -> dict[str, Any]:
        """A user group object."""
        gid, gname, short, colour, playmodes = GROUPS[key]
        return {
            "colour": colour,
            "has_listing": True,
            "has_playmodes": playmodes,
            "id": gid,
            "identifier": key,
            "is_probationary": False,
            "name": gname,
            "short_name": short,
            "playmodes": ["osu"] if playmodes else None,
        }

    def pp_for_rank(self, rank: int) -> float:
        """Profile pp at a rank (strictly decreasing; the bests add up to it)."""
        return profile_pp(rank)

    def profile_statistics(self, user_id: int, mode: str) -> dict[str, Any]:
        """The profile's `statistics`: osu-web's `statistics.country_rank` and
        `statistics.rank` includes on top of the plain transform (`GET users/{user}`, `me`)."""
        stats = self.statistics(user_id, mode)
        country_rank = self.country_rank(user_id, mode) if stats["global_rank"] else None
        return stats | {"country_rank": country_rank, "rank": {"country": country_rank}}

    def statistics(self, user_id: int, mode: str, kind: str = "performance") -> dict[str, Any]:
        """UserStatistics in one ruleset (zeros when unranked), as osu-web's
        `UserStatisticsTransformer` sends it without includes: what `statistics_rulesets`,
        friends' `statistics` and ranking rows hold (no `country_rank`, no `rank`)."""
        rank = self.rank(user_id, mode)
        r = rng(self.seed, "stats", user_id, mode)
        if rank is None:
            plays = 0
            pp = 0.0
        else:
            pp = self.pp_for_rank(rank)
            plays = int(pp * r.uniform(3, 12)) + r.randint(0, 500)
        hits = plays * r.randint(300, 700)
        c300 = int(hits * r.uniform(0.82, 0.95))
        c100 = int((hits - c300) * 0.8)
        c50 = hits - c300 - c100
        acc = round(r.uniform(0.88, 0.995), 6) if plays else 0.0
        grades = {
            "ss": plays // 400,
            "ssh": plays // 900,
            "s": plays // 60,
            "sh": plays // 200,
            "a": plays // 20,
        }
        if rank is not None and self.best_summary is not None:
            acc, _, grades = self.best_summary(user_id, mode)
            acc = round(acc, 6)
        score_rank = self.rank(user_id, mode, "score")
        ranked_score = (
            (USER_COUNT - score_rank + 1) * 250000 + r.randint(0, 99999) if score_rank else 0
        )
        total_players = max(1, len(self.order(mode)))
        return {
            "count_100": c100,
            "count_300": c300,
            "count_50": c50,
            "count_miss": int(hits * 0.03),
            "level": {"current": min(120, 1 + int(math.sqrt(plays))), "progress": r.randint(0, 99)},
            "global_rank": rank,
            "global_rank_percent": rank / total_players if rank else None,
            "global_rank_exp": None,
            "pp": pp,
            "pp_exp": 0,
            "ranked_score": ranked_score,
            "hit_accuracy": round(acc * 100, 4),
            "accuracy": acc,
            "play_count": plays,
            "play_time": plays * r.randint(80, 200),
            "total_score": ranked_score * 3 + r.randint(0, 10**6),
            "total_hits": hits,
            "maximum_combo": r.randint(100, 4000) if plays else 0,
            "replays_watched_by_others": r.randint(0, 50) if plays else 0,
            "is_ranked": rank is not None,
            "grade_counts": grades,
        }

    def country_rank(self, user_id: int, mode: str) -> int | None:
        """Rank among the users of the same country."""
        country = self.core(user_id).country
        self.country_order(mode, country)
        pos = self._positions[(mode, "country:" + country)].get(user_id)
        return None if pos is None else pos + 1

    def country_order(self, mode: str, country: str) -> list[int]:
        """Ranked users of one country, best first (cached with positions)."""
        key = (mode, "country:" + country)
        with self._lock:
            cached = self._orders.get(key)
        if cached is None:
            cached = [u for u in self.order(mode) if self.country_of(u) == country]
            with self._lock:
                self._orders[key] = cached
                self._positions[key] = {u: i for i, u in enumerate(cached)}
        return cached

    def rank_history(self, user_id: int, mode: str) -> dict[str, Any]:
        """Rank over the last 90 days."""
        ranked = self.rank(user_id, mode) is not None and self.best_summary is not None
        data = self.best_summary(user_id, mode)[1] if ranked and self.best_summary else []
        return {"mode": mode, "data": data}

    def extended(self, user_id: int, mode: str | None, counts: dict[str, int]) -> dict[str, Any]:
        """UserExtended as `GET users/{user}` returns it; `counts` come from other domains."""
        c = self.core(user_id)
        mode = mode or c.playmode
        r = rng(self.seed, "user-ext", user_id)
        out = self.compact(user_id)
        join = NOW - timedelta(days=c.join_days)
        months = int(c.join_days // 30)
        rank = self.rank(user_id, mode)
        out.update(
            {
                "cover_url": self._include(user_id, "cover", mode)["url"],
                "discord": None,
                "has_supported": c.is_supporter or r.random() < 0.2,
                "interests": None,
                "join_date": iso(join),
                "location": None,
                "max_blocks": 100,
                "max_friends": 500,
                "occupation": None,
                "playmode": c.playmode,
                "playstyle": ["mouse", "keyboard"] if r.random() < 0.5 else None,
                "post_count": r.randint(0, 500),
                "profile_hue": None,
                "profile_order": [
                    "me",
                    "recent_activity",
                    "top_ranks",
                    "medals",
                    "historical",
                    "beatmaps",
                    "kudosu",
                ],
                "title": None,
                "title_url": None,
                "twitter": None,
                "website": None,
                "country": self._include(user_id, "country", mode),
                "cover": self._include(user_id, "cover", mode),
                "kudosu": self._include(user_id, "kudosu", mode),
                "account_history": [],
                "active_tournament_banner": None,
                "active_tournament_banners": [],
                "badges": [],
                "beatmap_playcounts_count": counts["most_played"],
                "comments_count": r.randint(0, 300),
                "current_season_stats": None,
                "current_user_attributes": {"has_blocked": False},
                "daily_challenge_user_stats": self._daily(user_id, r),
                "favourite_beatmapset_count": counts["favourite"],
                "follower_count": r.randint(0, 5000),
                "graveyard_beatmapset_count": counts["graveyard"],
                "groups": self._include(user_id, "groups", mode),
                "guest_beatmapset_count": counts["guest"],
                "loved_beatmapset_count": counts["loved"],
                "mapping_follower_count": r.randint(0, 300),
                "matchmaking_stats": [self._matchmaking(user_id, r)],
                "monthly_playcounts": [
                    {
                        "start_date": (join + timedelta(days=30 * i)).strftime("%Y-%m-01"),
                        "count": r.randint(0, 900),
                    }
                    for i in range(min(months, 120))
                ],
                "nominated_beatmapset_count": counts["nominated"],
                "page": {"html": "<div class='bbcode bbcode--profile-page'></div>", "raw": ""},
                "pending_beatmapset_count": counts["pending"],
                "previous_usernames": [f"{c.username}_old"]
                if r.random() < 0.3 or user_id == 2
                else [],
                "rank_highest": {"rank": max(1, (rank or 1) // 2), "updated_at": iso(days_ago(400))}
                if rank
                else None,
                "ranked_beatmapset_count": counts["ranked"],
                "replays_watched_counts": [
                    {
                        "start_date": (join + timedelta(days=30 * i)).strftime("%Y-%m-01"),
                        "count": r.randint(0, 20),
                    }
                    for i in range(min(months, 24))
                ],
                "scores_best_count": counts["best"],
                "scores_first_count": counts["firsts"],
                "scores_pinned_count": counts["pinned"],
                "scores_recent_count": counts["recent"],
                "statistics": self.profile_statistics(user_id, mode),
                "support_level": self._include(user_id, "support_level", mode),
                "team": self._include(user_id, "team", mode),
                "user_achievements": [
                    {"achieved_at": iso(days_ago(r.uniform(0, c.join_days))), "achievement_id": a}
                    for a in sorted(r.sample(range(1, 400), r.randint(0, 30)))
                ],
                "rank_history": self.rank_history(user_id, mode),
                "rankHistory": self.rank_history(user_id, mode),
                "ranked_and_approved_beatmapset_count": counts["ranked"],
                "unranked_beatmapset_count": counts["pending"],
            }
        )
        return out

    def _matchmaking(self, user_id: int, r: random.Random) -> dict[str, Any]:
        return {
            "first_placements": r.randint(0, 5),
            "is_rating_provisional": True,
            "plays": r.randint(0, 30),
            "pool_id": 38,
            "rank": r.randint(1, 100000),
            "rank_percent": round(r.random(), 6),
            "rating": r.randint(800, 2000),
            "total_points": r.randint(0, 500),
            "user_id": user_id,
            "pool": {
                "active": True,
                "id": 38,
                "name": "RP: Season 0",
                "ruleset_id": 0,
                "type": "ranked_play",
                "variant_id": 0,
            },
        }

    def _daily(self, user_id: int, r: random.Random) -> dict[str, Any]:
        played = r.random() < 0.4
        return {
            "daily_streak_best": r.randint(0, 40) if played else 0,
            "daily_streak_current": r.randint(0, 5) if played else 0,
            "last_update": iso(days_ago(r.randint(0, 30))),
            "last_weekly_streak": iso(days_ago(r.randint(0, 30))),
            "playcount": r.randint(1, 300) if played else 0,
            "top_10p_placements": r.randint(0, 10) if played else 0,
            "top_50p_placements": r.randint(0, 50) if played else 0,
            "user_id": user_id,
            "weekly_streak_best": r.randint(0, 20) if played else 0,
            "weekly_streak_current": r.randint(0, 3) if played else 0,
        }

"""Rankings: performance/score/country/charts per ruleset, kudosu ranking, spotlights."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ._rng import COUNTRY_NAMES, MODES, NOW, iso, rng
from .beatmaps import Beatmaps
from .rng_helpers import friend_ids
from .users import Users

MAX_RESULTS = 10000
PAGE_SIZE = 50
KUDOSU_MAX = 1000
SPOTLIGHT_COUNT = 30
RANKING_TYPES = ("performance", "score", "country", "charts", "team")
#: osu!mania key-count variants; a sandbox user plays 4K when its id is even, 7K when a
#: multiple of three.
VARIANTS = {"4k": 2, "7k": 3}


class Rankings:
    """Ranking orders and rows, derived from the users' seeded rank permutations."""

    MAX_RESULTS = MAX_RESULTS

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self._kudosu: list[int] | None = None

    def order(
        self,
        mode: str,
        kind: str,
        country: str | None = None,
        *,
        variant: str | None = None,
        friends_of: int | None = None,
    ) -> list[int]:
        """User ids in ranking order for performance/score, with the global filters.

        `country` keeps one country, `variant` the players of a mania variant, and
        `friends_of` a user's friends and the user (`UserStatistics::scopeFriendsOf`).
        """
        ordered = self.users.order(mode, kind)
        if country:
            if kind == "performance":
                ordered = self.users.country_order(mode, country)
            else:
                ordered = [u for u in ordered if self.users.country_of(u) == country]
        if variant is not None:
            ordered = [u for u in ordered if u % VARIANTS[variant] == 0]
        if friends_of is not None:
            circle = {friends_of, *friend_ids(self.seed, self.users, friends_of)}
            ordered = [u for u in ordered if u in circle]
        return ordered

    def total(self, mode: str, kind: str, country: str | None = None) -> int:
        """The `total` the API reports (at most 10000, spec §2.2)."""
        if kind == "country":
            return len(self.country_rows(mode))
        if kind == "charts":
            return 0
        return min(MAX_RESULTS, len(self.order(mode, kind, country)))

    def row(self, user_id: int, mode: str) -> dict[str, Any]:
        """One row of a performance/score ranking."""
        stats = self.users.statistics(user_id, mode)
        stats["rank_change_since_30_days"] = rng(self.seed, "rank-change", user_id).randint(-20, 20)
        stats["user"] = self.users.compact(user_id, "country", "cover", "team", mode=mode)
        return stats

    def country_rows(self, mode: str) -> list[dict[str, Any]]:
        """Country ranking rows, best first."""
        rows: list[dict[str, Any]] = []
        for code in COUNTRY_NAMES:
            members = self.users.country_order(mode, code)
            if not members:
                continue
            perf = sum(
                self.users.pp_for_rank(self.users.rank(u, mode) or 1) for u in members[:1000]
            )
            rows.append(
                {
                    "code": code,
                    "active_users": len(members),
                    "play_count": len(members) * 3100,
                    "ranked_score": len(members) * 25_000_000,
                    "performance": round(perf / 10, 3),
                    "country": {"code": code, "name": COUNTRY_NAMES[code]},
                }
            )
        rows.sort(key=lambda row: (-row["performance"], row["code"]))
        return rows

    # -- kudosu ---------------------------------------------------------------------
    def kudosu_order(self) -> list[int]:
        """Users with kudosu, most first, at most 1000 (spec §2.2)."""
        if self._kudosu is None:
            kudosu = self.users.kudosu_of
            have = [u for u in self.users.visible_ids() if kudosu(u) > 0]
            have.sort(key=lambda u: (-kudosu(u), u))
            self._kudosu = have[:KUDOSU_MAX]
        return self._kudosu

    def kudosu_row(self, user_id: int) -> dict[str, Any]:
        """A kudosu ranking row: the user with its kudosu."""
        return self.users.compact(user_id, "kudosu")

    # -- spotlights -------------------------------------------------------------------
    def spotlights(self) -> list[dict[str, Any]]:
        """Every spotlight, oldest first."""
        out = []
        for i in range(1, SPOTLIGHT_COUNT + 1):
            start = NOW - timedelta(days=30 * (SPOTLIGHT_COUNT - i + 2))
            kind = "monthly" if i % 3 else "bestof"
            out.append(
                {
                    "end_date": iso(start + timedelta(days=30)),
                    "id": 200 + i,
                    "mode_specific": kind == "monthly",
                    "name": f"Spotlights: {start:%B %Y}"
                    if kind == "monthly"
                    else f"Best of {start:%Y}",
                    "start_date": iso(start),
                    "type": kind,
                }
            )
        return out

    def spotlight(self, spotlight_id: int | None) -> dict[str, Any] | None:
        """One spotlight (the latest when no id is given)."""
        spots = self.spotlights()
        if spotlight_id is None:
            return spots[-1]
        return next((s for s in spots if s["id"] == spotlight_id), None)

    def charts(self, spotlight: dict[str, Any], mode: str) -> dict[str, Any]:
        """The charts ranking of a spotlight: its beatmapsets and top 40."""
        r = rng(self.seed, "spotlight", spotlight["id"], mode)
        sets = sorted(r.sample(range(1, 5001), 8))
        users = self.users.order(mode)[: min(40, len(self.users.order(mode)))]
        users = r.sample(users, len(users))
        return {
            "beatmapsets": [self.beatmaps.set_extended(s, "beatmaps") for s in sets],
            "ranking": [self.row(u, mode) for u in users],
            "spotlight": {
                **spotlight,
                "map_count": len(sets),
                "participant_count": 400 + spotlight["id"],
            },
        }


def mode_index(mode: str) -> int:
    """Ruleset id of a mode name."""
    return MODES.index(mode)

"""Activity: the global events feed, user recent activity, kudosu history, user beatmapsets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ._rng import MODES, NOW, iso, rng
from .beatmaps import LEADERBOARD, Beatmaps
from .users import Users

EVENT_COUNT = 500
EVENT_BASE = 1_032_000_000
ACTIVITY_BASE = 1_100_000_000
KUDOSU_BASE = 3_000_000
USER_SET_TYPES = (
    "favourite",
    "graveyard",
    "guest",
    "loved",
    "most_played",
    "nominated",
    "pending",
    "ranked",
)
SET_TYPE_ALIASES = {"ranked_and_approved": "ranked", "unranked": "pending"}
_ACHIEVEMENT = {
    "achieved_count": 374119,
    "achieved_percent": 0.0131,
    "icon_url": "https://assets.ppy.sh/medals/web/all-secret-identity.png",
    "id": 328,
    "name": "Value Your Identity",
    "grouping": "Hush-Hush",
    "ordering": 2,
    "slug": "all-secret-identity",
    "description": "As perfect as you are.",
    "mode": None,
    "instructions": "<i>In the end, you'll know what to do.</i>",
}


class Activity:
    """Lazy generator of events and user activity lists."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self._by_creator: dict[int, list[int]] | None = None

    # -- events ---------------------------------------------------------------------
    def event_ids(self) -> list[int]:
        """Every event id of the global feed, ascending."""
        return [EVENT_BASE + i for i in range(1, EVENT_COUNT + 1)]

    def event(self, event_id: int, user_id: int | None = None) -> dict[str, Any]:
        """One event (`rank`, `rankLost` or `achievement`)."""
        r = rng(self.seed, "event", event_id)
        if user_id is None:
            user_id = r.choice(self.users.order("osu")[:8000])
        if event_id >= ACTIVITY_BASE:
            age = timedelta(hours=(event_id % 1000) * 5)
        else:
            age = timedelta(minutes=(EVENT_BASE + EVENT_COUNT - event_id) * 3)
        # The newest feed event is a rank event, like the recorded feed's head.
        kind = (
            "rank"
            if event_id == EVENT_BASE + EVENT_COUNT
            else r.choices(("rank", "rankLost", "achievement"), (80, 10, 10))[0]
        )
        when = iso(NOW - age)
        out: dict[str, Any] = {"created_at": when, "createdAt": when, "id": event_id, "type": kind}
        user = {"username": self.users.core(user_id).username, "url": f"/users/{user_id}"}
        if kind == "achievement":
            out["achievement"] = dict(_ACHIEVEMENT)
            out["user"] = user
            return out
        beatmap_id = r.choice(self.beatmaps.ranked_beatmaps(0))
        core = self.beatmaps.core(beatmap_id // 10)
        mode = MODES[core.modes[beatmap_id % 10]]
        version = self.beatmaps.beatmap_compact(beatmap_id)["version"]
        beatmap = {
            "title": f"{core.artist} - {core.title} [{version}]",
            "url": f"/beatmaps/{beatmap_id}?ruleset={mode}",
        }
        if kind == "rank":
            out.update(
                scoreRank=r.choice(("XH", "SH", "S", "A", "B")), rank=r.randint(1, 1000), mode=mode
            )
        else:
            out["mode"] = mode
        out["beatmap"] = beatmap
        out["user"] = user
        return out

    def recent_activity_count(self, user_id: int) -> int:
        """Events in a user's recent activity (only the first 100 are reachable)."""
        if not self.users.exists(user_id):
            return 0
        r = rng(self.seed, "activity-count", user_id)
        return r.randint(0, 150) if r.random() < 0.7 else 0

    def recent_activity(self, user_id: int, offset: int, limit: int) -> list[dict[str, Any]]:
        """A slice of a user's recent activity, newest first."""
        n = self.recent_activity_count(user_id)
        base = ACTIVITY_BASE + user_id * 1000
        return [self.event(base + i, user_id) for i in range(offset, min(n, offset + limit))]

    # -- kudosu ---------------------------------------------------------------------
    def kudosu_count(self, user_id: int) -> int:
        """Kudosu history entries of a user."""
        if not self.users.exists(user_id):
            return 0
        return min(150, self.users.core(user_id).kudosu)

    def kudosu_history(self, user_id: int, offset: int, limit: int) -> list[dict[str, Any]]:
        """A slice of a user's kudosu history, newest first."""
        out = []
        for i in range(offset, min(self.kudosu_count(user_id), offset + limit)):
            r = rng(self.seed, "kudosu", user_id, i)
            disc = 5_600_000 + r.randint(0, 599)
            give = r.random() < 0.9
            out.append(
                {
                    "id": KUDOSU_BASE + user_id * 200 + i,
                    "action": "vote.give" if give else "vote.reset",
                    "amount": 1,
                    "model": "beatmap_discussion",
                    "created_at": iso(NOW - timedelta(days=i * 3 + r.uniform(0, 2))),
                    "giver": None,
                    "post": {
                        "url": f"https://osu.ppy.sh/beatmapsets/discussions/{disc}",
                        "title": f"Discussion {disc}",
                    },
                    "details": {"event": "vote"},
                }
            )
        return out

    # -- user beatmapsets -------------------------------------------------------------------
    def _created(self, user_id: int) -> list[int]:
        if self._by_creator is None:
            index: dict[int, list[int]] = {}
            for core in self.beatmaps.all_cores():
                index.setdefault(core.creator_id, []).append(core.id)
            self._by_creator = index
        return self._by_creator.get(user_id, [])

    def user_set_ids(self, user_id: int, kind: str) -> list[int]:
        """Beatmapset ids (or beatmap ids for most_played) of a user list, in API order."""
        if not self.users.exists(user_id):
            return []
        own = self._created(user_id)
        status = {
            "ranked": ("ranked", "approved"),
            "loved": ("loved",),
            "graveyard": ("graveyard",),
        }
        status["pending"] = ("pending", "wip", "qualified")
        if kind in status:
            ids = [s for s in own if self.beatmaps.core(s).status in status[kind]]
            return sorted(ids, reverse=True)
        r = rng(self.seed, "user-sets", user_id, kind)
        if kind == "favourite":
            n = int(r.paretovariate(1.0) * 3) if r.random() < 0.6 else 0
            return sorted({r.randint(1, 5000) for _ in range(min(n, 300))}, reverse=True)
        if kind == "guest":
            return sorted({r.randint(1, 5000) for _ in range(r.randint(0, 3))}, reverse=True)
        if kind == "nominated":
            if self.users.core(user_id).group != "bng":
                return []
            ranked = [c.id for c in self.beatmaps.all_cores() if c.status in LEADERBOARD]
            return sorted(r.sample(ranked, r.randint(5, 60)), reverse=True)
        if kind == "most_played":
            n = int(r.paretovariate(0.8) * 5) if r.random() < 0.8 else 0
            pool = self.beatmaps.ranked_beatmaps(0)
            return list(dict.fromkeys(r.choice(pool) for _ in range(min(n, 400))))
        raise KeyError(kind)

    def most_played(self, user_id: int, offset: int, limit: int) -> list[dict[str, Any]]:
        """BeatmapPlaycount rows, most played first."""
        ids = self.user_set_ids(user_id, "most_played")
        out = []
        for i in range(offset, min(len(ids), offset + limit)):
            beatmap_id = ids[i]
            out.append(
                {
                    "beatmap_id": beatmap_id,
                    "count": max(1, 1000 // (i + 1)),
                    "beatmap": self.beatmaps.beatmap_compact(beatmap_id),
                    "beatmapset": self.beatmaps.set_compact(beatmap_id // 10),
                }
            )
        return out

    def counts(self, user_id: int) -> dict[str, int]:
        """List sizes shown on the user profile."""
        return {kind: len(self.user_set_ids(user_id, kind)) for kind in USER_SET_TYPES}

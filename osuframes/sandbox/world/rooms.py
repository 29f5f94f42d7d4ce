"""Lazer rooms: realtime and playlist rooms, their playlists, leaderboards and scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ._rng import MODES, days_ago, iso, name_from, rng
from .beatmaps import Beatmaps
from .score_core import ScoreCore
from .scores import Scores
from .users import Users

ROOM_COUNT = 600
#: `Room::TYPE_GROUPS`: the `type_group` a listing asks for, and the room types in it.
TYPE_GROUPS = {
    "playlists": ("playlists",),
    "realtime": ("head_to_head", "team_versus"),
    "ranked-play": ("ranked_play",),
}
ROOM_CATEGORIES = ("normal", "spotlight", "featured_artist", "daily_challenge")
ACTIVE_ROOMS = 40
PLAYLIST_SCORE_BASE = 30_000_000_000


@dataclass(frozen=True)
class ItemCore:
    """A playlist item of a room."""

    id: int
    room_id: int
    beatmap_id: int
    ruleset_id: int
    score_count: int


class Rooms:
    """Lazy generator of rooms, their playlists and playlist scores."""

    seed: int
    users: Users
    beatmaps: Beatmaps
    scores: Scores

    def search_rooms(
        self,
        *,
        mode: str = "active",
        type_group: str = "playlists",
        category: str | None = None,
        season_id: int | None = None,
        user_id: int | None = None,
    ) -> list[int]:
        """Room ids `Room::search` finds, unsorted (ascending ids)."""
        types = TYPE_GROUPS.get(type_group, TYPE_GROUPS["playlists"])
        out = []
        for room_id in range(1, ROOM_COUNT + 1):
            if self.room_type(room_id) not in types:
                continue
            if category in ROOM_CATEGORIES and self.room_category(room_id) != category:
                continue
            if season_id is not None and self.room_season(room_id) != season_id:
                continue
            active = self.room_is_active(room_id)
            if mode == "participated":
                keep = user_id is not None and user_id in self.participants(room_id)
            elif mode == "owned":
                keep = user_id is not None and self.room_host(room_id) == user_id
            else:
                keep = mode == "all" or active == (mode != "ended")
            if keep:
                out.append(room_id)
        return out

    def sorted_rooms(self, ids: list[int], sort: str) -> list[tuple[tuple[Any, ...], int]]:
        """(cursor key, id) per room in listing order: `created` (pinned, id) or `ended`."""
        keyed: list[tuple[tuple[Any, ...], int]] = [
            ((self.room_ends_at(r) if sort == "ended" else self.room_pinned(r), r), r) for r in ids
        ]
        return sorted(keyed, reverse=True)

    def room_events(self, room_id: int) -> list[dict[str, Any]]:
        """A realtime room's events, ascending ids: created, joins, games, the end."""
        start, host = self._room_start(room_id), self.room_host(room_id)
        players = self.participants(room_id)
        kinds: list[tuple[str, int | None, int | None]] = [("room_created", host, None)]
        kinds += [("player_joined", user, None) for user in players]
        for item in self.items(room_id):
            kinds += [("game_started", None, item.id), ("game_completed", None, item.id)]
        kinds += [("player_left", user, None) for user in players[1::3]]
        if not self.room_is_active(room_id):
            kinds.append(("room_disbanded", None, None))
        return [
            {
                "created_at": iso(start + timedelta(minutes=k)),
                "event_type": kind,
                "id": room_id * 1000 + k,
                "playlist_item_id": item,
                "user_id": user,
            }
            for k, (kind, user, item) in enumerate(kinds)
        ]

    def room_exists(self, room_id: int) -> bool:
        """Room ids 1..ROOM_COUNT exist."""
        return 1 <= room_id <= ROOM_COUNT

    def room_is_active(self, room_id: int) -> bool:
        """The newest rooms are still open."""
        return room_id > ROOM_COUNT - ACTIVE_ROOMS

    def room_type(self, room_id: int) -> str:
        """playlists for most rooms (daily challenges too), head_to_head for every other
        fifth, ranked_play for every seventh."""
        if room_id % 10 == 0:
            return "playlists"
        if room_id % 5 == 0:
            return "head_to_head"
        return "ranked_play" if room_id % 7 == 0 else "playlists"

    def room_category(self, room_id: int) -> str:
        """daily_challenge every tenth room, a few spotlights and featured artists."""
        if room_id % 10 == 0:
            return "daily_challenge"
        if room_id % 23 == 0:
            return "spotlight"
        return "featured_artist" if room_id % 29 == 0 else "normal"

    def room_season(self, room_id: int) -> int | None:
        """The playlists season a room belongs to (every fourth normal room: seasons 1-3)."""
        normal = self.room_category(room_id) == "normal" and self.room_type(room_id) == "playlists"
        return 1 + room_id % 3 if normal and room_id % 4 == 0 else None

    def room_pinned(self, room_id: int) -> bool:
        """Spotlight rooms are pinned to the top of the listing."""
        return self.room_category(room_id) == "spotlight"

    def room_ends_at(self, room_id: int) -> str:
        """When a room closes (ISO 8601, the `ends_at` cursor value)."""
        return iso(self._room_start(room_id) + timedelta(days=1))

    def items(self, room_id: int) -> list[ItemCore]:
        """The playlist items of a room."""
        r = rng(self.seed, "room-items", room_id)
        out = []
        for k in range(r.randint(1, 5)):
            ruleset = r.choices((0, 1, 2, 3), (70, 10, 8, 12))[0]
            pool = self.beatmaps.ranked_beatmaps(ruleset) or self.beatmaps.ranked_beatmaps(0)
            count = r.randint(0, 400) if r.random() < 0.9 else 0
            out.append(ItemCore(room_id * 10 + k, room_id, r.choice(pool), ruleset, count))
        return out

    def item(self, room_id: int, item_id: int) -> ItemCore | None:
        """One playlist item of a room."""
        if not self.room_exists(room_id):
            return None
        return next((i for i in self.items(room_id) if i.id == item_id), None)

    def participants(self, room_id: int) -> list[int]:
        """Users who played in a room, best total first."""
        r = rng(self.seed, "room-users", room_id)
        pool = self.users.order("osu")[:8000]
        return r.sample(pool, r.randint(1, 120))

    def item_json(self, item: ItemCore) -> dict[str, Any]:
        """A playlist item with its beatmap."""
        beatmap = self.beatmaps.beatmap_compact(
            item.beatmap_id, "beatmapset", "checksum", "max_combo"
        )
        return {
            "id": item.id,
            "room_id": item.room_id,
            "beatmap_id": item.beatmap_id,
            "created_at": iso(self._room_start(item.room_id)),
            "ruleset_id": item.ruleset_id,
            "allowed_mods": [{"acronym": m, "settings": {}} for m in ("HD", "HR", "DT")],
            "required_mods": [],
            "freestyle": False,
            "expired": not self.room_is_active(item.room_id),
            "owner_id": self.room_host(item.room_id),
            "playlist_order": None,
            "played_at": None,
            "beatmap": beatmap,
        }

    def room_host(self, room_id: int) -> int:
        """The host of a room (BanchoBot hosts daily challenges)."""
        return 3 if room_id % 10 == 0 else self.participants(room_id)[0]

    def _room_start(self, room_id: int) -> datetime:
        return days_ago((ROOM_COUNT - room_id) * 1.5 + 0.5)

    def room(self, room_id: int, *, listing: bool, user_id: int | None) -> dict[str, Any]:
        """A room as `GET rooms/{room}` (listing=False) or an item of `GET rooms` returns it."""
        r = rng(self.seed, "room", room_id)
        start = self._room_start(room_id)
        items = self.items(room_id)
        host = self.room_host(room_id)
        active = self.room_is_active(room_id)
        out: dict[str, Any] = {
            "id": room_id,
            "name": f"Daily Challenge #{room_id}"
            if room_id % 10 == 0
            else f"{name_from(r)}'s room",
            "description": None,
            "category": self.room_category(room_id),
            "status": "idle",
            "type": self.room_type(room_id),
            "user_id": host,
            "starts_at": iso(start),
            "ends_at": self.room_ends_at(room_id),
            "max_attempts": None,
            "max_participants": None,
            "participant_count": len(self.participants(room_id)),
            "channel_id": 20_000_000 + room_id,
            "active": active,
            "has_password": False,
            "queue_mode": "host_only",
            "auto_skip": False,
            "pinned": self.room_pinned(room_id),
        }
        participants = [self.users.compact(u) for u in self.participants(room_id)[:10]]
        if listing:
            stars = [
                self.beatmaps.beatmap_compact(i.beatmap_id)["difficulty_rating"] for i in items
            ]
            out["current_playlist_item"] = self.item_json(items[0])
            out["difficulty_range"] = {"max": max(stars), "min": min(stars)}
            out["host"] = self.users.compact(host, "country")
            out["playlist_item_stats"] = {
                "count_active": len(items) if active else 0,
                "count_total": len(items),
                "ruleset_ids": sorted({i.ruleset_id for i in items}),
            }
            out["recent_participants"] = participants
            return out
        out["current_user_score"] = self.user_aggregate(room_id, user_id) if user_id else None
        out["host"] = self.users.compact(host, "country")
        out["playlist"] = [self.item_json(i) for i in items]
        out["recent_participants"] = participants
        return out

    def user_aggregate(self, room_id: int, user_id: int) -> dict[str, Any]:
        """A user's total in a room (zeros when they did not play)."""
        players = self.participants(room_id)
        if user_id not in players:
            return {
                "accuracy": 0,
                "attempts": 0,
                "completed": 0,
                "pp": 0,
                "room_id": room_id,
                "total_score": 0,
                "user_id": user_id,
                "playlist_item_attempts": [],
            }
        return self.leaderboard_row(room_id, players.index(user_id), with_user=False)

    def leaderboard_row(
        self, room_id: int, position: int, *, with_user: bool = True
    ) -> dict[str, Any]:
        """Row `position` (0-based) of a room leaderboard."""
        user = self.participants(room_id)[position]
        r = rng(self.seed, "room-row", room_id, user)
        out: dict[str, Any] = {
            "accuracy": round(r.uniform(0.8, 1.0), 4),
            "attempts": r.randint(1, 20),
            "completed": r.randint(1, len(self.items(room_id))),
            "pp": 0,
            "room_id": room_id,
            "total_score": (200 - position) * 50_000 + r.randint(0, 49_999)
            if position < 200
            else 1,
            "user_id": user,
        }
        if with_user:
            out["user"] = self.users.compact(user, "country", "cover", "team")
        return out

    # -- playlist scores ----------------------------------------------------------------
    def playlist_score_ids(self, item: ItemCore) -> list[int]:
        """Score ids of an item, best first (total_score strictly decreasing)."""
        base = PLAYLIST_SCORE_BASE + item.id * 1024
        return [base + i for i in range(item.score_count)]

    def playlist_core(self, item: ItemCore, score_id: int) -> ScoreCore:
        """One playlist score; total_score falls with the position."""
        idx = score_id - PLAYLIST_SCORE_BASE - item.id * 1024
        r = rng(self.seed, "playlist-score", score_id)
        players = self.users.order(MODES[item.ruleset_id]) or self.users.order("osu")
        user = players[(idx * 7919 + item.id) % len(players)]
        core = self.scores._make(
            score_id,
            user,
            item.beatmap_id,
            item.ruleset_id,
            r,
            None,
            "playlist",
            days_ago(r.uniform(0, 30)),
        )
        total = 1_000_000 - idx * 2_000 - r.randint(0, 1_999) // 2
        return ScoreCore(**{**core.__dict__, "total_score": total})

    def playlist_score(self, item: ItemCore, score_id: int) -> dict[str, Any]:
        """A playlist score in the lazer format with its user."""
        core = self.playlist_core(item, score_id)
        body = self.scores.render(core, True, "user_board")
        return {
            "playlist_item_id": item.id,
            "room_id": item.room_id,
            "solo_score_id": score_id,
            **body,
        }

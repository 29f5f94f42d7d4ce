"""Multiplayer: legacy (osu!stable) matches and their events; lazer rooms, leaderboards
and playlist scores."""

from __future__ import annotations

from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import (
    LAZER_SCORES_API_VERSION,
    LEGACY_SCORES_API_VERSION,
    lazer_only,
)
from osuframes.endpoints._paging import CursorString, EventWindow, PageNumber, RoomCursor
from osuframes.http.lifetimes import Lifetime, cached, finished_match
from osuframes.models import (
    MultiplayerMatch,
    MultiplayerMatchesResponse,
    MultiplayerMatchEvent,
    MultiplayerMatchResponse,
    MultiplayerScore,
    MultiplayerScoresResponse,
    Room,
    RoomEvent,
    RoomEventsResponse,
    RoomLeaderboard,
    RoomUserScore,
)

__all__ = ["MultiplayerEndpoints"]

ROOM_MODES = ("active", "all", "ended", "participated", "owned")
ROOM_CATEGORIES = ("normal", "spotlight", "featured_artist", "daily_challenge")
ROOM_TYPE_GROUPS = ("playlists", "realtime", "ranked-play")
ROOM_SORTS = ("created", "ended")

_MAX_ID = 2**63 - 1


def _room(room_id: Any) -> int:
    return args.positive_id(room_id, "room_id")


def _event_id(value: Any, argument: str) -> int | None:
    return None if value is None else args.in_range(value, argument, 0, _MAX_ID)


def _event_window(limit: Any, before: Any, after: Any) -> dict[str, int | None]:
    """`limit` (1..101) and one of `before`/`after`: an event window (matches, rooms)."""
    if before is not None and after is not None:
        raise args.ArgumentError("before", before, "give before or after, not both")
    return {
        "limit": args.in_range(limit, "limit", 1, 101),
        "before": _event_id(before, "before"),
        "after": _event_id(after, "after"),
    }


def _playlist(room_id: Any, playlist_id: Any) -> str:
    item = args.positive_id(playlist_id, "playlist_id")
    return f"/api/v2/rooms/{_room(room_id)}/playlist/{item}"


class MultiplayerEndpoints:
    """Endpoints about multiplayer. Mixed into `Client`."""

    @endpoint(
        MultiplayerMatchesResponse,
        paging=CursorString(page_size=50),
        items="matches",
        item=MultiplayerMatch,
        cache=cached("matches", Lifetime.SHORT),
    )
    def get_multiplayer_matches(
        self,
        *,
        limit: int = 50,
        sort: str | None = None,
        active: bool | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """Legacy (osu!stable) multiplayer matches, newest first (`GET matches`).

        Args:
            limit: matches a page, 1..50.
            sort: `id_desc` (default) or `id_asc`.
            active: only open (True) or only closed (False) matches.
            cursor_string: the `cursor_string` of the previous page.
        """
        if active is not None and not isinstance(active, bool):
            raise args.ArgumentError("active", active, "give True, False or None")
        params = {
            "limit": args.in_range(limit, "limit", 1, 50),
            "sort": None if sort is None else args.choice(sort, "sort", ("id_desc", "id_asc")),
            "active": active,
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/matches", params)

    @endpoint(
        MultiplayerMatchResponse,
        paging=EventWindow(page_size=101),
        items="events",
        item=MultiplayerMatchEvent,
        cache=cached("matches", Lifetime.SHORT, long_when=finished_match),
    )
    def get_multiplayer_match(
        self,
        match_id: int | str,
        *,
        limit: int = 100,
        before: int | None = None,
        after: int | None = None,
        new_format: bool = False,
    ) -> Call:
        """A legacy match and a window of its events, oldest first (`GET matches/{match}`).

        Without `before`/`after` the newest `limit` events come back; page forward with
        `after` = the last event id until `latest_event_id`. A walk of every page starts
        after `after` (or at the first event) and ends before `before`.

        Args:
            match_id: the match: its id or its URL (`https://osu.ppy.sh/mp/105019274`).
            limit: events to return, 1..101.
            before: only events with a lower id.
            after: only events with a higher id (ascending).
            new_format: game scores in the lazer format (default: the legacy format,
                which carries each score's `match.slot`, `match.team` and `match.pass`).
        """
        params = _event_window(limit, before, after)
        path = f"/api/v2/matches/{args.match_id(match_id)}"
        lazer = args.flag(new_format, "new_format")
        version = LAZER_SCORES_API_VERSION if lazer else LEGACY_SCORES_API_VERSION
        return Call("GET", path, params, api_version=version)

    @endpoint(
        RoomEventsResponse,
        paging=EventWindow(page_size=101, latest_key="last_event_id"),
        items="events",
        item=RoomEvent,
        cache=cached("rooms", Lifetime.SHORT),
    )
    def get_room_events(
        self,
        room_id: int,
        *,
        limit: int = 100,
        before: int | None = None,
        after: int | None = None,
    ) -> Call:
        """A window of a realtime room's events, oldest first (`GET rooms/{room}/events`).

        Realtime (multiplayer) rooms only: a playlists room answers 422. Without
        `before`/`after` the newest `limit` events come back; a walk of every page goes
        up with `after` until `last_event_id` and stops before a given `before`.

        Args:
            room_id: the room.
            limit: events to return, 1..101.
            before: only events with a lower id.
            after: only events with a higher id (ascending).
        """
        params = _event_window(limit, before, after)
        return Call("GET", f"/api/v2/rooms/{_room(room_id)}/events", params)

    @endpoint(list[Room], paging=RoomCursor(page_size=250), cache=cached("rooms", Lifetime.SHORT))
    def get_multiplayer_rooms(
        self,
        *,
        mode: str | None = None,
        limit: int | None = None,
        sort: str | None = None,
        category: str | None = None,
        type: str | None = None,
        season_id: int | None = None,
    ) -> Call:
        """Lazer multiplayer and playlists rooms (`GET rooms`).

        The route answers a bare list (the object form with a cursor needs
        `x-api-version` ≥ 99999999, spec §6) but still reads `cursor[...]`: the
        paginator asks for the rooms after the last one, `limit` a page.

        Args:
            mode: `active` (default), `all`, `ended`, `participated` or `owned`; the
                last two are the logged-in user's rooms and need a login.
            limit: rooms to return, 1..250 (the server's default is 250).
            sort: `created` (default) or `ended`.
            category: `normal`, `spotlight`, `featured_artist` or `daily_challenge`.
            type: `playlists` (default), `realtime` or `ranked-play` (sent as `type_group`).
            season_id: only rooms of this playlists season.
        """
        chosen = None if mode is None else args.choice(mode, "mode", ROOM_MODES)
        params = {
            "mode": chosen,
            "limit": None if limit is None else args.in_range(limit, "limit", 1, 250),
            "sort": None if sort is None else args.choice(sort, "sort", ROOM_SORTS),
            "category": None
            if category is None
            else args.choice(category, "category", ROOM_CATEGORIES),
            "type_group": None if type is None else args.choice(type, "type", ROOM_TYPE_GROUPS),
            "season_id": None if season_id is None else args.positive_id(season_id, "season_id"),
        }
        mine = chosen in ("participated", "owned")
        return Call("GET", "/api/v2/rooms", params, needs_user=mine)

    @endpoint(Room, cache=cached("rooms", Lifetime.SHORT))
    def get_multiplayer_room(self, room_id: int | str) -> Call:
        """One room with its playlist (`GET rooms/{room}`); `"latest"`: the latest featured."""
        if isinstance(room_id, str) and room_id.strip().lower() == "latest":
            return Call("GET", "/api/v2/rooms/latest")
        return Call("GET", f"/api/v2/rooms/{_room(room_id)}")

    @endpoint(
        RoomLeaderboard,
        paging=PageNumber(page_size=50, sends_limit=True),
        items="leaderboard",
        item=RoomUserScore,
        cache=cached("rooms", Lifetime.SHORT),
    )
    def get_multiplayer_leaderboard(
        self, room_id: int, *, limit: int = 50, page: int | None = None
    ) -> Call:
        """A room's leaderboard of users' aggregate scores (`GET rooms/{room}/leaderboard`).

        `user_score` is the logged-in user's own row (None with an application token).

        Args:
            room_id: the room.
            limit: rows a page, 1..50.
            page: the page, from 1.
        """
        params = {
            "limit": args.in_range(limit, "limit", 1, 50),
            "page": None if page is None else args.in_range(page, "page", 1, 10**6),
        }
        return Call("GET", f"/api/v2/rooms/{_room(room_id)}/leaderboard", params)

    @endpoint(MultiplayerScore, cache=cached("rooms", Lifetime.SHORT))
    def get_multiplayer_score(self, room_id: int, playlist_id: int, score_id: int) -> Call:
        """One playlist score (`GET rooms/{room}/playlist/{playlist}/scores/{score}`).

        The server serves it to osu!lazer's own tokens only (scope `*`): any other
        token is refused before sending, with `MissingScopeError`.
        """
        score = args.positive_id(score_id, "score_id")
        return lazer_only(f"{_playlist(room_id, playlist_id)}/scores/{score}")

    @endpoint(MultiplayerScore, cache=cached("rooms", Lifetime.SHORT))
    def get_multiplayer_user_score(self, room_id: int, playlist_id: int, user_id: int) -> Call:
        """A user's best score on a playlist item (`GET …/playlist/{p}/scores/users/{u}`).

        osu!lazer's own tokens only (scope `*`), as `get_multiplayer_score`.
        """
        user = args.positive_id(user_id, "user_id")
        return lazer_only(f"{_playlist(room_id, playlist_id)}/scores/users/{user}")

    @endpoint(
        MultiplayerScoresResponse,
        paging=CursorString(page_size=50),
        items="scores",
        item=MultiplayerScore,
        cache=cached("rooms", Lifetime.SHORT),
    )
    def get_multiplayer_scores(
        self,
        room_id: int,
        playlist_id: int,
        *,
        limit: int = 50,
        sort: str | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """Scores set on a room's playlist item (`GET rooms/{room}/playlist/{item}/scores`).

        Always lazer-format scores, whatever `x-api-version` says.

        Args:
            room_id: the room.
            playlist_id: the playlist item.
            limit: scores a page, 1..50.
            sort: `score_desc` (default) or `score_asc`.
            cursor_string: the `cursor_string` of the previous page.
        """
        params = {
            "limit": args.in_range(limit, "limit", 1, 50),
            "sort": None
            if sort is None
            else args.choice(sort, "sort", ("score_desc", "score_asc")),
            "cursor_string": args.cursor_string(cursor_string),
        }
        item = args.positive_id(playlist_id, "playlist_id")
        return Call("GET", f"/api/v2/rooms/{_room(room_id)}/playlist/{item}/scores", params)

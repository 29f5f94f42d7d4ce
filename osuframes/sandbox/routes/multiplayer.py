"""Multiplayer routes: legacy matches (event windows), rooms, leaderboards, playlist scores."""

from __future__ import annotations

from typing import Any

from ..pagination import clamp, cursor_fields, to_bool, to_int
from ..routing import ROOMS_OBJECT_VERSION, ApiError, Ctx, Router, not_found, unprocessable
from ..world.rooms import TYPE_GROUPS
from ._common import after_cursor

_MATCH = "LegacyMatch\\LegacyMatch"
_ROOM = "Multiplayer\\Room"
_ITEM = "Multiplayer\\PlaylistItem"


def _room_probe(cursor: dict[str, Any], sort: str) -> tuple[Any, ...] | None:
    """The listing key a `{pinned, id}` / `{ends_at, id}` cursor stands for (None: none)."""
    room_id = to_int(cursor.get("id"))
    if sort == "ended":
        ends_at = cursor.get("ends_at")
        return None if room_id is None or not isinstance(ends_at, str) else (ends_at, room_id)
    pinned = to_bool(cursor.get("pinned"))
    return None if room_id is None or pinned is None else (pinned, room_id)


def _room_id(ctx: Ctx) -> int:
    """The `{room}` of the path, or 404 when there is no such room."""
    room_id = ctx.int_path("room", _ROOM)
    if not ctx.world.multiplayer.room_exists(room_id):
        raise not_found(_ROOM)
    return room_id


def register(router: Router) -> None:
    """Add the multiplayer routes."""

    @router.add("GET", "matches")
    def matches(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        p = ctx.params
        limit = p.limit(50, 1, 50)
        sort = "id_asc" if p.get_str("sort") == "id_asc" else "id_desc"
        active = p.get_bool("active")
        ids = []
        for mid in mp.match_ids():
            m = mp.match(mid)
            if m is not None and (active is None or active == (not m.ended)):
                ids.append(mid)
        if sort == "id_desc":
            ids.reverse()
        after = to_int((p.cursor() or {}).get("match_id"))
        start = 0
        if after is not None:
            start = next(
                (i for i, m in enumerate(ids) if (m < after if sort == "id_desc" else m > after)),
                len(ids),
            )
        window = ids[start : start + limit + 1]
        nxt = {"match_id": window[limit - 1]} if len(window) > limit else None
        body = [mp.match_summary(mp.match(mid)) for mid in window[:limit]]  # type: ignore[arg-type]
        return {
            "matches": body,
            "params": {"limit": limit, "sort": sort, "active": active},
            **cursor_fields(nxt),
        }

    @router.add("GET", "matches/{match}")
    def match(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        m = mp.match(ctx.int_path("match", _MATCH))
        if m is None:
            raise not_found(_MATCH)
        if m.private and ctx.user_id not in m.players:
            # osu-web's MatchView: a guest (an app token) must log in, others may not look
            raise (
                ApiError(401, {"authentication": "basic"})
                if ctx.user_id is None
                else (ApiError(403, {"error": "Access denied."}))
            )
        p = ctx.params
        limit = clamp(p.get_int("limit", 100) or 100, 1, 101)
        ids = mp.event_ids(m)
        after, before = p.get_int("after"), p.get_int("before")
        if after is not None:
            chosen = [e for e in ids if e > after][:limit]
        else:
            older = [e for e in ids if before is None or e < before]
            chosen = older[-limit:]
        events = [mp.event(m, e, ctx.lazer) for e in chosen]
        user_ids = sorted(
            {e["user_id"] for e in events if e["user_id"]}
            | {s["user_id"] for e in events for s in e.get("game", {}).get("scores", [])}
        )
        games = [e["game"]["id"] for e in events if "game" in e]
        return {
            "match": mp.match_summary(m),
            "events": events,
            "users": [ctx.world.users.compact(u, "country") for u in user_ids],
            "first_event_id": ids[0],
            "latest_event_id": ids[-1],
            "current_game_id": games[-1] if games and not m.ended and ids[-1] in chosen else None,
        }

    @router.add("GET", "rooms")
    def rooms(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        p = ctx.params
        mode = p.get_str("mode") or "active"
        category = p.get_str("category")
        type_group = p.get_str("type_group") or "playlists"
        if category == "realtime":  # the old spelling of type_group=realtime
            type_group, category = "realtime", None
        ids = mp.search_rooms(
            mode=mode,
            type_group=type_group,
            category=category,
            season_id=p.get_int("season_id"),
            user_id=ctx.user_id,
        )
        sort = p.get_str("sort") or ("ended" if mode == "ended" else "created")
        sort = sort if sort in ("created", "ended") else "created"
        keyed = mp.sorted_rooms(ids, sort)
        limit = p.limit(250, 1, 250)
        # The cursor comes from cursor_string or cursor[...], whatever the answer's form.
        cursor = p.cursor() or {}
        probe = _room_probe(cursor, sort)
        if probe is not None:
            keyed = [(key, r) for key, r in keyed if key < probe]
        chosen = [r for _, r in keyed[:limit]]
        body = [mp.room(r, listing=True, user_id=ctx.user_id) for r in chosen]
        if ctx.api_version >= ROOMS_OBJECT_VERSION:
            # DbCursorHelper::next without has-more: the last room, whenever rooms come back.
            last = body[-1] if body else None
            keys = ("ends_at", "id") if sort == "ended" else ("pinned", "id")
            nxt = None if last is None else {key: last[key] for key in keys}
            return {"rooms": body, **cursor_fields(nxt)}
        return body

    @router.add("GET", "rooms/{room}/events")
    def room_events(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        room_id = _room_id(ctx)
        if mp.room_type(room_id) not in TYPE_GROUPS["realtime"]:
            raise unprocessable("retrieving events is only supported for realtime rooms")
        p = ctx.params
        limit = p.limit(100, 1, 101)
        events = mp.room_events(room_id)
        after, before = p.get_int("after"), p.get_int("before")
        if after is not None:  # ascending after `after`; else the newest below `before`
            chosen = [e for e in events if e["id"] > after][:limit]
        else:
            chosen = [e for e in events if before is None or e["id"] < before][-limit:]
        items = {i.id: i for i in mp.items(room_id)}
        used = sorted({e["playlist_item_id"] for e in chosen if e["playlist_item_id"]})
        users = sorted({e["user_id"] for e in chosen if e["user_id"]})
        beatmaps = sorted({items[i].beatmap_id for i in used})
        bm = ctx.world.beatmaps
        return {
            "beatmaps": [bm.beatmap_compact(b) for b in beatmaps],
            "beatmapsets": [bm.set_compact(b // 10) for b in dict.fromkeys(b for b in beatmaps)],
            "current_playlist_item_id": mp.items(room_id)[-1].id,
            "events": chosen,
            "first_event_id": events[0]["id"],
            "last_event_id": events[-1]["id"],
            "playlist_items": [mp.item_json(items[i]) for i in used],
            "room": mp.room(room_id, listing=True, user_id=ctx.user_id),
            "users": [ctx.world.users.compact(u, "country") for u in users],
        }

    @router.add("GET", "rooms/{room}/leaderboard")
    def leaderboard(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        room_id = _room_id(ctx)
        limit = ctx.params.limit(50, 1, 50)
        page = max(1, ctx.params.get_int("page", 1) or 1)
        n = len(mp.participants(room_id))
        rows = [
            mp.leaderboard_row(room_id, i) for i in range((page - 1) * limit, min(n, page * limit))
        ]
        mine = mp.user_aggregate(room_id, ctx.user_id) if ctx.user_id else None
        return {"leaderboard": rows, "user_score": mine}

    @router.add("GET", "rooms/{room}/playlist/{playlist}/scores/users/{user}", "*")
    def playlist_user_score(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        item = mp.item(ctx.int_path("room", _ITEM), ctx.int_path("playlist", _ITEM))
        user = ctx.int_path("user")
        if item is None:
            raise not_found(_ITEM)
        best = next(
            (s for s in mp.playlist_score_ids(item) if mp.playlist_core(item, s).user_id == user),
            None,
        )
        if best is None:
            raise not_found("Multiplayer\\ScoreLink")
        return mp.playlist_score(item, best)

    @router.add("GET", "rooms/{room}/playlist/{playlist}/scores/{score}", "*")
    def playlist_score(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        item = mp.item(ctx.int_path("room", _ITEM), ctx.int_path("playlist", _ITEM))
        score_id = ctx.int_path("score")
        if item is None or score_id not in mp.playlist_score_ids(item):
            raise not_found("Multiplayer\\ScoreLink")
        return mp.playlist_score(item, score_id)

    @router.add("GET", "rooms/{room}/playlist/{playlist}/scores")
    def playlist_scores(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        room_id = ctx.int_path("room", _ITEM)
        item = mp.item(room_id, ctx.int_path("playlist", _ITEM))
        if item is None:
            raise not_found(_ITEM)
        p = ctx.params
        limit = p.limit(50, 1, 50)
        sort = "score_asc" if p.get_str("sort") == "score_asc" else "score_desc"
        ids = mp.playlist_score_ids(item)  # best first: total_score desc, id asc
        cores = [mp.playlist_core(item, sid) for sid in ids]
        keys = [(-c.total_score, c.id) for c in cores]
        if sort == "score_asc":
            cores.reverse()
            keys = [(c.total_score, -c.id) for c in cores]
        cursor = p.cursor()
        probe = None
        if cursor is not None and "total_score" in cursor and "score_id" in cursor:
            total, sid = to_int(cursor["total_score"]) or 0, to_int(cursor["score_id"]) or 0
            probe = (-total, sid) if sort == "score_desc" else (total, -sid)
        start, end, more = after_cursor(keys, probe, limit)
        page = cores[start:end]
        nxt = (
            {"total_score": page[-1].total_score, "score_id": page[-1].id}
            if more and page
            else None
        )
        mine = None
        if ctx.user_id is not None:
            own = next((c for c in cores if c.user_id == ctx.user_id), None)
            mine = mp.playlist_score(item, own.id) if own else None
        return {
            "params": {"limit": limit, "sort": sort},
            "scores": [mp.playlist_score(item, c.id) for c in page],
            "total": len(ids),
            "user_score": mine,
            **cursor_fields(nxt),
        }

    @router.add("GET", "rooms/{room}")
    def room(ctx: Ctx) -> Any:
        mp = ctx.world.multiplayer
        raw = ctx.path["room"]
        room_id = 300 if raw == "latest" else ctx.int_path("room", _ROOM)
        if not mp.room_exists(room_id):
            raise not_found(_ROOM)
        return mp.room(room_id, listing=False, user_id=ctx.user_id)

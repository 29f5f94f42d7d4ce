"""Community routes: events, news, comments, changelog, wiki, search, seasonal backgrounds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..pagination import Params, clamp, cursor_fields, to_bool, to_int
from ..routing import ApiError, Ctx, Router, not_found
from ..world import World
from ..world._rng import iso_micro
from ..world.comments import Comment, sort_key
from ..world.community import TRACK_COUNT, tags
from ._common import after_cursor

EVENTS_PAGE = 50
TRACKS_PAGE = 50
CHANGELOG_PAGE = 21


def _parse_time(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _comment_probe(cursor: dict[str, Any] | None, sort: str) -> tuple[Any, ...] | None:
    if not cursor:
        return None
    stamp = _parse_time(cursor.get("created_at"))
    cid = to_int(cursor.get("id"))
    if stamp is None or cid is None:
        return None
    if sort == "old":
        return (stamp, cid)
    if sort == "top":
        return (-(to_int(cursor.get("votes_count")) or 0), -stamp, -cid)
    return (-stamp, -cid)


def _comment_cursor(c: Comment, sort: str) -> dict[str, Any]:
    out: dict[str, Any] = {"created_at": iso_micro(c.created), "id": c.id}
    return {"votes_count": c.votes, **out} if sort == "top" else out


def _bundle(
    world: World, comments: list[Comment], included: list[Comment], sort: str
) -> dict[str, Any]:
    cm = world.comments
    everything = comments + included
    users = sorted({c.user_id for c in everything})
    metas = sorted({(c.commentable_type, c.commentable_id) for c in everything})
    return {
        "comments": [cm.comment_json(c) for c in comments],
        "included_comments": [cm.comment_json(c) for c in included],
        "pinned_comments": [],
        "user_votes": [],
        "user_follow": False,
        "users": [world.users.compact(u) for u in users],
        "sort": sort,
        "commentable_meta": [cm.meta(kind, target) for kind, target in metas],
    }


def website_tracks(world: World, p: Params) -> dict[str, Any]:
    """`GET /beatmaps/artists/tracks` (a website route, no token): cursor {updated_at, id}."""
    community = world.community
    artist = (p.get_str("artist") or "").lower()
    genre = p.get_str("genre")
    exclusive = bool(to_bool(p.get("exclusive_only"), False))
    rows = []
    for tid in range(1, TRACK_COUNT + 1):
        track = community.track(tid)
        if artist and artist not in track["artist"]["name"].lower():
            continue
        if genre and track["genre"] != genre:
            continue
        if exclusive and not track["exclusive"]:
            continue
        rows.append(track)
    rows.sort(key=lambda t: (-community.track_updated(t["id"]).timestamp(), -t["id"]))
    keys = [(-community.track_updated(t["id"]).timestamp(), -t["id"]) for t in rows]
    cursor = p.cursor()
    probe = None
    if (
        cursor
        and to_int(cursor.get("updated_at")) is not None
        and to_int(cursor.get("id")) is not None
    ):
        probe = (-(to_int(cursor["updated_at"]) or 0) / 1000, -(to_int(cursor["id"]) or 0))
    start, end, more = after_cursor(keys, probe, TRACKS_PAGE)
    page = rows[start:end]
    nxt = None
    if more and page:
        stamp = int(community.track_updated(page[-1]["id"]).timestamp() * 1000)
        nxt = {"updated_at": stamp, "id": page[-1]["id"]}
    return {
        "artist_tracks": page,
        "search": {"exclusive_only": exclusive, "is_default_sort": True, "sort": "update_desc"},
        **cursor_fields(nxt),
    }


def register(router: Router) -> None:
    """Add the community routes."""

    @router.add("GET", "events")
    def events(ctx: Ctx) -> Any:
        act = ctx.world.activity
        ids = act.event_ids()
        asc = ctx.params.get_str("sort") == "id_asc"
        keys = [(i,) if asc else (-i,) for i in (ids if asc else ids[::-1])]
        after = to_int((ctx.params.cursor() or {}).get("event_id"))
        probe = None if after is None else ((after,) if asc else (-after,))
        start, end, more = after_cursor(keys, probe, EVENTS_PAGE)
        chosen = [abs(k[0]) for k in keys[start:end]]
        nxt = {"event_id": chosen[-1]} if more and chosen else None
        return {"events": [act.event(i) for i in chosen], **cursor_fields(nxt)}

    @router.add("GET", "news")
    def news(ctx: Ctx) -> Any:
        com = ctx.world.community
        p = ctx.params
        limit = p.limit(12, 1, 21)
        year = p.get_int("year")
        ids = com.news_ids(year)
        keys = [(-com.news_published(i).timestamp(), -i) for i in ids]
        cursor = p.cursor() or {}
        stamp, nid = _parse_time(cursor.get("published_at")), to_int(cursor.get("id"))
        probe = None if stamp is None or nid is None else (-stamp, -nid)
        start, end, more = after_cursor(keys, probe, limit)
        chosen = ids[start:end]
        nxt = (
            {"published_at": iso_micro(com.news_published(chosen[-1])), "id": chosen[-1]}
            if more and chosen
            else None
        )
        current = year or com.news_years()[0]
        return {
            "news_posts": [com.news_post(i) for i in chosen],
            "news_sidebar": {
                "current_year": current,
                "news_posts": [com.news_post(i, preview=False) for i in com.news_ids(current)],
                "years": com.news_years(),
            },
            "search": {"limit": limit, "sort": "published_desc", "year": year},
            **cursor_fields(nxt),
        }

    @router.add("GET", "news/{news}")
    def news_show(ctx: Ctx) -> Any:
        com = ctx.world.community
        raw = ctx.path["news"]
        if ctx.params.get_str("key") == "id":
            nid = to_int(raw)
            nid = nid if nid is not None and 1 <= nid <= len(com.news_ids()) else None
        else:
            nid = com.news_by_slug(raw)
        if nid is None:
            raise not_found("NewsPost")
        return com.news_post(nid, preview=False, content=True)

    @router.add("GET", "comments")
    def comments(ctx: Ctx) -> Any:
        p = ctx.params
        sort = p.get_str("sort") or "new"
        sort = sort if sort in ("new", "old", "top") else "new"
        limit = p.limit(50, 1, 100)
        parent = p.get_int("parent_id")
        kind, target = p.get_str("commentable_type"), p.get_int("commentable_id")
        cm = ctx.world.comments
        found = cm.find(
            commentable_type=kind,
            commentable_id=target,
            parent_id=parent,
            user_id=p.get_int("user_id"),
            sort=sort,
        )
        keys = [sort_key(c, sort) for c in found]
        # Comments read only `cursor[...]`; a cursor_string is ignored (spec §2.1).
        probe = _comment_probe(p.get_obj("cursor"), sort)
        if probe is None and p.get_int("page"):
            start = (max(1, p.get_int("page") or 1) - 1) * limit
            end, more = min(len(found), start + limit), len(found) > start + limit
        else:
            start, end, more = after_cursor(keys, probe, limit)
        page = found[start:end]
        parents = sorted(
            {c.parent_id for c in page if c.parent_id and c.parent_id not in {x.id for x in page}}
        )
        included = [cm.by_id[i] for i in parents]
        body = _bundle(ctx.world, page, included, sort)
        scope = cm.find(commentable_type=kind, commentable_id=target)
        body.update(
            has_more=more,
            has_more_id=parent,
            cursor=_comment_cursor(page[-1], sort) if more and page else None,
            top_level_count=sum(1 for c in scope if c.parent_id is None),
            total=len(scope),
        )
        return body

    @router.add("GET", "comments/{comment}")
    def comment_show(ctx: Ctx) -> Any:
        cm = ctx.world.comments
        cm.build()
        comment = cm.by_id.get(to_int(ctx.path["comment"]) or -1)
        if comment is None:
            raise not_found("Comment")
        replies = cm.find(parent_id=comment.id, sort="new")
        shown = replies[:50]
        parents = [cm.by_id[comment.parent_id]] if comment.parent_id else []
        body = _bundle(ctx.world, [comment], shown + parents, "new")
        more = len(replies) > len(shown)
        body.update(
            has_more=more,
            has_more_id=comment.id,
            cursor=_comment_cursor(shown[-1], "new") if shown else None,
        )
        return body

    @router.add("GET", "changelog")
    def changelog(ctx: Ctx) -> Any:
        com = ctx.world.community
        p = ctx.params
        stream = p.get_str("stream")
        builds = com.stream_builds(stream) if stream else com.builds()
        max_id = p.get_int("max_id")
        versions = {b.version: b.id for b in builds}
        low = versions.get(p.get_str("from") or "")
        high = versions.get(p.get_str("to") or "")
        chosen = [
            b
            for b in reversed(builds)
            if (max_id is None or b.id <= max_id)
            and (low is None or b.id >= low)
            and (high is None or b.id <= high)
        ][:CHANGELOG_PAGE]
        return {
            "streams": com.streams_json(),
            "builds": [com.build_json(b, entries=True) for b in chosen],
            "search": {
                "stream": stream,
                "from": p.get_str("from"),
                "to": p.get_str("to"),
                "max_id": max_id,
                "limit": CHANGELOG_PAGE,
            },
        }

    def _build_body(ctx: Ctx, build: Any) -> Any:
        com = ctx.world.community
        same = com.stream_builds(build.stream[1])
        pos = same.index(build)
        out = com.build_json(build, entries=True)
        nxt = com.build_json(same[pos + 1], entries=False) if pos + 1 < len(same) else None
        prev = com.build_json(same[pos - 1], entries=False) if pos > 0 else None
        out["versions"] = {"next": nxt, "previous": prev}
        return out

    @router.add("GET", "changelog/{stream}/{build}")
    def changelog_build(ctx: Ctx) -> Any:
        com = ctx.world.community
        build = next(
            (b for b in com.stream_builds(ctx.path["stream"]) if b.version == ctx.path["build"]),
            None,
        )
        if build is None:
            raise not_found("Build")
        return _build_body(ctx, build)

    @router.add("GET", "changelog/{changelog}")
    def changelog_lookup(ctx: Ctx) -> Any:
        com = ctx.world.community
        raw = ctx.path["changelog"]
        builds = com.builds()
        if ctx.params.get_str("key") == "id":
            build = next((b for b in builds if str(b.id) == raw), None)
        else:
            build = next((b for b in reversed(builds) if b.version == raw), None)
            if build is None and com.stream_builds(raw):
                build = com.stream_builds(raw)[-1]
        if build is None:
            raise not_found("Build")
        return _build_body(ctx, build)

    @router.add("GET", "wiki/{locale}/{path*}")
    def wiki(ctx: Ctx) -> Any:
        page = ctx.world.community.wiki_page(ctx.path["locale"], ctx.path["path"])
        if page is None:
            raise ApiError(404, empty=True)  # the real 404 here has no body (spec §1.3)
        return page

    @router.add("GET", "search")
    def search(ctx: Ctx) -> Any:
        world = ctx.world
        p = ctx.params
        mode = p.get_str("mode") or "all"
        query = (p.get_str("query") or "").strip()
        out: dict[str, Any] = {}
        if mode in ("all", "user"):
            q = query.lower()
            matches = [
                u
                for u in world.users.visible_ids()
                if q and q in world.users.core(u).username.lower()
            ]
            if mode == "all":
                chosen = matches[:6]
            else:
                page = clamp(p.get_int("page", 1) or 1, 1, 5)  # 20 per page, 100 results reachable
                chosen = matches[(page - 1) * 20 : page * 20]
            out["user"] = {"data": [world.users.compact(u) for u in chosen], "total": len(matches)}
        if mode in ("all", "wiki_page"):
            paths = world.community.wiki_search(query) if query else []
            page = max(1, p.get_int("page", 1) or 1) if mode == "wiki_page" else 1
            size = 8 if mode == "all" else 50
            chosen_paths = paths[(page - 1) * size : page * size]
            data = [world.community.wiki_page("en", path) for path in chosen_paths]
            out["wiki_page"] = {"data": data, "total": len(paths)}
        return out

    @router.add("GET", "tags")
    def all_tags(ctx: Ctx) -> Any:
        return {"tags": tags()}

    @router.add("GET", "seasonal-backgrounds")
    def seasonal(ctx: Ctx) -> Any:
        return ctx.world.community.seasonal_backgrounds()


__all__ = ["register", "website_tracks"]

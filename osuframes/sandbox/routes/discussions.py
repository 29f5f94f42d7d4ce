"""Beatmapset discussion routes (page+limit or cursor {page, limit}) and beatmapset events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..routing import Ctx, Router
from ._common import page_limit, page_slice


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _sort(ctx: Ctx) -> str:
    return "id_asc" if ctx.params.get_str("sort") == "id_asc" else "id_desc"


def register(router: Router) -> None:
    """Add the discussion routes (before `beatmapsets/{beatmapset}`)."""

    @router.add("GET", "beatmapsets/events")
    def events(ctx: Ctx) -> Any:
        p = ctx.params
        single = p.get_str("type")
        types = [str(t) for t in p.get_list("types")] or ([single] if single else [])
        found = ctx.world.discussions.find_set_events(
            user=p.get_int("user"),
            types=[t for t in types if t],
            beatmapset_id=p.get_int("beatmapset_id"),
            min_date=_date(p.get_str("min_date")),
            max_date=_date(p.get_str("max_date")),
            sort=_sort(ctx),
        )
        _, limit, offset = page_limit(p)
        rows = found[offset : offset + limit]
        disc = ctx.world.discussions
        users = sorted({e.user_id for e in rows})
        return {
            "events": [disc.set_event_json(e) for e in rows],
            "reviewsConfig": {"max_blocks": 100},
            "users": [ctx.world.users.compact(u, "groups") for u in users],
        }

    @router.add("GET", "beatmapsets/discussions/posts")
    def posts(ctx: Ctx) -> Any:
        p = ctx.params
        disc = ctx.world.discussions
        found = disc.find_posts(
            discussion_id=p.get_int("beatmapset_discussion_id"),
            user=p.get_int("user"),
            types=[str(t) for t in p.get_list("types")] or None,
            sort=_sort(ctx),
        )
        rows, cursor = page_slice(found, p)
        discussions = sorted({r.discussion_id for r in rows})
        sets = sorted({disc.by_id[d].beatmapset_id for d in discussions})
        users = sorted({r.user_id for r in rows})
        return {
            "beatmapsets": [ctx.world.beatmaps.set_compact(s) for s in sets],
            "discussions": [disc.discussion_json(disc.by_id[d]) for d in discussions],
            "posts": [disc.post_json(r) for r in rows],
            "users": [ctx.world.users.compact(u) for u in users],
            **cursor,
        }

    @router.add("GET", "beatmapsets/discussions/votes")
    def votes(ctx: Ctx) -> Any:
        p = ctx.params
        disc = ctx.world.discussions
        found = disc.find_votes(
            discussion_id=p.get_int("beatmapset_discussion_id"),
            user=p.get_int("user"),
            receiver=p.get_int("receiver"),
            score=p.get_int("score"),
            sort=_sort(ctx),
        )
        rows, cursor = page_slice(found, p)
        discussions = sorted({r.discussion_id for r in rows})
        users = sorted({r.user_id for r in rows} | {disc.by_id[d].user_id for d in discussions})
        return {
            "discussions": [disc.discussion_json(disc.by_id[d]) for d in discussions],
            "users": [ctx.world.users.compact(u, "groups") for u in users],
            "votes": [disc.vote_json(r) for r in rows],
            **cursor,
        }

    @router.add("GET", "beatmapsets/discussions")
    def discussions(ctx: Ctx) -> Any:
        p = ctx.params
        disc = ctx.world.discussions
        found = disc.find_discussions(
            beatmap_id=p.get_int("beatmap_id"),
            beatmapset_id=p.get_int("beatmapset_id"),
            user=p.get_int("user"),
            message_types=[str(t) for t in p.get_list("message_types")] or None,
            only_unresolved=bool(p.get_bool("only_unresolved", False)),
            beatmapset_status=p.get_str("beatmapset_status"),
            sort=_sort(ctx),
        )
        rows, cursor = page_slice(found, p)
        bm = ctx.world.beatmaps
        sets = sorted({d.beatmapset_id for d in rows})
        beatmaps = sorted({d.beatmap_id for d in rows if d.beatmap_id})
        users = sorted({d.user_id for d in rows})
        body = []
        for d in rows:
            item = disc.discussion_json(d, starting_post=True)
            item["current_user_attributes"] = {
                "vote_score": 0,
                "can_moderate_kudosu": False,
                "can_resolve": False,
                "can_reopen": ctx.user_id is not None,
                "can_destroy": False,
            }
            body.append(item)
        return {
            "beatmaps": [bm.beatmap_extended(b) for b in beatmaps],
            "beatmapsets": [bm.set_extended(s) for s in sets],
            "discussions": body,
            "included_discussions": [],
            "reviews_config": {"max_blocks": 100},
            "users": [ctx.world.users.compact(u, "groups") for u in users],
            **cursor,
        }


__all__ = ["register"]

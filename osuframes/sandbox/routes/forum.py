"""Forum routes: a topic with its posts (cursor {id}) and the four writes."""

from __future__ import annotations

from typing import Any

from ..pagination import cursor_fields, to_int
from ..routing import ApiError, Ctx, Router, not_found, unprocessable
from ..world.forum import FORUMS, Topic
from ._common import after_cursor

_TOPIC = "Forum\\Topic"
_POST = "Forum\\Post"


def _topic(ctx: Ctx) -> Topic:
    topic = ctx.world.forum.topic(to_int(ctx.path["topic"]) or -1)
    if topic is None:
        raise not_found(_TOPIC)
    return topic


def register(router: Router) -> None:
    """Add the forum routes."""

    @router.add("GET", "forums/topics/{topic}")
    def show(ctx: Ctx) -> Any:
        forum = ctx.world.forum
        topic = _topic(ctx)
        p = ctx.params
        limit = p.limit(50, 1, 50)
        sort = p.get_str("sort")
        cursor = p.cursor()
        if cursor is None:
            # start/end only apply without a cursor, and then force the sort (osu-web).
            start, end = p.get_int("start"), p.get_int("end")
            if start is not None:
                cursor, sort = {"id": start - 1}, "id_asc"
            elif end is not None:
                cursor, sort = {"id": end + 1}, "id_desc"
        sort = sort if sort in ("id_asc", "id_desc") else "id_asc"
        ids = list(topic.post_ids) if sort == "id_asc" else topic.post_ids[::-1]
        keys = [(i,) if sort == "id_asc" else (-i,) for i in ids]
        after = to_int((cursor or {}).get("id"))
        probe = None if after is None else ((after,) if sort == "id_asc" else (-after,))
        lo, hi, _ = after_cursor(keys, probe, limit)
        chosen = ids[lo:hi]
        # The cursor is the last post's id whenever posts come back, even on the last page.
        nxt = {"id": chosen[-1]} if chosen else None
        return {
            "posts": [forum.post(i) for i in chosen],
            "search": {"limit": limit, "sort": sort},
            "topic": forum.topic_json(topic),
            **cursor_fields(nxt),
        }

    @router.add("POST", "forums/topics", "forum.write")
    def create(ctx: Ctx) -> Any:
        p = ctx.params
        forum_id, title, body = p.get_int("forum_id"), p.get_str("title"), p.get_str("body")
        if forum_id not in FORUMS:
            raise not_found("Forum\\Forum")
        if not title or not body:
            raise unprocessable("title and body are required")
        assert ctx.user_id is not None
        topic, post = ctx.world.forum.create_topic(forum_id, ctx.user_id, title, body)
        return {"topic": ctx.world.forum.topic_json(topic), "post": post}

    @router.add("POST", "forums/topics/{topic}/reply", "forum.write")
    def reply(ctx: Ctx) -> Any:
        topic = _topic(ctx)
        body = ctx.params.get_str("body")
        if not body:
            raise unprocessable("body is required")
        if topic.locked:
            raise ApiError(403, {"error": "Can't reply to a locked topic."})
        assert ctx.user_id is not None
        return ctx.world.forum.reply(topic, ctx.user_id, body)

    @router.add("PUT", "forums/topics/{topic}", "forum.write")
    @router.add("PATCH", "forums/topics/{topic}", "forum.write")
    def edit_title(ctx: Ctx) -> Any:
        topic = _topic(ctx)
        if topic.user_id != ctx.user_id:
            raise ApiError(403, {"error": "Access denied."})
        fields = ctx.params.get_obj("forum_topic") or {}
        title = fields.get("topic_title")
        if not title:
            raise unprocessable("forum_topic[topic_title] is required")
        with ctx.world.forum.lock:
            topic.title = str(title)
        return ctx.world.forum.topic_json(topic)

    @router.add("PUT", "forums/posts/{post}", "forum.write")
    @router.add("PATCH", "forums/posts/{post}", "forum.write")
    def edit_post(ctx: Ctx) -> Any:
        post = ctx.world.forum.post(to_int(ctx.path["post"]) or -1)
        if post is None:
            raise not_found(_POST)
        if post["user_id"] != ctx.user_id:
            raise ApiError(403, {"error": "Access denied."})
        body = ctx.params.get_str("body")
        if not body:
            raise unprocessable("body is required")
        assert ctx.user_id is not None
        return ctx.world.forum.edit_post(post, ctx.user_id, body)

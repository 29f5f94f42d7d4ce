"""Chat routes for user tokens: ack, channels, messages (since/until), PMs, join/leave."""

from __future__ import annotations

import time
from typing import Any

from ..pagination import int_list, to_bool, to_int
from ..routing import ApiError, Ctx, Response, Router, not_found, unprocessable
from ..world.chat import Channel

_CHANNEL = "Chat\\Channel"


def _channel(ctx: Ctx, *, member: bool) -> Channel:
    ch = ctx.world.chat.channels.get(to_int(ctx.path["channel"]) or -1)
    if ch is None or (member and ctx.user_id not in ch.members):
        raise not_found(_CHANNEL)
    return ch


def _flood(ctx: Ctx) -> None:
    chat = ctx.world.chat
    now = time.monotonic()
    uid = ctx.user_id or 0
    with chat.lock:
        last = chat.last_sent.get(uid)
        if last is not None and now - last < chat.flood_s:
            raise ApiError(
                429,
                {
                    "error": "You are sending messages too quickly, "
                    "please wait a bit before trying again."
                },
            )
        chat.last_sent[uid] = now


def _text(ctx: Ctx) -> str:
    text = ctx.params.get_str("message") or ""
    if not text.strip():
        raise unprocessable("message can not be empty")
    return text


def register(router: Router) -> None:
    """Add the chat routes."""

    @router.add("POST", "chat/ack", "chat.read")
    def ack(ctx: Ctx) -> Any:
        return {"silences": ctx.world.chat.silences()}

    @router.add("GET", "chat/channels/{channel}/messages", "chat.read")
    def messages(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=True)
        p = ctx.params
        limit = p.limit(50, 1, 50)
        since, until = p.get_int("since"), p.get_int("until")
        rows = [
            m
            for m in ch.messages
            if (since is None or m["message_id"] > since)
            and (until is None or m["message_id"] < until)
        ]
        rows = rows[:limit] if since is not None else rows[-limit:]
        rows = ctx.world.chat.visible(rows, ch, ctx.user_id)  # after the limit, as osu-web
        body = [ctx.world.chat.with_sender(m) for m in rows]
        if to_bool(p.get("return_object"), False):
            users = sorted({m["sender_id"] for m in rows})
            return {"messages": body, "users": [ctx.world.users.compact(u) for u in users]}
        return body

    @router.add("POST", "chat/channels/{channel}/messages", "chat.write")
    def send(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=True)
        text = _text(ctx)
        _flood(ctx)
        assert ctx.user_id is not None
        return ctx.world.chat.post(
            ch, ctx.user_id, text, bool(to_bool(ctx.params.get("is_action"), False))
        )

    @router.add("POST", "chat/new", "chat.write")
    def new_pm(ctx: Ctx) -> Any:
        target = ctx.params.get_int("target_id")
        if target is None or not ctx.world.user_exists(target) or target == ctx.user_id:
            raise unprocessable("target user not found")
        text = _text(ctx)
        _flood(ctx)
        assert ctx.user_id is not None
        chat = ctx.world.chat
        ch = chat.pm_channel(target)
        message = chat.post(
            ch, ctx.user_id, text, bool(to_bool(ctx.params.get("is_action"), False))
        )
        channel = chat.channel_json(ch, user_id=ctx.user_id, full=False)
        channel["last_message_id"] = message["message_id"]
        channel["users"] = sorted(ch.members)
        return {"channel": channel, "message": message, "new_channel_id": ch.id}

    @router.add("PUT", "chat/channels/{channel}/users/{user}", "chat.write_manage")
    def join(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=False)
        if to_int(ctx.path["user"]) != ctx.user_id:
            raise ApiError(403, {"error": "Access denied."})
        if ch.type != "PUBLIC":
            raise ApiError(403, {"error": "Access denied."})
        with ctx.world.chat.lock:
            ch.members.add(ctx.user_id)  # type: ignore[arg-type]
        return ctx.world.chat.channel_json(ch, user_id=ctx.user_id, full=True)

    @router.add("DELETE", "chat/channels/{channel}/users/{user}", "chat.write_manage")
    def part(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=False)
        if to_int(ctx.path["user"]) != ctx.user_id:
            raise ApiError(403, {"error": "Access denied."})
        with ctx.world.chat.lock:
            ch.members.discard(ctx.user_id or 0)
        return Response(204)

    @router.add("PUT", "chat/channels/{channel}/mark-as-read/{message}", "chat.read")
    def mark_read(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=True)
        with ctx.world.chat.lock:
            ch.last_read[ctx.user_id or 0] = to_int(ctx.path["message"]) or 0
        return Response(204)

    @router.add("GET", "chat/channels", "chat.read")
    def channels(ctx: Ctx) -> Any:
        chat = ctx.world.chat
        return [
            chat.channel_json(ch, user_id=ctx.user_id, full=False)
            for ch in chat.channels.values()
            if ch.type == "PUBLIC"
        ]

    @router.add("POST", "chat/channels", "chat.write_manage")
    def create(ctx: Ctx) -> Any:
        chat = ctx.world.chat
        kind = ctx.params.get_str("type")
        if kind == "PM":
            target = ctx.params.get_int("target_id")
            if target is None or not ctx.world.user_exists(target):
                raise unprocessable("target user not found")
            ch = chat.pm_channel(target)
        elif kind == "ANNOUNCE":
            spec = ctx.params.get_obj("channel") or {}
            targets = [
                u for u in int_list(ctx.params.get_list("target_ids")) if ctx.world.user_exists(u)
            ]
            if not spec.get("name") or not targets:
                raise unprocessable("channel name and target_ids are required")
            ch = chat.announce_channel(str(spec["name"]), str(spec.get("description", "")), targets)
        else:
            raise unprocessable("type must be PM or ANNOUNCE")
        text = ctx.params.get_str("message")
        if text:
            assert ctx.user_id is not None
            chat.post(ch, ctx.user_id, text, False)
        out = chat.channel_json(ch, user_id=ctx.user_id, full=False)
        out["recent_messages"] = [chat.with_sender(m) for m in ch.messages[-50:]]
        return out

    @router.add("GET", "chat/channels/{channel}", "chat.read")
    def show(ctx: Ctx) -> Any:
        ch = _channel(ctx, member=False)
        users = sorted(ch.members) if ch.type != "PUBLIC" else []
        return {
            "channel": ctx.world.chat.channel_json(ch, user_id=ctx.user_id, full=True),
            "users": [ctx.world.users.compact(u) for u in users],
        }

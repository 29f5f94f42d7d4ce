"""Chat: channels, messages, private messages (user logins only).

Every chat route needs a user's token (a login, or a bot's delegated token) with the
`chat.read`, `chat.write` or `chat.write_manage` scope; the osu! API grants those only to
bots and to the owner of the OAuth application (osu-api-v2-spec.md §1.2).

Sending is flood-limited per user, one message a second by default: faster sends get
429 `You are sending messages too quickly` (spec §3.4), which the pipeline retries
with backoff like any 429.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._paging import SinceUntil
from osuframes.models import (
    ChatChannel,
    ChatChannelResponse,
    ChatMessage,
    ChatPrivateMessageResponse,
    ChatUpdatesResponse,
    UserSilence,
)

__all__ = ["ChatEndpoints"]

CHAT_READ = frozenset({"chat.read"})
CHAT_WRITE = frozenset({"chat.write"})
CHAT_WRITE_MANAGE = frozenset({"chat.write_manage"})
CHAT_INCLUDES = ("messages", "presence", "silences")

_MAX_ID = 2**63 - 1


def _chat(
    method: str,
    path: str,
    scopes: frozenset[str],
    *,
    params: dict[str, Any] | None = None,
    body: Any = None,
    **options: Any,
) -> Call:
    """A chat call: needs a login with `scopes`; never cached (answers are per user)."""
    return Call(
        method,
        path,
        params or {},
        json=body,
        scopes=scopes,
        needs_user=True,
        **options,
    )


def _message_id(value: Any, argument: str) -> int | None:
    return None if value is None else args.in_range(value, argument, 0, _MAX_ID)


def _flag(value: Any, argument: str) -> bool:
    if not isinstance(value, bool):
        raise args.ArgumentError(argument, value, "give True or False")
    return value


class ChatEndpoints:
    """Endpoints about chat. Mixed into `Client`; every one needs a user's login."""

    @endpoint(list[UserSilence], items="silences", item=UserSilence)
    def get_chat_ack(
        self, *, since: int | None = None, silence_id_since: int | None = None
    ) -> Call:
        """Mark the user online and list silences since then (`POST chat/ack`).

        Needs `chat.read`. Returns at most 100 silences.

        Args:
            since: the last message id seen.
            silence_id_since: the last silence id seen (sent as `history_since`).
        """
        body = {
            "since": _message_id(since, "since"),
            "history_since": _message_id(silence_id_since, "silence_id_since"),
        }
        body = {key: value for key, value in body.items() if value is not None}
        return _chat("POST", "/api/v2/chat/ack", CHAT_READ, body=body or None, extract="silences")

    @endpoint(ChatUpdatesResponse)
    def get_chat_updates(
        self,
        since: int,
        *,
        limit: int = 50,
        channel_id: int | None = None,
        includes: Sequence[str] | None = None,
        silence_id_since: int | None = None,
    ) -> Call:
        """New messages, channel presence and silences since a message (`GET chat/updates`).

        Declared as needing `chat.read`, but the osu! server only serves this route to
        osu!lazer's own tokens (scope `*`), so other tokens get 403 from the server.
        Nothing new comes back as an empty `ChatUpdatesResponse`.

        Args:
            since: the last message id seen.
            limit: messages to return, 1..50.
            channel_id: only messages of this channel.
            includes: any of `messages`, `presence`, `silences` (default: all).
            silence_id_since: the last silence id seen (sent as `history_since`).
        """
        if includes is None:
            chosen = None
        else:
            if isinstance(includes, str) or not includes:
                raise args.ArgumentError(
                    "includes", includes, "give a list of 'messages', 'presence', 'silences'"
                )
            chosen = [args.choice(item, "includes", CHAT_INCLUDES) for item in includes]
        params = {
            "since": args.in_range(since, "since", 0, _MAX_ID),
            "limit": args.in_range(limit, "limit", 1, 50),
            "channel_id": None
            if channel_id is None
            else args.positive_id(channel_id, "channel_id"),
            "includes": chosen,
            "history_since": _message_id(silence_id_since, "silence_id_since"),
        }
        return _chat("GET", "/api/v2/chat/updates", CHAT_READ, params=params)

    @endpoint(ChatChannelResponse)
    def get_channel(self, channel_id: int) -> Call:
        """A channel and its users (`GET chat/channels/{channel}`); needs `chat.read`."""
        channel = args.positive_id(channel_id, "channel_id")
        return _chat("GET", f"/api/v2/chat/channels/{channel}", CHAT_READ)

    @endpoint(list[ChatChannel])
    def get_channels(self) -> Call:
        """Every public channel one can join (`GET chat/channels`); needs `chat.read`."""
        return _chat("GET", "/api/v2/chat/channels", CHAT_READ)

    @endpoint(list[ChatMessage], paging=SinceUntil(page_size=50))
    def get_channel_messages(
        self,
        channel_id: int,
        *,
        limit: int = 50,
        since: int | None = None,
        until: int | None = None,
    ) -> Call:
        """Messages of a channel the user is in, oldest first (`GET chat/channels/{c}/messages`).

        Needs `chat.read`; a channel the user has not joined raises `NotFound`. The server
        hides public-channel messages older than 24 hours and other users' `!commands`
        after counting `limit`, so a page may be short or empty while older messages
        exist; the paginator walks backwards from `until` and stops at `since`.

        Args:
            channel_id: the channel.
            limit: messages to return, 1..50.
            since: only messages after this message id.
            until: only messages before this message id.
        """
        params = {
            "limit": args.in_range(limit, "limit", 1, 50),
            "since": _message_id(since, "since"),
            "until": _message_id(until, "until"),
        }
        channel = args.positive_id(channel_id, "channel_id")
        return _chat("GET", f"/api/v2/chat/channels/{channel}/messages", CHAT_READ, params=params)

    @endpoint(ChatChannel)
    def create_chat_channel(
        self,
        type: str,
        *,
        target_id: int | None = None,
        target_ids: Sequence[int] | None = None,
        message: str | None = None,
        channel_name: str | None = None,
        channel_description: str | None = None,
    ) -> Call:
        """Open a PM channel or create an announcement channel (`POST chat/channels`).

        Needs `chat.write_manage`.

        Args:
            type: `PM` (needs `target_id`) or `ANNOUNCE` (needs `target_ids`, `message`,
                `channel_name` and `channel_description`).
            target_id: the user to open a PM channel with.
            target_ids: the users to announce to.
            message: the first message (required for `ANNOUNCE`).
            channel_name: the announcement channel's name.
            channel_description: the announcement channel's description.
        """
        kind = args.choice(type, "type", ("PM", "ANNOUNCE"))
        body: dict[str, Any] = {"type": kind}
        if message is not None:
            body["message"] = args.text(message, "message")
        if kind == "PM":
            for name, value in (
                ("target_ids", target_ids),
                ("channel_name", channel_name),
                ("channel_description", channel_description),
            ):
                if value is not None:
                    raise args.ArgumentError(name, value, "only for type='ANNOUNCE'")
            if target_id is None:
                raise args.ArgumentError("target_id", target_id, "a PM channel needs target_id")
            body["target_id"] = args.positive_id(target_id, "target_id")
        else:
            if target_id is not None:
                raise args.ArgumentError(
                    "target_id", target_id, "only for type='PM'; use target_ids"
                )
            if target_ids is None:
                raise args.ArgumentError(
                    "target_ids", target_ids, "an announcement needs target_ids"
                )
            if message is None:
                raise args.ArgumentError("message", message, "an announcement needs a message")
            body["target_ids"] = args.id_list(target_ids, "target_ids")
            body["channel"] = {
                "name": args.text(channel_name, "channel_name"),
                "description": args.text(channel_description, "channel_description"),
            }
        return _chat("POST", "/api/v2/chat/channels", CHAT_WRITE_MANAGE, body=body)

    @endpoint(ChatChannel)
    def join_channel(self, channel_id: int, user_id: int) -> Call:
        """Join a public channel (`PUT chat/channels/{channel}/users/{user}`).

        Needs `chat.write_manage`; `user_id` must be the logged-in user's id.
        """
        channel = args.positive_id(channel_id, "channel_id")
        user = args.positive_id(user_id, "user_id")
        return _chat("PUT", f"/api/v2/chat/channels/{channel}/users/{user}", CHAT_WRITE_MANAGE)

    @endpoint(None)
    def leave_channel(self, channel_id: int, user_id: int) -> Call:
        """Leave a channel (`DELETE chat/channels/{channel}/users/{user}`); returns None.

        Needs `chat.write_manage`; `user_id` must be the logged-in user's id.
        """
        channel = args.positive_id(channel_id, "channel_id")
        user = args.positive_id(user_id, "user_id")
        return _chat(
            "DELETE",
            f"/api/v2/chat/channels/{channel}/users/{user}",
            CHAT_WRITE_MANAGE,
            expect="empty",
        )

    @endpoint(None)
    def mark_read(self, channel_id: int, message_id: int) -> Call:
        """Mark a channel read up to a message (`PUT chat/channels/{c}/mark-as-read/{m}`).

        Needs `chat.read`; returns None. The read marker never moves backwards.
        """
        channel = args.positive_id(channel_id, "channel_id")
        message = args.positive_id(message_id, "message_id")
        return _chat(
            "PUT",
            f"/api/v2/chat/channels/{channel}/mark-as-read/{message}",
            CHAT_READ,
            expect="empty",
        )

    @endpoint(ChatMessage)
    def send_message(self, channel_id: int, message: str, is_action: bool = False) -> Call:
        """Send a message to a channel (`POST chat/channels/{channel}/messages`).

        Needs `chat.write`. `is_action` sends it as `/me` does. Flood-limited to about
        one message a second per user.
        """
        channel = args.positive_id(channel_id, "channel_id")
        body = {
            "message": args.text(message, "message"),
            "is_action": _flag(is_action, "is_action"),
        }
        return _chat("POST", f"/api/v2/chat/channels/{channel}/messages", CHAT_WRITE, body=body)

    @endpoint(ChatPrivateMessageResponse)
    def send_private_message(
        self, user_id: int, message: str, is_action: bool = False, *, uuid: str | None = None
    ) -> Call:
        """Send a private message, opening the PM channel if needed (`POST chat/new`).

        Needs `chat.write`. Returns the channel and the message; `uuid` (any string you
        choose) is echoed back on the message. Flood-limited like `send_message`.
        """
        body: dict[str, Any] = {
            "target_id": args.positive_id(user_id, "user_id"),
            "message": args.text(message, "message"),
            "is_action": _flag(is_action, "is_action"),
        }
        if uuid is not None:
            body["uuid"] = args.text(uuid, "uuid")
        return _chat("POST", "/api/v2/chat/new", CHAT_WRITE, body=body)

"""Chat: channels, messages, silences and the responses of the chat endpoints."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .base import OsuModel
from .common import UTCDateTime
from .user import User

__all__ = [
    "ChatAck",
    "ChatChannel",
    "ChatChannelAttributes",
    "ChatChannelResponse",
    "ChatMessage",
    "ChatPrivateMessageResponse",
    "ChatUpdatesResponse",
    "UserSilence",
]


class ChatMessage(OsuModel):
    """A chat message; ``type`` is ``plain`` or ``action``, ``uuid`` echoes the sender's."""

    message_id: int
    channel_id: int | None = None
    sender_id: int | None = None
    content: str | None = None
    is_action: bool | None = None
    timestamp: UTCDateTime | None = None
    type: str | None = None
    uuid: str | None = None
    sender: User | None = None


class ChatChannelAttributes(OsuModel):
    """What the token's owner may do in a channel and how far they have read."""

    can_list_users: bool | None = None
    can_message: bool | None = None
    can_message_error: str | None = None
    last_read_id: int | None = None


class ChatChannel(OsuModel):
    """A chat channel; ``type`` is ``PUBLIC``, ``PM``, ``MULTIPLAYER``, ``TEAM`` …

    ``users`` holds user ids (only for PM channels and joined channels).
    """

    channel_id: int
    name: str | None = None
    description: str | None = None
    icon: str | None = None
    type: str | None = None
    moderated: bool | None = None
    message_length_limit: int | None = None
    uuid: str | None = None
    last_message_id: int | None = None
    last_read_id: int | None = None
    current_user_attributes: ChatChannelAttributes | None = None
    recent_messages: list[ChatMessage] | None = None
    users: list[int] | None = None


class ChatChannelResponse(OsuModel):
    """``GET chat/channels/{channel}``: the channel and the users in it."""

    channel: ChatChannel
    users: list[User] | None = None


class ChatPrivateMessageResponse(OsuModel):
    """``POST chat/new``: the (possibly new) PM channel and the message sent."""

    channel: ChatChannel
    message: ChatMessage
    new_channel_id: int | None = None


class UserSilence(OsuModel):
    """A silence: messages of ``user_id`` should be hidden from this id on."""

    id: int
    user_id: int


class ChatAck(OsuModel):
    """``POST chat/ack``: silences since the last ack."""

    silences: list[UserSilence]


class ChatUpdatesResponse(OsuModel):
    """``GET chat/updates``: new messages, channel presence and silences.

    The server answers 204 with no body when nothing is new; that reads as an empty
    response. A list the request left out of ``includes`` is empty too.
    """

    messages: list[ChatMessage] = Field(default_factory=list)
    presence: list[ChatChannel] = Field(default_factory=list)
    silences: list[UserSilence] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _nothing_new(cls, data: Any) -> Any:
        return {} if data is None else data

"""Events: a user's recent activity and the site-wide events feed (``GET events``)."""

from __future__ import annotations

from typing import ClassVar

from .base import OsuModel
from .common import CursorPage, Gamemode, ScoreRank, UTCDateTime

__all__ = [
    "Achievement",
    "Event",
    "EventBeatmap",
    "EventBeatmapset",
    "EventUser",
    "EventsResponse",
]


class Achievement(OsuModel):
    """A medal; ``achieved_percent`` is the share of players holding it (0-1)."""

    id: int
    name: str | None = None
    slug: str | None = None
    description: str | None = None
    instructions: str | None = None
    grouping: str | None = None
    ordering: int | None = None
    icon_url: str | None = None
    mode: Gamemode | None = None
    achieved_count: int | None = None
    achieved_percent: float | None = None


class EventBeatmap(OsuModel):
    """The beatmap an event is about, as a display title and a site-relative URL."""

    title: str | None = None
    url: str | None = None


class EventBeatmapset(OsuModel):
    """The beatmapset an event is about, as a display title and a site-relative URL."""

    title: str | None = None
    url: str | None = None


class EventUser(OsuModel):
    """The user an event is about; ``previousUsername`` only on ``usernameChange``."""

    username: str | None = None
    url: str | None = None
    previousUsername: str | None = None


class Event(OsuModel):
    """One event; ``type`` says which of the optional fields are set.

    Types: ``achievement``, ``beatmapPlaycount``, ``beatmapsetApprove``,
    ``beatmapsetDelete``, ``beatmapsetRevive``, ``beatmapsetUpdate``,
    ``beatmapsetUpload``, ``rank``, ``rankLost``, ``userSupportAgain``,
    ``userSupportFirst``, ``userSupportGift``, ``usernameChange``. The API's camelCase
    keys (``scoreRank``, ``previousUsername``) are kept as sent; ``createdAt``, a
    duplicate of ``created_at``, is dropped.
    """

    osu_ignored_keys: ClassVar[frozenset[str]] = frozenset({"createdAt"})

    id: int
    type: str
    created_at: UTCDateTime | None = None
    achievement: Achievement | None = None
    beatmap: EventBeatmap | None = None
    beatmapset: EventBeatmapset | None = None
    user: EventUser | None = None
    mode: Gamemode | None = None
    rank: int | None = None
    scoreRank: ScoreRank | None = None
    count: int | None = None
    approval: str | None = None


class EventsResponse(CursorPage):
    """``GET events``: newest first; the cursor is ``{event_id}``."""

    events: list[Event]

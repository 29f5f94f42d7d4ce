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
    """The medal's id."""
    name: str | None = None
    """The medal's name."""
    slug: str | None = None
    """The medal's short name."""
    description: str | None = None
    """What the medal is for."""
    instructions: str | None = None
    """How to get it, if told."""
    grouping: str | None = None
    """The medal's group (`Skill`, `Hush-Hush`, …)."""
    ordering: int | None = None
    """Its place in the group."""
    icon_url: str | None = None
    """The medal's image."""
    mode: Gamemode | None = None
    """The ruleset it is for; null for every ruleset."""
    achieved_count: int | None = None
    """How many users have it."""
    achieved_percent: float | None = None
    """The share of users who have it, in percent."""


class EventBeatmap(OsuModel):
    """The beatmap an event is about, as a display title and a site-relative URL."""

    title: str | None = None
    """The beatmap's name."""
    url: str | None = None
    """The beatmap's page."""


class EventBeatmapset(OsuModel):
    """The beatmapset an event is about, as a display title and a site-relative URL."""

    title: str | None = None
    """The beatmapset's name."""
    url: str | None = None
    """The beatmapset's page."""


class EventUser(OsuModel):
    """The user an event is about; ``previousUsername`` only on ``usernameChange``."""

    username: str | None = None
    """The user's name."""
    url: str | None = None
    """The user's page."""
    previousUsername: str | None = None
    """The user's name before (username changes)."""


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
    """The event's id."""
    type: str
    """What happened (`rank`, `achievement`, `beatmapsetApprove`, …)."""
    created_at: UTCDateTime | None = None
    """When it happened (UTC)."""
    achievement: Achievement | None = None
    """The medal unlocked (achievement events)."""
    beatmap: EventBeatmap | None = None
    """The beatmap (rank and playcount events)."""
    beatmapset: EventBeatmapset | None = None
    """The beatmapset (beatmapset events)."""
    user: EventUser | None = None
    """The user it is about."""
    mode: Gamemode | None = None
    """The ruleset (rank events)."""
    rank: int | None = None
    """The rank reached on the beatmap (rank events)."""
    scoreRank: ScoreRank | None = None
    """The grade of the score (rank events)."""
    count: int | None = None
    """The play count reached (playcount events)."""
    approval: str | None = None
    """The new status (`ranked`, `qualified`, `loved`, …)."""


class EventsResponse(CursorPage):
    """``GET events``: newest first; the cursor is ``{event_id}``."""

    events: list[Event]

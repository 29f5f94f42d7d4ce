"""Small models with no better home: seasonal backgrounds, kudosu history, set ratings."""

from __future__ import annotations

from typing import Any

from .base import OsuModel
from .common import UTCDateTime
from .user import User

__all__ = [
    "BeatmapsetRatings",
    "KudosuGiver",
    "KudosuHistory",
    "KudosuPost",
    "SeasonalBackground",
    "SeasonalBackgrounds",
]


class SeasonalBackground(OsuModel):
    """A seasonal menu background and the artist who made it."""

    url: str
    user: User | None = None


class SeasonalBackgrounds(OsuModel):
    """``GET seasonal-backgrounds``: this season's backgrounds and when it ends."""

    backgrounds: list[SeasonalBackground]
    ends_at: UTCDateTime | None = None


class KudosuGiver(OsuModel):
    """Who gave (or took away) kudosu."""

    username: str | None = None
    """The giver's name."""
    url: str | None = None
    """The giver's page."""


class KudosuPost(OsuModel):
    """The post kudosu was given for; ``url`` is ``None`` when the post is gone."""

    title: str | None = None
    """The discussion's title."""
    url: str | None = None
    """The discussion's page."""


class KudosuHistory(OsuModel):
    """One kudosu change of a user (``GET users/{user}/kudosu``).

    ``action`` is e.g. ``give``, ``vote.give``, ``reset``; ``model`` is the kind of
    post (``beatmap_discussion``, ``forum_post``); ``details`` varies by action.
    """

    id: int
    """The entry's id."""
    action: str | None = None
    """What happened (`vote.give`, `vote.reset`, `deny.give`, …)."""
    amount: int | None = None
    """The kudosu given or taken."""
    model: str | None = None
    """What it was for (`beatmap_discussion`, `forum_post`)."""
    created_at: UTCDateTime | None = None
    """When it happened (UTC)."""
    giver: KudosuGiver | None = None
    """Who gave it; null for kudosu from votes."""
    post: KudosuPost | None = None
    """The discussion or post it was for."""
    details: dict[str, Any] | None = None


class BeatmapsetRatings(OsuModel):
    """``GET beatmapsets/{beatmapset}/ratings``: a set's rating and the login's own.

    ``disallow_rating_reason`` is why this user may not rate the set (it has no
    leaderboard, or they mapped part of it), ``None`` when they may.
    """

    disallow_rating_reason: str | None = None
    total_rating: float
    """The average of every user's rating, 1 to 10 (0 when nobody rated)."""
    user_rating: int | None = None
    """This user's own rating, 1 to 10; ``None`` when they have not rated the set."""

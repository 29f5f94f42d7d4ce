"""Beatmapset discussions (modding), their posts and votes, and beatmapset events."""

from __future__ import annotations

from .base import OsuModel
from .beatmap import Beatmap, Beatmapset
from .common import CursorPage, UTCDateTime
from .user import User

__all__ = [
    "BeatmapsetDiscussion",
    "BeatmapsetDiscussionAttributes",
    "BeatmapsetDiscussionPost",
    "BeatmapsetDiscussionPostsResponse",
    "BeatmapsetDiscussionVote",
    "BeatmapsetDiscussionVotesResponse",
    "BeatmapsetDiscussionsResponse",
    "BeatmapsetEvent",
    "BeatmapsetEventComment",
    "BeatmapsetEventUser",
    "BeatmapsetEventVote",
    "BeatmapsetEventsResponse",
    "ReviewsConfig",
]


class BeatmapsetDiscussionPost(OsuModel):
    """A post in a beatmapset discussion thread; ``system`` posts are status changes."""

    id: int
    beatmapset_discussion_id: int | None = None
    user_id: int | None = None
    message: str | None = None
    system: bool | None = None
    last_editor_id: int | None = None
    deleted_by_id: int | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None
    deleted_at: UTCDateTime | None = None


class BeatmapsetDiscussionAttributes(OsuModel):
    """What the token's owner may do with a discussion, and their vote on it."""

    can_destroy: bool | None = None
    can_moderate_kudosu: bool | None = None
    can_reopen: bool | None = None
    can_resolve: bool | None = None
    vote_score: int | None = None


class BeatmapsetDiscussionVote(OsuModel):
    """An up (1) or down (-1) vote on a discussion."""

    id: int
    beatmapset_discussion_id: int | None = None
    user_id: int | None = None
    score: int | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None


class BeatmapsetDiscussion(OsuModel):
    """A modding discussion thread; ``timestamp`` is the map position in milliseconds.

    ``message_type`` is one of ``hype``, ``mapper_note``, ``praise``, ``problem``,
    ``review``, ``suggestion`` (kept as a string: the API adds types).
    """

    id: int
    beatmapset_id: int | None = None
    beatmap_id: int | None = None
    user_id: int | None = None
    deleted_by_id: int | None = None
    message_type: str | None = None
    parent_id: int | None = None
    timestamp: int | None = None
    resolved: bool | None = None
    can_be_resolved: bool | None = None
    can_grant_kudosu: bool | None = None
    kudosu_denied: bool | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None
    deleted_at: UTCDateTime | None = None
    last_post_at: UTCDateTime | None = None
    current_user_attributes: BeatmapsetDiscussionAttributes | None = None
    starting_post: BeatmapsetDiscussionPost | None = None
    posts: list[BeatmapsetDiscussionPost] | None = None
    votes: list[BeatmapsetDiscussionVote] | None = None
    beatmap: Beatmap | None = None
    beatmapset: Beatmapset | None = None


class ReviewsConfig(OsuModel):
    """Limits of review posts (how many blocks one review may hold)."""

    max_blocks: int | None = None


class BeatmapsetDiscussionsResponse(CursorPage):
    """``GET beatmapsets/discussions``: discussions plus the beatmaps, sets and users
    they reference; the cursor is ``{page, limit}``."""

    discussions: list[BeatmapsetDiscussion]
    included_discussions: list[BeatmapsetDiscussion] | None = None
    beatmaps: list[Beatmap] | None = None
    beatmapsets: list[Beatmapset] | None = None
    users: list[User] | None = None
    reviews_config: ReviewsConfig | None = None


class BeatmapsetDiscussionPostsResponse(CursorPage):
    """``GET beatmapsets/discussions/posts``: posts with their discussions and users."""

    posts: list[BeatmapsetDiscussionPost]
    discussions: list[BeatmapsetDiscussion] | None = None
    beatmapsets: list[Beatmapset] | None = None
    users: list[User] | None = None


class BeatmapsetDiscussionVotesResponse(CursorPage):
    """``GET beatmapsets/discussions/votes``: votes with their discussions and users."""

    votes: list[BeatmapsetDiscussionVote]
    discussions: list[BeatmapsetDiscussion] | None = None
    users: list[User] | None = None


class BeatmapsetEventVote(OsuModel):
    """A vote listed in a ``kudosu_gain`` / ``kudosu_lost`` event."""

    user_id: int | None = None
    score: int | None = None


class BeatmapsetEventUser(OsuModel):
    """A user named in a ``beatmap_owner_change`` event."""

    id: int
    username: str | None = None


class BeatmapsetEventComment(OsuModel):
    """The details of a beatmapset event; which keys appear depends on its ``type``.

    ``old`` / ``new`` hold the previous and new value of ``*_edit`` and ``*_toggle``
    events (a genre name, a language, a bool).
    """

    beatmap_discussion_id: int | None = None
    beatmap_discussion_post_id: int | None = None
    beatmap_id: int | None = None
    beatmap_version: str | None = None
    new_user_id: int | None = None
    new_user_username: str | None = None
    new_users: list[BeatmapsetEventUser] | None = None
    new_vote: BeatmapsetEventVote | None = None
    votes: list[BeatmapsetEventVote] | None = None
    old: bool | str | None = None
    new: bool | str | None = None
    reason: str | None = None


class BeatmapsetEvent(OsuModel):
    """A change to a beatmapset (nomination, qualification, kudosu, edits …)."""

    id: int
    type: str
    created_at: UTCDateTime | None = None
    user_id: int | None = None
    beatmapset: Beatmapset | None = None
    discussion: BeatmapsetDiscussion | None = None
    comment: BeatmapsetEventComment | None = None


class BeatmapsetEventsResponse(OsuModel):
    """``GET beatmapsets/events``: page/limit paging (osu-api-v2-spec.md §2.2).

    The API spells this response's config key ``reviewsConfig``; it is kept as sent.
    """

    events: list[BeatmapsetEvent]
    users: list[User] | None = None
    reviewsConfig: ReviewsConfig | None = None

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
    """The post's id."""
    beatmapset_discussion_id: int | None = None
    """The discussion it belongs to."""
    user_id: int | None = None
    """The author's user id."""
    message: str | None = None
    """The post's text."""
    system: bool | None = None
    """Whether the site wrote it (a resolve or reopen note)."""
    last_editor_id: int | None = None
    """Who last edited it, if anyone."""
    deleted_by_id: int | None = None
    """Who deleted it, if it was."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""
    deleted_at: UTCDateTime | None = None
    """When it was deleted (UTC); null unless it was."""


class BeatmapsetDiscussionAttributes(OsuModel):
    """What the token's owner may do with a discussion, and their vote on it."""

    can_destroy: bool | None = None
    """Whether the token's owner may delete it."""
    can_moderate_kudosu: bool | None = None
    """Whether the token's owner may allow or deny its kudosu."""
    can_reopen: bool | None = None
    """Whether the token's owner may reopen it."""
    can_resolve: bool | None = None
    """Whether the token's owner may resolve it."""
    vote_score: int | None = None
    """The token's owner's vote on it (-1, 0, 1)."""


class BeatmapsetDiscussionVote(OsuModel):
    """An up (1) or down (-1) vote on a discussion."""

    id: int
    """The vote's id."""
    beatmapset_discussion_id: int | None = None
    """The discussion voted on."""
    user_id: int | None = None
    """The voter's user id."""
    score: int | None = None
    """The vote: 1 up, -1 down."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""


class BeatmapsetDiscussion(OsuModel):
    """A modding discussion thread; ``timestamp`` is the map position in milliseconds.

    ``message_type`` is one of ``hype``, ``mapper_note``, ``praise``, ``problem``,
    ``review``, ``suggestion`` (kept as a string: the API adds types).
    """

    id: int
    """The discussion's id."""
    beatmapset_id: int | None = None
    """The beatmapset discussed."""
    beatmap_id: int | None = None
    """The difficulty discussed; null for the whole beatmapset."""
    user_id: int | None = None
    """Who started it."""
    deleted_by_id: int | None = None
    """Who deleted it, if it was."""
    message_type: str | None = None
    """Its kind (`problem`, `suggestion`, `praise`, `hype`, …)."""
    parent_id: int | None = None
    """The discussion it replies to (a review's parts), if any."""
    timestamp: int | None = None
    """The time in the map it is about, in milliseconds, if any."""
    resolved: bool | None = None
    """Whether it is resolved."""
    can_be_resolved: bool | None = None
    """Whether its kind can be resolved."""
    can_grant_kudosu: bool | None = None
    """Whether it can earn its author kudosu."""
    kudosu_denied: bool | None = None
    """Whether a moderator denied its kudosu."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""
    deleted_at: UTCDateTime | None = None
    """When it was deleted (UTC); null unless it was."""
    last_post_at: UTCDateTime | None = None
    """When the last post was added (UTC)."""
    current_user_attributes: BeatmapsetDiscussionAttributes | None = None
    """What the token's owner may do with it."""
    starting_post: BeatmapsetDiscussionPost | None = None
    """The post that started it."""
    posts: list[BeatmapsetDiscussionPost] | None = None
    """Its posts."""
    votes: list[BeatmapsetDiscussionVote] | None = None
    """Its votes."""
    beatmap: Beatmap | None = None
    """The difficulty discussed."""
    beatmapset: Beatmapset | None = None
    """The beatmapset discussed."""


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
    """The voter's user id."""
    score: int | None = None
    """The vote: 1 or -1."""


class BeatmapsetEventUser(OsuModel):
    """A user named in a ``beatmap_owner_change`` event."""

    id: int
    """The user's id."""
    username: str | None = None
    """The user's name."""


class BeatmapsetEventComment(OsuModel):
    """The details of a beatmapset event; which keys appear depends on its ``type``.

    ``old`` / ``new`` hold the previous and new value of ``*_edit`` and ``*_toggle``
    events (a genre name, a language, a bool).
    """

    beatmap_discussion_id: int | None = None
    """The discussion the event came from, if any."""
    beatmap_discussion_post_id: int | None = None
    """The post the event came from, if any."""
    beatmap_id: int | None = None
    """The difficulty whose owner changed (owner changes)."""
    beatmap_version: str | None = None
    """That difficulty's name."""
    new_user_id: int | None = None
    """The new owner's user id (owner changes)."""
    new_user_username: str | None = None
    """The new owner's name (owner changes)."""
    new_users: list[BeatmapsetEventUser] | None = None
    """The new owners (owner changes with several mappers)."""
    new_vote: BeatmapsetEventVote | None = None
    """The vote that gave or took kudosu (kudosu events)."""
    votes: list[BeatmapsetEventVote] | None = None
    """The votes on the discussion (kudosu events)."""
    old: bool | str | None = None
    """The value before (genre, language, nsfw or offset changes)."""
    new: bool | str | None = None
    """The value after (genre, language, nsfw or offset changes)."""
    reason: str | None = None
    """Why, for disqualifications and nomination resets."""


class BeatmapsetEvent(OsuModel):
    """A change to a beatmapset (nomination, qualification, kudosu, edits …)."""

    id: int
    """The event's id."""
    type: str
    """What happened (`nominate`, `qualify`, `rank`, `kudosu_gain`, …)."""
    created_at: UTCDateTime | None = None
    """When it happened (UTC)."""
    user_id: int | None = None
    """Who did it, if anyone."""
    beatmapset: Beatmapset | None = None
    """The beatmapset it happened to."""
    discussion: BeatmapsetDiscussion | None = None
    """The discussion it came from, if any."""
    comment: BeatmapsetEventComment | None = None
    """The event's details (by type)."""


class BeatmapsetEventsResponse(OsuModel):
    """``GET beatmapsets/events``: page/limit paging (osu-api-v2-spec.md §2.2).

    The API spells this response's config key ``reviewsConfig``; it is kept as sent.
    """

    events: list[BeatmapsetEvent]
    users: list[User] | None = None
    reviewsConfig: ReviewsConfig | None = None

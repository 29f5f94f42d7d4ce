"""Forum: posts, topics, polls and the topic / create-topic responses."""

from __future__ import annotations

from .base import OsuModel
from .common import CursorPage, UTCDateTime

__all__ = [
    "ForumCreateTopicResponse",
    "ForumPoll",
    "ForumPollOption",
    "ForumPost",
    "ForumPostBody",
    "ForumTopic",
    "ForumTopicResponse",
    "ForumTopicSearch",
    "TextFormats",
]


class ForumPostBody(OsuModel):
    """A post body as rendered HTML and the raw BBCode."""

    html: str | None = None
    """The post, as HTML."""
    raw: str | None = None
    """The post, as written (BBCode)."""


class TextFormats(OsuModel):
    """A poll text as BBCode and HTML."""

    bbcode: str | None = None
    html: str | None = None


class ForumPost(OsuModel):
    """A forum post."""

    id: int
    """The post's id."""
    forum_id: int | None = None
    """The forum it is in."""
    topic_id: int | None = None
    """The topic it is in."""
    user_id: int | None = None
    """The author's user id."""
    edited_by_id: int | None = None
    """Who last edited it, if anyone."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    edited_at: UTCDateTime | None = None
    """When it was last edited (UTC), if it was."""
    deleted_at: UTCDateTime | None = None
    """When it was deleted (UTC); null unless it was."""
    body: ForumPostBody | None = None
    """The post's text."""


class ForumPollOption(OsuModel):
    """One answer of a poll; ``vote_count`` is hidden until the poll allows it."""

    id: int
    text: TextFormats | None = None
    vote_count: int | None = None


class ForumPoll(OsuModel):
    """A poll attached to a topic."""

    title: TextFormats | None = None
    options: list[ForumPollOption] | None = None
    allow_vote_change: bool | None = None
    hide_incomplete_results: bool | None = None
    max_votes: int | None = None
    total_vote_count: int | None = None
    started_at: UTCDateTime | None = None
    ended_at: UTCDateTime | None = None
    last_vote_at: UTCDateTime | None = None


class ForumTopic(OsuModel):
    """A forum topic; ``type`` is ``normal``, ``sticky`` or ``announcement``."""

    id: int
    forum_id: int | None = None
    user_id: int | None = None
    title: str | None = None
    type: str | None = None
    is_locked: bool | None = None
    first_post_id: int | None = None
    last_post_id: int | None = None
    post_count: int | None = None
    views: int | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None
    deleted_at: UTCDateTime | None = None
    poll: ForumPoll | None = None


class ForumTopicSearch(OsuModel):
    """The paging parameters the server applied to a topic's posts."""

    limit: int | None = None
    sort: str | None = None


class ForumTopicResponse(CursorPage):
    """``GET forums/topics/{topic}``: the topic and one page of posts (cursor ``{id}``)."""

    topic: ForumTopic
    posts: list[ForumPost]
    search: ForumTopicSearch | None = None


class ForumCreateTopicResponse(OsuModel):
    """``POST forums/topics``: the new topic and its first post."""

    topic: ForumTopic
    post: ForumPost

"""Comments and the comment bundle every comment endpoint returns."""

from __future__ import annotations

from .base import OsuModel
from .common import Cursor, UTCDateTime
from .user import User

__all__ = [
    "Comment",
    "CommentBundle",
    "CommentableMeta",
    "CommentableMetaAttributes",
]


class Comment(OsuModel):
    """A comment on a beatmapset, news post or build (``commentable_type``)."""

    id: int
    """The comment's id."""
    commentable_id: int | None = None
    """The id of what it comments on."""
    commentable_type: str | None = None
    """What it comments on (`beatmapset`, `news_post`, `build`)."""
    user_id: int | None = None
    """The author's user id; null for comments from the old site."""
    parent_id: int | None = None
    """The comment it replies to; null for a top-level comment."""
    edited_by_id: int | None = None
    """Who last edited it, if anyone."""
    legacy_name: str | None = None
    """The author's name, for comments imported from the old site."""
    message: str | None = None
    """The comment, as written (Markdown)."""
    message_html: str | None = None
    """The comment, as HTML."""
    pinned: bool | None = None
    """Whether it is pinned."""
    replies_count: int | None = None
    """How many replies it has."""
    votes_count: int | None = None
    """How many upvotes it has."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""
    edited_at: UTCDateTime | None = None
    """When it was last edited (UTC), if it was."""
    deleted_at: UTCDateTime | None = None
    """When it was deleted (UTC); null unless it was."""


class CommentableMetaAttributes(OsuModel):
    """Why the token's owner may not comment on a commentable (``None`` if they may)."""

    can_new_comment_reason: str | None = None


class CommentableMeta(OsuModel):
    """The thing comments are attached to (a beatmapset, news post …)."""

    id: int | None = None
    type: str | None = None
    title: str | None = None
    url: str | None = None
    owner_id: int | None = None
    owner_title: str | None = None
    locked: bool | None = None
    current_user_attributes: CommentableMetaAttributes | None = None


class CommentBundle(OsuModel):
    """``GET comments`` and ``GET comments/{comment}``.

    Paged by the ``cursor`` object sent back as ``cursor[...]`` params (no
    ``cursor_string``; osu-api-v2-spec.md §2.1); ``has_more`` says whether to go on.
    """

    comments: list[Comment]
    commentable_meta: list[CommentableMeta] | None = None
    included_comments: list[Comment] | None = None
    pinned_comments: list[Comment] | None = None
    users: list[User] | None = None
    user_votes: list[int] | None = None
    user_follow: bool | None = None
    cursor: Cursor = None
    has_more: bool | None = None
    has_more_id: int | None = None
    sort: str | None = None
    top_level_count: int | None = None
    total: int | None = None

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
    commentable_id: int | None = None
    commentable_type: str | None = None
    user_id: int | None = None
    parent_id: int | None = None
    edited_by_id: int | None = None
    legacy_name: str | None = None
    message: str | None = None
    message_html: str | None = None
    pinned: bool | None = None
    replies_count: int | None = None
    votes_count: int | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None
    edited_at: UTCDateTime | None = None
    deleted_at: UTCDateTime | None = None


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

"""Notebook functions about the site's community: news, changelog, comments, forum."""

from __future__ import annotations

from osuframes.api._build import ClientLike, collection
from osuframes.client import Client
from osuframes.query import Query

__all__ = [
    "changelog",
    "comments",
    "forum_posts",
    "news",
    "tags",
]


def news(
    *,
    year: int | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """News posts, newest first.

    >>> of.news(year=2024).to_frame()

    Cursor pagination, 21 a page (the API's most).
    """
    return collection(Client.get_news_listing, locals(), name="news", pinned={"limit": 21})


def changelog(
    *,
    stream: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Changelog builds with their entries, newest first.

    >>> of.changelog(stream="lazer").head(10)

    21 builds a request, paged back with `max_id`.
    """
    return collection(Client.get_changelog_listing, locals(), name="changelog")


def comments(
    *,
    commentable_type: str | None = None,
    commentable_id: int | None = None,
    parent_id: int | None = None,
    sort: str | None = None,
    user_id: int | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Comments (on news, beatmapsets, builds), newest first by default.

    >>> of.comments(commentable_type="beatmapset", commentable_id=1107500).to_frames()

    Cursor pagination by the `cursor[...]` object, 100 a page; `to_frames()` adds the
    comments' users.
    """
    return collection(Client.get_comments, locals(), name="comments", pinned={"limit": 100})


def tags(*, fresh: bool = False, client: ClientLike = None) -> Query:
    """Every user tag a beatmap can carry (`skillset/aim`, …), one request.

    >>> of.tags().to_frame()
    """
    return collection(Client.get_tags, locals(), name="tags")


def forum_posts(
    topic_id: int,
    *,
    sort: str | None = None,
    start: int | None = None,
    end: int | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Every post of a forum topic, oldest first (from `start` up, or from `end` down).

    >>> of.forum_posts(7).to_frame()

    Cursor pagination, 50 a page; a short page is the last.
    """
    return collection(Client.get_forum_topic, locals(), args=(topic_id,), name="forum_posts")

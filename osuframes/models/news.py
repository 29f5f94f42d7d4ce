"""News posts and the news listing."""

from __future__ import annotations

from pydantic import Field

from .base import OsuModel
from .common import CursorPage, UTCDateTime

__all__ = [
    "NewsListing",
    "NewsNavigation",
    "NewsPost",
    "NewsSearch",
    "NewsSidebar",
]


class NewsPost(OsuModel):
    """A news post; ``content`` (HTML) and ``navigation`` only on ``GET news/{news}``."""

    id: int
    """The post's id."""
    slug: str | None = None
    """The post's address name."""
    title: str | None = None
    """The title."""
    author: str | None = None
    """Who wrote it."""
    edit_url: str | None = None
    """Where to edit it (GitHub)."""
    first_image: str | None = None
    """The address of its first image."""
    first_image_2x: str | None = Field(
        default=None, validation_alias="first_image@2x", serialization_alias="first_image@2x"
    )
    """The same image, double size."""
    preview: str | None = None
    """Its first paragraph."""
    content: str | None = None
    published_at: UTCDateTime | None = None
    """When it was published (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""
    navigation: NewsNavigation | None = None


class NewsNavigation(OsuModel):
    """The next newer and older posts of a news post."""

    newer: NewsPost | None = None
    older: NewsPost | None = None


class NewsSidebar(OsuModel):
    """The archive sidebar: the years with posts and this year's posts."""

    current_year: int | None = None
    years: list[int] | None = None
    news_posts: list[NewsPost] | None = None


class NewsSearch(OsuModel):
    """The listing parameters the server applied."""

    limit: int | None = None
    sort: str | None = None
    year: int | None = None


class NewsListing(CursorPage):
    """``GET news``: posts newest first; the cursor is ``{published_at, id}``."""

    news_posts: list[NewsPost]
    news_sidebar: NewsSidebar | None = None
    search: NewsSearch | None = None


NewsPost.model_rebuild()

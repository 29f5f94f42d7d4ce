"""Search results: the site search (users and wiki pages) and beatmapset search."""

from __future__ import annotations

from .base import OsuModel
from .beatmap import Beatmapset
from .common import CursorPage
from .user import User
from .wiki import WikiPage

__all__ = [
    "BeatmapsetSearch",
    "BeatmapsetSearchParams",
    "SearchResponse",
    "UserSearchResults",
    "WikiSearchResults",
]


class UserSearchResults(OsuModel):
    """Users matching a site search; ``total`` counts all matches, not this page."""

    data: list[User]
    total: int | None = None


class WikiSearchResults(OsuModel):
    """Wiki pages matching a site search; ``total`` counts all matches."""

    data: list[WikiPage]
    total: int | None = None


class SearchResponse(OsuModel):
    """``GET search``: ``user`` and/or ``wiki_page`` results depending on ``mode``."""

    user: UserSearchResults | None = None
    wiki_page: WikiSearchResults | None = None


class BeatmapsetSearchParams(OsuModel):
    """The search parameters the server applied (the sort it used)."""

    sort: str | None = None


class BeatmapsetSearch(CursorPage):
    """``GET beatmapsets/search``: 50 beatmapsets per page; the cursor holds the sort
    fields (osu-api-v2-spec.md §2.1)."""

    beatmapsets: list[Beatmapset]
    total: int | None = None
    search: BeatmapsetSearchParams | None = None
    recommended_difficulty: float | None = None
    error: str | None = None

"""Wiki pages."""

from __future__ import annotations

from .base import OsuModel

__all__ = ["WikiPage"]


class WikiPage(OsuModel):
    """A wiki page in one locale; ``markdown`` is its source, ``path`` its address."""

    path: str
    locale: str | None = None
    title: str | None = None
    subtitle: str | None = None
    layout: str | None = None
    markdown: str | None = None
    available_locales: list[str] | None = None
    tags: list[str] | None = None

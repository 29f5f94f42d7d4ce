"""Changelog: builds, their entries, update streams and the listing."""

from __future__ import annotations

from pydantic import Field

from .base import OsuModel
from .common import UTCDateTime

__all__ = [
    "Build",
    "BuildVersions",
    "ChangelogEntry",
    "ChangelogListing",
    "ChangelogSearch",
    "GithubUser",
    "UpdateStream",
]


class GithubUser(OsuModel):
    """The GitHub author of a changelog entry, linked to an osu! user when known."""

    id: int | None = None
    display_name: str | None = None
    github_url: str | None = None
    github_username: str | None = None
    osu_username: str | None = None
    user_id: int | None = None
    user_url: str | None = None


class ChangelogEntry(OsuModel):
    """One change in a build; ``type`` is ``add`` or ``fix``.

    ``message_html`` is only present when asked for with ``message_formats[]=html``.
    """

    id: int | None = None
    title: str | None = None
    type: str | None = None
    category: str | None = None
    major: bool | None = None
    message: str | None = None
    message_html: str | None = None
    repository: str | None = None
    github_pull_request_id: int | None = None
    github_url: str | None = None
    url: str | None = None
    created_at: UTCDateTime | None = None
    github_user: GithubUser | None = None


class UpdateStream(OsuModel):
    """A release stream (``stable40``, ``lazer``, ``web`` …)."""

    id: int
    """The stream's id."""
    name: str | None = None
    """The stream's name (`lazer`, `stable40`, `web`, …)."""
    display_name: str | None = None
    """The stream's name as shown."""
    is_featured: bool | None = None
    """Whether the site features the stream."""
    user_count: int | None = None
    latest_build: Build | None = None


class BuildVersions(OsuModel):
    """The builds before and after a build in the same stream."""

    next: Build | None = None
    previous: Build | None = None


class Build(OsuModel):
    """A released build; ``users`` is how many users ran it recently."""

    id: int
    """The build's id."""
    version: str | None = None
    """The version (`2023.815.0`)."""
    display_version: str | None = None
    """The version as shown."""
    users: int | None = None
    """How many users ran the build recently."""
    youtube_id: str | None = None
    """The id of a video about the build, if any."""
    created_at: UTCDateTime | None = None
    """When the build was released (UTC)."""
    update_stream: UpdateStream | None = None
    """The stream the build belongs to."""
    changelog_entries: list[ChangelogEntry] | None = None
    """The changes in the build."""
    versions: BuildVersions | None = None


class ChangelogSearch(OsuModel):
    """The listing parameters the server applied (``from``/``to`` are build versions)."""

    from_: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    to: str | None = None
    max_id: int | None = None
    stream: str | None = None
    limit: int | None = None


class ChangelogListing(OsuModel):
    """``GET changelog``: up to 21 builds and every stream (no cursor; page by
    ``max_id``)."""

    builds: list[Build]
    streams: list[UpdateStream] | None = None
    search: ChangelogSearch | None = None


UpdateStream.model_rebuild()
BuildVersions.model_rebuild()

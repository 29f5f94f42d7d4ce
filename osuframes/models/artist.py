"""Featured artists' tracks (``GET beatmaps/artists/tracks``, a website route)."""

from __future__ import annotations

from .base import OsuModel
from .common import CursorPage, UTCDateTime

__all__ = [
    "Artist",
    "ArtistAlbum",
    "ArtistTrack",
    "ArtistTracksResponse",
    "ArtistTracksSearch",
]


class Artist(OsuModel):
    """A featured artist."""

    id: int
    name: str | None = None


class ArtistAlbum(OsuModel):
    """An album of a featured artist."""

    id: int
    artist_id: int | None = None
    title: str | None = None
    title_romanized: str | None = None
    genre: str | None = None
    cover_url: str | None = None
    is_new: bool | None = None


class ArtistTrack(OsuModel):
    """A featured artist track; ``length`` is ``"m:ss"`` as the site shows it."""

    id: int
    title: str | None = None
    version: str | None = None
    artist_id: int | None = None
    album_id: int | None = None
    bpm: float | None = None
    genre: str | None = None
    length: str | None = None
    exclusive: bool | None = None
    is_new: bool | None = None
    cover_url: str | None = None
    osz: str | None = None
    preview: str | None = None
    updated_at: UTCDateTime | None = None
    artist: Artist | None = None
    album: ArtistAlbum | None = None


class ArtistTracksSearch(OsuModel):
    """The search parameters the server applied."""

    sort: str | None = None
    is_default_sort: bool | None = None
    exclusive_only: bool | None = None


class ArtistTracksResponse(CursorPage):
    """``GET beatmaps/artists/tracks``: one page of tracks, cursor ``{updated_at, id}``."""

    artist_tracks: list[ArtistTrack]
    search: ArtistTracksSearch | None = None

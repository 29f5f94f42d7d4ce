"""Beatmap packs (``GET beatmaps/packs``, ``GET beatmaps/packs/{pack}``)."""

from __future__ import annotations

from .base import OsuModel
from .beatmap import Beatmapset
from .common import CursorPage, UTCDateTime

__all__ = ["BeatmapPack", "BeatmapPackUserCompletion", "BeatmapPacksResponse"]


class BeatmapPackUserCompletion(OsuModel):
    """Which beatmapsets of a pack the token's owner has cleared."""

    beatmapset_ids: list[int] | None = None
    completed: bool | None = None


class BeatmapPack(OsuModel):
    """A beatmap pack; ``tag`` (``S1``, ``L1`` …) is its id."""

    tag: str
    name: str | None = None
    author: str | None = None
    date: UTCDateTime | None = None
    no_diff_reduction: bool | None = None
    ruleset_id: int | None = None
    url: str | None = None
    beatmapsets: list[Beatmapset] | None = None
    user_completion_data: BeatmapPackUserCompletion | None = None


class BeatmapPacksResponse(CursorPage):
    """``GET beatmaps/packs``: one page of packs, newest first."""

    beatmap_packs: list[BeatmapPack]

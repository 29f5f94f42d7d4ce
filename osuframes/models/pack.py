"""Beatmap packs (``GET beatmaps/packs``, ``GET beatmaps/packs/{pack}``)."""

from __future__ import annotations

from .base import OsuModel
from .beatmap import Beatmapset
from .common import CursorPage, UTCDateTime

__all__ = ["BeatmapPack", "BeatmapPackUserCompletion", "BeatmapPacksResponse"]


class BeatmapPackUserCompletion(OsuModel):
    """Which beatmapsets of a pack the token's owner has cleared."""

    beatmapset_ids: list[int] | None = None
    """The ids of the beatmapsets the token's owner cleared."""
    completed: bool | None = None
    """Whether the token's owner cleared the whole pack."""


class BeatmapPack(OsuModel):
    """A beatmap pack; ``tag`` (``S1``, ``L1`` …) is its id."""

    tag: str
    """The pack's id (`S1`, `L1`, `T42`, …)."""
    name: str | None = None
    """The pack's name."""
    author: str | None = None
    """Who made the pack."""
    date: UTCDateTime | None = None
    """When the pack was published."""
    no_diff_reduction: bool | None = None
    """Whether clearing it forbids difficulty-reducing mods."""
    ruleset_id: int | None = None
    """The ruleset of the pack; null for every ruleset."""
    url: str | None = None
    """The address of the pack's download."""
    beatmapsets: list[Beatmapset] | None = None
    """The pack's beatmapsets."""
    user_completion_data: BeatmapPackUserCompletion | None = None
    """Which of them the token's owner cleared."""


class BeatmapPacksResponse(CursorPage):
    """``GET beatmaps/packs``: one page of packs, newest first."""

    beatmap_packs: list[BeatmapPack]

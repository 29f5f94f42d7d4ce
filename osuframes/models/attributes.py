"""Difficulty attributes per ruleset (``POST beatmaps/{beatmap}/attributes``)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from .base import OsuModel

__all__ = [
    "AnyDifficultyAttributes",
    "BeatmapAttributes",
    "DifficultyAttributes",
    "FruitsDifficultyAttributes",
    "ManiaDifficultyAttributes",
    "OsuDifficultyAttributes",
    "TaikoDifficultyAttributes",
]


class DifficultyAttributes(OsuModel):
    """Difficulty attributes every ruleset has; the base for the per-ruleset models.

    ``POST beatmaps/{beatmap}/attributes`` does not say which ruleset it computed;
    ``BeatmapAttributes`` picks the subclass from the keys present and falls back to
    this class when the keys are the common two (osu!catch and osu!mania today).
    """

    star_rating: float
    max_combo: int | None = None


class OsuDifficultyAttributes(DifficultyAttributes):
    """osu! (standard) difficulty attributes."""

    aim_difficulty: float | None = None
    aim_difficult_slider_count: float | None = None
    aim_difficult_strain_count: float | None = None
    speed_difficulty: float | None = None
    speed_difficult_strain_count: float | None = None
    speed_note_count: float | None = None
    slider_factor: float | None = None
    flashlight_difficulty: float | None = None
    approach_rate: float | None = None
    overall_difficulty: float | None = None


class TaikoDifficultyAttributes(DifficultyAttributes):
    """osu!taiko difficulty attributes."""

    mono_stamina_factor: float | None = None
    stamina_difficulty: float | None = None
    rhythm_difficulty: float | None = None
    colour_difficulty: float | None = None
    peak_difficulty: float | None = None
    great_hit_window: float | None = None


class FruitsDifficultyAttributes(DifficultyAttributes):
    """osu!catch difficulty attributes (``approach_rate`` only in older responses)."""

    approach_rate: float | None = None


class ManiaDifficultyAttributes(DifficultyAttributes):
    """osu!mania difficulty attributes (hit window only in older responses)."""

    great_hit_window: float | None = None
    score_multiplier: float | None = None


_OSU_KEYS = frozenset(OsuDifficultyAttributes.model_fields) - {"approach_rate"}
_TAIKO_KEYS = frozenset(TaikoDifficultyAttributes.model_fields) - {"great_hit_window"}
_COMMON_KEYS = frozenset(DifficultyAttributes.model_fields)
_TAG_OF_CLASS: dict[type[DifficultyAttributes], str] = {
    OsuDifficultyAttributes: "osu",
    TaikoDifficultyAttributes: "taiko",
    FruitsDifficultyAttributes: "fruits",
    ManiaDifficultyAttributes: "mania",
}


def _attributes_ruleset(data: Any) -> str:
    if isinstance(data, DifficultyAttributes):
        return _TAG_OF_CLASS.get(type(data), "any")
    keys = set(data) if isinstance(data, dict) else set()
    if keys & (_OSU_KEYS - _COMMON_KEYS):
        return "osu"
    if keys & (_TAIKO_KEYS - _COMMON_KEYS):
        return "taiko"
    if "score_multiplier" in keys or "great_hit_window" in keys:
        return "mania"
    if "approach_rate" in keys:
        return "fruits"
    return "any"


AnyDifficultyAttributes = Annotated[
    Annotated[OsuDifficultyAttributes, Tag("osu")]
    | Annotated[TaikoDifficultyAttributes, Tag("taiko")]
    | Annotated[FruitsDifficultyAttributes, Tag("fruits")]
    | Annotated[ManiaDifficultyAttributes, Tag("mania")]
    | Annotated[DifficultyAttributes, Tag("any")],
    Discriminator(_attributes_ruleset),
]
"""Difficulty attributes of whichever ruleset the keys reveal (see ``DifficultyAttributes``)."""


class BeatmapAttributes(OsuModel):
    """``POST beatmaps/{beatmap}/attributes``: difficulty attributes with the given mods."""

    attributes: AnyDifficultyAttributes

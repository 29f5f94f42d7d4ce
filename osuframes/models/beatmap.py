"""Beatmaps, beatmapsets and their parts: covers, failtimes, owners, tags, packs,
most-played entries and difficulty attributes per ruleset.

One ``Beatmap`` and one ``Beatmapset`` model cover the compact and the extended
forms: the extended-only fields are ``None`` when the endpoint sent the compact form.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Discriminator, Field, Tag

from .base import OsuModel
from .common import BeatmapRankStatus, CursorPage, Gamemode, UTCDateTime
from .user import User

__all__ = [
    "AnyDifficultyAttributes",
    "Beatmap",
    "BeatmapAttributes",
    "BeatmapOwner",
    "BeatmapPack",
    "BeatmapPackUserCompletion",
    "BeatmapPacksResponse",
    "BeatmapPlaycount",
    "BeatmapTag",
    "BeatmapTagCount",
    "BeatmapsResponse",
    "Beatmapset",
    "BeatmapsetAvailability",
    "BeatmapsetCovers",
    "BeatmapsetDescription",
    "BeatmapsetGenre",
    "BeatmapsetHype",
    "BeatmapsetLanguage",
    "BeatmapsetNomination",
    "BeatmapsetNominationsSummary",
    "DifficultyAttributes",
    "Failtimes",
    "FruitsDifficultyAttributes",
    "ManiaDifficultyAttributes",
    "NominationsRequiredMeta",
    "OsuDifficultyAttributes",
    "TaikoDifficultyAttributes",
]


class BeatmapsetCovers(OsuModel):
    """Cover image URLs of a beatmapset in every size the site uses."""

    cover: str | None = None
    cover_2x: str | None = Field(
        default=None, validation_alias="cover@2x", serialization_alias="cover@2x"
    )
    card: str | None = None
    card_2x: str | None = Field(
        default=None, validation_alias="card@2x", serialization_alias="card@2x"
    )
    list: str | None = None
    list_2x: str | None = Field(
        default=None, validation_alias="list@2x", serialization_alias="list@2x"
    )
    slimcover: str | None = None
    slimcover_2x: str | None = Field(
        default=None, validation_alias="slimcover@2x", serialization_alias="slimcover@2x"
    )


class Failtimes(OsuModel):
    """Where players fail or quit, as 100 buckets over the map's length."""

    exit: list[int] | None = None
    fail: list[int] | None = None


class BeatmapOwner(OsuModel):
    """One of the mappers credited for a difficulty (guest difficulties have several)."""

    id: int
    username: str | None = None


class BeatmapTagCount(OsuModel):
    """A user tag applied to a beatmap, and how many users applied it."""

    tag_id: int
    count: int


class BeatmapTag(OsuModel):
    """A user tag definition (``related_tags`` of a beatmapset)."""

    id: int
    name: str | None = None
    description: str | None = None
    ruleset_id: int | None = None
    created_at: UTCDateTime | None = None
    updated_at: UTCDateTime | None = None


class Beatmap(OsuModel):
    """A difficulty. ``difficulty_rating`` is the star rating without mods.

    ``mode`` is the ruleset the values are for; for converts (``convert`` true) it is
    not the ruleset the map was made for.
    """

    osu_includes: ClassVar[frozenset[str]] = frozenset(
        {
            "beatmapset",
            "current_user_playcount",
            "current_user_tag_ids",
            "failtimes",
            "owners",
            "top_tag_ids",
            "user",
        }
    )

    id: int
    """The beatmap (difficulty) id."""
    beatmapset_id: int | None = None
    """The id of its beatmapset."""
    difficulty_rating: float | None = None
    """Star rating without mods."""
    mode: Gamemode | None = None
    """The ruleset the values are for."""
    status: BeatmapRankStatus | None = None
    """Ranked status (ranked, loved, graveyard, …)."""
    total_length: int | None = None
    """Length in seconds, from the first note to the end."""
    user_id: int | None = None
    """The mapper's user id."""
    version: str | None = None
    """The difficulty's name."""
    checksum: str | None = None
    """MD5 checksum of the .osu file."""
    max_combo: int | None = None
    """The highest combo the map allows."""
    lazer_only: bool | None = None
    """Whether only osu!(lazer) can play it."""
    accuracy: float | None = None
    """Overall difficulty (OD)."""
    ar: float | None = None
    """Approach rate (AR)."""
    bpm: float | None = None
    """Beats per minute."""
    convert: bool | None = None
    """Whether the values are for a convert to another ruleset."""
    count_circles: int | None = None
    """Number of circles."""
    count_sliders: int | None = None
    """Number of sliders."""
    count_spinners: int | None = None
    """Number of spinners."""
    cs: float | None = None
    """Circle size (CS), or keys in mania."""
    current_user_playcount: int | None = None
    current_user_tag_ids: list[int] | None = None
    deleted_at: UTCDateTime | None = None
    """When the beatmap was deleted, if it was."""
    drain: float | None = None
    """HP drain rate (HP)."""
    failtimes: Failtimes | None = None
    hit_length: int | None = None
    """Length in seconds without breaks."""
    is_scoreable: bool | None = None
    """Whether scores can be set on it."""
    last_updated: UTCDateTime | None = None
    """When the beatmap was last updated."""
    mode_int: int | None = None
    """The ruleset as a number."""
    owners: list[BeatmapOwner] | None = None
    passcount: int | None = None
    """How many plays passed it."""
    playcount: int | None = None
    """How many times it was played."""
    ranked: int | None = None
    """Ranked status as a number."""
    top_tag_ids: list[BeatmapTagCount] | None = None
    url: str | None = None
    """The beatmap's page."""
    beatmapset: Beatmapset | None = None
    user: User | None = None


class BeatmapsetHype(OsuModel):
    """Hype a pending beatmapset has, and how much it needs to be nominated."""

    current: int | None = None
    """Hype it has."""
    required: int | None = None
    """Hype it needs to be nominated."""


class BeatmapsetAvailability(OsuModel):
    """Whether a beatmapset can be downloaded (DMCA takedowns and the like)."""

    download_disabled: bool | None = None
    more_information: str | None = None


class NominationsRequiredMeta(OsuModel):
    """Nominations needed in the main ruleset and in each other ruleset."""

    main_ruleset: int | None = None
    non_main_ruleset: int | None = None


class BeatmapsetNominationsSummary(OsuModel):
    """Nomination progress; ``required`` is the pre-2024 single number."""

    current: int | None = None
    eligible_main_rulesets: list[Gamemode] | None = None
    required_meta: NominationsRequiredMeta | None = None
    required: int | None = None


class BeatmapsetNomination(OsuModel):
    """A current nomination of a beatmapset by a nominator."""

    beatmapset_id: int | None = None
    user_id: int | None = None
    reset: bool | None = None
    rulesets: list[Gamemode] | None = None


class BeatmapsetDescription(OsuModel):
    """A beatmapset's description as HTML."""

    description: str | None = None


class BeatmapsetGenre(OsuModel):
    """A beatmapset genre (``genre_id`` expanded)."""

    id: int | None = None
    name: str | None = None


class BeatmapsetLanguage(OsuModel):
    """A beatmapset language (``language_id`` expanded)."""

    id: int | None = None
    name: str | None = None


class Beatmapset(OsuModel):
    """A beatmapset (a song and its difficulties), compact or extended."""

    osu_includes: ClassVar[frozenset[str]] = frozenset(
        {
            "availability", "bpm", "can_be_hyped", "deleted_at", "discussion_enabled",
            "discussion_locked", "is_scoreable", "last_updated", "legacy_thread_url",
            "nominations_summary", "ranked", "ranked_date", "rating", "storyboard",
            "submitted_date", "tags", "beatmaps", "converts", "current_nominations",
            "description", "genre", "language", "pack_tags", "ratings", "recent_favourites",
            "related_tags", "related_users", "user", "version_count",
        }
    )  # fmt: skip

    id: int
    """The beatmapset id."""
    anime_cover: bool | None = None
    """Whether the cover is anime art."""
    artist: str | None = None
    """The song's artist (romanised)."""
    artist_unicode: str | None = None
    """The artist in its own script."""
    covers: BeatmapsetCovers | None = None
    """Cover image addresses in several sizes."""
    creator: str | None = None
    """The mapper's username."""
    favourite_count: int | None = None
    """How many users favourited it."""
    genre_id: int | None = None
    """The song's genre id."""
    hype: BeatmapsetHype | None = None
    """Hype of a pending beatmapset."""
    language_id: int | None = None
    """The song's language id."""
    nsfw: bool | None = None
    """Whether it is marked explicit."""
    offset: int | None = None
    """Audio offset in milliseconds."""
    play_count: int | None = None
    """Plays of all its difficulties."""
    preview_url: str | None = None
    """The audio preview's address."""
    source: str | None = None
    """Where the song is from (a game, an anime, …)."""
    spotlight: bool | None = None
    """Whether it was featured (spotlighted)."""
    status: BeatmapRankStatus | None = None
    """Ranked status of the set."""
    title: str | None = None
    """The song's title (romanised)."""
    title_unicode: str | None = None
    """The title in its own script."""
    track_id: int | None = None
    """The featured artist track id, if any."""
    user_id: int | None = None
    """The mapper's user id."""
    video: bool | None = None
    """Whether it has a video."""
    availability: BeatmapsetAvailability | None = None
    bpm: float | None = None
    can_be_hyped: bool | None = None
    deleted_at: UTCDateTime | None = None
    discussion_enabled: bool | None = None
    discussion_locked: bool | None = None
    is_scoreable: bool | None = None
    last_updated: UTCDateTime | None = None
    legacy_thread_url: str | None = None
    nominations_summary: BeatmapsetNominationsSummary | None = None
    ranked: int | None = None
    ranked_date: UTCDateTime | None = None
    rating: float | None = None
    storyboard: bool | None = None
    submitted_date: UTCDateTime | None = None
    tags: str | None = None
    beatmaps: list[Beatmap] | None = None
    converts: list[Beatmap] | None = None
    current_nominations: list[BeatmapsetNomination] | None = None
    description: BeatmapsetDescription | None = None
    genre: BeatmapsetGenre | None = None
    language: BeatmapsetLanguage | None = None
    pack_tags: list[str] | None = None
    ratings: list[int] | None = None
    recent_favourites: list[User] | None = None
    related_tags: list[BeatmapTag] | None = None
    related_users: list[User] | None = None
    user: User | None = None
    version_count: int | None = None


class BeatmapsResponse(OsuModel):
    """``GET beatmaps?ids[]=…``: up to 50 beatmaps."""

    beatmaps: list[Beatmap]


class BeatmapPlaycount(OsuModel):
    """A user's play count on one beatmap (``users/{user}/beatmapsets/most_played``)."""

    beatmap_id: int
    count: int
    beatmap: Beatmap | None = None
    beatmapset: Beatmapset | None = None


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


Beatmap.model_rebuild()

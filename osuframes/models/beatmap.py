"""Beatmaps, beatmapsets and their parts: covers, failtimes, owners, tags and
most-played entries (packs: ``pack.py``; difficulty attributes: ``attributes.py``).

One ``Beatmap`` and one ``Beatmapset`` model cover the compact and the extended
forms: the extended-only fields are ``None`` when the endpoint sent the compact form.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .base import OsuModel
from .common import BeatmapRankStatus, Gamemode, UTCDateTime
from .user import User

__all__ = [
    "Beatmap",
    "BeatmapOwner",
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
    "Failtimes",
    "NominationsRequiredMeta",
]


class BeatmapsetCovers(OsuModel):
    """Cover image URLs of a beatmapset in every size the site uses."""

    cover: str | None = None
    """The beatmapset's cover image (normal size)."""
    cover_2x: str | None = Field(
        default=None, validation_alias="cover@2x", serialization_alias="cover@2x"
    )
    """The beatmapset's cover image (double size)."""
    card: str | None = None
    """The beatmapset's card image (normal size)."""
    card_2x: str | None = Field(
        default=None, validation_alias="card@2x", serialization_alias="card@2x"
    )
    """The beatmapset's card image (double size)."""
    list: str | None = None
    """The beatmapset's list image (normal size)."""
    list_2x: str | None = Field(
        default=None, validation_alias="list@2x", serialization_alias="list@2x"
    )
    """The beatmapset's list image (double size)."""
    slimcover: str | None = None
    """The beatmapset's slimcover image (normal size)."""
    slimcover_2x: str | None = Field(
        default=None, validation_alias="slimcover@2x", serialization_alias="slimcover@2x"
    )
    """The beatmapset's slimcover image (double size)."""


class Failtimes(OsuModel):
    """Where players fail or quit, as 100 buckets over the map's length."""

    exit: list[int] | None = None
    """Where players quit: counts in 100 buckets over the map's length."""
    fail: list[int] | None = None
    """Where players failed: counts in 100 buckets over the map's length."""


class BeatmapOwner(OsuModel):
    """One of the mappers credited for a difficulty (guest difficulties have several)."""

    id: int
    """The mapper's user id."""
    username: str | None = None
    """The mapper's username."""


class BeatmapTagCount(OsuModel):
    """A user tag applied to a beatmap, and how many users applied it."""

    tag_id: int
    """The tag's id."""
    count: int
    """How many users applied it."""


class BeatmapTag(OsuModel):
    """A user tag definition (``related_tags`` of a beatmapset)."""

    id: int
    """The tag's id."""
    name: str | None = None
    """The tag (`genre/rock`, `style/clean`, …)."""
    description: str | None = None
    """What the tag means."""
    ruleset_id: int | None = None
    """The ruleset it applies to; null for every ruleset."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    updated_at: UTCDateTime | None = None
    """When it was last updated (UTC)."""


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
    """How many times the token's owner played it."""
    current_user_tag_ids: list[int] | None = None
    """The tags the token's owner applied to it."""
    deleted_at: UTCDateTime | None = None
    """When the beatmap was deleted, if it was."""
    drain: float | None = None
    """HP drain rate (HP)."""
    failtimes: Failtimes | None = None
    """Where players fail or quit."""
    hit_length: int | None = None
    """Length in seconds without breaks."""
    is_scoreable: bool | None = None
    """Whether scores can be set on it."""
    last_updated: UTCDateTime | None = None
    """When the beatmap was last updated."""
    mode_int: int | None = None
    """The ruleset as a number."""
    owners: list[BeatmapOwner] | None = None
    """The mappers credited for the difficulty (guest difficulties)."""
    passcount: int | None = None
    """How many plays passed it."""
    playcount: int | None = None
    """How many times it was played."""
    ranked: int | None = None
    """Ranked status as a number."""
    top_tag_ids: list[BeatmapTagCount] | None = None
    """The user tags applied most, with their counts."""
    url: str | None = None
    """The beatmap's page."""
    beatmapset: Beatmapset | None = None
    """The beatmapset it belongs to."""
    user: User | None = None
    """The mapper."""


class BeatmapsetHype(OsuModel):
    """Hype a pending beatmapset has, and how much it needs to be nominated."""

    current: int | None = None
    """Hype it has."""
    required: int | None = None
    """Hype it needs to be nominated."""


class BeatmapsetAvailability(OsuModel):
    """Whether a beatmapset can be downloaded (DMCA takedowns and the like)."""

    download_disabled: bool | None = None
    """Whether the beatmapset cannot be downloaded."""
    more_information: str | None = None
    """Why, or which parts were removed (an address or a note)."""


class NominationsRequiredMeta(OsuModel):
    """Nominations needed in the main ruleset and in each other ruleset."""

    main_ruleset: int | None = None
    """Nominations needed in the main ruleset."""
    non_main_ruleset: int | None = None
    """Nominations needed in each other ruleset."""


class BeatmapsetNominationsSummary(OsuModel):
    """Nomination progress; ``required`` is the pre-2024 single number."""

    current: int | None = None
    """Nominations it has."""
    eligible_main_rulesets: list[Gamemode] | None = None
    """The rulesets that may be its main ruleset."""
    required_meta: NominationsRequiredMeta | None = None
    """Nominations it needs."""
    required: int | None = None
    """Nominations it needs (before 2024, one number)."""


class BeatmapsetNomination(OsuModel):
    """A current nomination of a beatmapset by a nominator."""

    beatmapset_id: int | None = None
    user_id: int | None = None
    reset: bool | None = None
    rulesets: list[Gamemode] | None = None


class BeatmapsetDescription(OsuModel):
    """A beatmapset's description as HTML."""

    description: str | None = None
    """The description, as HTML."""


class BeatmapsetGenre(OsuModel):
    """A beatmapset genre (``genre_id`` expanded)."""

    id: int | None = None
    """The genre id."""
    name: str | None = None
    """The genre's name."""


class BeatmapsetLanguage(OsuModel):
    """A beatmapset language (``language_id`` expanded)."""

    id: int | None = None
    """The language id."""
    name: str | None = None
    """The language's name."""


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
    """Whether it can be downloaded."""
    bpm: float | None = None
    """Beats per minute of the song."""
    can_be_hyped: bool | None = None
    """Whether it can be hyped now (pending, not yet nominated)."""
    deleted_at: UTCDateTime | None = None
    """When it was deleted, if it was."""
    discussion_enabled: bool | None = None
    """Whether its modding discussion is open (always true now)."""
    discussion_locked: bool | None = None
    """Whether its modding discussion is locked."""
    is_scoreable: bool | None = None
    """Whether scores can be set on its difficulties."""
    last_updated: UTCDateTime | None = None
    """When it was last updated."""
    legacy_thread_url: str | None = None
    """The address of its old forum thread."""
    nominations_summary: BeatmapsetNominationsSummary | None = None
    """Nomination progress."""
    ranked: int | None = None
    """Ranked status as a number (-2 graveyard … 4 loved)."""
    ranked_date: UTCDateTime | None = None
    """When it was ranked, qualified or loved."""
    rating: float | None = None
    """The average user rating (0-10)."""
    storyboard: bool | None = None
    """Whether it has a storyboard."""
    submitted_date: UTCDateTime | None = None
    """When it was first submitted."""
    tags: str | None = None
    """The mapper's search tags, separated by spaces."""
    beatmaps: list[Beatmap] | None = None
    """Its difficulties."""
    converts: list[Beatmap] | None = None
    """Its difficulties converted to the other rulesets."""
    current_nominations: list[BeatmapsetNomination] | None = None
    """The nominations it has now."""
    description: BeatmapsetDescription | None = None
    """The description."""
    genre: BeatmapsetGenre | None = None
    """The song's genre."""
    language: BeatmapsetLanguage | None = None
    """The song's language."""
    pack_tags: list[str] | None = None
    """The tags of the beatmap packs it is in."""
    ratings: list[int] | None = None
    """How many users gave each rating (0-10)."""
    recent_favourites: list[User] | None = None
    """Users who favourited it recently."""
    related_tags: list[BeatmapTag] | None = None
    """The user tags of its difficulties."""
    related_users: list[User] | None = None
    """Users related to it (mappers, nominators)."""
    user: User | None = None
    """The mapper."""
    version_count: int | None = None
    """How many difficulties it has."""


class BeatmapsResponse(OsuModel):
    """``GET beatmaps?ids[]=…``: up to 50 beatmaps."""

    beatmaps: list[Beatmap]


class BeatmapPlaycount(OsuModel):
    """A user's play count on one beatmap (``users/{user}/beatmapsets/most_played``)."""

    beatmap_id: int
    """The id of the beatmap played."""
    count: int
    """How many times the user played it."""
    beatmap: Beatmap | None = None
    """The beatmap played (compact)."""
    beatmapset: Beatmapset | None = None
    """Its beatmapset."""


Beatmap.model_rebuild()

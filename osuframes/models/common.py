"""Enums, the UTC datetime type and cursor helpers shared by every model module.

Every enum here is a ``StrEnum`` whose values are the API's own strings, so a member
compares equal to its string and serialises to it. ``Enum.parse`` (and pydantic
validation of a field typed with the enum) also accepts ids and common aliases,
case-insensitively, and a bad value raises a ``ValueError`` that lists what is allowed.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from .base import OsuModel

__all__ = [
    "ApiStrEnum",
    "BeatmapPackType",
    "BeatmapRankStatus",
    "Cursor",
    "CursorPage",
    "Gamemode",
    "RankingType",
    "ScoreRank",
    "ScoreType",
    "UTCDateTime",
    "UserBeatmapType",
    "decode_cursor_string",
    "encode_cursor_string",
]


def _to_utc(value: datetime) -> datetime:
    # The API sends ISO 8601 with "Z" or "+00:00" and some unix timestamps; pydantic
    # parses both. A naive value can only come from our own callers: treat it as UTC.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


UTCDateTime = Annotated[datetime, AfterValidator(_to_utc)]
"""A timezone-aware UTC ``datetime``, parsed from ISO 8601 strings or unix timestamps."""


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


class ApiStrEnum(StrEnum):
    """A string enum of API values that parses ids and aliases with a clear error."""

    @classmethod
    def _noun(cls) -> str:
        """What one value is called in error messages (``ruleset``, ``rank status``)."""
        return cls.__name__

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        """Extra spellings (normalised) mapped to member values."""
        return {}

    @classmethod
    def _ids(cls) -> dict[int, str]:
        """Integer ids mapped to member values; empty when the API has no ids."""
        return {}

    @classmethod
    def _hint(cls) -> str:
        """Optional text appended to the error message, e.g. a common confusion."""
        return ""

    @classmethod
    def parse(cls, value: Any) -> Self:
        """Read a member from itself, its API string, an alias or an integer id.

        Args:
            value: A member, a string (any case; aliases accepted) or an int id.

        Returns:
            The matching member.

        Raises:
            ValueError: ``value`` names no member; the message lists the allowed values.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            ids = cls._ids()
            if value in ids:
                return cls(ids[value])
        elif isinstance(value, str):
            key = _normalise(value)
            for member in cls:
                if _normalise(member.value) == key:
                    return member
            aliases = {_normalise(alias): target for alias, target in cls._aliases().items()}
            if key in aliases:
                return cls(aliases[key])
            ids = cls._ids()
            if key.lstrip("-").isdigit() and int(key) in ids:
                return cls(ids[int(key)])
        allowed = ", ".join(repr(member.value) for member in cls)
        hint = cls._hint()
        raise ValueError(
            f"{value!r} is not a {cls._noun()}; use one of {allowed}"
            + (f" ({hint})" if hint else "")
        )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_before_validator_function(
            cls.parse,
            handler(source),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda member: member.value, return_schema=core_schema.str_schema()
            ),
        )


class Gamemode(ApiStrEnum):
    """An osu! ruleset, by its API name (``osu``, ``taiko``, ``fruits``, ``mania``).

    Parses the member, its string, the ruleset id 0-3 (``mode_int`` / ``ruleset_id``)
    and common aliases such as ``std``, ``ctb`` or ``o!m``.

    Example:
        >>> Gamemode.parse("CTB"), Gamemode.parse(3).id
        (<Gamemode.FRUITS: 'fruits'>, 3)
    """

    OSU = "osu"
    TAIKO = "taiko"
    FRUITS = "fruits"
    MANIA = "mania"

    @classmethod
    def _noun(cls) -> str:
        return "ruleset"

    @classmethod
    def _hint(cls) -> str:
        return "osu!standard is 'osu', osu!catch is 'fruits'"

    @classmethod
    def _ids(cls) -> dict[int, str]:
        return {0: "osu", 1: "taiko", 2: "fruits", 3: "mania"}

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {
            "std": "osu",
            "standard": "osu",
            "osu!": "osu",
            "osu!std": "osu",
            "osu!standard": "osu",
            "o!std": "osu",
            "o!s": "osu",
            "osu!taiko": "taiko",
            "o!t": "taiko",
            "ctb": "fruits",
            "catch": "fruits",
            "catch the beat": "fruits",
            "osu!catch": "fruits",
            "o!c": "fruits",
            "fruit": "fruits",
            "osu!mania": "mania",
            "o!m": "mania",
        }

    @property
    def id(self) -> int:
        """The ruleset id the API uses in ``mode_int`` and ``ruleset_id`` (0-3)."""
        return {"osu": 0, "taiko": 1, "fruits": 2, "mania": 3}[self.value]

    @property
    def name_api(self) -> str:
        """The API's string for this ruleset (same as ``.value``)."""
        return self.value

    @property
    def display_name(self) -> str:
        """The name players know: ``osu!``, ``osu!taiko``, ``osu!catch``, ``osu!mania``."""
        return {"osu": "osu!", "taiko": "osu!taiko", "fruits": "osu!catch"}.get(
            self.value, "osu!mania"
        )

    @classmethod
    def from_id(cls, ruleset_id: int) -> Gamemode:
        """The ruleset with API id ``ruleset_id`` (0-3); ``ValueError`` otherwise."""
        return cls.parse(ruleset_id)


class BeatmapRankStatus(ApiStrEnum):
    """Ranked status of a beatmap or beatmapset (``status``; id in ``ranked``)."""

    GRAVEYARD = "graveyard"
    WIP = "wip"
    PENDING = "pending"
    RANKED = "ranked"
    APPROVED = "approved"
    QUALIFIED = "qualified"
    LOVED = "loved"

    @classmethod
    def _noun(cls) -> str:
        return "beatmap rank status"

    @classmethod
    def _ids(cls) -> dict[int, str]:
        return {
            -2: "graveyard",
            -1: "wip",
            0: "pending",
            1: "ranked",
            2: "approved",
            3: "qualified",
            4: "loved",
        }

    @property
    def id(self) -> int:
        """The integer the API sends in ``ranked`` (-2 graveyard … 4 loved)."""
        return {value: key for key, value in self._ids().items()}[self.value]


class ScoreType(ApiStrEnum):
    """Which list of a user's scores to fetch (``users/{user}/scores/{type}``)."""

    BEST = "best"
    FIRSTS = "firsts"
    RECENT = "recent"
    PINNED = "pinned"

    @classmethod
    def _noun(cls) -> str:
        return "score type"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"top": "best", "first": "firsts", "recents": "recent", "pin": "pinned"}


class ScoreRank(ApiStrEnum):
    """The grade of a score as the API spells it (``XH`` is silver SS, ``X`` is SS)."""

    SILVER_SS = "XH"
    SS = "X"
    SILVER_S = "SH"
    S = "S"
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    F = "F"

    @classmethod
    def _noun(cls) -> str:
        return "score rank"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"ssh": "XH", "ss": "X"}


class RankingType(ApiStrEnum):
    """The ``type`` of ``rankings/{mode}/{type}``."""

    PERFORMANCE = "performance"
    SCORE = "score"
    COUNTRY = "country"
    CHARTS = "charts"
    TEAM = "team"

    @classmethod
    def _noun(cls) -> str:
        return "ranking type"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"pp": "performance", "spotlight": "charts", "spotlights": "charts"}


class UserBeatmapType(ApiStrEnum):
    """The ``type`` of ``users/{user}/beatmapsets/{type}``."""

    FAVOURITE = "favourite"
    GRAVEYARD = "graveyard"
    GUEST = "guest"
    LOVED = "loved"
    MOST_PLAYED = "most_played"
    NOMINATED = "nominated"
    PENDING = "pending"
    RANKED = "ranked"

    @classmethod
    def _noun(cls) -> str:
        return "user beatmap type"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"favorite": "favourite", "favourites": "favourite", "favorites": "favourite"}


class BeatmapPackType(ApiStrEnum):
    """The ``type`` filter of ``beatmaps/packs``."""

    STANDARD = "standard"
    FEATURED = "featured"
    TOURNAMENT = "tournament"
    LOVED = "loved"
    CHART = "chart"
    THEME = "theme"
    ARTIST = "artist"

    @classmethod
    def _noun(cls) -> str:
        return "beatmap pack type"


Cursor = dict[str, Any] | None
"""A pagination cursor as the API sends it: an object of sort-column values, or null."""


def encode_cursor_string(cursor: Mapping[str, Any]) -> str:
    """Encode a cursor object the way the API does (osu-api-v2-spec.md §2.1).

    Args:
        cursor: The cursor object, e.g. ``{"page": 2}``.

    Returns:
        URL-safe base64 of its compact JSON, without ``=`` padding.
    """
    raw = json.dumps(dict(cursor), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor_string(cursor_string: str) -> dict[str, Any]:
    """Decode a ``cursor_string`` back to its cursor object.

    Args:
        cursor_string: URL-safe base64 of a JSON object, padding optional.

    Returns:
        The cursor object, e.g. ``{"event_id": 8}``.

    Raises:
        ValueError: The string is not base64 of a JSON object.
    """
    padded = cursor_string + "=" * (-len(cursor_string) % 4)
    try:
        decoded = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise ValueError(
            f"{cursor_string!r} is not a cursor_string (URL-safe base64 of a JSON object)"
        ) from exc
    if not isinstance(decoded, dict):
        raise ValueError(f"{cursor_string!r} decodes to {decoded!r}, not a cursor object")
    return decoded


class CursorPage(OsuModel):
    """Fields shared by responses paginated with ``cursor`` / ``cursor_string``."""

    cursor: Cursor = None
    cursor_string: str | None = None

    @property
    def has_next_page(self) -> bool:
        """Whether the API says there is another page (its cursor is not null)."""
        return self.cursor is not None or self.cursor_string is not None

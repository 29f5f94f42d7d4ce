"""Argument checks run before any request: each says what was given and what is allowed.

Helpers raise `ArgumentError` naming the argument; the endpoint decorator adds the
method's name, so the user reads e.g.
`get_user_bests(mode='std'): 'std' is not a ruleset; use one of 'osu', ...`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from osuframes.models import ApiStrEnum, Mods

__all__ = [
    "ArgumentError",
    "choice",
    "cursor_string",
    "enum",
    "flag",
    "id_list",
    "in_range",
    "match_id",
    "mods",
    "optional_enum",
    "positive_id",
    "text",
    "timestamp",
    "user_ref",
]

_E = TypeVar("_E", bound=ApiStrEnum)


class ArgumentError(ValueError):
    """A bad argument; `argument` and `value` say which, the message says why."""

    def __init__(self, argument: str, value: Any, reason: str) -> None:
        self.argument = argument
        self.value = value
        self.reason = reason
        super().__init__(f"{argument}={value!r}: {reason}")


def positive_id(value: Any, argument: str) -> int:
    """An id: a positive int (or a string of digits)."""
    if isinstance(value, bool):
        raise ArgumentError(argument, value, "an id must be a positive integer")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ArgumentError(argument, value, "an id must be a positive integer") from None
    if number < 1 or (isinstance(value, float) and value != number):
        raise ArgumentError(argument, value, "an id must be a positive integer")
    return number


# A match's page on the website: /community/matches/{id} or the short /mp/{id}.
_MATCH_URL = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)*ppy\.sh/(?:community/matches|mp)/(\d+)/?(?:[?#].*)?",
    re.IGNORECASE,
)


def match_id(value: Any, argument: str = "match_id") -> int:
    """A legacy match id: a positive int, a string of digits, or the match's URL.

    `https://osu.ppy.sh/community/matches/105019274` and `https://osu.ppy.sh/mp/105019274`
    both give 105019274. Every place that takes match ids reads them with this.
    """
    if isinstance(value, str) and not value.strip().isdecimal():
        found = _MATCH_URL.fullmatch(value.strip())
        if found is None:
            raise ArgumentError(
                argument,
                value,
                "give a match id or a match URL like "
                "https://osu.ppy.sh/community/matches/105019274",
            )
        value = found.group(1)
    return positive_id(value, argument)


def user_ref(value: Any, argument: str) -> str:
    """A user id, or a username (sent as `@name` so a numeric name is not read as an id)."""
    if isinstance(value, str) and not value.strip().lstrip("@").isdigit():
        name = value.strip().lstrip("@")
        if not name:
            raise ArgumentError(argument, value, "give a user id or a username")
        return f"@{name}"
    return str(positive_id(value, argument))


def in_range(value: Any, argument: str, low: int, high: int) -> int:
    """An int between `low` and `high`, inclusive."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ArgumentError(argument, value, f"must be an integer from {low} to {high}")
    return value


def enum(value: Any, argument: str, kind: type[_E]) -> _E:
    """A member of `kind` (its value, alias or id accepted)."""
    try:
        return kind.parse(value)
    except ValueError as exc:
        raise ArgumentError(argument, value, str(exc)) from None


def optional_enum(value: Any, argument: str, kind: type[_E]) -> _E | None:
    """`enum`, or None when `value` is None."""
    return None if value is None else enum(value, argument, kind)


def choice(value: Any, argument: str, allowed: Iterable[str]) -> str:
    """One of `allowed` strings (case-insensitive)."""
    options = list(allowed)
    text = str(getattr(value, "value", value))
    for option in options:
        if text.lower() == option.lower():
            return option
    listed = ", ".join(repr(option) for option in options)
    raise ArgumentError(argument, value, f"use one of {listed}")


def id_list(values: Any, argument: str, *, most: int | None = None) -> list[int]:
    """A non-empty list of positive ids, at most `most` of them."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ArgumentError(argument, values, "give a list of ids")
    ids = [positive_id(value, argument) for value in values]
    if not ids:
        raise ArgumentError(argument, values, "give at least one id")
    if most is not None and len(ids) > most:
        raise ArgumentError(
            argument, f"<{len(ids)} ids>", f"the API takes at most {most} per request"
        )
    return ids


def flag(value: Any, argument: str) -> bool:
    """A yes/no option: `True` or `False` only (`'yes'`, `0` or `None` are refused)."""
    if not isinstance(value, bool):
        raise ArgumentError(argument, value, "must be True or False")
    return value


def mods(value: Any, argument: str) -> Mods:
    """Mods from `"HDDT"`, a bitmask, a list of acronyms or lazer mod objects.

    Acronyms osuframes does not know are refused here, naming them: a typo like `"HDXX"`
    would otherwise ask the API for a mod that matches nothing, and give no rows.
    """
    try:
        given = Mods(value)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(argument, value, str(exc)) from None
    if given.unknown:
        raise ArgumentError(
            argument,
            value,
            f"unknown mod acronym(s) {', '.join(given.unknown)}; use known acronyms like "
            "HD, HR, DT, NC, FL, EZ, HT, NF, SD, PF, CL (see osuframes.models.LEGACY_MOD_BITS)",
        )
    return given


def timestamp(value: Any, argument: str) -> str:
    """An ISO 8601 timestamp from a datetime or a string."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and value:
        return value
    raise ArgumentError(argument, value, "give a datetime or an ISO 8601 string")


def cursor_string(value: Any, argument: str = "cursor_string") -> str | None:
    """A `cursor_string` from a previous page (an opaque non-empty string), or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ArgumentError(
            argument, value, "pass the cursor_string of the previous page (a non-empty string)"
        )
    return value


def text(value: Any, argument: str) -> str:
    """A non-empty string (a message, title, post body or path segment)."""
    if not isinstance(value, str) or not value.strip():
        raise ArgumentError(argument, value, "give a non-empty string")
    return value

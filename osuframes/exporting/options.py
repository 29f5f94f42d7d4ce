"""The options of an export dataset: declared once, most of them read from its function.

A dataset that mirrors a notebook function (`beatmapsets` is `search_beatmapsets`) takes
that function's keyword arguments as its options, read from its signature, so an
argument is declared in one place. Each value is checked and put in a canonical form
(the text of the command line or a Python value give the same parameters, which the
manifest records and a resume compares); the endpoint then checks the values it
understands before any request, when the first calls are built.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from osuframes.config import switch
from osuframes.errors import ConfigError
from osuframes.exporting.ids import ExportInputError

__all__ = ["Kind", "Option", "country_code", "options_of"]

Kind = Literal["text", "flag", "number", "id or name", "list"]
"""How a value is read: as it is, true/false, a positive whole number, a number when it
is digits (a user id or a username), a comma-separated list."""

# Keywords of the notebook functions that are about running, not about the data.
_NOT_OPTIONS = frozenset({"progress", "fresh", "client", "errors"})


@dataclass(frozen=True)
class Option:
    """One option of a dataset: how its value is read, its default, the values allowed.

    Attributes:
        name: its keyword (`only_video`; `--only-video` on the command line).
        default: the value when it is not given.
        choices: the values allowed, when the option is closed.
        kind: how a value is read (see `Kind`).
        country: a two-letter country code, upper-cased.
    """

    name: str
    default: Any = None
    choices: tuple[str, ...] = ()
    kind: Kind = "text"
    country: bool = False

    def check(self, dataset: str, value: Any) -> Any:
        """The canonical value of `value` (the default for None).

        Raises:
            ExportInputError: a value this option cannot take.
        """
        if value is None:
            return self.default
        where = f"{dataset} --{self.name.replace('_', '-')}"
        if self.kind == "flag":
            return _flag(value, where)
        if self.kind == "number" or (self.kind == "id or name" and _is_whole(value)):
            return _number(value, where)
        if self.kind == "list":
            items = value.split(",") if isinstance(value, str) else list(value)
            return [str(item).strip() for item in items if str(item).strip()]
        text = str(value)
        if self.choices and text not in self.choices:
            raise ExportInputError(f"{where} {text!r}: use one of {', '.join(self.choices)}")
        return country_code(text, where) if self.country else text


def _is_whole(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.strip().isdecimal()
    )


def _flag(value: Any, where: str) -> bool:
    try:
        return switch(value, where)
    except ConfigError as error:
        raise ExportInputError(str(error)) from None


def _number(value: Any, where: str) -> int:
    if not _is_whole(value) or int(value) < 1:
        raise ExportInputError(f"{where} {value!r}: give a positive whole number")
    return int(value)


def country_code(text: str, name: str) -> str:
    """A two-letter country code, upper case (`jp` → `JP`)."""
    if not (len(text) == 2 and text.isascii() and text.isalpha()):
        raise ExportInputError(f"{name} {text!r}: give a two-letter country code (JP, US, …)")
    return text.upper()


def options_of(
    function: Callable[..., Any],
    *,
    leave_out: Iterable[str] = (),
    lists: Iterable[str] = (),
    defaults: dict[str, Any] | None = None,
) -> tuple[Option, ...]:
    """The arguments of a notebook function that have defaults, as options, in its order.

    Args:
        function: the notebook function (`osuframes.search_beatmapsets`).
        leave_out: arguments the dataset sets itself (the ids, a fixed `limit`).
        lists: arguments that take several values (`rank`: `S,A`).
        defaults: defaults other than the function's.
    """
    skipped = _NOT_OPTIONS | set(leave_out)
    listed = set(lists)
    chosen = defaults or {}
    options = []
    for parameter in inspect.signature(function).parameters.values():
        keyword = parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
        if not keyword or parameter.default is parameter.empty or parameter.name in skipped:
            continue
        kind = "list" if parameter.name in listed else _kind(str(parameter.annotation))
        default = chosen.get(parameter.name, parameter.default)
        options.append(Option(parameter.name, default, kind=kind))
    return tuple(options)


def _kind(annotation: str) -> Kind:
    """How to read a value, from the annotation's text (`bool | None` → a flag)."""
    types = {part.strip() for part in annotation.split("|")} - {"None"}
    if types == {"bool"}:
        return "flag"
    if types == {"int"}:
        return "number"
    if types == {"int", "str"}:
        return "id or name"
    return "text"

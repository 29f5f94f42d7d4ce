"""The filters of `beatmapsets/search`, read as osu-web's BeatmapsetSearchRequestParams does.

The server reads `c`, `e`, `g`, `l`, `m`, `nsfw`, `page`, `played`, `q`/`query`, `r`,
`s` and `sort`; `q` may hold `key<op>value` terms (`stars>6 ar<9 status=ranked`,
BeatmapsetQueryParser) which filter one difficulty (a nested query), and the rest are
keywords. Unknown values are dropped, as the server drops them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .beatmaps import STATUSES

#: `key<op>value`, the pattern of BeatmapsetQueryParser (quoted values allowed).
_TERM = re.compile(r'\b(?P<key>\w+)(?P<op>:|=|[><][:=]?)(?P<value>"(?:\\"|.)*?"|\S*)', re.I)
#: Float terms on one difficulty, with the tolerance the server allows around `=`.
FLOAT_TERMS = {"stars": 0.005, "star": 0.005, "ar": 0.05, "cs": 0.05, "od": 0.05, "dr": 0.05,
               "hp": 0.05, "bpm": 0.005}  # fmt: skip
_ALIASES = {"star": "stars", "hp": "dr"}
TEXT_TERMS = ("artist", "creator", "title")
EXTRAS = ("video", "storyboard")
GENERALS = ("recommended", "converts", "follows", "spotlights", "featured_artists")
RANKS = ("XH", "X", "SH", "S", "A", "B", "C", "D")
PLAYED = ("played", "unplayed")
#: `s` as the site's old numeric status values (LEGACY_STATUS_MAP).
LEGACY_STATUS = {"0": "ranked", "2": "favourites", "3": "qualified", "4": "pending",
                 "5": "graveyard", "6": "mine", "7": "any", "8": "loved"}  # fmt: skip


@dataclass(frozen=True)
class Range:
    """A numeric range; each bound inclusive or not."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def holds(self, value: float) -> bool:
        """Whether `value` is inside."""
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        return not (
            self.high is not None and (value >= self.high if self.high_open else value > self.high)
        )


@dataclass(frozen=True)
class SearchFilters:
    """Everything one search request filters by (the ground truth builds the same)."""

    keywords: str = ""
    mode: int | None = None
    status: str = "leaderboard"
    genre: int | None = None
    language: int | None = None
    nsfw: bool = False
    extras: frozenset[str] = frozenset()
    generals: frozenset[str] = frozenset()
    played: str | None = None
    ranks: frozenset[str] = frozenset()
    user_id: int | None = None
    #: Per-difficulty ranges (stars, ar, cs, od, dr, bpm) and the status range.
    nested: dict[str, Range] = field(default_factory=dict)
    status_range: Range | None = None
    text: dict[str, str] = field(default_factory=dict)


def parse_query(query: str) -> tuple[str, dict[str, Range], Range | None, dict[str, str]]:
    """Keywords, difficulty ranges, status range and text terms of a `q`."""
    nested: dict[str, Range] = {}
    texts: dict[str, str] = {}
    status: list[Range] = []

    def take(match: re.Match[str]) -> str:
        key, op = match["key"].lower(), match["op"].replace(":", "=")
        value = match["value"]
        if key in FLOAT_TERMS:
            bound = _float_range(op, value, FLOAT_TERMS[key])
            if bound is not None:
                nested[_ALIASES.get(key, key)] = bound
                return ""
        elif key == "status":
            state = _state(value)
            if state is not None:
                status.append(_int_range(op, state))
                return ""
        elif key in TEXT_TERMS and op == "=" and value.strip('"'):
            texts[key] = value.strip('"').lower()
            return ""
        return match[0]

    keywords = _TERM.sub(take, query).strip()
    return keywords, nested, (status[-1] if status else None), texts


def _float_range(op: str, text: str, tolerance: float) -> Range | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return {
        "=": Range(value - tolerance, value + tolerance),
        "<": Range(high=value - tolerance),
        "<=": Range(high=value + tolerance),
        ">": Range(low=value + tolerance),
        ">=": Range(low=value - tolerance),
    }[op]


def _int_range(op: str, value: int) -> Range:
    return {
        "=": Range(value, value),
        "<": Range(high=value, high_open=True),
        "<=": Range(high=value),
        ">": Range(low=value, low_open=True),
        ">=": Range(low=value),
    }[op]


def _state(text: str) -> int | None:
    """`statePrefixSearch`: a state id, or the first state name the text begins."""
    text = text.strip('"').lower()
    if not text:
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    return next((value for name, value in STATUSES.items() if name.startswith(text)), None)


def filters_from(params: Any, user_id: int | None, statuses: tuple[str, ...]) -> SearchFilters:
    """The filters of a request's parameters (a `Params`), as the server reads them."""
    query = (params.get_str("q") or params.get_str("query") or "").strip()
    keywords, nested, status_range, texts = parse_query(query)
    status = params.get_str("s") or "leaderboard"
    status = LEGACY_STATUS.get(status, status)
    mode = params.get_int("m")
    return SearchFilters(
        keywords=keywords,
        mode=mode if mode is not None and 0 <= mode < 4 else None,
        status=status if status in statuses else "leaderboard",
        genre=params.get_int("g"),
        language=params.get_int("l"),
        nsfw=bool(params.get_bool("nsfw", False)),
        extras=_dotted(params.get_str("e"), EXTRAS),
        generals=_dotted(params.get_str("c"), GENERALS),
        played=played if (played := params.get_str("played")) in PLAYED else None,
        ranks=_dotted(params.get_str("r"), RANKS),
        user_id=user_id,
        nested=nested,
        status_range=status_range,
        text=texts,
    )


def _dotted(value: str | None, allowed: tuple[str, ...]) -> frozenset[str]:
    return frozenset(part for part in (value or "").split(".") if part in allowed)

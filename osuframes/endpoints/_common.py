"""Pieces several endpoint modules share: score formats, ruleset paths, limit/offset."""

from __future__ import annotations

from typing import Any, Literal

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call
from osuframes.models import Gamemode, LazerScore, Score

__all__ = [
    "FRIENDS_API_VERSION",
    "LAZER_SCORES_API_VERSION",
    "LEGACY_SCORES_API_VERSION",
    "ScoreKind",
    "lazer_only",
    "limit_offset",
    "mode_segment",
    "optional_mode",
    "score_format",
]

# Scores come in the legacy format below this x-api-version and in the lazer format from
# it on (spec §6); `new_format=False` asks for the last version before the switch.
LAZER_SCORES_API_VERSION = 20220705
LEGACY_SCORES_API_VERSION = LAZER_SCORES_API_VERSION - 1
# `GET friends` returns UserRelation objects from this version on (spec §6).
FRIENDS_API_VERSION = 20241022

ScoreKind = Literal["best", "firsts", "recent", "pinned"]


def score_format(new_format: bool) -> tuple[int, Any, Any]:
    """The x-api-version, list type and item model for legacy or lazer scores."""
    if args.flag(new_format, "new_format"):
        return LAZER_SCORES_API_VERSION, list[LazerScore], LazerScore
    return LEGACY_SCORES_API_VERSION, list[Score], Score


def optional_mode(mode: Any, argument: str = "mode") -> str | None:
    """The API name of a ruleset (`osu`, `taiko`, `fruits`, `mania`), or None."""
    return None if mode is None else args.enum(mode, argument, Gamemode).value


def mode_segment(mode: Any, argument: str = "mode") -> str:
    """`/osu` (etc.) for a path that takes an optional ruleset, or ''."""
    value = optional_mode(mode, argument)
    return "" if value is None else f"/{value}"


def lazer_only(path: str) -> Call:
    """A read the server gives only to osu!lazer's tokens (scope `*`, a user's).

    Such routes carry no `require-scopes:<x>` middleware, so osu-web demands `*`, which
    only osu!lazer's own client can get (spec §1.2).
    """
    return Call("GET", path, scopes=frozenset({"*"}), needs_user=True)


def limit_offset(limit: int | None, offset: int | None) -> dict[str, int | None]:
    """`limit` (1..100) and `offset` (≥ 0) parameters, left out when not given."""
    return {
        "limit": None if limit is None else args.in_range(limit, "limit", 1, 100),
        "offset": None if offset is None else args.in_range(offset, "offset", 0, 10**9),
    }

"""How long the response cache serves an answer: lifetimes declared beside each endpoint.

Each cacheable endpoint says in its `@endpoint(cache=...)` which *family* its answers
belong to (`rankings`, `beatmaps`, …) and how long they keep: `Lifetime.LONG` (30 days)
for answers that no longer change, `Lifetime.SHORT` (10 minutes) for moving ones. Some
answers are final only in some states (a ranked beatmapset, a finished match); their
rule reads the answer to decide. An endpoint that declares nothing is never cached (the
logged-in user's own answers, chat, writes). `configure(cache_ttl={"rankings": 3600})`
overrides a family's lifetime.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = ["FAMILIES", "CacheRule", "Lifetime", "cached", "finished_match", "ranked_beatmaps"]


class Lifetime(Enum):
    """How long an answer is served from the cache, in seconds."""

    #: Answers that do not change any more: finished matches, ranked beatmaps, past builds.
    LONG = 30 * 24 * 3600.0
    #: Moving answers: rankings, profiles, user scores, feeds, searches, rooms.
    SHORT = 10 * 60.0


@dataclass(frozen=True)
class CacheRule:
    """The cache family of an endpoint and how long its answers keep.

    Attributes:
        family: the name used by `configure(cache_ttl=...)` and `osuframes cache clear
            --family`.
        lifetime: how long an answer keeps.
        long_when: for a SHORT family, a test of the decoded answer: when it holds, the
            answer is final and keeps for `Lifetime.LONG`.
    """

    family: str
    lifetime: Lifetime
    long_when: Callable[[Any], bool] | None = None

    def ttl_s(self, decoded: Callable[[], Any], overrides: Mapping[str, float]) -> float:
        """Seconds an answer is served for (a family override wins).

        `decoded()` gives the decoded answer; it is called only when `long_when` reads it
        (a page kept as bytes is not decoded for a rule that does not).
        """
        if self.family in overrides:
            return overrides[self.family]
        if self.long_when is not None and self.long_when(decoded()):
            return Lifetime.LONG.value
        return self.lifetime.value


#: The name of every family an endpoint declared (filled as endpoint modules load).
FAMILIES: set[str] = set()


def cached(
    family: str, lifetime: Lifetime, *, long_when: Callable[[Any], bool] | None = None
) -> CacheRule:
    """The rule for `@endpoint(cache=...)`; registers the family's name."""
    FAMILIES.add(family)
    return CacheRule(family, lifetime, long_when)


# Beatmapsets in these states no longer change (osu-web `Beatmapset::STATES`); pending,
# WIP, qualified and graveyard sets may be updated or change state.
_SETTLED_STATES = frozenset({"ranked", "approved", "loved"})


def ranked_beatmaps(data: Any) -> bool:
    """Whether an answer of beatmaps or beatmapsets holds only ranked, approved or loved
    ones (a beatmap, a beatmapset, or `{"beatmaps": [...]}`)."""
    if isinstance(data, dict) and "status" in data:
        return data["status"] in _SETTLED_STATES
    if isinstance(data, dict) and isinstance(data.get("beatmaps"), list):
        items = data["beatmaps"]
        return bool(items) and all(ranked_beatmaps(item) for item in items)
    return False


def finished_match(data: Any) -> bool:
    """Whether a legacy match answer (`GET matches/{match}`) is of a finished match."""
    match = data.get("match") if isinstance(data, dict) else None
    return isinstance(match, dict) and match.get("end_time") is not None

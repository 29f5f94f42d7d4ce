"""Beatmapset search (Elasticsearch-like cursors) and beatmap packs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ._rng import NOW, iso, rng
from .beatmaps import LEADERBOARD, Beatmaps, SetCore

SEARCH_PAGE = 50
PACK_PAGE = 100
PACK_TYPES = {
    "standard": ("S", 300),
    "featured": ("F", 40),
    "tournament": ("P", 30),
    "loved": ("L", 20),
    "chart": ("R", 20),
    "theme": ("T", 20),
    "artist": ("A", 20),
}
STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "any": ("ranked", "approved", "qualified", "loved", "pending", "wip", "graveyard"),
    "leaderboard": tuple(sorted(LEADERBOARD)),
    "ranked": ("ranked", "approved"),
    "qualified": ("qualified",),
    "loved": ("loved",),
    "pending": ("pending", "wip"),
    "wip": ("wip",),
    "graveyard": ("graveyard",),
}
SORT_FIELDS: dict[str, tuple[str, Callable[[SetCore], Any]]] = {
    "ranked": ("approved_date", lambda c: int((c.ranked or c.submitted).timestamp() * 1000)),
    "plays": ("play_count", lambda c: c.play_count),
    "favourites": ("favourite_count", lambda c: c.favourite_count),
    "updated": ("last_update", lambda c: int(c.updated.timestamp() * 1000)),
    "title": ("title.raw", lambda c: c.title.lower()),
    "artist": ("artist.raw", lambda c: c.artist.lower()),
    "difficulty": ("difficultyrating", lambda c: min(c.stars)),
    "rating": ("rating", lambda c: (c.id % 400) / 100),
}


class SearchError(ValueError):
    """A 422 from search (bad cursor or parameters)."""


def default_sort(query: str, status: str) -> str:
    """osu-web's default sort: relevance with a query, else by ranked or updated date."""
    if query:
        return "relevance_desc"
    return "updated_desc" if status in ("pending", "wip", "graveyard") else "ranked_desc"


class Search:
    """Beatmapset search and beatmap packs over the world's beatmapsets."""

    def __init__(self, seed: int, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.beatmaps = beatmaps

    def _relevance(self, core: SetCore, terms: list[str]) -> float:
        text = f"{core.artist} {core.title} {core.tags} {core.id}".lower()
        hits = sum(text.count(t) * 3 for t in terms)
        return round(hits + (core.id % 997) / 1000, 5)

    def matches(
        self, query: str = "", mode: int | None = None, status: str = "leaderboard"
    ) -> list[SetCore]:
        """Sets matching q/m/s, unsorted."""
        terms = query.lower().split()
        allowed = STATUS_FILTERS.get(status, STATUS_FILTERS["leaderboard"])
        out = []
        for core in self.beatmaps.all_cores():
            if core.status not in allowed:
                continue
            if mode is not None and mode not in core.modes:
                continue
            if terms:
                creator = self.beatmaps.users.core(core.creator_id).username.lower()
                text = f"{core.artist} {core.title} {core.tags} {creator} {core.id}".lower()
                if not all(t in text for t in terms):
                    continue
            out.append(core)
        return out

    def sorted_keys(
        self, cores: list[SetCore], sort: str, query: str
    ) -> tuple[list[tuple[Any, int]], str, bool]:
        """(sort value, id) per set in result order, the cursor field name, and descending."""
        field, _, direction = sort.partition("_")
        desc = direction != "asc"
        terms = query.lower().split()
        value: Callable[[SetCore], Any]
        if field == "relevance":
            name = "_score"

            def value(c: SetCore) -> Any:
                return self._relevance(c, terms)

        elif field in SORT_FIELDS:
            name, value = SORT_FIELDS[field]
        else:
            raise SearchError("invalid sort")
        keys = sorted(((value(c), c.id) for c in cores), reverse=desc)
        return keys, name, desc

    def search(
        self,
        query: str,
        mode: int | None,
        status: str,
        sort: str,
        cursor: dict[str, Any] | None,
        page: int | None,
    ) -> tuple[list[int], int, dict[str, Any] | None]:
        """One page: set ids, total and the next cursor (None on the last page)."""
        cores = self.matches(query, mode, status)
        keys, name, desc = self.sorted_keys(cores, sort, query)
        start = 0
        if cursor is not None:
            if set(cursor) != {name, "id"}:
                raise SearchError("Cursor parameters do not match sort parameters.")
            try:
                probe = (
                    type(keys[0][0])(cursor[name]) if keys else cursor[name],
                    int(cursor["id"]),
                )
            except (TypeError, ValueError) as exc:
                raise SearchError("Invalid cursor.") from exc
            start = next(
                (i for i, k in enumerate(keys) if (k < probe if desc else k > probe)),
                len(keys),
            )
        elif page is not None and page > 1:
            start = min((page - 1) * SEARCH_PAGE, 10000)
        window = keys[start : start + SEARCH_PAGE + 1]
        has_more = len(window) > SEARCH_PAGE and (cursor is not None or start + SEARCH_PAGE < 10000)
        window = window[:SEARCH_PAGE]
        nxt = {name: window[-1][0], "id": window[-1][1]} if has_more and window else None
        return [k[1] for k in window], len(cores), nxt

    # -- packs ------------------------------------------------------------------------
    def packs(self, kind: str) -> list[dict[str, Any]]:
        """Packs of one type, newest (highest pack_id) first, with their pack_id."""
        prefix, count = PACK_TYPES[kind]
        kinds = list(PACK_TYPES)
        out = []
        for n in range(1, count + 1):
            pack_id = n * 10 + kinds.index(kind)
            out.append({"pack_id": pack_id, **self.pack(f"{prefix}{n}", with_sets=False)})
        return sorted(out, key=lambda p: -p["pack_id"])

    def pack_exists(self, tag: str) -> bool:
        """Whether a pack tag exists."""
        for prefix, count in PACK_TYPES.values():
            if tag.startswith(prefix) and tag[len(prefix) :].isdigit():
                return 1 <= int(tag[len(prefix) :]) <= count
        return False

    def pack(self, tag: str, *, with_sets: bool, user_id: int | None = None) -> dict[str, Any]:
        """A pack by tag, optionally with its beatmapsets and completion data."""
        r = rng(self.seed, "pack", tag)
        n = int(tag[1:])
        date = NOW - timedelta(days=(400 - n) * 5)
        out: dict[str, Any] = {
            "author": self.beatmaps.users.core(
                self.beatmaps.core(1 + n * 7 % 5000).creator_id
            ).username,
            "date": iso(date).replace("+00:00", ".000000Z"),
            "name": f"Beatmap Pack #{n} ({tag})",
            "no_diff_reduction": False,
            "ruleset_id": None,
            "tag": tag,
            "url": f"https://packs.ppy.sh/{tag}.zip",
        }
        if with_sets:
            ranked = [c.id for c in self.beatmaps.all_cores() if c.status in LEADERBOARD]
            sets = sorted(r.sample(ranked, r.randint(5, 15)))
            out["beatmapsets"] = [self.beatmaps.set_extended(s) for s in sets]
            done = sets[: len(sets) // 3] if user_id else []
            out["user_completion_data"] = {
                "completed": len(done) == len(sets),
                "beatmapset_ids": done,
            }
        return out

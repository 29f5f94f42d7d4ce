"""Beatmapset search (Elasticsearch-like cursors) and beatmap packs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ._rng import NOW, iso, rng
from .beatmaps import LEADERBOARD, STATUSES, Beatmaps, SetCore
from .rng_helpers import friend_ids
from .score_core import ScoreCore
from .scores import Scores
from .search_filters import SearchFilters

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
    "nominations": ("nominations", lambda c: 2 if c.status in LEADERBOARD else c.id % 2),
}
#: `recommended_difficulty` the sandbox answers a logged-in user; `c=recommended` keeps
#: difficulties within half a star of it.
RECOMMENDED_DIFFICULTY = 4.5
#: Difficulty attributes a `q` term can filter, by their BeatmapExtended keys.
_ATTRIBUTES = {"stars": "difficulty_rating", "ar": "ar", "cs": "cs", "od": "accuracy",
               "dr": "drain", "bpm": "bpm"}  # fmt: skip


class SearchError(ValueError):
    """A 422 from search (bad cursor or parameters)."""


def default_sort(query: str, status: str) -> str:
    """osu-web's default sort: relevance with a query, else by ranked or updated date."""
    if query:
        return "relevance_desc"
    return "updated_desc" if status in ("pending", "wip", "graveyard", "mine") else "ranked_desc"


class Search:
    """Beatmapset search and beatmap packs over the world's beatmapsets."""

    def __init__(self, seed: int, beatmaps: Beatmaps, scores: Scores) -> None:
        self.seed = seed
        self.beatmaps = beatmaps
        self.scores = scores

    def _relevance(self, core: SetCore, terms: list[str]) -> float:
        text = f"{core.artist} {core.title} {core.tags} {core.id}".lower()
        hits = sum(text.count(t) * 3 for t in terms)
        return round(hits + (core.id % 997) / 1000, 5)

    def matches(self, filters: SearchFilters) -> list[SetCore]:
        """Sets matching every filter, unsorted."""
        allowed = STATUS_FILTERS.get(filters.status, STATUS_FILTERS["leaderboard"])
        by_play = filters.played is not None or bool(filters.ranks)
        if by_play and not self._is_supporter(filters.user_id):
            return []  # BeatmapsetSearchParams::shouldReturnEmptyResponse
        grades = self._grades(filters) if by_play else {}
        return [
            core
            for core in self.beatmaps.all_cores()
            if core.status in allowed
            and self._set_matches(core, filters, grades)
            and self._difficulty_matches(core, filters, grades)
        ]

    def _is_supporter(self, user_id: int | None) -> bool:
        return user_id is not None and self.beatmaps.users.core(user_id).is_supporter

    def _grades(self, f: SearchFilters) -> dict[int, str]:
        """The grade of the user's top score (by total) on each beatmap they played in
        the searched ruleset, or in any (BeatmapsetSearch::getPlayedBeatmapIds)."""
        top: dict[int, ScoreCore] = {}
        for mode in range(4) if f.mode is None else (f.mode,):
            for score in self.scores.user_plays(f.user_id or 0, mode):
                best = top.get(score.beatmap_id)
                if best is None or best.total_score < score.total_score:
                    top[score.beatmap_id] = score
        return {beatmap: score.rank for beatmap, score in top.items()}

    def _set_matches(self, core: SetCore, f: SearchFilters, grades: dict[int, str]) -> bool:
        """The filters on the set itself (keywords, g, l, nsfw, e, c, r, text terms)."""
        users = self.beatmaps.users
        creator = users.core(core.creator_id).username.lower()
        text = f"{core.artist} {core.title} {core.tags} {creator} {core.id}".lower()
        if not all(term in text for term in f.keywords.lower().split()):
            return False
        fields = {"artist": core.artist.lower(), "title": core.title.lower(), "creator": creator}
        if any(value not in fields[key] for key, value in f.text.items()):
            return False
        checks = (
            (f.genre is None or core.genre_id == f.genre),
            (f.language is None or core.language_id == f.language),
            (f.nsfw or not core.nsfw),
            ("video" not in f.extras or core.video),
            ("storyboard" not in f.extras or core.id % 5 == 0),
            ("spotlights" not in f.generals or core.id % 97 == 0),
            ("featured_artists" not in f.generals or core.id % 17 == 0),
        )
        if not all(checks):
            return False
        follows = f.user_id is not None and "follows" in f.generals
        if follows and core.creator_id not in friend_ids(self.seed, users, f.user_id or 0):
            return False
        # `unplayed` is a must_not on the whole set: none of its difficulties played.
        if f.played == "unplayed" and any(b in grades for b in self._own_beatmaps(core)):
            return False
        return f.status_range is None or f.status_range.holds(STATUSES[core.status])

    def _own_beatmaps(self, core: SetCore) -> list[int]:
        return [core.id * 10 + k for k in range(len(core.modes))]

    def _difficulty_matches(self, core: SetCore, f: SearchFilters, grades: dict[int, str]) -> bool:
        """Whether one difficulty (a convert with `c=converts`) meets the nested filters."""
        for k, own in enumerate(core.modes):
            beatmap_id = core.id * 10 + k
            modes = [own]
            if own == 0 and "converts" in f.generals:
                modes += [1, 2, 3]
            for mode in modes:
                if f.mode is not None and mode != f.mode:
                    continue
                # `played` and `r` are nested filters: the same difficulty must match.
                if f.played == "played" and beatmap_id not in grades:
                    continue
                if f.ranks and grades.get(beatmap_id) not in f.ranks:
                    continue
                if f.nested or ("recommended" in f.generals and f.user_id is not None):
                    attributes = self.beatmaps.beatmap_extended(beatmap_id, mode_int=mode)
                    if not self._in_ranges(attributes, f):
                        continue
                return True
        return False

    def _in_ranges(self, attributes: dict[str, Any], f: SearchFilters) -> bool:
        if any(not bound.holds(attributes[_ATTRIBUTES[key]]) for key, bound in f.nested.items()):
            return False
        if "recommended" in f.generals and f.user_id is not None:
            return bool(abs(attributes["difficulty_rating"] - RECOMMENDED_DIFFICULTY) <= 0.5)
        return True

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

        elif field == "creator":
            name = "creator.raw"
            users = self.beatmaps.users

            def value(c: SetCore) -> Any:
                return users.core(c.creator_id).username.lower()

        elif field in SORT_FIELDS:
            name, value = SORT_FIELDS[field]
        else:
            raise SearchError("invalid sort")
        keys = sorted(((value(c), c.id) for c in cores), reverse=desc)
        return keys, name, desc

    def search(
        self,
        filters: SearchFilters,
        sort: str,
        cursor: dict[str, Any] | None,
        page: int | None,
    ) -> tuple[list[int], int, dict[str, Any] | None]:
        """One page: set ids, total and the next cursor (None on the last page)."""
        cores = self.matches(filters)
        keys, name, desc = self.sorted_keys(cores, sort, filters.keywords)
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

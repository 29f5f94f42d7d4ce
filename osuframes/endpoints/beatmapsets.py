"""Beatmapsets: one by id or by a beatmap, the search, and a set's ratings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import lazer_only
from osuframes.endpoints._paging import CursorString
from osuframes.http.lifetimes import Lifetime, cached, ranked_beatmaps
from osuframes.models import Beatmapset, BeatmapsetRatings, BeatmapsetSearch, Gamemode, ScoreRank

__all__ = ["BeatmapsetEndpoints"]

# Beatmapset search filters as the site sends them (osu-web BeatmapsetSearchRequestParams).
_CATEGORIES = (
    "any",
    "leaderboard",
    "ranked",
    "qualified",
    "loved",
    "favourites",
    "pending",
    "wip",
    "graveyard",
    "mine",
)
_SORT_FIELDS = (
    "artist",
    "creator",
    "difficulty",
    "favourites",
    "nominations",
    "plays",
    "ranked",
    "rating",
    "relevance",
    "title",
    "updated",
)
_PLAYED = ("any", "played", "unplayed")
_GENRES = {
    "unspecified": 1,
    "video game": 2,
    "anime": 3,
    "rock": 4,
    "pop": 5,
    "other": 6,
    "novelty": 7,
    "hip hop": 9,
    "electronic": 10,
    "metal": 11,
    "classical": 12,
    "folk": 13,
    "jazz": 14,
}
_LANGUAGES = {
    "unspecified": 1,
    "english": 2,
    "japanese": 3,
    "chinese": 4,
    "instrumental": 5,
    "korean": 6,
    "french": 7,
    "german": 8,
    "swedish": 9,
    "spanish": 10,
    "italian": 11,
    "russian": 12,
    "polish": 13,
    "other": 14,
}


def _named_id(value: Any, argument: str, table: Mapping[str, int]) -> int:
    """An id of `table` from the id itself or its name (any case, `_`/`-` as spaces)."""
    if isinstance(value, int) and not isinstance(value, bool) and value in table.values():
        return value
    if isinstance(value, str):
        key = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        if key in table:
            return table[key]
        if key.isdigit() and int(key) in table.values():
            return int(key)
    listed = ", ".join(f"{name!r} ({number})" for name, number in table.items())
    raise args.ArgumentError(argument, value, f"use one of {listed}")


def _sort(value: Any) -> str:
    text = str(getattr(value, "value", value)).strip().lower()
    field, _, order = text.rpartition("_")
    if field in _SORT_FIELDS and order in ("asc", "desc"):
        return text
    fields = ", ".join(_SORT_FIELDS)
    raise args.ArgumentError("sort", value, f"use <field>_asc or <field>_desc with field {fields}")


def _ranks(value: Any) -> str | None:
    if value is None:
        return None
    items: Iterable[Any] = [value] if isinstance(value, str) else value
    try:
        ranks = [ScoreRank.parse(item).value for item in items]
    except (TypeError, ValueError) as exc:
        raise args.ArgumentError("rank", value, str(exc)) from None
    if not ranks:
        raise args.ArgumentError("rank", value, "give at least one grade, e.g. ['S', 'A']")
    return ".".join(dict.fromkeys(ranks))


class BeatmapsetEndpoints:
    """Endpoints about beatmapsets. Mixed into `Client`."""

    @endpoint(Beatmapset, cache=cached("beatmaps", Lifetime.SHORT, long_when=ranked_beatmaps))
    def get_beatmapset(self, beatmapset_id: int) -> Call:
        """One beatmapset with all its difficulties (`GET beatmapsets/{beatmapset}`)."""
        beatmapset = args.positive_id(beatmapset_id, "beatmapset_id")
        return Call("GET", f"/api/v2/beatmapsets/{beatmapset}")

    @endpoint(BeatmapsetRatings)
    def get_beatmapset_ratings(self, beatmapset_id: int) -> Call:
        """A set's average rating and the login's own (`GET beatmapsets/{s}/ratings`).

        osu!lazer's own tokens only (scope `*`, a user's): any other token is refused
        before sending, with `MissingScopeError`. Never cached: the answer is the user's.
        """
        beatmapset = args.positive_id(beatmapset_id, "beatmapset_id")
        return lazer_only(f"/api/v2/beatmapsets/{beatmapset}/ratings")

    @endpoint(Beatmapset, cache=cached("beatmaps", Lifetime.SHORT, long_when=ranked_beatmaps))
    def lookup_beatmapset(self, beatmap_id: int) -> Call:
        """The beatmapset a beatmap belongs to (`GET beatmapsets/lookup?beatmap_id=`)."""
        beatmap = args.positive_id(beatmap_id, "beatmap_id")
        return Call("GET", "/api/v2/beatmapsets/lookup", {"beatmap_id": beatmap})

    @endpoint(
        BeatmapsetSearch,
        paging=CursorString(page_size=50),
        items="beatmapsets",
        item=Beatmapset,
        cache=cached("search", Lifetime.SHORT),
    )
    def search_beatmapsets(
        self,
        *,
        query: str | None = None,
        mode: Any = None,
        category: str | None = None,
        show_explicit: bool | None = None,
        genre: int | str | None = None,
        language: int | str | None = None,
        sort: str | None = None,
        only_video: bool = False,
        only_storyboard: bool = False,
        recommended_difficulty: bool = False,
        only_followed: bool = False,
        only_spotlights: bool = False,
        only_featured_artists: bool = False,
        include_converts: bool = False,
        played: str | None = None,
        rank: Any = None,
        cursor_string: str | None = None,
    ) -> Call:
        """One page (50) of the beatmapset search (`GET beatmapsets/search`).

        Follow `cursor_string` for the next page; cursor paging is not bound by the
        10,000-result window of page numbers (osu-api-v2-spec.md §2.1). Parameters are
        sent the way the website sends them (`q`, `m`, `s`, `nsfw`, `g`, `l`, `sort`,
        `e`, `c`, `played`, `r`): the server reads those and nothing else, so there is no
        "bundled" filter (it would come back unfiltered).

        Args:
            query: search text; may hold terms like `stars>6 ar<9 status=ranked` (the
                difficulty terms must hold on one difficulty) or `creator=name`.
            mode: the ruleset (sent as its id, `m=0`..`3`).
            category: any, leaderboard, ranked, qualified, loved, favourites, pending,
                wip, graveyard or mine (the site's default: leaderboard).
            show_explicit: include beatmapsets marked explicit (`nsfw`).
            genre: a genre id or name (`"video game"`, `"anime"`, …).
            language: a language id or name (`"japanese"`, …).
            sort: `<field>_asc`/`_desc` with field artist, creator, difficulty,
                favourites, nominations, plays, ranked, rating, relevance, title, updated.
            only_video / only_storyboard: beatmapsets with a video / storyboard (`e`).
            recommended_difficulty, only_followed, only_spotlights,
                only_featured_artists, include_converts: the general filters (`c`).
            played: any, played or unplayed (osu!supporter only).
            rank: grades achieved, e.g. `["S", "A"]` (osu!supporter only).
            cursor_string: the `cursor_string` of the previous page.
        """
        if query is not None and not isinstance(query, str):
            raise args.ArgumentError("query", query, "give the search text as a string")
        extras = [
            name
            for name, flag, argument in (
                ("video", only_video, "only_video"),
                ("storyboard", only_storyboard, "only_storyboard"),
            )
            if args.flag(flag, argument)
        ]
        general = [
            name
            for name, flag, argument in (
                ("recommended", recommended_difficulty, "recommended_difficulty"),
                ("follows", only_followed, "only_followed"),
                ("spotlights", only_spotlights, "only_spotlights"),
                ("featured_artists", only_featured_artists, "only_featured_artists"),
                ("converts", include_converts, "include_converts"),
            )
            if args.flag(flag, argument)
        ]
        params = {
            "q": query or None,
            "m": None if mode is None else args.enum(mode, "mode", Gamemode).id,
            "s": None if category is None else args.choice(category, "category", _CATEGORIES),
            "nsfw": None if show_explicit is None else args.flag(show_explicit, "show_explicit"),
            "g": None if genre is None else _named_id(genre, "genre", _GENRES),
            "l": None if language is None else _named_id(language, "language", _LANGUAGES),
            "sort": None if sort is None else _sort(sort),
            "e": ".".join(extras) or None,
            "c": ".".join(general) or None,
            "played": None if played is None else args.choice(played, "played", _PLAYED),
            "r": _ranks(rank),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/beatmapsets/search", params)

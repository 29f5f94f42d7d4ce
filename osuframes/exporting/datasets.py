"""The datasets `osuframes export` writes: which notebook function, options, partitions.

Each dataset names the Query that fetches one chunk of ids (or the walk, for datasets
without ids), the options it takes with their defaults and allowed values, and the
options that become hive partitions (`mode=osu/part-00000.parquet`). Most datasets
mirror a notebook function and take its keyword arguments as options
(`osuframes.exporting.options`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from osuframes import api
from osuframes.api._build import ClientLike
from osuframes.exporting.ids import ExportInputError
from osuframes.exporting.options import Option, options_of
from osuframes.frames.schema import RULESETS
from osuframes.query import Query

__all__ = ["DATASETS", "Dataset", "Option", "dataset_named"]

RANKING_TYPES = ("performance", "score", "country", "charts")


Maker = Callable[[list[int] | None, Mapping[str, Any], ClientLike], Query]


@dataclass(frozen=True)
class Dataset:
    """A dataset export can write.

    Attributes:
        name: its name on the command line (`user-bests`).
        make: the Query of one chunk of ids (None for a dataset without ids: the walk).
        options: the options it takes.
        partition: the options whose values name the partition folders.
        takes_ids: whether it is fetched per id (else it is a walk of pages).
        follows: a feed followed for a count or a time (`score-feed`), not a walk to
            its end.
        chunk_size: ids per part by default (pages per part, for a walk).
        description: one line for `--help`.
    """

    name: str
    make: Maker
    options: tuple[Option, ...] = ()
    partition: tuple[str, ...] = ()
    takes_ids: bool = True
    follows: bool = False
    chunk_size: int = 500
    description: str = ""

    def parameters(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The options' values, defaults filled in, every one checked."""
        known = {option.name: option for option in self.options}
        unknown = sorted(set(given) - set(known))
        if unknown:
            allowed = ", ".join(f"--{name.replace('_', '-')}" for name in known) or "none"
            raise ExportInputError(
                f"{self.name}: unknown option {', '.join(unknown)}; it takes {allowed}"
            )
        return {name: option.check(self.name, given.get(name)) for name, option in known.items()}

    def partition_path(self, parameters: Mapping[str, Any]) -> str:
        """The hive partition folder of these parameters (`mode=osu`), or ``""``."""
        return "/".join(f"{name}={parameters[name]}" for name in self.partition)


_MODE = Option("mode", "osu", RULESETS)
# Pages per part of a walk (1,000 rows of a ranking or search): what a resume redoes.
_PAGES = 20


def _score_list(name: str, function: Callable[..., Query], description: str) -> Dataset:
    """A user score list (bests, firsts, recents, pinned): the same options each."""

    def make(ids: list[int] | None, parameters: Mapping[str, Any], client: ClientLike) -> Query:
        return function(ids, mode=parameters["mode"], progress=False, client=client)

    return Dataset(name, make, (_MODE,), ("mode",), description=description)


def _mirror(
    name: str,
    function: Callable[..., Query],
    description: str,
    *,
    takes_ids: bool,
    lists: tuple[str, ...] = (),
    chunk_size: int = 500,
) -> Dataset:
    """A dataset taking a notebook function's keyword arguments as its options."""

    def make(ids: list[int] | None, parameters: Mapping[str, Any], client: ClientLike) -> Query:
        given = (ids or [],) if takes_ids else ()
        return function(*given, **parameters, progress=False, client=client)

    options = options_of(function, lists=lists)
    return Dataset(
        name,
        make,
        options,
        takes_ids=takes_ids,
        chunk_size=chunk_size,
        description=description,
    )


def _users(ids: list[int] | None, parameters: Mapping[str, Any], client: ClientLike) -> Query:
    return api.users(ids or [], progress=False, client=client)


# The parameters of following the feed; the rest are `score_feed`'s.
_FEED_OPTIONS = (
    Option("cursor"),
    Option("count", kind="number"),
    Option("duration", kind="number"),
    Option("poll", 10, kind="number"),
)


def _score_feed(ids: list[int] | None, parameters: Mapping[str, Any], client: ClientLike) -> Query:
    if parameters["count"] is None and parameters["duration"] is None:
        raise ExportInputError(
            "score-feed: give --count N (scores), --duration S (seconds), or both"
        )
    feed = api.score_feed(ruleset=parameters["ruleset"], fresh=True, progress=False, client=client)
    return feed.starting_at(parameters["cursor"])


def _rankings(ids: list[int] | None, parameters: Mapping[str, Any], client: ClientLike) -> Query:
    return api.rankings(
        parameters["mode"],
        parameters["type"],
        country=parameters["country"],
        progress=False,
        client=client,
    )


DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        _score_list("user-bests", api.user_bests, "each user's top plays (at most 200)"),
        _score_list("user-firsts", api.user_firsts, "each user's first-place scores"),
        _score_list("user-recents", api.user_recents, "each user's scores of the last 24 h"),
        _score_list("user-pinned", api.user_pinned, "each user's pinned scores"),
        Dataset("users", _users, chunk_size=1000, description="user profiles, 50 ids a request"),
        _mirror(
            "beatmap-scores",
            api.beatmap_scores,
            "each beatmap's leaderboard (its top 100)",
            takes_ids=True,
        ),
        _mirror(
            "matches",
            api.match_scores,
            "legacy matches: one row per player per game",
            takes_ids=True,
            chunk_size=50,
        ),
        _mirror(
            "match-events",
            api.match_events,
            "the events of legacy matches (the same requests as matches)",
            takes_ids=True,
            chunk_size=50,
        ),
        Dataset(
            "rankings",
            _rankings,
            (_MODE, Option("type", "performance", RANKING_TYPES), Option("country", country=True)),
            ("mode", "type"),
            takes_ids=False,
            chunk_size=_PAGES,
            description="a ranking, every page (the global ones stop at 10,000)",
        ),
        _mirror(
            "beatmapsets",
            api.search_beatmapsets,
            "a beatmapset search, every page (filters as search_beatmapsets)",
            takes_ids=False,
            lists=("rank",),
            chunk_size=_PAGES,
        ),
        _mirror(
            "discussions",
            api.beatmapset_discussions,
            "beatmapset discussions, every page (at most 10,000)",
            takes_ids=False,
            lists=("message_types",),
            chunk_size=_PAGES,
        ),
        Dataset(
            "score-feed",
            _score_feed,
            (*options_of(api.score_feed), *_FEED_OPTIONS),
            takes_ids=False,
            follows=True,
            chunk_size=1,
            description="the /scores feed followed from a cursor for --count scores or "
            "--duration seconds",
        ),
    )
}


def dataset_named(name: str) -> Dataset:
    """The dataset called `name`, or an error listing the ones there are."""
    try:
        return DATASETS[name]
    except KeyError:
        raise ExportInputError(
            f"unknown dataset {name!r}; use one of {', '.join(DATASETS)}"
        ) from None

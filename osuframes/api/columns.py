"""`columns(name)`: the data dictionary of a notebook function's frame, with no request.

Each notebook function that returns a Query is called with arguments that only shape
its frame (the columns do not depend on which ids are asked for), on a client that
never sends anything, and its `Query.columns()` is returned.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable

import pandas as pd

import osuframes.api as of
from osuframes.client import Client
from osuframes.query import Query
from osuframes.sync import portal

__all__ = ["PROBES", "columns", "data_dictionaries"]

PROBES: dict[str, Callable[[Client], Query]] = {
    "beatmap_packs": lambda cl: of.beatmap_packs(client=cl),
    "beatmap_scores": lambda cl: of.beatmap_scores(1, client=cl),
    "beatmaps": lambda cl: of.beatmaps([1], client=cl),
    "beatmapset_discussion_posts": lambda cl: of.beatmapset_discussion_posts(client=cl),
    "beatmapset_discussion_votes": lambda cl: of.beatmapset_discussion_votes(client=cl),
    "beatmapset_discussions": lambda cl: of.beatmapset_discussions(client=cl),
    "beatmapset_events": lambda cl: of.beatmapset_events(client=cl),
    "changelog": lambda cl: of.changelog(client=cl),
    "comments": lambda cl: of.comments(client=cl),
    "events": lambda cl: of.events(client=cl),
    "forum_posts": lambda cl: of.forum_posts(1, client=cl),
    "kudosu_rankings": lambda cl: of.kudosu_rankings(client=cl),
    "match_events": lambda cl: of.match_events(1, client=cl),
    "match_scores": lambda cl: of.match_scores(1, client=cl),
    "multiplayer_matches": lambda cl: of.multiplayer_matches(client=cl),
    "multiplayer_rooms": lambda cl: of.multiplayer_rooms(client=cl),
    "multiplayer_scores": lambda cl: of.multiplayer_scores(1, 1, client=cl),
    "news": lambda cl: of.news(client=cl),
    "rankings": lambda cl: of.rankings("osu", "performance", client=cl),
    "room_events": lambda cl: of.room_events(1, client=cl),
    "score_feed": lambda cl: of.score_feed(client=cl),
    "search_beatmapsets": lambda cl: of.search_beatmapsets(client=cl),
    "tags": lambda cl: of.tags(client=cl),
    "user_beatmap_scores": lambda cl: of.user_beatmap_scores(1, 1, client=cl),
    "user_beatmaps": lambda cl: of.user_beatmaps(1, "favourite", client=cl),
    "user_beatmaps_passed": lambda cl: of.user_beatmaps_passed(1, [1], client=cl),
    "user_bests": lambda cl: of.user_bests(1, client=cl),
    "user_firsts": lambda cl: of.user_firsts(1, client=cl),
    "user_kudosu": lambda cl: of.user_kudosu(1, client=cl),
    "user_most_played": lambda cl: of.user_most_played(1, client=cl),
    "user_pinned": lambda cl: of.user_pinned(1, client=cl),
    "user_recent_activity": lambda cl: of.user_recent_activity(1, client=cl),
    "user_recents": lambda cl: of.user_recents(1, client=cl),
    "users": lambda cl: of.users([1], client=cl),
}
"""Each notebook function that returns a Query, called with arguments that shape its frame."""


def columns(name: str) -> pd.DataFrame:
    """The columns of notebook function `name`'s frame: column, dtype, description, nullable.

    >>> of.columns("user_bests")

    Nothing is sent (no credentials needed): the columns are declared, the same for
    any ids and for an empty result. As `of.user_bests(2).columns()`, for the default
    arguments (`new_format=True` gives lazer-format score columns: ask that Query).

    Raises:
        ValueError: `name` is not a notebook function with a frame (the message lists them).
    """
    return data_dictionaries([name])[name]


def data_dictionaries(names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """`columns(name)` of each name, on one client that never sends a request."""
    wanted = list(names)
    unknown = [name for name in wanted if not isinstance(name, str) or name not in PROBES]
    if unknown:
        raise ValueError(
            f"columns({unknown[0]!r}): not a notebook function with a frame; "
            f"use one of: {', '.join(sorted(PROBES))}"
        )
    with tempfile.TemporaryDirectory() as folder:
        client = _offline_client(folder)
        try:
            return {name: PROBES[name](client).columns() for name in wanted}
        finally:
            portal.call(client.aclose())


def _offline_client(folder: str) -> Client:
    """A client with made-up credentials on an address that does not resolve."""
    return Client(
        client_id=1, client_secret="never-sent", base_url="https://osu.invalid", cache=False,
        cache_dir=folder,
    )  # fmt: skip

"""Notebook functions about beatmaps, beatmapsets, their scores, discussions and rankings."""

from __future__ import annotations

from typing import Any

from osuframes.api._build import ClientLike, Ids, collection, fan_out, single
from osuframes.client import Client
from osuframes.models import (
    Beatmap,
    Beatmapset,
    BeatmapsetRatings,
    LazerScore,
    Score,
    TeamExtended,
)
from osuframes.query import ErrorPolicy, Query

__all__ = [
    "beatmap",
    "beatmap_packs",
    "beatmap_scores",
    "beatmaps",
    "beatmapset",
    "beatmapset_discussion_posts",
    "beatmapset_discussion_votes",
    "beatmapset_discussions",
    "beatmapset_events",
    "beatmapset_ratings",
    "kudosu_rankings",
    "rankings",
    "score",
    "score_feed",
    "search_beatmapsets",
    "team",
]


def beatmap_scores(
    beatmap_ids: Ids,
    *,
    mode: Any = None,
    mods: Any = None,
    type: str | None = None,
    legacy_only: bool | None = None,
    new_format: bool = False,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """The leaderboards (top 100) of one or more beatmaps.

    >>> of.beatmap_scores(2906626).to_frame()
    >>> of.beatmap_scores([2906626, 2395787], mods="HD").to_frame()

    One request per beatmap: the API serves the top 100, without pages.
    """
    return fan_out(
        Client.get_beatmap_scores, "beatmap_id", beatmap_ids, locals(), name="beatmap_scores",
        pinned={"limit": 100},
    )  # fmt: skip


def beatmaps(
    beatmap_ids: Ids,
    *,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Beatmaps by id, with their beatmapsets.

    >>> of.beatmaps([2906626, 2395787]).to_frame()

    Batches of 50 ids per request (the API's maximum); unknown ids are left out.
    """
    return fan_out(
        Client._get_beatmaps_batch, "beatmap_id", beatmap_ids, locals(), batch=50, name="beatmaps"
    )


def search_beatmapsets(
    query: str | None = None,
    *,
    mode: Any = None,
    category: str | None = None,
    sort: str | None = None,
    genre: int | str | None = None,
    language: int | str | None = None,
    show_explicit: bool | None = None,
    only_video: bool = False,
    only_storyboard: bool = False,
    recommended_difficulty: bool = False,
    only_followed: bool = False,
    only_spotlights: bool = False,
    only_featured_artists: bool = False,
    include_converts: bool = False,
    played: str | None = None,
    rank: Any = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Beatmapsets matching a search, as on the website's beatmap listing.

    >>> of.search_beatmapsets("camellia", mode="osu", category="ranked").head(20)

    Cursor pagination, 50 a page, until the results run out (use `head()` or `limit()`
    for broad searches). The filters are `Client.search_beatmapsets`'.
    """
    return collection(Client.search_beatmapsets, locals(), name="search_beatmapsets")


def beatmap_packs(
    type: str | None = None,
    *,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Beatmap packs of one type (standard, featured, tournament, loved, …).

    >>> of.beatmap_packs("tournament").to_frame()

    Cursor pagination, 100 a page.
    """
    return collection(Client.get_beatmap_packs, locals(), name="beatmap_packs")


def beatmapset_events(
    *,
    user: int | str | None = None,
    types: Any = None,
    beatmapset_id: int | None = None,
    min_date: Any = None,
    max_date: Any = None,
    sort: str | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Beatmapset events (nominations, qualifications, ranks, …), newest first.

    >>> of.beatmapset_events(types=["rank"]).head(50)

    Page pagination, 50 a page; the API stops at 10,000 events.
    """
    return collection(
        Client.get_beatmapset_events, locals(), name="beatmapset_events", pinned={"limit": 50}
    )


def beatmapset_discussions(
    *,
    beatmapset_id: int | None = None,
    beatmap_id: int | None = None,
    user: int | str | None = None,
    message_types: Any = None,
    only_unresolved: bool | None = None,
    beatmapset_status: str | None = None,
    sort: str | None = None,
    with_deleted: bool | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Modding discussions; `to_frames()` adds their users, beatmaps and beatmapsets.

    >>> of.beatmapset_discussions(beatmapset_id=1107500).to_frames()

    Cursor pagination (a page number in disguise), 50 a page; at most 10,000 results.
    """
    return collection(
        Client.get_beatmapset_discussions,
        locals(),
        name="beatmapset_discussions",
        pinned={"limit": 50},
    )


def beatmapset_discussion_posts(
    *,
    beatmapset_discussion_id: int | None = None,
    user: int | str | None = None,
    types: Any = None,
    sort: str | None = None,
    with_deleted: bool | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Posts in modding discussions; `to_frames()` adds their users and beatmapsets.

    >>> of.beatmapset_discussion_posts(user=2).to_frame()

    Cursor pagination, 50 a page; at most 10,000 results.
    """
    return collection(
        Client.get_beatmapset_discussion_posts,
        locals(),
        name="beatmapset_discussion_posts",
        pinned={"limit": 50},
    )


def beatmapset_discussion_votes(
    *,
    beatmapset_discussion_id: int | None = None,
    user: int | str | None = None,
    receiver: int | str | None = None,
    score: int | None = None,
    sort: str | None = None,
    with_deleted: bool | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Votes on modding discussions; `to_frames()` adds their users and discussions.

    >>> of.beatmapset_discussion_votes(receiver=2).to_frame()

    Cursor pagination, 50 a page; at most 10,000 results.
    """
    return collection(
        Client.get_beatmapset_discussion_votes,
        locals(),
        name="beatmapset_discussion_votes",
        pinned={"limit": 50},
    )


def rankings(
    mode: Any,
    type: str,
    *,
    country: str | None = None,
    filter: str | None = None,
    spotlight: int | None = None,
    variant: str | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """A ranking (performance, score, country, team, charts), best first.

    >>> of.rankings("osu", "performance", country="JP").to_frame()
    >>> of.rankings("mania", "performance", variant="4k").head(100)

    Cursor pagination, 50 a page; the global rankings stop at 10,000 (200 pages).
    """
    return collection(Client.get_rankings, locals(), args=(mode, type), name="rankings")


def team(
    team: int | str, ruleset: Any = None, *, fresh: bool = False, client: ClientLike = None
) -> TeamExtended:
    """A team with its leader, members and statistics, as a model.

    >>> of.team(1).statistics.performance
    >>> of.team("@T1", "mania").members
    """
    result: TeamExtended = single(Client.get_team, team, ruleset, client=client, fresh=fresh)
    return result


def kudosu_rankings(
    *, progress: bool | None = None, fresh: bool = False, client: ClientLike = None
) -> Query:
    """The users with the most kudosu.

    >>> of.kudosu_rankings().to_frame()

    Page pagination, 50 a page; the API serves 1,000 (20 pages).
    """
    return collection(Client.get_rankings_kudosu, locals(), name="kudosu_rankings")


def score_feed(
    *,
    ruleset: Any = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """The latest submitted scores of everyone, then any newer ones (the `/scores` feed).

    >>> of.score_feed(ruleset="osu").to_frame()

    The API starts at the latest 1,000 scores (oldest first) and its cursor only pages
    forward in time; the Query stops when nothing newer is left (the API then answers
    the same cursor again). Always lazer-format scores.
    """
    return collection(Client.get_scores, locals(), name="score_feed")


def beatmap(beatmap_id: int, *, fresh: bool = False, client: ClientLike = None) -> Beatmap:
    """One beatmap with its beatmapset, failtimes and owners (fetched now).

    >>> of.beatmap(2906626).difficulty_rating
    """
    result: Beatmap = single(Client.get_beatmap, beatmap_id, client=client, fresh=fresh)
    return result


def beatmapset(beatmapset_id: int, *, fresh: bool = False, client: ClientLike = None) -> Beatmapset:
    """One beatmapset with its beatmaps (fetched now).

    >>> of.beatmapset(1107500).title
    """
    result: Beatmapset = single(Client.get_beatmapset, beatmapset_id, client=client, fresh=fresh)
    return result


def beatmapset_ratings(beatmapset_id: int, *, client: ClientLike = None) -> BeatmapsetRatings:
    """A beatmapset's average rating and your own (osu!lazer's tokens only: scope `*`).

    >>> of.beatmapset_ratings(1107500).total_rating
    """
    result: BeatmapsetRatings = single(Client.get_beatmapset_ratings, beatmapset_id, client=client)
    return result


def score(
    score_id: int,
    mode: Any = None,
    *,
    new_format: bool = False,
    fresh: bool = False,
    client: ClientLike = None,
) -> Score | LazerScore:
    """One score (fetched now): by legacy id and ruleset, or by its lazer id alone.

    >>> of.score(4220635589, "osu").pp
    """
    if mode is None:
        lazer: LazerScore = single(Client.get_score_lazer, score_id, client=client, fresh=fresh)
        return lazer
    result: Score | LazerScore = single(
        Client.get_score, score_id, mode, new_format=new_format, client=client, fresh=fresh
    )
    return result

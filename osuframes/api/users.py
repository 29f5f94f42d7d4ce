"""Notebook functions about users: their scores, beatmaps, kudosu and activity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from osuframes.api._build import ClientLike, Ids, collection, endpoint_filters, fan_out, single
from osuframes.api._default import login_client
from osuframes.client import Client
from osuframes.models import BeatmapUserScore, UserExtended
from osuframes.query import ErrorPolicy, Query

__all__ = [
    "events",
    "favourite_beatmapset_ids",
    "me",
    "user",
    "user_beatmap_score",
    "user_beatmap_scores",
    "user_beatmaps",
    "user_beatmaps_passed",
    "user_bests",
    "user_firsts",
    "user_kudosu",
    "user_most_played",
    "user_pinned",
    "user_recent_activity",
    "user_recents",
    "users",
]


_DEFAULT_RULESET = """
    Without `mode`, each user's scores come in that user's own default ruleset (the
    server's rule), so several users' scores mix rulesets: see the `ruleset` column.
    """


def _score_list(name: str, method: Any, doc: str) -> Callable[..., Query]:
    """A notebook function for one of a user's score lists (the same options each)."""

    def scores(
        user_ids: Ids,
        *,
        mode: Any = None,
        legacy_only: bool | None = None,
        new_format: bool = False,
        progress: bool | None = None,
        errors: ErrorPolicy = "collect",
        fresh: bool = False,
        client: ClientLike = None,
    ) -> Query:
        return fan_out(method, "user_id", user_ids, locals(), name=name)

    scores.__name__ = scores.__qualname__ = name
    scores.__doc__ = doc + _DEFAULT_RULESET
    return scores


user_bests = _score_list(
    "user_bests",
    Client.get_user_bests,
    """Top plays of one or more users, as a lazy Query.

    >>> of.user_bests(2).to_frame()
    >>> of.user_bests([2, 4787150], mode="taiko").to_parquet("data/bests.parquet")

    Offset pagination, 100 a page; the API keeps each user's top 200, so at most 2
    requests per user. `new_format=True` gives lazer-format scores.
    """,
)

user_firsts = _score_list(
    "user_firsts",
    Client.get_user_firsts,
    """First-place scores of one or more users, as a lazy Query.

    >>> of.user_firsts(7562902).to_frame()

    Offset pagination, 100 a page, no cap: one request per 100 scores (plus one).
    """,
)

user_pinned = _score_list(
    "user_pinned",
    Client.get_user_pinned,
    """Pinned scores of one or more users, as a lazy Query.

    >>> of.user_pinned(7782553).to_frame()

    Offset pagination, 100 a page.
    """,
)


def user_recents(
    user_ids: Ids,
    *,
    mode: Any = None,
    include_fails: bool = False,
    legacy_only: bool | None = None,
    new_format: bool = False,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Scores of the last 24 hours of one or more users, as a lazy Query.

    >>> of.user_recents(2, include_fails=True).to_frame()

    Offset pagination; the API serves at most 100 per user (offset + limit ≤ 100), so
    one request per user. Without `mode`, each user's own default ruleset (see the
    `ruleset` column).
    """
    return fan_out(Client.get_user_recents, "user_id", user_ids, locals(), name="user_recents")


def user_beatmaps(
    user_ids: Ids,
    type: str,
    *,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Beatmapsets of one kind (favourite, ranked, loved, …) of one or more users.

    >>> of.user_beatmaps(7782553, "favourite").to_frame()

    Offset pagination, 100 a page, no cap.
    """
    return fan_out(
        Client.get_user_beatmaps, "user_id", user_ids, locals(), args=(type,), name="user_beatmaps"
    )


def _per_user(method: Any, name: str, doc: str) -> Callable[..., Query]:
    """A notebook function fetching `method` for one or more users, without options."""

    def collection(
        user_ids: Ids,
        *,
        progress: bool | None = None,
        errors: ErrorPolicy = "collect",
        fresh: bool = False,
        client: ClientLike = None,
    ) -> Query:
        return fan_out(method, "user_id", user_ids, locals(), name=name)

    collection.__name__ = collection.__qualname__ = name
    collection.__doc__ = doc
    return collection


user_most_played = _per_user(
    Client.get_user_most_played,
    "user_most_played",
    """The most played beatmaps of one or more users, with play counts.

    >>> of.user_most_played(7782553).to_frame()

    Offset pagination, 100 a page, no cap.
    """,
)

user_kudosu = _per_user(
    Client.get_user_kudosu,
    "user_kudosu",
    """The kudosu history of one or more users.

    >>> of.user_kudosu(7782553).to_frame()

    Offset pagination; the API serves the latest 100 per user, in one request.
    """,
)

user_recent_activity = _per_user(
    Client.get_user_recent_activity,
    "user_recent_activity",
    """Recent activity (ranks, achievements, uploads, …) of one or more users.

    >>> of.user_recent_activity(2).to_frame()

    Offset pagination; the API serves the latest 100 per user, in one request.
    """,
)


def user_beatmap_scores(
    user_ids: Ids,
    beatmap_id: int,
    *,
    mode: Any = None,
    legacy_only: bool | None = None,
    new_format: bool = False,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Every score of one or more users on one beatmap.

    >>> of.user_beatmap_scores([4787150, 7562902], 2395787).to_frame()

    One request per user (the API answers all of a user's scores at once).
    """
    return fan_out(
        Client.get_user_beatmap_scores, "user_id", user_ids, locals(), args=(beatmap_id,),
        name="user_beatmap_scores",
    )  # fmt: skip


def user_beatmaps_passed(
    user_ids: Ids,
    beatmapset_ids: Ids,
    *,
    ruleset: Any = None,
    exclude_converts: bool | None = None,
    is_legacy: bool | None = None,
    no_diff_reduction: bool | None = None,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Which beatmaps of up to 50 beatmapsets each user has passed.

    >>> of.user_beatmaps_passed([2, 3], [1107500, 39804]).to_frame()

    One request per user, which the server counts once per beatmapset id.
    """
    sets = tuple(beatmapset_ids) if isinstance(beatmapset_ids, Iterable) else beatmapset_ids
    return fan_out(
        Client.get_user_beatmaps_passed, "user_id", user_ids, locals(), args=(sets,),
        name="user_beatmaps_passed",
    )  # fmt: skip


def user_beatmap_score(
    user_id: int,
    beatmap_id: int,
    *,
    mode: Any = None,
    mods: Any = None,
    legacy_only: bool | None = None,
    new_format: bool = False,
    fresh: bool = False,
    client: ClientLike = None,
) -> BeatmapUserScore:
    """A user's best score on a beatmap and its leaderboard position, as a model.

    >>> of.user_beatmap_score(4787150, 2906626).position
    """
    filters = endpoint_filters(Client.get_user_beatmap_score, locals())
    result: BeatmapUserScore = single(
        Client.get_user_beatmap_score, user_id, beatmap_id, **filters, client=client, fresh=fresh
    )
    return result


def favourite_beatmapset_ids(*, client: ClientLike = None) -> list[int]:
    """The logged-in user's favourite beatmapset ids (needs `osuframes login`).

    >>> of.beatmapset(of.favourite_beatmapset_ids()[0]).title
    """
    result: list[int] = single(Client.get_favourite_beatmapset_ids, client=_logged_in(client))
    return result


def users(
    user_ids: Ids,
    *,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Users with their statistics in every ruleset, by id.

    >>> of.users(range(1, 500)).to_frame()

    Batches of 50 ids per request (the API's maximum; each id costs one request of the
    server's budget). Unknown or restricted ids are left out by the API.
    """
    return fan_out(Client._get_users_batch, "user_id", user_ids, locals(), batch=50, name="users")


def events(
    *,
    sort: str | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """The site-wide events feed (ranks, achievements, uploads), newest first.

    >>> of.events().head(20)

    Cursor pagination, 50 a page, until the API's cursor runs out.
    """
    return collection(Client.get_events, locals(), name="events")


def user(
    user: int | str, *, mode: Any = None, fresh: bool = False, client: ClientLike = None
) -> UserExtended:
    """One user's profile (fetched now), by id or username.

    >>> of.user("peppy").statistics.pp
    """
    result: UserExtended = single(Client.get_user, user, mode=mode, client=client, fresh=fresh)
    return result


def me(*, mode: Any = None, client: ClientLike = None) -> UserExtended:
    """The logged-in user's profile (fetched now); needs `osuframes login`.

    >>> of.me().username
    """
    result: UserExtended = single(Client.get_me, mode=mode, client=_logged_in(client))
    return result


def _logged_in(client: ClientLike) -> ClientLike:
    """`client`, or by default the client of the user logged in with `osuframes login`."""
    return login_client() if client is None else client

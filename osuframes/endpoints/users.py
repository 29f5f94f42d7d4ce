"""Users: profiles, their scores and beatmaps, kudosu, activity, search, the events feed."""

from __future__ import annotations

from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import (
    FRIENDS_API_VERSION,
    ScoreKind,
    limit_offset,
    mode_segment,
    optional_mode,
    score_format,
)
from osuframes.endpoints._paging import CursorString, Offset
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import (
    BeatmapPlaycount,
    Beatmapset,
    Event,
    EventsResponse,
    KudosuHistory,
    Score,
    SearchResponse,
    User,
    UserBeatmapType,
    UserExtended,
    UserRelation,
)

__all__ = ["UserEndpoints"]


_DEFAULT_RULESET = """
        Without `mode` the server answers in the user's own default ruleset, so lists of
        several users mix rulesets; the frames' `ruleset` column says which is which.
        """


def _user_scores(name: str, kind: ScoreKind, cap: int | None, doc: str) -> Any:
    """The endpoint of one list of a user's scores (`users/{user}/scores/{kind}`).

    The four lists take the same arguments; `cap` is how far the API lets offset +
    limit go (recent: 100; best: the top 200; firsts and pinned: no cap).
    """

    def builder(
        self: Any,
        user_id: int,
        *,
        mode: Any = None,
        limit: int = 100,
        offset: int = 0,
        include_fails: bool = False,
        legacy_only: bool | None = None,
        new_format: bool = False,
    ) -> Call:
        version, response, item = score_format(new_format)
        params = {
            "mode": optional_mode(mode),
            "limit": args.in_range(limit, "limit", 1, 100),
            "offset": args.in_range(offset, "offset", 0, 10**9),
            "include_fails": int(bool(include_fails)),
            "legacy_only": None if legacy_only is None else int(bool(legacy_only)),
        }
        return Call(
            "GET",
            f"/api/v2/users/{args.positive_id(user_id, 'user_id')}/scores/{kind}",
            params,
            api_version=version,
            response=response,
            item=item,
        )

    doc += _DEFAULT_RULESET
    builder.__name__, builder.__qualname__, builder.__doc__ = name, f"UserEndpoints.{name}", doc
    paging = Offset(page_size=100, cap=cap)
    rule = cached("user-scores", Lifetime.SHORT)
    return endpoint(list[Score], paging=paging, item=Score, cache=rule)(builder)


class UserEndpoints:
    """Endpoints about users. Mixed into `Client`."""

    @endpoint(SearchResponse, cache=cached("search", Lifetime.SHORT))
    def search(self, query: str, *, mode: str = "all", page: int | None = None) -> Call:
        """Users and wiki pages matching `query` (`GET search`).

        `mode` is `all` (6 users and 8 wiki pages, no paging), `user` (20 a page, 100 at
        most) or `wiki_page` (50 a page).
        """
        if not isinstance(query, str) or not query.strip():
            raise args.ArgumentError("query", query, "give some text to search for")
        mode = args.choice(mode, "mode", ("all", "user", "wiki_page"))
        if page is not None:
            page = args.in_range(page, "page", 1, 10_000)
        return Call("GET", "/api/v2/search", {"query": query, "mode": mode, "page": page})

    @endpoint(UserExtended)
    def get_me(self, *, mode: Any = None) -> Call:
        """The logged-in user (`GET me/{mode?}`); needs a login with scope `identify`."""
        return Call(
            "GET",
            f"/api/v2/me{mode_segment(mode)}",
            scopes=frozenset({"identify"}),
            needs_user=True,
        )

    @endpoint(list[UserRelation])
    def get_own_friends(self) -> Call:
        """The logged-in user's friends as UserRelation objects (`GET friends`).

        Needs a login with scope `friends.read`.
        """
        return Call(
            "GET",
            "/api/v2/friends",
            api_version=FRIENDS_API_VERSION,
            scopes=frozenset({"friends.read"}),
            needs_user=True,
        )

    @endpoint(UserExtended, cache=cached("users", Lifetime.SHORT))
    def get_user(
        self, user_query: str | int, *, mode: Any = None, qtype: str | None = None
    ) -> Call:
        """One user's profile by id or username (`GET users/{user}/{mode?}`).

        Args:
            user_query: a user id, or a username.
            mode: the ruleset of the statistics (default: the user's own).
            qtype: `"id"` or `"username"`, to read a numeric `user_query` as a name.
        """
        kind = None if qtype is None else args.choice(qtype, "qtype", ("id", "username"))
        if kind == "username":
            name = str(user_query).strip().lstrip("@")
            if not name:
                raise args.ArgumentError("user_query", user_query, "give a username")
            ref = f"@{name}"
        elif kind == "id":
            ref = str(args.positive_id(user_query, "user_query"))
        else:
            ref = args.user_ref(user_query, "user_query")
        return Call("GET", f"/api/v2/users/{ref}{mode_segment(mode)}")

    @endpoint(list[int])
    def get_favourite_beatmapset_ids(self) -> Call:
        """The ids of the logged-in user's favourite beatmapsets (`GET me/beatmapset-favourites`).

        Needs a user login with scope `identify`; never cached (it changes as they click).
        """
        return Call(
            "GET",
            "/api/v2/me/beatmapset-favourites",
            scopes=frozenset({"identify"}),
            needs_user=True,
            extract="beatmapset_ids",
        )

    @endpoint(list[User], items="users", item=User, cache=cached("users", Lifetime.SHORT))
    def _get_users_batch(self, user_ids: list[int]) -> Call:
        """Up to 50 users with statistics (`GET users?ids[]=`); the API costs one per id."""
        ids = args.id_list(user_ids, "user_ids", most=50)
        # The server counts this request once per id (spec §3.2).
        return Call("GET", "/api/v2/users", {"ids": ids}, extract="users", cost=len(ids))

    async def get_users(self, user_ids: list[int]) -> list[User]:
        """Users by id, in batches of 50 (`GET users?ids[]=`); unknown ids are left out."""
        ids = args.id_list(user_ids, "user_ids") if user_ids else []
        users: list[User] = []
        for start in range(0, len(ids), 50):
            users += await self._get_users_batch(ids[start : start + 50])
        return users

    @endpoint(list[User], items="users", item=User, cache=cached("users", Lifetime.SHORT))
    def _lookup_users_batch(
        self, users: list[int | str], *, exclude_bots: bool | None = None
    ) -> Call:
        """Up to 50 users by id or username (`GET users/lookup`)."""
        if isinstance(users, str | int) or not users:
            raise args.ArgumentError("users", users, "give a list of ids or usernames")
        if len(users) > 50:
            raise args.ArgumentError("users", f"<{len(users)} users>", "at most 50 per request")
        refs = [args.user_ref(user, "users") for user in users]
        return Call(
            "GET",
            "/api/v2/users/lookup",
            {"ids": refs, "exclude_bots": exclude_bots},
            extract="users",
        )

    async def lookup_users(
        self, users: list[int | str], *, exclude_bots: bool | None = None
    ) -> list[User]:
        """Users by id or username, in batches of 50 (`GET users/lookup`)."""
        found: list[User] = []
        for start in range(0, len(users), 50):
            found += await self._lookup_users_batch(
                users[start : start + 50], exclude_bots=exclude_bots
            )
        return found

    @endpoint(
        list[KudosuHistory],
        paging=Offset(page_size=100, cap=100),
        cache=cached("user-activity", Lifetime.SHORT),
    )
    def get_user_kudosu(
        self, user_id: int, *, limit: int | None = None, offset: int | None = None
    ) -> Call:
        """A user's kudosu history (`GET users/{user}/kudosu`); offset + limit ≤ 100."""
        return Call(
            "GET",
            f"/api/v2/users/{args.positive_id(user_id, 'user_id')}/kudosu",
            limit_offset(limit, offset),
        )

    get_user_recents = _user_scores(
        "get_user_recents",
        "recent",
        100,
        """A user's scores of the last 24 hours (`GET users/{user}/scores/recent`).

        Offset + limit ≤ 100. `new_format=True` returns lazer-format `LazerScore`s.
        """,
    )
    get_user_bests = _user_scores(
        "get_user_bests",
        "best",
        200,
        """A user's top plays (`GET users/{user}/scores/best`); the API keeps the top 200.

        `new_format=True` returns lazer-format `LazerScore`s.
        """,
    )
    get_user_firsts = _user_scores(
        "get_user_firsts",
        "firsts",
        None,
        """A user's first places (`GET users/{user}/scores/firsts`).

        `new_format=True` returns lazer-format `LazerScore`s.
        """,
    )
    get_user_pinned = _user_scores(
        "get_user_pinned",
        "pinned",
        None,
        """A user's pinned scores (`GET users/{user}/scores/pinned`).

        `new_format=True` returns lazer-format `LazerScore`s.
        """,
    )

    @endpoint(list[Score], item=Score, cache=cached("user-scores", Lifetime.SHORT))
    def get_user_beatmap_scores(
        self,
        user_id: int,
        beatmap_id: int,
        *,
        mode: Any = None,
        legacy_only: bool | None = None,
        new_format: bool = False,
    ) -> Call:
        """All of a user's scores on one beatmap (`GET beatmaps/{b}/scores/users/{u}/all`).

        Note the argument order: user first, as in aiosu.
        """
        version, response, item = score_format(new_format)
        params = {
            "mode": optional_mode(mode),
            "legacy_only": None if legacy_only is None else int(bool(legacy_only)),
        }
        beatmap = args.positive_id(beatmap_id, "beatmap_id")
        user = args.positive_id(user_id, "user_id")
        return Call(
            "GET",
            f"/api/v2/beatmaps/{beatmap}/scores/users/{user}/all",
            params,
            api_version=version,
            extract="scores",
            response=response,
            item=item,
        )

    @endpoint(
        list[Beatmapset],
        paging=Offset(page_size=100),
        cache=cached("user-beatmaps", Lifetime.SHORT),
    )
    def get_user_beatmaps(
        self,
        user_id: int,
        type: Any,
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> Call:
        """A user's beatmapsets of one kind (`GET users/{user}/beatmapsets/{type}`).

        `type` is favourite, graveyard, guest, loved, nominated, pending or ranked;
        `get_user_most_played` covers most_played.
        """
        kind = args.enum(type, "type", UserBeatmapType)
        if kind.value == "most_played":
            raise args.ArgumentError("type", type, "use get_user_most_played for most_played")
        user = args.positive_id(user_id, "user_id")
        return Call(
            "GET", f"/api/v2/users/{user}/beatmapsets/{kind.value}", limit_offset(limit, offset)
        )

    @endpoint(
        list[BeatmapPlaycount],
        paging=Offset(page_size=100),
        cache=cached("user-beatmaps", Lifetime.SHORT),
    )
    def get_user_most_played(
        self, user_id: int, *, limit: int | None = None, offset: int | None = None
    ) -> Call:
        """A user's most played beatmaps (`GET users/{user}/beatmapsets/most_played`)."""
        user = args.positive_id(user_id, "user_id")
        return Call(
            "GET", f"/api/v2/users/{user}/beatmapsets/most_played", limit_offset(limit, offset)
        )

    @endpoint(
        list[Event],
        paging=Offset(page_size=100, cap=100),
        cache=cached("user-activity", Lifetime.SHORT),
    )
    def get_user_recent_activity(
        self, user_id: int, *, limit: int | None = None, offset: int | None = None
    ) -> Call:
        """A user's recent activity (`GET users/{user}/recent_activity`); offset + limit ≤ 100."""
        user = args.positive_id(user_id, "user_id")
        return Call("GET", f"/api/v2/users/{user}/recent_activity", limit_offset(limit, offset))

    @endpoint(
        EventsResponse,
        paging=CursorString(page_size=50),
        items="events",
        item=Event,
        cache=cached("feeds", Lifetime.SHORT),
    )
    def get_events(self, *, sort: str | None = None, cursor_string: str | None = None) -> Call:
        """The site-wide events feed, newest first (`GET events`), 50 a page."""
        if sort is not None:
            sort = args.choice(sort, "sort", ("id_desc", "id_asc"))
        return Call("GET", "/api/v2/events", {"sort": sort, "cursor_string": cursor_string})

"""Rankings, kudosu rankings and spotlights."""

from __future__ import annotations

from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._paging import CursorString, PageNumber
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import (
    CountryStatistics,
    Gamemode,
    KudosuRanking,
    Rankings,
    RankingType,
    Spotlight,
    TeamExtended,
    TeamStatistics,
    User,
    UserStatistics,
)

__all__ = ["RankingEndpoints"]

_ROW_OF_TYPE: dict[RankingType, Any] = {
    RankingType.COUNTRY: CountryStatistics,
    RankingType.TEAM: TeamStatistics,
}


class RankingEndpoints:
    """Endpoints about rankings and spotlights. Mixed into `Client`."""

    @endpoint(
        Rankings,
        paging=CursorString(page_size=50, page_numbers=True),
        items="ranking",
        item=UserStatistics,
        cache=cached("rankings", Lifetime.SHORT),
    )
    def get_rankings(
        self,
        mode: Any,
        type: Any,
        *,
        country: str | None = None,
        filter: str | None = None,
        spotlight: int | None = None,
        variant: str | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """One page (50 rows) of a ranking (`GET rankings/{mode}/{type}`).

        Follow `cursor_string` (the cursor is `{page}`) to the next page; the global
        performance and score rankings stop after 10,000 rows (200 pages), when the
        cursor comes back null. Rows are `UserStatistics` (with `user`), or
        `CountryStatistics` / `TeamStatistics` for the `country` / `team` rankings.

        Args:
            mode: the ruleset (`osu`, `taiko`, `fruits`, `mania`).
            type: `performance`, `score`, `country`, `charts` or `team`.
            country: a two-letter country code (performance and score rankings).
            filter: `all` (default) or `friends` (the login's friends and the login
                itself; needs a user login; performance and score rankings).
            spotlight: the spotlight id of a `charts` ranking (see `get_spotlights`);
                without it the server answers the latest spotlight. A charts ranking is
                one answer (its top 40, the spotlight and its beatmapsets), no cursor.
            variant: `4k` or `7k` (osu!mania performance and score rankings).
            cursor_string: the `cursor_string` of the previous page.
        """
        ruleset = args.enum(mode, "mode", Gamemode)
        kind = args.enum(type, "type", RankingType)
        # `performance` and `score` are both the server's "global" ranking, which reads
        # country, filter and variant (RankingController@index).
        user_ranking = kind in (RankingType.PERFORMANCE, RankingType.SCORE)
        if country is not None:
            if not user_ranking:
                raise args.ArgumentError(
                    "country", country, "only performance and score rankings filter by country"
                )
            if (
                not isinstance(country, str)
                or len(country.strip()) != 2
                or not country.strip().isalpha()
            ):
                raise args.ArgumentError(
                    "country", country, "give a two-letter country code like 'JP'"
                )
            country = country.strip().upper()
        if spotlight is not None:
            if kind is not RankingType.CHARTS:
                raise args.ArgumentError(
                    "spotlight", spotlight, "only charts rankings take a spotlight"
                )
            spotlight = args.positive_id(spotlight, "spotlight")
        if variant is not None:
            variant = args.choice(variant, "variant", ("4k", "7k"))
            if ruleset is not Gamemode.MANIA or not user_ranking:
                raise args.ArgumentError(
                    "variant",
                    variant,
                    "only osu!mania performance and score rankings have 4k/7k variants",
                )
        if filter is not None:
            filter = args.choice(filter, "filter", ("all", "friends"))
            if filter == "friends" and not user_ranking:
                raise args.ArgumentError(
                    "filter", filter, "only performance and score rankings filter by friends"
                )
        params = {
            "country": country,
            "filter": filter,
            "spotlight": spotlight,
            "variant": variant,
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call(
            "GET",
            f"/api/v2/rankings/{ruleset.value}/{kind.value}",
            params,
            # `filter=friends` keeps the token user's friends and the user; an app token
            # has no user, so the server would answer an empty ranking.
            needs_user=filter == "friends",
            item=_ROW_OF_TYPE.get(kind, UserStatistics),
        )

    @endpoint(
        KudosuRanking,
        paging=PageNumber(page_size=50, max_pages=20),
        items="ranking",
        item=User,
        cache=cached("rankings", Lifetime.SHORT),
    )
    def get_rankings_kudosu(self, *, page_id: int | None = None) -> Call:
        """One page (50 users) of the kudosu ranking (`GET rankings/kudosu?page=`).

        Pages 1 to 20: the server lists the top 1000 only; users carry `kudosu`.
        """
        page = None if page_id is None else args.in_range(page_id, "page_id", 1, 20)
        return Call("GET", "/api/v2/rankings/kudosu", {"page": page})

    @endpoint(TeamExtended, cache=cached("rankings", Lifetime.SHORT))
    def get_team(self, team: int | str, ruleset: Any = None) -> Call:
        """A team with its leader, members and statistics (`GET teams/{team}/{ruleset?}`).

        Args:
            team: the team id, or its short name as `"@TAG"` (the server redirects a
                short name to the id).
            ruleset: the statistics' ruleset (default: the team's own).
        """
        if isinstance(team, str) and team.startswith("@") and len(team.strip()) > 1:
            key = team.strip()
        else:
            key = str(args.positive_id(team, "team"))
        path = f"/api/v2/teams/{key}"
        if ruleset is not None:
            path += f"/{args.enum(ruleset, 'ruleset', Gamemode).value}"
        return Call("GET", path)

    @endpoint(list[Spotlight], item=Spotlight, cache=cached("rankings", Lifetime.SHORT))
    def get_spotlights(self) -> Call:
        """Every spotlight (monthly charts, seasonal, …) with its dates (`GET spotlights`)."""
        return Call("GET", "/api/v2/spotlights", extract="spotlights")

"""Ranking endpoints: recorded responses parse strictly, requests match the spec."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from osuframes import Client, MissingScopeError
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import CursorString, PageNumber
from osuframes.models import (
    CountryStatistics,
    Spotlight,
    TeamStatistics,
    User,
    UserStatistics,
)
from tests.endpoints.harness import Case, cases_param, query_of, run_case


def _performance(page) -> None:
    assert len(page.ranking) == 50 and page.total == 10000
    first = page.ranking[0]
    assert isinstance(first, UserStatistics) and first.pp == pytest.approx(34893.5)
    assert first.user is not None
    assert (first.user.id, first.user.username, first.user.country_code) == (
        14715160,
        "cryshina",
        "RU",
    )
    assert page.cursor == {"page": 2} and page.cursor_string == "eyJwYWdlIjoyfQ"


def _kudosu(page) -> None:
    assert len(page.ranking) == 50 and all(isinstance(user, User) for user in page.ranking)
    first = page.ranking[0]
    assert (first.id, first.username) == (3388410, "Annabel")
    assert (first.kudosu.available, first.kudosu.total) == (16397, 16420)


def _spotlights(spotlights) -> None:
    assert len(spotlights) == 132 and all(isinstance(s, Spotlight) for s in spotlights)
    first = spotlights[0]
    assert (first.id, first.name, first.type) == (
        276,
        "Seasonal Spotlights: Winter 2020",
        "monthly",
    )
    assert first.start_date == datetime(2020, 4, 9, tzinfo=UTC)


CASES = [
    Case(
        "get_rankings_200.json",
        "get_rankings",
        "GET /api/v2/rankings/osu/performance",
        ("osu", "performance"),
        check=_performance,
    ),
    Case(
        "get_rankings_404.json",
        "get_rankings",
        "GET /api/v2/rankings/taiko/score",
        ("taiko", "score"),
    ),
    Case(
        "get_rankings_kudosu_200.json",
        "get_rankings_kudosu",
        "GET /api/v2/rankings/kudosu",
        check=_kudosu,
    ),
    Case("get_spotlights_200.json", "get_spotlights", "GET /api/v2/spotlights", check=_spotlights),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def test_rankings_send_the_filters_and_the_cursor(api, make_client):
    api.json_route("GET", "/api/v2/rankings/mania/performance", {"ranking": [], "cursor": None})
    page = await make_client().get_rankings(
        3, "pp", country="jp", filter="all", variant="4K", cursor_string="eyJwYWdlIjoyfQ"
    )
    assert page.ranking == [] and not page.has_next_page
    assert query_of(api.api_requests()[0]) == {
        "country": "JP",
        "filter": "all",
        "variant": "4k",
        "cursor_string": "eyJwYWdlIjoyfQ",
    }


async def test_a_team_is_asked_by_id_or_short_name_and_ruleset(api, make_client):
    from osuframes.sandbox import World

    body = World(1).teams.page(12, "mania")  # the sandbox's TeamExtendedTransformer shape
    api.json_route("GET", "/api/v2/teams/12/mania", body)
    api.json_route("GET", "/api/v2/teams/@T12", body)
    team = await make_client().get_team(12, "mania")
    assert (team.id, team.statistics.ruleset_id, team.leader.id) == (12, 3, body["leader"]["id"])
    await make_client().get_team("@T12")
    assert [r.url.path for r in api.api_requests()] == [
        "/api/v2/teams/12/mania",
        "/api/v2/teams/@T12",
    ]


async def test_charts_ranking_takes_a_spotlight(api, make_client):
    body = {"ranking": [], "beatmapsets": [], "spotlight": {"id": 276, "name": "Winter 2020"}}
    api.json_route("GET", "/api/v2/rankings/fruits/charts", body)
    page = await make_client().get_rankings("fruits", "charts", spotlight=276)
    assert page.spotlight.id == 276 and page.beatmapsets == []
    assert query_of(api.api_requests()[0]) == {"spotlight": "276"}


async def test_country_rankings_read_country_rows(api, make_client):
    body = {"ranking": [{"code": "JP", "active_users": 5, "performance": 1.5}], "total": 1}
    api.json_route("GET", "/api/v2/rankings/osu/country", body)
    client = make_client()
    page = await client.get_rankings("osu", "country")
    assert isinstance(page.ranking[0], CountryStatistics)
    assert client.get_rankings.endpoint.build(client, "osu", "country").item is CountryStatistics
    assert client.get_rankings.endpoint.build(client, "osu", "team").item is TeamStatistics
    assert client.get_rankings.endpoint.build(client, "osu", "score").item is UserStatistics


async def test_friends_ranking_needs_a_user_login(api, make_client):
    with pytest.raises(MissingScopeError) as info:
        await make_client().get_rankings("osu", "performance", filter="friends")
    assert "osuframes login" in str(info.value)
    assert api.requests == []


async def test_kudosu_ranking_sends_the_page(api, make_client):
    api.json_route("GET", "/api/v2/rankings/kudosu", {"ranking": []})
    assert (await make_client().get_rankings_kudosu(page_id=20)).ranking == []
    assert query_of(api.api_requests()[0]) == {"page": "20"}


async def test_spotlights_request(api, make_client):
    api.json_route("GET", "/api/v2/spotlights", {"spotlights": [{"id": 1}]})
    assert [s.id for s in await make_client().get_spotlights()] == [1]
    (request,) = api.api_requests()
    assert (request.method, request.url.path, query_of(request)) == (
        "GET",
        "/api/v2/spotlights",
        {},
    )


def test_rankings_declare_their_paging():
    rankings = endpoint_of(Client.get_rankings)
    paging = CursorString(page_size=50, page_numbers=True)
    assert (rankings.paging, rankings.items) == (paging, "ranking")
    kudosu = endpoint_of(Client.get_rankings_kudosu)
    assert (kudosu.paging, kudosu.items, kudosu.item) == (
        PageNumber(page_size=50, max_pages=20),
        "ranking",
        User,
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_rankings("std!", "performance"), "get_rankings(mode='std!'):"),
        (lambda c: c.get_rankings("osu", "global"), "get_rankings(type='global'): 'global' is not"),
        (lambda c: c.get_rankings("osu", "team", country="JP"), "only performance and score"),
        (lambda c: c.get_rankings("osu", "country", filter="friends"), "filter by friends"),
        (lambda c: c.get_rankings("osu", "performance", country="JPN"), "two-letter country"),
        (lambda c: c.get_rankings("osu", "performance", spotlight=5), "only charts rankings"),
        (lambda c: c.get_rankings("osu", "charts", spotlight=0), "get_rankings(spotlight=0)"),
        (lambda c: c.get_rankings("osu", "performance", variant="4k"), "only osu!mania perf"),
        (lambda c: c.get_rankings("mania", "performance", variant="5k"), "'4k', '7k'"),
        (lambda c: c.get_rankings("osu", "performance", filter="club"), "'all', 'friends'"),
        (
            lambda c: c.get_rankings("osu", "score", cursor_string=2),
            "get_rankings(cursor_string=2)",
        ),
        (lambda c: c.get_rankings_kudosu(page_id=21), "get_rankings_kudosu(page_id=21): must be"),
        (lambda c: c.get_rankings_kudosu(page_id=0), "an integer from 1 to 20"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []

"""User endpoints: recorded responses parse strictly, requests match the spec."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from osuframes import MissingScopeError
from osuframes.models import Gamemode, LazerScore, Score
from tests.endpoints.harness import Case, cases_param, run_case

BEST_QUERY = {"limit": "100", "offset": "0", "include_fails": "0"}


def _peppy(user) -> None:
    assert (user.id, user.username, user.country_code) == (2, "peppy", "AU")
    assert user.join_date.tzinfo is not None


def _bests(scores) -> None:
    assert len(scores) == 5 and all(isinstance(s, Score) for s in scores)
    first = scores[0]
    assert first.id == 3209790740 and first.pp == pytest.approx(384.196)
    assert first.created_at == datetime(2020, 8, 23, 18, 54, 21, tzinfo=UTC)
    assert first.mods.acronyms == ["DT"]
    assert first.beatmap.id == 2304259 and first.user.username == "aesth"


def _scores(count: int):
    def check(scores) -> None:
        assert len(scores) == count and all(isinstance(s, Score) for s in scores)

    return check


def _one_score(mode: Gamemode):
    def check(scores) -> None:
        assert len(scores) == 1 and scores[0].mode == mode and scores[0].pp > 0

    return check


CASES = [
    Case("get_user_200.json", "get_user", "GET /api/v2/users/@peppy", ("peppy",), check=_peppy),
    Case(
        "get_user_404.json",
        "get_user",
        "GET /api/v2/users/@thisusernameistoolongtoexistsoitwill404",
        ("thisusernameistoolongtoexistsoitwill404",),
    ),
    Case(
        "get_me_200.json",
        "get_me",
        "GET /api/v2/me",
        user=True,
        check=lambda me: (me.id, me.username) == (7782553, "aesth") or pytest.fail("me"),
    ),
    Case(
        "get_users_200.json",
        "get_users",
        "GET /api/v2/users",
        ([7782553, 2],),
        query={"ids[]": ["7782553", "2"]},
        check=lambda users: users == [] or pytest.fail(),
    ),
    Case(
        "get_own_friends_200.json",
        "get_own_friends",
        "GET /api/v2/friends",
        user=True,
        api_version=20241022,
        check=lambda friends: (
            (len(friends), friends[0].target.username) == (337, "peppy") or pytest.fail()
        ),
    ),
    Case(
        "get_user_kudosu_200.json",
        "get_user_kudosu",
        "GET /api/v2/users/7782553/kudosu",
        (7782553,),
        check=lambda rows: rows[0].id == 3058410 or pytest.fail(),
    ),
    Case("get_user_kudosu_404.json", "get_user_kudosu", "GET /api/v2/users/1/kudosu", (1,)),
    Case(
        "get_user_bests_200.json",
        "get_user_bests",
        "GET /api/v2/users/7782553/scores/best",
        (7782553,),
        query=BEST_QUERY,
        check=_bests,
        api_version=20220704,
    ),
    Case(
        "get_user_bests_404.json",
        "get_user_bests",
        "GET /api/v2/users/1/scores/best",
        (1,),
        query=BEST_QUERY,
    ),
    Case(
        "get_user_firsts_200.json",
        "get_user_firsts",
        "GET /api/v2/users/7562902/scores/firsts",
        (7562902,),
        query=BEST_QUERY,
        check=_scores(5),
    ),
    Case(
        "get_user_firsts_404.json",
        "get_user_firsts",
        "GET /api/v2/users/1/scores/firsts",
        (1,),
        query=BEST_QUERY,
    ),
    Case(
        "get_user_pinned_200.json",
        "get_user_pinned",
        "GET /api/v2/users/7782553/scores/pinned",
        (7782553,),
        query=BEST_QUERY,
        check=_scores(5),
    ),
    Case(
        "get_user_pinned_404.json",
        "get_user_pinned",
        "GET /api/v2/users/1/scores/pinned",
        (1,),
        query=BEST_QUERY,
    ),
    Case(
        "get_user_recents_200.json",
        "get_user_recents",
        "GET /api/v2/users/11367222/scores/recent",
        (11367222,),
        kwargs={"include_fails": True, "limit": 50},
        query={"limit": "50", "offset": "0", "include_fails": "1"},
        check=_scores(0),
    ),
    Case(
        "get_user_recents_404.json",
        "get_user_recents",
        "GET /api/v2/users/1/scores/recent",
        (1,),
        query=BEST_QUERY,
    ),
    Case(
        "get_user_beatmap_scores_200.json",
        "get_user_beatmap_scores",
        "GET /api/v2/beatmaps/2906626/scores/users/4819811/all",
        (4819811, 2906626),
        check=_scores(1),
    ),
    Case(
        "get_user_beatmap_scores_404.json",
        "get_user_beatmap_scores",
        "GET /api/v2/beatmaps/1/scores/users/4819811/all",
        (4819811, 1),
    ),
    Case(
        "get_user_beatmaps_200.json",
        "get_user_beatmaps",
        "GET /api/v2/users/7782553/beatmapsets/favourite",
        (7782553, "favourite"),
        check=lambda sets: len(sets) == 5 and sets[0].artist == "Twerknation28" or pytest.fail(),
    ),
    Case(
        "get_user_beatmaps_404.json",
        "get_user_beatmaps",
        "GET /api/v2/users/1/beatmapsets/favourite",
        (1, "favourite"),
    ),
    Case(
        "get_user_most_played_200.json",
        "get_user_most_played",
        "GET /api/v2/users/7782553/beatmapsets/most_played",
        (7782553,),
        check=lambda rows: (rows[0].beatmap_id, rows[0].count) == (1136506, 464) or pytest.fail(),
    ),
    Case(
        "get_user_most_played_404.json",
        "get_user_most_played",
        "GET /api/v2/users/1/beatmapsets/most_played",
        (1,),
    ),
    Case(
        "get_user_recent_activity_200.json",
        "get_user_recent_activity",
        "GET /api/v2/users/7562902/recent_activity",
        (7562902,),
        check=lambda events: events[0].id == 1032736748 or pytest.fail(),
    ),
    Case(
        "get_user_recent_activity_404.json",
        "get_user_recent_activity",
        "GET /api/v2/users/1/recent_activity",
        (1,),
    ),
    Case(
        "get_events_200.json",
        "get_events",
        "GET /api/v2/events",
        check=lambda page: len(page.events) == 50 and page.cursor_string or pytest.fail(),
    ),
    Case(
        "search_200.json",
        "search",
        "GET /api/v2/search",
        ("peppy",),
        query={"query": "peppy", "mode": "all"},
        check=lambda found: found.user.data[0].username == "peppy" or pytest.fail(),
    ),
    Case(
        "score_osu.json",
        "get_user_bests",
        "GET /api/v2/users/3792472/scores/best",
        (3792472,),
        kwargs={"mode": "osu", "limit": 1},
        query={"mode": "osu", "limit": "1", "offset": "0", "include_fails": "0"},
        check=_one_score(Gamemode.OSU),
    ),
    Case(
        "score_taiko.json",
        "get_user_bests",
        "GET /api/v2/users/3792472/scores/best",
        (3792472,),
        kwargs={"mode": 1, "limit": 1},
        query={"mode": "taiko", "limit": "1", "offset": "0", "include_fails": "0"},
        check=_one_score(Gamemode.TAIKO),
    ),
    Case(
        "score_fruits.json",
        "get_user_bests",
        "GET /api/v2/users/3792472/scores/best",
        (3792472,),
        kwargs={"mode": "ctb", "limit": 1},
        query={"mode": "fruits", "limit": "1", "offset": "0", "include_fails": "0"},
        check=_one_score(Gamemode.FRUITS),
    ),
    Case(
        "score_mania.json",
        "get_user_bests",
        "GET /api/v2/users/3792472/scores/best",
        (3792472,),
        kwargs={"mode": "mania", "limit": 1},
        query={"mode": "mania", "limit": "1", "offset": "0", "include_fails": "0"},
        check=_one_score(Gamemode.MANIA),
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def test_new_format_asks_for_lazer_scores(api, make_client):
    api.json_route("GET", "/api/v2/users/2/scores/best", [])
    client = make_client()
    assert await client.get_user_bests(2, new_format=True) == []
    assert api.api_requests()[0].headers["x-api-version"] == "20220705"
    call = client.get_user_bests.endpoint.build(client, 2, new_format=True)
    assert call.item is LazerScore


async def test_get_users_batches_by_fifty(api, make_client):
    api.json_route("GET", "/api/v2/users", {"users": []})
    await make_client().get_users(list(range(1, 121)))
    sizes = [len(r.url.params.get_list("ids[]")) for r in api.api_requests()]
    assert sizes == [50, 50, 20]


async def test_lookup_users_sends_names_with_an_at_sign(api, make_client):
    api.json_route("GET", "/api/v2/users/lookup", {"users": []})
    await make_client().lookup_users([2, "peppy", "123"])
    assert api.api_requests()[0].url.params.get_list("ids[]") == ["2", "@peppy", "123"]


async def test_get_user_by_numeric_username(api, make_client):
    api.json_route("GET", "/api/v2/users/@123/taiko", {"id": 9, "username": "123"})
    await make_client().get_user("123", mode="taiko", qtype="username")
    assert api.api_requests()[0].url.path == "/api/v2/users/@123/taiko"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.get_user_bests(2, mode="standart"),
            "get_user_bests(mode='standart'): 'standart' is not a ruleset; use one of 'osu', "
            "'taiko', 'fruits', 'mania'",
        ),
        (lambda c: c.get_user_bests(-5), "get_user_bests(user_id=-5): an id must be a positive"),
        (lambda c: c.get_user_bests(2, limit=500), "get_user_bests(limit=500): must be an integer"),
        (lambda c: c.get_user_beatmaps(2, "likes"), "get_user_beatmaps(type='likes'):"),
        (lambda c: c.get_events(sort="newest"), "use one of 'id_desc', 'id_asc'"),
        (lambda c: c.search(""), "search(query=''): give some text"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []


async def test_user_endpoint_with_an_app_token_says_to_log_in(api, make_client):
    with pytest.raises(MissingScopeError) as info:
        await make_client().get_me()
    assert "osuframes login" in str(info.value) and "identify" in str(info.value)
    assert api.requests == []

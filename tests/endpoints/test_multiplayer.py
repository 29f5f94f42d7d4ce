"""Multiplayer endpoints: legacy matches, lazer rooms, leaderboards, playlist scores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from osuframes import MissingScopeError
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import CursorString, EventWindow, PageNumber, RoomCursor
from osuframes.models import LazerScore, MultiplayerMatchEvent, MultiplayerScore, Room
from tests.endpoints.harness import Case, cases_param, query_of, run_case, user_token


def _matches(first_id: int, name: str, cursor_string: str):
    def check(page) -> None:
        assert len(page.matches) == 50 and page.cursor_string == cursor_string
        match = page.matches[0]
        assert (match.id, match.name, match.end_time) == (first_id, name, None)
        assert match.start_time.tzinfo is not None

    return check


def _match(response) -> None:
    assert response.match.name == "OWC2022: (Russian Federation) VS (France)"
    assert response.match.start_time == datetime(2022, 11, 12, 16, 54, 19, tzinfo=UTC)
    assert len(response.events) == 100 and len(response.users) == 16
    assert (response.first_event_id, response.latest_event_id) == (2176974191, 2177013406)
    assert response.events[0].id == 2176989807 and response.events[0].detail.type == "player-left"
    game = next(event.game for event in response.events if event.game is not None)
    assert (game.id, game.beatmap_id, game.mods.acronyms) == (538150762, 2758963, ["NF", "DT"])
    assert game.start_time == datetime(2022, 11, 12, 17, 24, 59, tzinfo=UTC) and game.scores


def _rooms(rooms) -> None:
    assert len(rooms) == 228 and all(isinstance(room, Room) for room in rooms)
    assert (rooms[0].id, rooms[0].category) == (3509398, "daily_challenge")
    assert rooms[0].starts_at == datetime(2026, 7, 4, 0, 5, tzinfo=UTC)


def _room(room) -> None:
    assert (room.id, room.name, room.host.username) == (1, "peppy's awesome room", "peppy")
    assert room.playlist[0].beatmap_id == 75
    assert room.ends_at == datetime(2018, 12, 26, 13, 48, 28, tzinfo=UTC)


def _leaderboard(board) -> None:
    (row,) = board.leaderboard
    assert (row.user_id, row.total_score, row.user.username) == (2, 605096, "peppy")
    assert board.user_score is None


def _scores(page) -> None:
    assert page.total == 2 and page.cursor_string is None and len(page.scores) == 2
    score = page.scores[0]
    assert isinstance(score, LazerScore) and isinstance(score, MultiplayerScore)
    assert (score.id, score.total_score, score.user_id) == (2415910140, 877490, 28243091)
    assert score.mods.acronyms == ["4K"] and score.playlist_item_id == 5307446
    assert score.ended_at == datetime(2024, 2, 27, 8, 0, 16, tzinfo=UTC)


CASES = [
    Case(
        "get_multiplayer_matches_200.json",
        "get_multiplayer_matches",
        "GET /api/v2/matches",
        query={"limit": "50"},
        check=_matches(121447154, "cynvr's game", "eyJtYXRjaF9pZCI6MTIxNDQ3MTAzfQ"),
    ),
    # An older (2023) recording of the same route.
    Case(
        "get_matches_200.json",
        "get_multiplayer_matches",
        "GET /api/v2/matches",
        kwargs={"sort": "id_desc", "limit": 50},
        query={"limit": "50", "sort": "id_desc"},
        check=_matches(110197574, "lia", "eyJtYXRjaF9pZCI6MTEwMTk3NTI1fQ"),
    ),
    Case(
        "get_multiplayer_match_200.json",
        "get_multiplayer_match",
        "GET /api/v2/matches/105019274",
        (105019274,),
        query={"limit": "100"},
        check=_match,
    ),
    Case(
        "get_multiplayer_match_404.json",
        "get_multiplayer_match",
        "GET /api/v2/matches/1",
        (1,),
        query={"limit": "100"},
    ),
    Case(
        "get_multiplayer_rooms_200.json", "get_multiplayer_rooms", "GET /api/v2/rooms", check=_rooms
    ),
    Case(
        "get_multiplayer_room_200.json",
        "get_multiplayer_room",
        "GET /api/v2/rooms/1",
        (1,),
        check=_room,
    ),
    Case(
        "get_multiplayer_room_404.json",
        "get_multiplayer_room",
        "GET /api/v2/rooms/999999999",
        (999999999,),
    ),
    Case(
        "get_multiplayer_leaderboard_200.json",
        "get_multiplayer_leaderboard",
        "GET /api/v2/rooms/1/leaderboard",
        (1,),
        query={"limit": "50"},
        check=_leaderboard,
    ),
    Case(
        "get_multiplayer_leaderboard_404.json",
        "get_multiplayer_leaderboard",
        "GET /api/v2/rooms/999999999/leaderboard",
        (999999999,),
        query={"limit": "50"},
    ),
    Case(
        "get_multiplayer_scores_200.json",
        "get_multiplayer_scores",
        "GET /api/v2/rooms/583093/playlist/5307446/scores",
        (583093, 5307446),
        query={"limit": "50"},
        check=_scores,
    ),
    Case(
        "get_multiplayer_scores_404.json",
        "get_multiplayer_scores",
        "GET /api/v2/rooms/1/playlist/1/scores",
        (1, 1),
        query={"limit": "50"},
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


@pytest.mark.parametrize(
    ("http", "call", "query", "answer"),
    [
        pytest.param(
            "GET /api/v2/matches",
            lambda c: c.get_multiplayer_matches(
                limit=10, sort="id_asc", active=True, cursor_string="eyJtYXRjaF9pZCI6MX0"
            ),
            {
                "limit": "10",
                "sort": "id_asc",
                "active": "true",
                "cursor_string": "eyJtYXRjaF9pZCI6MX0",
            },
            {"matches": []},
            id="matches_next_page",
        ),
        pytest.param(
            "GET /api/v2/matches/105019274",
            lambda c: c.get_multiplayer_match(105019274, limit=101, after=2177013000),
            {"limit": "101", "after": "2177013000"},
            {"match": {"id": 105019274}, "events": []},
            id="match_events_after",
        ),
        pytest.param(
            "GET /api/v2/matches/105019274",
            lambda c: c.get_multiplayer_match(105019274, before=2176974191),
            {"limit": "100", "before": "2176974191"},
            {"match": {"id": 105019274}, "events": []},
            id="match_events_before",
        ),
        pytest.param(
            "GET /api/v2/rooms",
            lambda c: c.get_multiplayer_rooms(
                mode="ended",
                limit=20,
                sort="ended",
                category="spotlight",
                type="realtime",
                season_id=3,
            ),
            {
                "mode": "ended",
                "limit": "20",
                "sort": "ended",
                "category": "spotlight",
                "type_group": "realtime",
                "season_id": "3",
            },
            [],
            id="rooms_filtered",
        ),
        pytest.param(
            "GET /api/v2/rooms/latest",
            lambda c: c.get_multiplayer_room("latest"),
            {},
            {"id": 9},
            id="latest_room",
        ),
        pytest.param(
            "GET /api/v2/rooms/1/leaderboard",
            lambda c: c.get_multiplayer_leaderboard(1, limit=10, page=3),
            {"limit": "10", "page": "3"},
            {"leaderboard": []},
            id="leaderboard_page",
        ),
        pytest.param(
            "GET /api/v2/rooms/583093/playlist/5307446/scores",
            lambda c: c.get_multiplayer_scores(
                583093, 5307446, limit=5, sort="score_asc", cursor_string="abc"
            ),
            {"limit": "5", "sort": "score_asc", "cursor_string": "abc"},
            {"scores": []},
            id="playlist_scores_next_page",
        ),
    ],
)
async def test_request_shape(api, make_client, http, call, query, answer):
    method, route = http.split(" ", 1)
    api.json_route(method, route, answer)
    await call(make_client())
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == (method, route)
    assert query_of(request) == query


@pytest.mark.parametrize("mode", ["participated", "owned"])
async def test_own_rooms_need_a_login(api, make_client, mode):
    with pytest.raises(MissingScopeError) as info:
        await make_client().get_multiplayer_rooms(mode=mode)
    assert "osuframes login" in str(info.value)
    assert api.requests == []
    api.json_route("GET", "/api/v2/rooms", [])
    assert (
        await make_client(token=user_token(), session_id=2).get_multiplayer_rooms(mode=mode) == []
    )
    assert query_of(api.api_requests()[0]) == {"mode": mode}


def test_paging_declarations():
    from osuframes import Client

    matches = endpoint_of(Client.get_multiplayer_matches)
    assert (matches.paging, matches.items) == (CursorString(page_size=50), "matches")
    match = endpoint_of(Client.get_multiplayer_match)
    assert (match.paging, match.items, match.item) == (
        EventWindow(page_size=101),
        "events",
        MultiplayerMatchEvent,
    )
    board = endpoint_of(Client.get_multiplayer_leaderboard)
    assert board.paging == PageNumber(page_size=50, sends_limit=True)
    scores = endpoint_of(Client.get_multiplayer_scores)
    assert (scores.paging, scores.items, scores.item) == (
        CursorString(page_size=50),
        "scores",
        MultiplayerScore,
    )
    assert endpoint_of(Client.get_multiplayer_rooms).paging == RoomCursor(page_size=250)
    # Playlist scores are always lazer format: no legacy x-api-version override.
    assert scores.build(object(), 1, 1).api_version is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_multiplayer_matches(limit=0), "get_multiplayer_matches(limit=0)"),
        (lambda c: c.get_multiplayer_matches(sort="newest"), "use one of 'id_desc', 'id_asc'"),
        (lambda c: c.get_multiplayer_matches(active="yes"), "give True, False or None"),
        (
            lambda c: c.get_multiplayer_matches(cursor_string=5),
            "get_multiplayer_matches(cursor_string=5)",
        ),
        (lambda c: c.get_multiplayer_match(0), "get_multiplayer_match(match_id=0)"),
        (lambda c: c.get_multiplayer_match(1, limit=102), "must be an integer from 1 to 101"),
        (lambda c: c.get_multiplayer_match(1, before=5, after=3), "give before or after, not both"),
        (lambda c: c.get_multiplayer_rooms(mode="mine"), "get_multiplayer_rooms(mode='mine')"),
        (lambda c: c.get_multiplayer_rooms(limit=251), "must be an integer from 1 to 250"),
        (lambda c: c.get_multiplayer_rooms(sort="new"), "use one of 'created', 'ended'"),
        (lambda c: c.get_multiplayer_rooms(category="weekly"), "get_multiplayer_rooms(category="),
        (lambda c: c.get_multiplayer_rooms(type="solo"), "use one of 'playlists', 'realtime'"),
        (lambda c: c.get_multiplayer_rooms(season_id=0), "get_multiplayer_rooms(season_id=0)"),
        (lambda c: c.get_multiplayer_room("newest"), "get_multiplayer_room(room_id='newest')"),
        (lambda c: c.get_multiplayer_leaderboard(1, limit=100), "must be an integer from 1 to 50"),
        (lambda c: c.get_multiplayer_leaderboard(1, page=0), "get_multiplayer_leaderboard(page=0)"),
        (lambda c: c.get_multiplayer_scores(1, 0), "get_multiplayer_scores(playlist_id=0)"),
        (lambda c: c.get_multiplayer_scores(1, 1, limit=100), "must be an integer from 1 to 50"),
        (lambda c: c.get_multiplayer_scores(1, 1, sort="pp_desc"), "use one of 'score_desc'"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []

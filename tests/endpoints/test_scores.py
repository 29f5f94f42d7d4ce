"""Score endpoints: recorded responses parse strictly, requests match the spec."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from osuframes.models import Gamemode, LazerScore, Score
from tests.endpoints.harness import Case, cases_param, query_of, run_case


def _legacy(score: Score) -> None:
    assert isinstance(score, Score)
    assert (score.id, score.user_id, score.mode) == (4220635589, 1629553, Gamemode.OSU)
    assert score.pp == pytest.approx(272.905) and score.rank == "SH"
    assert score.created_at == datetime(2022, 7, 17, 13, 20, 7, tzinfo=UTC)
    assert score.statistics is not None and score.beatmap is not None


def _lazer(score: LazerScore) -> None:
    assert isinstance(score, LazerScore)
    assert (score.id, score.legacy_score_id, score.ruleset_id) == (1581778626, 4220635589, 0)
    assert score.total_score == 995603 and score.pp == pytest.approx(272.905)
    assert score.ended_at == datetime(2022, 7, 17, 13, 20, 7, tzinfo=UTC)
    assert score.mode == Gamemode.OSU


CASES = [
    Case(
        "get_score_200.json",
        "get_score",
        "GET /api/v2/scores/osu/4220635589",
        (4220635589, "osu"),
        api_version=20220704,
        check=_legacy,
    ),
    Case("get_score_404.json", "get_score", "GET /api/v2/scores/osu/1", (1, Gamemode.OSU)),
    Case(
        "get_score_lazer_200.json",
        "get_score",
        "GET /api/v2/scores/osu/4220635589",
        (4220635589, 0),
        kwargs={"new_format": True},
        api_version=20220705,
        check=_lazer,
    ),
    Case(
        # Recorded through get_score(new_format=True); the same error body either way.
        "get_score_lazer_404.json",
        "get_score_lazer",
        "GET /api/v2/scores/1",
        (1,),
        api_version=20220705,
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def test_get_score_lazer_asks_for_the_lazer_format(api, make_client):
    api.json_route(
        "GET",
        "/api/v2/scores/1581778626",
        {"id": 1581778626, "user_id": 2, "accuracy": 1.0, "ruleset_id": 3},
    )
    score = await make_client().get_score_lazer(1581778626)
    assert isinstance(score, LazerScore) and score.mode == Gamemode.MANIA
    (request,) = api.api_requests()
    assert (request.url.path, query_of(request)) == ("/api/v2/scores/1581778626", {})
    assert request.headers["x-api-version"] == "20220705"


@pytest.mark.parametrize(
    ("method", "args", "path"),
    [
        ("get_score_replay", (4220635589, "fruits"), "/api/v2/scores/fruits/4220635589/download"),
        ("get_score_replay_lazer", (1581778626,), "/api/v2/scores/1581778626/download"),
    ],
)
async def test_replays_come_back_as_bytes_and_are_never_cached(
    api, make_client, method, args, path
):
    replay = b"\x00\x01osr-bytes"
    api.route(
        "GET",
        path,
        httpx.Response(200, content=replay, headers={"content-type": "application/x-osu-replay"}),
    )
    client = make_client()
    assert await getattr(client, method)(*args) == replay
    (request,) = api.api_requests()
    assert (request.method, request.url.path, query_of(request)) == ("GET", path, {})
    call = getattr(client, method).endpoint.build(client, *args)
    assert (call.expect, call.cacheable) == ("bytes", False)


async def test_scores_feed_sends_ruleset_and_cursor(api, make_client):
    body = {
        "scores": [{"id": 7, "user_id": 2, "accuracy": 0.9, "ruleset_id": 1}],
        "cursor": {"id": 7},
        "cursor_string": "eyJpZCI6N30",
    }
    api.json_route("GET", "/api/v2/scores", body)
    page = await make_client().get_scores(ruleset="taiko", cursor_string="eyJpZCI6Nn0")
    assert [score.id for score in page.scores] == [7] and page.cursor_string == "eyJpZCI6N30"
    assert query_of(api.api_requests()[0]) == {"ruleset": "taiko", "cursor_string": "eyJpZCI6Nn0"}


async def test_scores_feed_without_arguments_asks_for_the_latest(api, make_client):
    api.json_route("GET", "/api/v2/scores", {"scores": [], "cursor": None, "cursor_string": None})
    page = await make_client().get_scores()
    assert page.scores == [] and not page.has_next_page
    assert query_of(api.api_requests()[0]) == {}


def test_scores_feed_declares_cursor_paging_of_a_thousand():
    from osuframes import Client
    from osuframes.endpoints._base import endpoint_of
    from osuframes.endpoints._paging import CursorString

    feed = endpoint_of(Client.get_scores)
    assert (feed.paging, feed.items, feed.item) == (
        CursorString(page_size=1000),
        "scores",
        LazerScore,
    )


def test_get_score_item_follows_the_format(make_client):
    client = make_client()
    assert client.get_score.endpoint.build(client, 1, "osu").item is Score
    assert client.get_score.endpoint.build(client, 1, "osu", new_format=True).item is LazerScore


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_score(0, "osu"), "get_score(legacy_score_id=0): an id must be a positive"),
        (lambda c: c.get_score(1, "standard!"), "get_score(mode='standard!'): 'standard!' is not"),
        (lambda c: c.get_score(1, 7), "get_score(mode=7):"),
        (lambda c: c.get_score_lazer("abc"), "get_score_lazer(score_id='abc'):"),
        (lambda c: c.get_score_replay(1, "piano"), "get_score_replay(mode='piano'):"),
        (lambda c: c.get_score_replay(True, "osu"), "get_score_replay(legacy_score_id=True)"),
        (lambda c: c.get_score_replay_lazer(-3), "get_score_replay_lazer(score_id=-3)"),
        (lambda c: c.get_scores(ruleset="all"), "get_scores(ruleset='all'):"),
        (lambda c: c.get_scores(cursor_string=5), "get_scores(cursor_string=5):"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []

"""Discussion endpoints: recorded responses parse strictly, requests match the spec."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from osuframes import Client
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import CursorString, PageNumber
from osuframes.models import (
    BeatmapsetDiscussion,
    BeatmapsetDiscussionPost,
    BeatmapsetDiscussionVote,
    BeatmapsetEvent,
    BeatmapsetEventsResponse,
)
from tests.endpoints.harness import Case, cases_param, query_of, run_case

JULY_4 = datetime(2026, 7, 4, tzinfo=UTC)


def _events(page) -> None:
    assert isinstance(page, BeatmapsetEventsResponse)
    assert len(page.events) == 50 and page.users is not None and len(page.users) == 22
    first = page.events[0]
    assert (first.id, first.type, first.user_id) == (7711538, "issue_resolve", 37767001)
    assert first.created_at == datetime(2026, 7, 4, 0, 47, 41, tzinfo=UTC)
    assert first.discussion is not None and first.discussion.id == 5647607
    assert page.reviewsConfig is not None and page.reviewsConfig.max_blocks == 100


def _discussions(page) -> None:
    assert len(page.discussions) == 50 and page.cursor == {"page": 2, "limit": 50}
    first = page.discussions[0]
    assert (first.id, first.beatmapset_id, first.message_type) == (5648507, 2534669, "suggestion")
    assert first.created_at == datetime(2026, 7, 4, 0, 46, 16, tzinfo=UTC)
    assert page.users is not None and page.users[0].username == "jonathanlfj"
    assert page.cursor_string == "eyJwYWdlIjoyLCJsaW1pdCI6NTB9"


def _posts(page) -> None:
    assert len(page.posts) == 50 and page.has_next_page
    first = page.posts[0]
    assert (first.id, first.beatmapset_discussion_id, first.message) == (
        14856634,
        5647607,
        "okiee done!",
    )
    assert first.created_at == datetime(2026, 7, 4, 0, 47, 41, tzinfo=UTC)


def _votes(page) -> None:
    assert len(page.votes) == 50 and page.cursor == {"page": 2, "limit": 50}
    first = page.votes[0]
    assert (first.id, first.score, first.user_id) == (3448360, 1, 37767001)
    assert first.created_at == datetime(2026, 7, 4, 0, 47, 37, tzinfo=UTC)


CASES = [
    Case(
        "get_beatmapset_events_200.json",
        "get_beatmapset_events",
        "GET /api/v2/beatmapsets/events",
        check=_events,
    ),
    Case(
        "get_beatmapset_discussions_200.json",
        "get_beatmapset_discussions",
        "GET /api/v2/beatmapsets/discussions",
        check=_discussions,
    ),
    Case(
        "get_beatmapset_discussion_posts_200.json",
        "get_beatmapset_discussion_posts",
        "GET /api/v2/beatmapsets/discussions/posts",
        check=_posts,
    ),
    Case(
        "get_beatmapset_discussion_votes_200.json",
        "get_beatmapset_discussion_votes",
        "GET /api/v2/beatmapsets/discussions/votes",
        check=_votes,
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def test_beatmapset_events_send_every_filter(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/events", {"events": []})
    page = await make_client().get_beatmapset_events(
        limit=25,
        page=400,
        user="peppy",
        types=["nominate", "qualify"],
        beatmapset_id=1107500,
        min_date=JULY_4,
        max_date="2026-07-05",
        sort="id_asc",
    )
    assert page.events == []
    assert query_of(api.api_requests()[0]) == {
        "limit": "25",
        "page": "400",
        "user": "peppy",
        "types[]": ["nominate", "qualify"],
        "beatmapset_id": "1107500",
        "min_date": "2026-07-04T00:00:00+00:00",
        "max_date": "2026-07-05",
        "sort": "id_asc",
    }


async def test_beatmapset_discussions_send_every_filter(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/discussions", {"discussions": []})
    await make_client().get_beatmapset_discussions(
        beatmap_id=5554884,
        beatmapset_id=2511666,
        beatmapset_status="qualified",
        limit=5,
        message_types=["problem", "suggestion", "problem"],
        only_unresolved=True,
        page=2,
        sort="id_desc",
        user=9030389,
        with_deleted=False,
        cursor_string="eyJwYWdlIjoyLCJsaW1pdCI6NTB9",
    )
    assert query_of(api.api_requests()[0]) == {
        "beatmap_id": "5554884",
        "beatmapset_id": "2511666",
        "beatmapset_status": "qualified",
        "limit": "5",
        "page": "2",
        "message_types[]": ["problem", "suggestion"],
        "only_unresolved": "true",
        "sort": "id_desc",
        "user": "9030389",
        "with_deleted": "false",
        "cursor_string": "eyJwYWdlIjoyLCJsaW1pdCI6NTB9",
    }


async def test_discussion_posts_send_every_filter(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/discussions/posts", {"posts": []})
    await make_client().get_beatmapset_discussion_posts(
        beatmapset_discussion_id=5647607,
        limit=50,
        page=200,
        sort="id_asc",
        types="reply",
        user="@Deif",
        with_deleted=True,
        cursor_string="abc",
    )
    assert query_of(api.api_requests()[0]) == {
        "beatmapset_discussion_id": "5647607",
        "limit": "50",
        "page": "200",
        "sort": "id_asc",
        "types[]": ["reply"],
        "user": "Deif",
        "with_deleted": "true",
        "cursor_string": "abc",
    }


async def test_discussion_votes_send_every_filter(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/discussions/votes", {"votes": []})
    await make_client().get_beatmapset_discussion_votes(
        beatmapset_discussion_id=5647607,
        limit=10,
        page=3,
        receiver="9030389",
        score="-1",
        sort="id_desc",
        user=37767001,
        with_deleted=False,
        cursor_string="abc",
    )
    assert query_of(api.api_requests()[0]) == {
        "beatmapset_discussion_id": "5647607",
        "limit": "10",
        "page": "3",
        "receiver": "9030389",
        "score": "-1",
        "sort": "id_desc",
        "user": "37767001",
        "with_deleted": "false",
        "cursor_string": "abc",
    }


def test_discussion_endpoints_declare_their_paging():
    events = endpoint_of(Client.get_beatmapset_events)
    assert (events.paging, events.items, events.item) == (
        PageNumber(page_size=50, sends_limit=True, max_count=10_000),
        "events",
        BeatmapsetEvent,
    )
    for method, items, item in [
        (Client.get_beatmapset_discussions, "discussions", BeatmapsetDiscussion),
        (Client.get_beatmapset_discussion_posts, "posts", BeatmapsetDiscussionPost),
        (Client.get_beatmapset_discussion_votes, "votes", BeatmapsetDiscussionVote),
    ]:
        spec = endpoint_of(method)
        paging = CursorString(page_size=50, max_count=10_000, page_numbers=True)
        assert (spec.paging, spec.items, spec.item) == (paging, items, item)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_beatmapset_events(limit=4), "get_beatmapset_events(limit=4): must be an"),
        (lambda c: c.get_beatmapset_events(limit=51), "integer from 5 to 50"),
        (lambda c: c.get_beatmapset_events(page=201), "get_beatmapset_events(page=201): must be"),
        (lambda c: c.get_beatmapset_events(limit=5, page=2001), "integer from 1 to 2000"),
        (lambda c: c.get_beatmapset_events(user=0), "get_beatmapset_events(user=0):"),
        (lambda c: c.get_beatmapset_events(user="@"), "give a user id or a username"),
        (lambda c: c.get_beatmapset_events(types=[]), "give a list of event types"),
        (lambda c: c.get_beatmapset_events(types=["Nominate!"]), "is not an event type"),
        (lambda c: c.get_beatmapset_events(beatmapset_id=-1), "(beatmapset_id=-1)"),
        (lambda c: c.get_beatmapset_events(min_date=2026), "get_beatmapset_events(min_date=2026)"),
        (lambda c: c.get_beatmapset_events(sort="newest"), "'id_desc', 'id_asc'"),
        (lambda c: c.get_beatmapset_discussions(beatmapset_status="loved"), "'never_qualified'"),
        (lambda c: c.get_beatmapset_discussions(message_types=["bug"]), "'mapper_note'"),
        (lambda c: c.get_beatmapset_discussions(only_unresolved="yes"), "must be True or False"),
        (lambda c: c.get_beatmapset_discussions(beatmap_id=0), "(beatmap_id=0)"),
        (lambda c: c.get_beatmapset_discussions(cursor_string=""), "(cursor_string='')"),
        (lambda c: c.get_beatmapset_discussion_posts(types=["first", "edit"]), "'system'"),
        (lambda c: c.get_beatmapset_discussion_posts(beatmapset_discussion_id=0), "_id=0)"),
        (lambda c: c.get_beatmapset_discussion_posts(limit=1), "(limit=1): must be"),
        (lambda c: c.get_beatmapset_discussion_votes(score=2), "(score=2): use 1 (up) or -1"),
        (lambda c: c.get_beatmapset_discussion_votes(score=True), "(score=True)"),
        (lambda c: c.get_beatmapset_discussion_votes(receiver=-4), "(receiver=-4)"),
        (lambda c: c.get_beatmapset_discussion_votes(with_deleted=1), "must be True or False"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []

"""Forum endpoints: a topic's posts, and topic/post writes with a login."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from osuframes import MissingScopeError
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import CursorString
from osuframes.models import ForumPost
from tests.endpoints.harness import Case, cases_param, query_of, run_case, user_token


def _topic(page) -> None:
    assert (page.topic.id, page.topic.title) == (7, "UverWorld - Unknown Orchestra")
    assert page.topic.created_at == datetime(2007, 8, 31, 19, 29, 3, tzinfo=UTC)
    assert len(page.posts) == 20 and page.posts[0].id == 15 and page.posts[-1].id == 5985982
    assert page.cursor == {"id": 5985982} and page.cursor_string == "eyJpZCI6NTk4NTk4Mn0"


def _created(created) -> None:
    assert (created.topic.id, created.topic.forum_id, created.topic.title) == (
        521,
        74,
        "Test topic",
    )
    assert (created.post.id, created.post.body.raw) == (649, "Test body")
    assert created.post.created_at == datetime(2026, 7, 4, 0, 48, 1, tzinfo=UTC)


def _reply(post) -> None:
    assert (post.id, post.topic_id, post.user_id, post.body.raw) == (650, 515, 664, "Test body")


def _edited_post(post) -> None:
    assert (post.id, post.edited_by_id) == (638, 664)
    assert post.edited_at == datetime(2026, 7, 4, 0, 38, 40, tzinfo=UTC)


CASES = [
    Case(
        "get_forum_topic_200.json",
        "get_forum_topic",
        "GET /api/v2/forums/topics/7",
        (7,),
        kwargs={"limit": 20},
        query={"limit": "20"},
        check=_topic,
    ),
    Case(
        "get_forum_topic_404.json",
        "get_forum_topic",
        "GET /api/v2/forums/topics/999999999",
        (999999999,),
        query={"limit": "50"},
    ),
    Case(
        "create_forum_topic_200.json",
        "create_forum_topic",
        "POST /api/v2/forums/topics",
        (74, "Test topic", "Test body"),
        body={"forum_id": 74, "title": "Test topic", "body": "Test body"},
        user=True,
        check=_created,
    ),
    Case(
        "reply_forum_topic_200.json",
        "reply_forum_topic",
        "POST /api/v2/forums/topics/515/reply",
        (515, "Test body"),
        body={"body": "Test body"},
        user=True,
        check=_reply,
    ),
    Case(
        "edit_forum_topic_title_200.json",
        "edit_forum_topic_title",
        "PUT /api/v2/forums/topics/515",
        (515, "Test topic"),
        body={"forum_topic": {"topic_title": "Test topic"}},
        user=True,
        check=lambda topic: (
            (topic.id, topic.title, topic.post_count) == (515, "Test topic", 5)
            or pytest.fail(repr(topic))
        ),
    ),
    Case(
        "edit_forum_post_200.json",
        "edit_forum_post",
        "PUT /api/v2/forums/posts/638",
        (638, "Test body"),
        body={"body": "Test body"},
        user=True,
        check=_edited_post,
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


TOPIC = {"topic": {"id": 1}, "post": {"id": 2}}


@pytest.mark.parametrize(
    ("http", "call", "query", "body", "answer"),
    [
        pytest.param(
            "GET /api/v2/forums/topics/7",
            lambda c: c.get_forum_topic(7, sort="id_desc", end=100, limit=5),
            {"limit": "5", "sort": "id_desc", "end": "100"},
            None,
            {"topic": {"id": 7}, "posts": []},
            id="topic_from_end",
        ),
        pytest.param(
            "GET /api/v2/forums/topics/7",
            lambda c: c.get_forum_topic(7, sort="id_asc", cursor_string="eyJpZCI6MTV9"),
            {"limit": "50", "sort": "id_asc", "cursor_string": "eyJpZCI6MTV9"},
            None,
            {"topic": {"id": 7}, "posts": []},
            id="topic_next_page",
        ),
        pytest.param(
            "POST /api/v2/forums/topics",
            lambda c: c.create_forum_topic(
                74,
                "Poll topic",
                "Vote!",
                with_poll=True,
                poll_title="Best mode?",
                poll_options=["osu", "taiko", "fruits"],
                poll_length_days=7,
                poll_vote_change=True,
                poll_hide_results=True,
                poll_max_votes=2,
            ),
            {},
            {
                "forum_id": 74,
                "title": "Poll topic",
                "body": "Vote!",
                "with_poll": True,
                "forum_topic_poll": {
                    "title": "Best mode?",
                    "options": "osu\ntaiko\nfruits",
                    "length_days": 7,
                    "max_options": 2,
                    "vote_change": True,
                    "hide_results": True,
                },
            },
            TOPIC,
            id="create_topic_with_poll",
        ),
        pytest.param(
            "POST /api/v2/forums/topics/515/reply",
            lambda c: c.reply_forum_topic(515, "[b]hi[/b]"),
            {},
            {"body": "[b]hi[/b]"},
            {"id": 3},
            id="reply",
        ),
        pytest.param(
            "PUT /api/v2/forums/topics/515",
            lambda c: c.edit_forum_topic_title(515, "New title"),
            {},
            {"forum_topic": {"topic_title": "New title"}},
            {"id": 515},
            id="edit_title",
        ),
        pytest.param(
            "PUT /api/v2/forums/posts/638",
            lambda c: c.edit_forum_post(638, "edited"),
            {},
            {"body": "edited"},
            {"id": 638},
            id="edit_post",
        ),
    ],
)
async def test_request_shape(api, make_client, http, call, query, body, answer):
    method, route = http.split(" ", 1)
    api.json_route(method, route, answer)
    await call(make_client(token=user_token(), session_id=2))
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == (method, route)
    assert query_of(request) == query
    assert (json.loads(request.content) if request.content else None) == body


async def test_writes_need_a_login_with_forum_write(api, make_client):
    client = make_client()
    for call in (
        client.create_forum_topic(74, "t", "b"),
        client.reply_forum_topic(515, "b"),
        client.edit_forum_topic_title(515, "t"),
        client.edit_forum_post(638, "b"),
    ):
        with pytest.raises(MissingScopeError) as info:
            await call
        assert "forum.write" in str(info.value) and "osuframes login" in str(info.value)
    assert api.requests == []


def test_writes_are_never_cached_and_reads_page_by_cursor():
    from osuframes import Client

    client = object()
    for method, arguments in [
        ("create_forum_topic", (74, "t", "b")),
        ("reply_forum_topic", (515, "b")),
        ("edit_forum_topic_title", (515, "t")),
        ("edit_forum_post", (638, "b")),
    ]:
        call = endpoint_of(getattr(Client, method)).build(client, *arguments)
        assert not call.cacheable and call.needs_user, method
        assert call.scopes == frozenset({"forum.write"}), method
    topic = endpoint_of(Client.get_forum_topic)
    assert (topic.paging, topic.items, topic.item) == (
        CursorString(page_size=50, short_page_ends=True),
        "posts",
        ForumPost,
    )
    assert topic.build(client, 7).cacheable


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_forum_topic(0), "get_forum_topic(topic_id=0)"),
        (lambda c: c.get_forum_topic(7, limit=51), "get_forum_topic(limit=51): must be an integer"),
        (lambda c: c.get_forum_topic(7, sort="new"), "use one of 'id_asc', 'id_desc'"),
        (lambda c: c.get_forum_topic(7, start=1, end=9), "give start or end, not both"),
        (lambda c: c.create_forum_topic(74, "", "body"), "create_forum_topic(title=''):"),
        (lambda c: c.create_forum_topic(74, "t", "  "), "create_forum_topic(content='  '):"),
        (
            lambda c: c.create_forum_topic(74, "t", "b", poll_title="q"),
            "set with_poll=True to attach the poll",
        ),
        (
            lambda c: c.create_forum_topic(74, "t", "b", with_poll=True, poll_options=["a", "b"]),
            "create_forum_topic(poll_title=None): a poll needs a title",
        ),
        (
            lambda c: c.create_forum_topic(74, "t", "b", with_poll=True, poll_title="q"),
            "give a list of 2 to 10 answers",
        ),
        (
            lambda c: c.create_forum_topic(
                74, "t", "b", with_poll=True, poll_title="q", poll_options=["only"]
            ),
            "a poll has 2 to 10 answers",
        ),
        (
            lambda c: c.create_forum_topic(
                74, "t", "b", with_poll=True, poll_title="q", poll_options=["a", "a"]
            ),
            "the answers must differ",
        ),
        (
            lambda c: c.create_forum_topic(
                74, "t", "b", with_poll=True, poll_title="q", poll_options=["a\nb", "c"]
            ),
            "an answer must be a single line",
        ),
        (
            lambda c: c.create_forum_topic(
                74,
                "t",
                "b",
                with_poll=True,
                poll_title="q",
                poll_options=["a", "b"],
                poll_max_votes=3,
            ),
            "create_forum_topic(poll_max_votes=3): must be an integer from 1 to 2",
        ),
        (
            lambda c: c.create_forum_topic(
                74,
                "t",
                "b",
                with_poll=True,
                poll_title="q",
                poll_options=["a", "b"],
                poll_hide_results=True,
            ),
            "hiding results needs poll_length_days",
        ),
        (lambda c: c.reply_forum_topic(515, ""), "reply_forum_topic(content=''):"),
        (lambda c: c.edit_forum_topic_title(-1, "t"), "edit_forum_topic_title(topic_id=-1)"),
        (lambda c: c.edit_forum_post(638, None), "edit_forum_post(new_content=None)"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client(token=user_token(), session_id=2))
    assert message in str(info.value)
    assert api.requests == []

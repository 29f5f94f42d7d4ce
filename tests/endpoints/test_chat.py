"""Chat endpoints: every one needs a user's login; writes recorded on the dev server."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from osuframes import MissingScopeError
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import SinceUntil
from osuframes.models import ChatChannel, ChatUpdatesResponse
from tests.endpoints.harness import Case, cases_param, query_of, run_case, user_token


def _channel(response) -> None:
    channel = response.channel
    assert (channel.channel_id, channel.name, channel.type) == (5, "#osu", "PUBLIC")
    assert channel.current_user_attributes is not None and channel.last_message_id == 8781


def _channels(channels) -> None:
    assert len(channels) == 14 and all(isinstance(c, ChatChannel) for c in channels)
    assert [c.name for c in channels[:2]] == ["#osu", "#lobby"]


def _created(channel) -> None:
    assert (channel.channel_id, channel.name, channel.type) == (6364, "TestAesth", "PM")
    (message,) = channel.recent_messages
    assert (message.message_id, message.sender.username) == (8782, "NiceAesth")
    assert message.timestamp == datetime(2026, 7, 3, 22, 38, 14, tzinfo=UTC)


def _sent(message) -> None:
    assert (message.message_id, message.channel_id, message.content) == (8783, 5, "Test")
    assert message.timestamp == datetime(2026, 7, 4, 0, 48, 5, tzinfo=UTC)
    assert message.sender.username == "NiceAesth" and message.is_action is False


def _private(response) -> None:
    assert response.new_channel_id == 6364 and response.channel.users == [664, 665]
    assert (response.message.message_id, response.message.content) == (8784, "Test")


CASES = [
    Case(
        "get_channel_200.json",
        "get_channel",
        "GET /api/v2/chat/channels/5",
        (5,),
        user=True,
        check=_channel,
    ),
    Case(
        "get_channel_404.json",
        "get_channel",
        "GET /api/v2/chat/channels/999999",
        (999999,),
        user=True,
    ),
    Case(
        "get_channel_messages_200.json",
        "get_channel_messages",
        "GET /api/v2/chat/channels/5/messages",
        (5,),
        query={"limit": "50"},
        user=True,
        check=lambda messages: messages == [] or pytest.fail(repr(messages)),
    ),
    Case(
        "get_channel_messages_404.json",
        "get_channel_messages",
        "GET /api/v2/chat/channels/999999/messages",
        (999999,),
        query={"limit": "50"},
        user=True,
    ),
    Case(
        "get_channels_200.json",
        "get_channels",
        "GET /api/v2/chat/channels",
        user=True,
        check=_channels,
    ),
    Case(
        "get_chat_ack_200.json",
        "get_chat_ack",
        "POST /api/v2/chat/ack",
        user=True,
        check=lambda silences: silences == [] or pytest.fail(repr(silences)),
    ),
    Case(
        "create_chat_channel_200.json",
        "create_chat_channel",
        "POST /api/v2/chat/channels",
        ("PM",),
        kwargs={"target_id": 665, "message": "Test"},
        body={"type": "PM", "message": "Test", "target_id": 665},
        user=True,
        check=_created,
    ),
    Case(
        "join_channel_200.json",
        "join_channel",
        "PUT /api/v2/chat/channels/6/users/664",
        (6, 664),
        user=True,
        check=lambda c: (
            (c.channel_id, c.name, c.current_user_attributes.can_message) == (6, "#lobby", True)
            or pytest.fail(repr(c))
        ),
    ),
    Case(
        "send_message_200.json",
        "send_message",
        "POST /api/v2/chat/channels/5/messages",
        (5, "Test"),
        body={"message": "Test", "is_action": False},
        user=True,
        check=_sent,
    ),
    Case(
        "send_private_message_200.json",
        "send_private_message",
        "POST /api/v2/chat/new",
        (665, "Test"),
        body={"target_id": 665, "message": "Test", "is_action": False},
        user=True,
        check=_private,
    ),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


def _user_client(make_client):
    return make_client(token=user_token(), session_id=2, max_retries=0)


EMPTY = httpx.Response(204)


@pytest.mark.parametrize(
    ("http", "call", "query", "body", "answer", "result"),
    [
        pytest.param(
            "POST /api/v2/chat/ack",
            lambda c: c.get_chat_ack(since=8781, silence_id_since=12),
            {},
            {"since": 8781, "history_since": 12},
            httpx.Response(200, json={"silences": [{"id": 13, "user_id": 3}]}),
            lambda silences: [(s.id, s.user_id) for s in silences] == [(13, 3)],
            id="ack",
        ),
        pytest.param(
            "POST /api/v2/chat/ack",
            lambda c: c.get_chat_ack(),
            {},
            None,
            httpx.Response(200, json={"silences": []}),
            lambda silences: silences == [],
            id="ack_without_body",
        ),
        pytest.param(
            "GET /api/v2/chat/updates",
            lambda c: c.get_chat_updates(
                8700, limit=20, channel_id=5, includes=["messages", "silences"], silence_id_since=4
            ),
            {
                "since": "8700",
                "limit": "20",
                "channel_id": "5",
                "includes[]": ["messages", "silences"],
                "history_since": "4",
            },
            None,
            httpx.Response(
                200, json={"messages": [{"message_id": 8701, "channel_id": 5}], "silences": []}
            ),
            lambda updates: (
                [m.message_id for m in updates.messages] == [8701] and updates.presence == []
            ),
            id="updates",
        ),
        pytest.param(
            "GET /api/v2/chat/updates",
            lambda c: c.get_chat_updates(8781),
            {"since": "8781", "limit": "50"},
            None,
            EMPTY,
            lambda updates: updates == ChatUpdatesResponse(),
            id="updates_nothing_new_is_204",
        ),
        pytest.param(
            "GET /api/v2/chat/channels/5",
            lambda c: c.get_channel(5),
            {},
            None,
            httpx.Response(200, json={"channel": {"channel_id": 5}, "users": []}),
            lambda response: response.channel.channel_id == 5,
            id="channel",
        ),
        pytest.param(
            "GET /api/v2/chat/channels",
            lambda c: c.get_channels(),
            {},
            None,
            httpx.Response(200, json=[{"channel_id": 5}]),
            lambda channels: [c.channel_id for c in channels] == [5],
            id="channels",
        ),
        pytest.param(
            "GET /api/v2/chat/channels/5/messages",
            lambda c: c.get_channel_messages(5, limit=10, since=8700, until=8790),
            {"limit": "10", "since": "8700", "until": "8790"},
            None,
            httpx.Response(200, json=[{"message_id": 8701}]),
            lambda messages: [m.message_id for m in messages] == [8701],
            id="messages_window",
        ),
        pytest.param(
            "POST /api/v2/chat/channels",
            lambda c: c.create_chat_channel(
                "announce",
                target_ids=[2, 3],
                message="Hello",
                channel_name="News",
                channel_description="Important",
            ),
            {},
            {
                "type": "ANNOUNCE",
                "message": "Hello",
                "target_ids": [2, 3],
                "channel": {"name": "News", "description": "Important"},
            },
            httpx.Response(200, json={"channel_id": 9, "type": "ANNOUNCE"}),
            lambda channel: channel.channel_id == 9,
            id="create_announcement",
        ),
        pytest.param(
            "POST /api/v2/chat/channels",
            lambda c: c.create_chat_channel("PM", target_id=665),
            {},
            {"type": "PM", "target_id": 665},
            httpx.Response(200, json={"channel_id": 6364, "type": "PM"}),
            lambda channel: channel.type == "PM",
            id="create_pm_without_message",
        ),
        pytest.param(
            "PUT /api/v2/chat/channels/6/users/664",
            lambda c: c.join_channel(6, 664),
            {},
            None,
            httpx.Response(200, json={"channel_id": 6}),
            lambda channel: channel.channel_id == 6,
            id="join",
        ),
        pytest.param(
            "DELETE /api/v2/chat/channels/6/users/664",
            lambda c: c.leave_channel(6, 664),
            {},
            None,
            EMPTY,
            lambda result: result is None,
            id="leave",
        ),
        pytest.param(
            "PUT /api/v2/chat/channels/5/mark-as-read/8783",
            lambda c: c.mark_read(5, 8783),
            {},
            None,
            EMPTY,
            lambda result: result is None,
            id="mark_read",
        ),
        pytest.param(
            "POST /api/v2/chat/channels/5/messages",
            lambda c: c.send_message(5, "waves", True),
            {},
            {"message": "waves", "is_action": True},
            httpx.Response(200, json={"message_id": 1, "is_action": True}),
            lambda message: message.is_action is True,
            id="send_action",
        ),
        pytest.param(
            "POST /api/v2/chat/new",
            lambda c: c.send_private_message(665, "hi", uuid="client-1"),
            {},
            {"target_id": 665, "message": "hi", "is_action": False, "uuid": "client-1"},
            httpx.Response(
                200,
                json={
                    "channel": {"channel_id": 6364},
                    "message": {"message_id": 2, "uuid": "client-1"},
                    "new_channel_id": 6364,
                },
            ),
            lambda response: response.message.uuid == "client-1",
            id="send_private_with_uuid",
        ),
    ],
)
async def test_request_shape(api, make_client, http, call, query, body, answer, result):
    method, route = http.split(" ", 1)
    api.route(method, route, answer)
    assert result(await call(_user_client(make_client)))
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == (method, route)
    assert query_of(request) == query
    assert (json.loads(request.content) if request.content else None) == body


@pytest.mark.parametrize(
    ("call", "scope"),
    [
        (lambda c: c.get_chat_ack(), "chat.read"),
        (lambda c: c.get_chat_updates(1), "chat.read"),
        (lambda c: c.get_channel(5), "chat.read"),
        (lambda c: c.get_channels(), "chat.read"),
        (lambda c: c.get_channel_messages(5), "chat.read"),
        (lambda c: c.create_chat_channel("PM", target_id=2), "chat.write_manage"),
        (lambda c: c.join_channel(5, 2), "chat.write_manage"),
        (lambda c: c.leave_channel(5, 2), "chat.write_manage"),
        (lambda c: c.mark_read(5, 1), "chat.read"),
        (lambda c: c.send_message(5, "hi"), "chat.write"),
        (lambda c: c.send_private_message(2, "hi"), "chat.write"),
    ],
)
async def test_every_chat_call_needs_a_login(api, make_client, call, scope):
    with pytest.raises(MissingScopeError) as info:
        await call(make_client())
    assert scope in str(info.value) and "osuframes login" in str(info.value)
    assert api.requests == []


async def test_a_login_without_the_chat_scope_is_refused_before_sending(api, make_client):
    from osuframes import OAuthToken

    token = OAuthToken(
        access_token="user-token",
        refresh_token="r",
        expires_in=86400,
        scopes=("public", "identify"),
    )
    with pytest.raises(MissingScopeError) as info:
        await make_client(token=token, session_id=2).send_message(5, "hi")
    assert "chat.write" in str(info.value)
    assert api.requests == []


def test_chat_is_never_cached_and_messages_page_by_id():
    from osuframes import Client

    spec = endpoint_of(Client.get_channel_messages)
    assert spec.paging == SinceUntil(page_size=50)
    assert not spec.build(object(), 5).cacheable
    assert not endpoint_of(Client.get_channels).build(object()).cacheable


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_chat_ack(since=-1), "get_chat_ack(since=-1): must be an integer"),
        (lambda c: c.get_chat_updates(None), "get_chat_updates(since=None)"),
        (lambda c: c.get_chat_updates(1, limit=51), "get_chat_updates(limit=51)"),
        (lambda c: c.get_chat_updates(1, includes="messages"), "give a list of 'messages'"),
        (lambda c: c.get_chat_updates(1, includes=["users"]), "use one of 'messages'"),
        (lambda c: c.get_channel(0), "get_channel(channel_id=0)"),
        (lambda c: c.get_channel_messages(5, limit=0), "get_channel_messages(limit=0)"),
        (lambda c: c.create_chat_channel("GROUP"), "use one of 'PM', 'ANNOUNCE'"),
        (lambda c: c.create_chat_channel("PM"), "a PM channel needs target_id"),
        (
            lambda c: c.create_chat_channel("PM", target_id=2, target_ids=[3]),
            "only for type='ANNOUNCE'",
        ),
        (
            lambda c: c.create_chat_channel("ANNOUNCE", target_id=2),
            "only for type='PM'; use target_ids",
        ),
        (
            lambda c: c.create_chat_channel("ANNOUNCE", target_ids=[2, 3]),
            "an announcement needs a message",
        ),
        (
            lambda c: c.create_chat_channel("ANNOUNCE", target_ids=[2], message="m"),
            "create_chat_channel(channel_name=None)",
        ),
        (
            lambda c: c.create_chat_channel(
                "ANNOUNCE", target_ids=[], message="m", channel_name="n"
            ),
            "give at least one id",
        ),
        (lambda c: c.join_channel(5, "me"), "join_channel(user_id='me')"),
        (lambda c: c.leave_channel(-5, 2), "leave_channel(channel_id=-5)"),
        (lambda c: c.mark_read(5, 0), "mark_read(message_id=0)"),
        (lambda c: c.send_message(5, ""), "send_message(message=''): give a non-empty string"),
        (lambda c: c.send_message(5, "hi", "yes"), "send_message(is_action='yes')"),
        (lambda c: c.send_private_message(0, "hi"), "send_private_message(user_id=0)"),
        (lambda c: c.send_private_message(2, "hi", uuid=""), "send_private_message(uuid='')"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(_user_client(make_client))
    assert message in str(info.value)
    assert api.requests == []

"""Tokens: acquired, reused, refreshed ahead of expiry and after a 401, revoked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from osuframes import (
    ConfigError,
    InvalidClientRequestedError,
    OAuthToken,
    RefreshTokenExpiredError,
    SimpleTokenRepository,
)
from tests.conftest import CLIENT_ID, CLIENT_SECRET, FakeClock, MockAPI

USER = {"id": 2, "username": "peppy"}


def user_token(clock: FakeClock, *, expires_in_s: float, refresh: str = "refresh-0") -> OAuthToken:
    return OAuthToken(
        access_token="user-access-0",
        refresh_token=refresh,
        expires_in=86400,
        scopes=("public", "identify"),
        expires_on=datetime.fromtimestamp(clock.now(), UTC) + timedelta(seconds=expires_in_s),
    )


async def test_client_credentials_token_is_acquired_once_and_reused(api: MockAPI, make_client):
    api.json_route("GET", "/api/v2/users/2", USER)
    client = make_client()
    for _ in range(3):
        await client._request("GET", "/api/v2/users/2")
    assert api.token_requests() == [
        {
            "grant_type": "client_credentials",
            "client_id": str(CLIENT_ID),
            "client_secret": CLIENT_SECRET,
            "scope": "public",
        }
    ]
    assert {r.headers["Authorization"] for r in api.api_requests()} == {"Bearer access-1"}


async def test_token_is_renewed_ahead_of_expiry(api: MockAPI, make_client, clock: FakeClock):
    api.token_ttl = 3600
    api.json_route("GET", "/api/v2/users/2", USER)
    client = make_client()
    await client._request("GET", "/api/v2/users/2")
    clock.t += 3600 - 100  # inside the refresh margin (300 s), not yet expired
    await client._request("GET", "/api/v2/users/2")
    assert [r.headers["Authorization"] for r in api.api_requests()] == [
        "Bearer access-1",
        "Bearer access-2",
    ]


async def test_user_token_is_refreshed_with_its_refresh_token(
    api: MockAPI, make_client, clock: FakeClock
):
    api.json_route("GET", "/api/v2/me", USER)
    client = make_client(token=user_token(clock, expires_in_s=10), session_id=2)
    await client._request("GET", "/api/v2/me")
    (form,) = api.token_requests()
    assert form["grant_type"] == "refresh_token"
    assert form["refresh_token"] == "refresh-0"
    token = await client.get_current_token()
    assert token.refresh_token == "refresh-1"  # the server rotates refresh tokens
    assert token.scopes == ("public", "identify")


async def test_a_401_gets_one_renewal_then_the_request_succeeds(api: MockAPI, make_client):
    api.route(
        "GET",
        "/api/v2/users/2",
        httpx.Response(401, json={"authentication": "basic"}),
        httpx.Response(200, json=USER),
    )
    client = make_client()
    assert await client._request("GET", "/api/v2/users/2") == USER
    assert [r.headers["Authorization"] for r in api.api_requests()] == [
        "Bearer access-1",
        "Bearer access-2",
    ]


async def test_a_second_401_raises_unauthorized(api: MockAPI, make_client):
    from osuframes import Unauthorized

    api.route("GET", "/api/v2/users/2", httpx.Response(401, json={"authentication": "basic"}))
    client = make_client()
    with pytest.raises(Unauthorized) as info:
        await client._request("GET", "/api/v2/users/2")
    assert info.value.status == 401
    assert len(api.token_requests()) == 2


async def test_update_event_carries_old_and_new_token(api: MockAPI, make_client, clock):
    api.route(
        "GET",
        "/api/v2/users/2",
        httpx.Response(401, json={"authentication": "basic"}),
        httpx.Response(200, json=USER),
    )
    client = make_client()
    events = []

    @client.on_client_update
    async def remember(event):
        events.append(event)

    await client._request("GET", "/api/v2/users/2")
    assert [(e.old_token, e.new_token.access_token) for e in events] == [
        (None, "access-1"),
        (events[0].new_token, "access-2"),
    ]
    assert all(e.client is client for e in events)


async def test_failed_refresh_raises_and_deletes_the_token(
    api: MockAPI, make_client, clock: FakeClock
):
    api.token_status = 401
    repository = SimpleTokenRepository()
    client = make_client(
        token=user_token(clock, expires_in_s=-1), session_id=2, token_repository=repository
    )
    with pytest.raises(RefreshTokenExpiredError):
        await client._request("GET", "/api/v2/me")
    assert not await repository.exists(2)
    assert api.api_requests() == []


async def test_revoke_sends_delete_and_empties_the_repository(api: MockAPI, make_client):
    api.route("DELETE", "/api/v2/oauth/tokens/current", httpx.Response(204))
    repository = SimpleTokenRepository()
    client = make_client(token_repository=repository)
    await client.get_current_token()
    assert await repository.exists(0)
    await client.revoke_token()
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == ("DELETE", "/api/v2/oauth/tokens/current")
    assert not await repository.exists(0)
    with pytest.raises(RuntimeError, match="closed"):
        await client._request("GET", "/api/v2/users/2")


async def test_token_given_to_the_client_is_stored_and_used(api: MockAPI, make_client, clock):
    api.json_route("GET", "/api/v2/me", USER)
    repository = SimpleTokenRepository()
    token = user_token(clock, expires_in_s=86400)
    client = make_client(token=token, session_id=2, token_repository=repository)
    await client._request("GET", "/api/v2/me")
    assert await repository.get(2) == token
    assert api.token_requests() == []
    assert api.api_requests()[0].headers["Authorization"] == "Bearer user-access-0"


async def test_bad_client_credentials_name_the_settings_and_hide_the_secret(make_client):
    client = make_client(client_secret="wrong-secret-value")
    with pytest.raises(InvalidClientRequestedError) as info:
        await client.get_current_token()
    message = str(info.value)
    assert "OSU_CLIENT_ID" in message and "OSU_CLIENT_SECRET" in message
    assert "wrong-secret-value" not in message
    assert info.value.status == 401


async def test_missing_credentials_raise_config_error_saying_what_to_set(make_client):
    client = make_client(client_id=None, client_secret=None)
    with pytest.raises(ConfigError, match="OSU_CLIENT_ID"):
        await client.get_current_token()

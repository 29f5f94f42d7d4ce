"""ClientStorage: an app client, user clients from tokens or the repository, events."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from osuframes import (
    ClientStorage,
    InvalidClientRequestedError,
    OAuthToken,
    SimpleTokenRepository,
)
from tests.conftest import CLIENT_ID, CLIENT_SECRET, MockAPI


def jwt_for(user_id: int) -> str:
    claims = {"sub": str(user_id), "scopes": ["public", "identify"]}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"eyJ0eXAiOiJKV1QifQ.{payload}.signature"


def storage(api: MockAPI, **options) -> ClientStorage:
    return ClientStorage(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=api.transport,
        limiter=(1000, 1),
        **options,
    )


async def test_app_client_is_session_zero_and_made_once(api: MockAPI):
    async with storage(api) as clients:
        added = []
        clients.on_client_add(added.append)
        first = await clients.app_client
        assert await clients.app_client is first
        assert first.session_id == 0
        assert [(e.session_id, e.client) for e in added] == [(0, first)]


async def test_app_client_can_be_disabled(api: MockAPI):
    with pytest.raises(ValueError, match="create_app_client=False"):
        await storage(api, create_app_client=False).app_client


async def test_add_client_takes_the_session_from_the_token_owner(api: MockAPI):
    token = OAuthToken(access_token=jwt_for(7562902), refresh_token="r", expires_in=86400)
    async with storage(api) as clients:
        client = await clients.add_client(token)
        assert client.session_id == 7562902
        assert clients.client_exists(7562902)
        assert await clients.get_client(id=7562902) is client
        assert (await client.get_current_token()).scopes == ("public", "identify")


async def test_get_client_reads_the_repository(api: MockAPI):
    repository = SimpleTokenRepository()
    await repository.add(5, OAuthToken(access_token="t5", refresh_token="r", expires_in=86400))
    async with storage(api, token_repository=repository) as clients:
        client = await clients.get_client(id=5)
        assert (await client.get_current_token()).access_token == "t5"


async def test_get_client_without_token_or_stored_session_raises(api: MockAPI):
    with pytest.raises(InvalidClientRequestedError, match="session 9"):
        await storage(api).get_client(id=9)


async def test_token_updates_of_any_client_reach_the_storage(api: MockAPI):
    async with storage(api) as clients:
        updates = []
        clients.on_client_update(updates.append)
        app = await clients.app_client
        await app.get_current_token()
        assert [e.new_token.access_token for e in updates] == ["access-1"]


async def test_revoke_client_revokes_and_forgets(api: MockAPI):
    api.route("DELETE", "/api/v2/oauth/tokens/current", httpx.Response(204))
    repository = SimpleTokenRepository()
    token = OAuthToken(access_token=jwt_for(3), refresh_token="r", expires_in=86400)
    async with storage(api, token_repository=repository) as clients:
        await clients.add_client(token)
        await clients.revoke_client(3)
        assert not clients.client_exists(3)
        assert not await repository.exists(3)


async def test_clients_of_a_storage_share_one_rate_budget(api: MockAPI):
    async with storage(api) as clients:
        app = await clients.app_client
        user = await clients.add_client(OAuthToken(access_token=jwt_for(4)), id=4)
        assert app.limiter is user.limiter

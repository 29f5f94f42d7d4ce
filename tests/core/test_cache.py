"""The response cache: hits cost no request and no rate budget; keys hold no secret."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from osuframes import RateLimit, RateLimiter, ResponseCache
from tests.conftest import FakeClock, MockAPI

USER = {"id": 2, "username": "peppy"}


class CountingLimiter(RateLimiter):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(RateLimit(1000, 1), clock=clock)
        self.acquired = 0

    async def acquire(self, cost: int = 1) -> float:
        self.acquired += 1
        return await super().acquire(cost)


async def test_cache_hit_spends_no_request_and_no_rate_limit_budget(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    limiter = CountingLimiter(clock)
    client = make_client(cache=ResponseCache(tmp_path), limiter=limiter)
    assert await client.get_user(2) == await client.get_user(2)
    assert len(api.api_requests()) == 1
    assert limiter.acquired == 1


async def test_a_cache_is_shared_by_clients_with_other_tokens(
    api: MockAPI, make_client, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    cache = ResponseCache(tmp_path)
    await make_client(cache=cache).get_user(2)
    await make_client(cache=cache, client_secret="another-secret-entirely").get_user(2)
    assert len(api.api_requests()) == 1


async def test_the_same_request_under_two_tokens_has_the_same_cache_key(
    api: MockAPI, make_client, tmp_path: Path
):
    from osuframes import OAuthToken

    api.json_route("GET", "/api/v2/users/2", USER)
    caches = [ResponseCache(tmp_path / "a"), ResponseCache(tmp_path / "b")]
    for access, cache in zip(["token-a", "token-b"], caches, strict=True):
        token = OAuthToken(
            access_token=access, expires_in=86400, expires_on=datetime(2100, 1, 1, tzinfo=UTC)
        )
        await make_client(cache=cache, token=token).get_user(2)
    sent = [r.headers["authorization"] for r in api.api_requests()]
    assert sent == ["Bearer token-a", "Bearer token-b"]
    keys = [list(cache._store.iterkeys()) for cache in caches]
    assert len(keys[0]) == 1 and keys[0] == keys[1]


async def test_user_scoped_and_write_calls_are_never_cached(api: MockAPI, make_client, tmp_path):
    from osuframes import OAuthToken

    api.json_route("GET", "/api/v2/me", USER)
    token = OAuthToken(
        access_token="t",
        expires_in=86400,
        scopes=("public", "identify"),
        expires_on=datetime(2100, 1, 1, tzinfo=UTC),
    )
    client = make_client(cache=ResponseCache(tmp_path), token=token, session_id=2)
    await client.get_me()
    await client.get_me()
    assert len(api.api_requests()) == 2


async def test_expired_entries_are_fetched_again(api: MockAPI, make_client, tmp_path: Path):
    api.route("GET", "/api/v2/users/2", httpx.Response(200, json=USER))
    client = make_client(cache=ResponseCache(tmp_path, ttl_s=0.001))
    await client.get_user(2)
    import time

    time.sleep(0.01)
    await client.get_user(2)
    assert len(api.api_requests()) == 2

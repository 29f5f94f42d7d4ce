"""Edge cases of the pipeline: bad page bodies, racing token renewals, costs, odd httpx errors."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from osuframes import (
    NetworkError,
    OAuthToken,
    RateLimit,
    RateLimiter,
    ResponseCache,
    SimpleTokenRepository,
)
from osuframes.http.ratelimit import MemoryLedger
from osuframes.pagination import paginate
from tests.conftest import FakeClock, MockAPI


def score(n: int) -> dict:
    return {"id": n, "user_id": 2, "accuracy": 0.9, "mode": "osu", "mods": []}


async def test_a_bad_page_body_is_retried_and_never_cached(
    api: MockAPI, make_client, tmp_path: Path
):
    good = httpx.Response(200, json=[score(n) for n in range(3)])
    api.route("GET", "/api/v2/users/2/scores/best", httpx.Response(200, content=b"<html>"), good)
    client = make_client(cache=ResponseCache(tmp_path))
    endpoint = client.get_user_bests.endpoint
    call = endpoint.build(client, 2)
    pages = [page async for page in paginate(client, endpoint, call)]
    assert [len(page.records) for page in pages] == [3]
    assert len(api.api_requests()) == 2
    assert await client.get_user_bests(2) != []
    assert len(api.api_requests()) == 2  # the good body came from the cache


def login_token(name: str, clock: FakeClock, *, expires_in_s: float) -> OAuthToken:
    return OAuthToken(
        access_token=f"access-{name}",
        refresh_token=f"refresh-{name}",
        expires_in=86400,
        scopes=("public", "identify"),
        expires_on=datetime.fromtimestamp(clock.now(), UTC) + timedelta(seconds=expires_in_s),
    )


async def test_a_second_client_of_a_session_uses_the_token_the_first_renewed(
    api: MockAPI, make_client, clock: FakeClock
):
    api.json_route("GET", "/api/v2/me", {"id": 2, "username": "peppy"})
    repository = SimpleTokenRepository()
    await repository.add(2, login_token("old", clock, expires_in_s=10))
    first = make_client(token_repository=repository, session_id=2)
    second = make_client(token_repository=repository, session_id=2)
    await second.get_current_token()  # loads the old token
    await first._request("GET", "/api/v2/me")  # refreshes: old refresh token is spent
    await second._request("GET", "/api/v2/me")  # must not spend it again
    assert [form["refresh_token"] for form in api.token_requests()] == ["refresh-old"]
    assert (await repository.get(2)).access_token == "access-1"
    headers = [request.headers["Authorization"] for request in api.api_requests()]
    assert headers == ["Bearer access-1", "Bearer access-1"]


class SlowRepository(SimpleTokenRepository):
    async def exists(self, session_id: int) -> bool:
        await asyncio.sleep(0.01)
        return await super().exists(session_id)


async def test_concurrent_first_calls_wait_for_the_stored_login(
    api: MockAPI, make_client, clock: FakeClock
):
    api.json_route("GET", "/api/v2/me", {"id": 2, "username": "peppy"})
    repository = SlowRepository()
    await repository.add(2, login_token("stored", clock, expires_in_s=86400))
    client = make_client(token_repository=repository, session_id=2)
    await asyncio.gather(*(client._request("GET", "/api/v2/me") for _ in range(5)))
    assert api.token_requests() == []
    assert (await repository.get(2)).access_token == "access-stored"


async def test_a_request_costing_several_takes_that_many_slots():
    clock = FakeClock()
    limiter = RateLimiter(RateLimit(10, 1), MemoryLedger(), clock)
    start = clock.now()
    for cost in (5, 5, 1):  # the eleventh unit must wait for the window
        async with limiter.slot(cost):
            pass
    assert clock.now() - start >= 1.0


async def test_users_batches_cost_one_slot_per_id(api: MockAPI, make_client, clock: FakeClock):
    api.json_route("GET", "/api/v2/users", {"users": []})
    client = make_client(limiter=RateLimiter(RateLimit(60, 60), MemoryLedger(), clock))
    start = clock.now()
    await client.get_users(list(range(1, 101)))  # 2 requests, 100 units of budget
    assert clock.now() - start >= 60


async def test_odd_httpx_errors_become_network_errors_with_their_cause(api: MockAPI, make_client):
    def bad_gzip(request: httpx.Request) -> httpx.Response:
        raise httpx.DecodingError("Error -3 while decompressing data", request=request)

    api.route("GET", "/api/v2/users/2", bad_gzip)
    with pytest.raises(NetworkError) as info:
        await make_client(max_retries=1)._request("GET", "/api/v2/users/2")
    assert isinstance(info.value.__cause__, httpx.DecodingError)
    assert len(api.api_requests()) == 2


def test_cache_keys_tell_apis_and_users_apart():
    key = ResponseCache.key
    base = key("https://osu.ppy.sh", "app", "GET", "/api/v2/users/2", [], 1)
    assert key("http://127.0.0.1:9", "app", "GET", "/api/v2/users/2", [], 1) != base
    assert key("https://osu.ppy.sh", "user:2", "GET", "/api/v2/users/2", [], 1) != base
    assert key("https://osu.ppy.sh", "app", "GET", "/api/v2/users/2", [], 1) == base

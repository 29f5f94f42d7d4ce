"""Retries: what is retried, how long the client waits, and what a final failure raises."""

from __future__ import annotations

import random

import httpx
import pytest

from osuframes import (
    InvalidResponseError,
    NetworkError,
    NotFound,
    RateLimited,
    ServerError,
)
from osuframes.http.retry import RetryPolicy, parse_retry_after
from tests.conftest import FakeClock, MockAPI

USER = {"id": 2, "username": "peppy"}
TOO_MANY = httpx.Response(429, json={"error": "Too Many Attempts."})


def reset(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadError("connection reset by peer", request=request)


def truncated(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("peer closed connection without sending complete body")


async def test_429_without_retry_after_backs_off_then_succeeds(api: MockAPI, make_client, clock):
    """The limiter holds the client's back-off (one window of its limit, 1000/1 here, then
    twice that); the retry adds no wait of its own on top."""
    api.route("GET", "/api/v2/users/2", TOO_MANY, TOO_MANY, httpx.Response(200, json=USER))
    client = make_client()
    assert await client._request("GET", "/api/v2/users/2") == USER
    waits = [s for s in clock.sleeps if s > 0]
    assert waits == [pytest.approx(1.05), pytest.approx(2.1)]


def test_backoff_after_429_can_wait_a_whole_server_window():
    policy = RetryPolicy(rng=random.Random(1))
    waits = [policy.delay(n, status=429) for n in range(5)]
    assert all(w <= 60 for w in waits)
    assert waits[:4] == sorted(waits[:4])
    assert sum(waits) >= 60  # the default 5 retries outlast the server's fixed 60 s window


async def test_retry_after_is_honoured(api: MockAPI, make_client, clock):
    api.route(
        "GET",
        "/api/v2/users/2",
        httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "Too Many Attempts."}),
        httpx.Response(200, json=USER),
    )
    await make_client()._request("GET", "/api/v2/users/2")
    assert 7.0 in clock.sleeps


def test_retry_after_reads_seconds_and_http_dates():
    assert parse_retry_after("12", now=0) == 12
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", now=30) == 30
    assert parse_retry_after("soon", now=0) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried_up_to_max_retries(api: MockAPI, make_client, status):
    api.route("GET", "/api/v2/users/2", httpx.Response(status, json={"error": None}))
    client = make_client(max_retries=3)
    with pytest.raises(ServerError) as info:
        await client._request("GET", "/api/v2/users/2")
    assert info.value.status == status
    assert len(api.api_requests()) == 4
    assert "after 3 retries" in str(info.value)


async def test_connection_resets_are_retried_then_raise_network_error(api: MockAPI, make_client):
    api.route("GET", "/api/v2/users/2", reset)
    with pytest.raises(NetworkError, match="ReadError"):
        await make_client(max_retries=2)._request("GET", "/api/v2/users/2")
    assert len(api.api_requests()) == 3


async def test_a_reset_then_success_returns_the_body(api: MockAPI, make_client):
    api.route("GET", "/api/v2/users/2", reset, truncated, httpx.Response(200, json=USER))
    assert await make_client()._request("GET", "/api/v2/users/2") == USER


async def test_non_json_body_is_retried_then_raises(api: MockAPI, make_client):
    api.route("GET", "/api/v2/users/2", httpx.Response(200, content=b'{"id": 2, "usern'))
    with pytest.raises(InvalidResponseError) as info:
        await make_client(max_retries=1)._request("GET", "/api/v2/users/2")
    assert len(api.api_requests()) == 2
    assert info.value.status == 200


async def test_404_raises_not_found_with_status_message_and_url_without_retry(
    api: MockAPI, make_client
):
    api.json_route("GET", "/api/v2/users/0", {"error": "Specified user couldn't be found."}, 404)
    with pytest.raises(NotFound) as info:
        await make_client()._request("GET", "/api/v2/users/0", params={"mode": "osu"})
    error = info.value
    assert error.status == 404
    assert error.message == "Specified user couldn't be found."
    assert error.url == "/api/v2/users/0?mode=osu"
    assert len(api.api_requests()) == 1


async def test_final_429_explains_the_limit(api: MockAPI, make_client):
    api.route("GET", "/api/v2/users/2", TOO_MANY)
    with pytest.raises(RateLimited) as info:
        await make_client(max_retries=2)._request("GET", "/api/v2/users/2")
    assert info.value.message == "Too Many Attempts."
    assert "1000 requests per 1 s" in str(info.value) and "60 per minute" in str(info.value)


async def test_html_502_page_becomes_a_server_error_without_the_html(api: MockAPI, make_client):
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    api.route("GET", "/api/v2/users/2", httpx.Response(502, content=page))
    with pytest.raises(ServerError) as info:
        await make_client(max_retries=0)._request("GET", "/api/v2/users/2")
    assert info.value.message == "HTML error page"


async def test_no_retry_means_one_attempt(api: MockAPI, make_client, clock: FakeClock):
    api.route("GET", "/api/v2/users/2", httpx.Response(503, json={"error": None}))
    with pytest.raises(ServerError):
        await make_client(max_retries=0)._request("GET", "/api/v2/users/2")
    assert len(api.api_requests()) == 1

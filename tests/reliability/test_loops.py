"""A `Client` belongs to one event loop, and says so when used on another."""

from __future__ import annotations

import asyncio

import pytest

from osuframes import Client, RateLimit, RateLimiter
from tests.conftest import CLIENT_ID, CLIENT_SECRET, MockAPI


def test_a_client_in_a_second_asyncio_run_says_it_belongs_to_one_loop(api: MockAPI) -> None:
    api.json_route("GET", "/api/v2/spotlights", {"spotlights": []})
    client = Client(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=api.transport,
        limiter=RateLimiter(RateLimit(1000, 1)),
    )
    assert asyncio.run(client.get_spotlights()) == []
    sent = len(api.requests)
    with pytest.raises(RuntimeError, match="a Client belongs to one loop"):
        asyncio.run(client.get_spotlights())
    assert len(api.requests) == sent  # refused before sending anything
    asyncio.run(client.aclose())


def test_a_client_made_inside_each_run_works(api: MockAPI) -> None:
    api.json_route("GET", "/api/v2/spotlights", {"spotlights": []})

    async def once() -> list[object]:
        async with Client(
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            base_url="https://osu.test",
            transport=api.transport,
            limiter=RateLimiter(RateLimit(1000, 1)),
        ) as client:
            return list(await client.get_spotlights())

    assert [asyncio.run(once()), asyncio.run(once())] == [[], []]

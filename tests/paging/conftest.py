"""A sandbox and a logged-in client that walks it with `paginate()`, counting requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from osuframes import Client, OAuthToken
from osuframes.endpoints._base import endpoint_of
from osuframes.pagination import Page, paginate
from osuframes.sandbox import AUTH_CODE, TEST_USER_ID, SandboxInfo, run

REDIRECT = "http://127.0.0.1:8123/callback"


@dataclass
class Walker:
    """Walks an endpoint through the client's paginator; the world is the ground truth."""

    info: SandboxInfo
    client: Client

    @property
    def world(self) -> Any:
        return self.info.world

    async def pages(self, method: str, *args: Any, **kwargs: Any) -> list[Page]:
        """Every page `paginate()` yields for `Client.<method>(*args, **kwargs)`."""
        spec = endpoint_of(getattr(Client, method))
        call = spec.build(self.client, *args, **kwargs)
        return [page async for page in paginate(self.client, spec, call)]

    async def records(self, method: str, *args: Any, **kwargs: Any) -> list[Any]:
        """The records of every page, in the order they came."""
        pages = await self.pages(method, *args, **kwargs)
        return [record for page in pages for record in page.records]

    def requests(self, prefix: str) -> int:
        """GET requests the sandbox served under `prefix` since the last `reset()`."""
        return int(self.info.server.stats.requests(prefix, "GET"))

    def reset(self) -> None:
        self.info.server.stats.reset()


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxInfo]:
    with run(seed=1, rate_limit=10**6) as info:
        yield info
        assert info.server.errors == [], info.server.errors[0]


@pytest.fixture
async def walker(sandbox: SandboxInfo) -> AsyncIterator[Walker]:
    client = await Client.from_authorization_code(
        AUTH_CODE,
        REDIRECT,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        base_url=sandbox.base_url,
        limiter=(100_000, 60),
    )
    async with client:
        walk = Walker(sandbox, client)
        walk.reset()
        yield walk


@asynccontextmanager
async def client_of(
    sandbox: SandboxInfo, user_id: int = TEST_USER_ID, scopes: tuple[str, ...] = ("*",)
) -> AsyncIterator[Client]:
    """A client holding a token of `user_id` with `scopes` (by default `*`, osu!lazer's)."""
    issued = sandbox.server.tokens.issue(frozenset(scopes), user_id, refresh=False)
    token = OAuthToken(access_token=issued.access_token, expires_in=86400, scopes=scopes)
    async with Client(
        base_url=sandbox.base_url, client_id=sandbox.client_id,
        client_secret=sandbox.client_secret, token=token, session_id=user_id,
        limiter=(1000, 60),
    ) as client:  # fmt: skip
        yield client

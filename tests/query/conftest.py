"""A sandbox API for the data layer's tests, and a client that talks to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from osuframes import SyncClient
from osuframes.sandbox import SandboxInfo, run
from tests.conftest import sandbox_client


@dataclass
class Sandbox:
    """The running sandbox, its world (the ground truth) and a client for it."""

    info: SandboxInfo
    client: SyncClient

    @property
    def world(self) -> Any:
        return self.info.world

    @property
    def stats(self) -> Any:
        return self.info.server.stats

    def requests(self, prefix: str) -> int:
        return int(self.stats.requests(prefix, "GET"))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with run(rate_limit=10**6) as info:
        # These tests count the requests a Query itself sends; the response cache has
        # its own tests (tests/cache/).
        client = sandbox_client(info, tmp_path_factory.mktemp("query-cache"), cache=False)
        yield Sandbox(info, client)
        client.close()


@pytest.fixture
def sb(sandbox: Sandbox) -> Sandbox:
    """The module's sandbox with its request counters zeroed."""
    sandbox.stats.reset()
    return sandbox


def offset_requests(total: int, page: int = 100, cap: int | None = None) -> int:
    """The fewest requests offset paging allows for `total` records."""
    offset = count = 0
    while True:
        size = page if cap is None else min(page, cap - offset)
        if size <= 0:
            return count
        count += 1
        got = max(0, min(size, total - offset))
        offset += got
        if got < size:
            return count


def cursor_requests(total: int, page: int) -> int:
    """Cursor paging: the server knows (limit + 1) when a page is the last."""
    return max(1, -(-total // page))


def page_requests(total: int, page: int, max_pages: int | None = None) -> int:
    """Page-number paging: a short page ends it, or the last page the server serves."""
    number = 1
    while True:
        got = max(0, min(page, total - (number - 1) * page))
        if got < page or (max_pages is not None and number >= max_pages):
            return number
        number += 1

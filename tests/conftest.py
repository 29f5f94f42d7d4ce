"""Shared fixtures: an isolated environment, a fake clock and a scriptable mock API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

import osuframes.config

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures" / "osu-api-v2"

CLIENT_ID = 4242
CLIENT_SECRET = "s3cr3t-client-secret-value"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test reads the developer's credentials or writes to the real cache folder."""
    cache = tmp_path_factory.mktemp("cache")
    for name in osuframes.config.ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OSUFRAMES_CACHE_DIR", str(cache))
    monkeypatch.setattr(osuframes.config, "_configured", None)
    yield cache


class FakeClock:
    """A clock that never waits: `sleep` moves time forward and records the wait."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.t = start
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += max(seconds, 0.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


Responder = Callable[[httpx.Request], httpx.Response]


@dataclass
class MockAPI:
    """An httpx.MockTransport handler: scripted answers per path, a real token endpoint.

    `route(method, path, *responses)` queues answers for a path (the last one repeats);
    each answer is an `httpx.Response` or a callable taking the request. Every request
    is recorded in `requests`.
    """

    requests: list[httpx.Request] = field(default_factory=list)
    routes: dict[tuple[str, str], list[httpx.Response | Responder]] = field(default_factory=dict)
    tokens_issued: int = 0
    token_ttl: int = 86400
    token_status: int = 200

    def route(self, method: str, path: str, *responses: httpx.Response | Responder) -> None:
        self.routes[(method, path)] = list(responses)

    def json_route(self, method: str, path: str, body: Any, status: int = 200) -> None:
        self.route(method, path, httpx.Response(status, json=body))

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = (request.method, request.url.path)
        if key == ("POST", "/oauth/token") and key not in self.routes:
            return self._token(request)
        queue = self.routes.get(key)
        if not queue:
            return httpx.Response(404, json={"error": "Invalid url or incorrect request method."})
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        return answer(request) if callable(answer) else answer

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = dict(httpx.QueryParams(request.content.decode()))
        if form.get("client_secret") != CLIENT_SECRET:
            body = {"error": "invalid_client", "error_description": "Client authentication failed"}
            return httpx.Response(401, json=body)
        if self.token_status != 200:
            return httpx.Response(self.token_status, json={"error": "invalid_request"})
        self.tokens_issued += 1
        body = {
            "token_type": "Bearer",
            "expires_in": self.token_ttl,
            "access_token": f"access-{self.tokens_issued}",
        }
        if form.get("grant_type") == "refresh_token":
            body["refresh_token"] = f"refresh-{self.tokens_issued}"
        return httpx.Response(200, json=body)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != "/oauth/token"]

    def token_requests(self) -> list[dict[str, str]]:
        return [
            dict(httpx.QueryParams(r.content.decode()))
            for r in self.requests
            if r.url.path == "/oauth/token"
        ]


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


def load_fixture(name: str) -> Any:
    """A recorded response from ../shared, or skip the test when the folder is absent."""
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"recorded fixtures not found at {FIXTURES} (CI has ../shared beside the repo)")
    return json.loads(path.read_bytes())


@pytest.fixture
async def make_client(api: MockAPI, clock: FakeClock) -> AsyncIterator[Callable[..., Any]]:
    """Build a `Client` on the mock API with the fake clock and a roomy private limiter.

    Every client it built is closed when the test ends.
    """
    from osuframes import Client, RateLimit, RateLimiter

    made: list[Any] = []

    def make(**options: Any) -> Any:
        defaults: dict[str, Any] = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "base_url": "https://osu.test",
            "transport": api.transport,
            "limiter": RateLimiter(RateLimit(1000, 1), clock=clock),
            "clock": clock,
        }
        client = Client(**{**defaults, **options})
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


def mock_sync_client(api: MockAPI, **options: Any) -> Any:
    """A `SyncClient` on the mock API with a roomy limiter (close it, or use `with`)."""
    from osuframes import SyncClient

    defaults: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "base_url": "https://osu.test",
        "transport": api.transport,
        "limiter": (1000, 1),
    }
    return SyncClient(**{**defaults, **options})


def sandbox_client(info: Any, cache_dir: Path, **options: Any) -> Any:
    """A `SyncClient` on a running sandbox with a roomy limiter (close it when done)."""
    from osuframes import SyncClient

    defaults: dict[str, Any] = {
        "base_url": info.base_url,
        "client_id": info.client_id,
        "client_secret": info.client_secret,
        "limiter": (100_000, 60),
        "cache_dir": cache_dir,
    }
    return SyncClient(**{**defaults, **options})

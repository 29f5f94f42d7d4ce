"""Shared sandbox fixtures: one server per module for read-only tests, fresh ones on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from typing import Any

import httpx
import pytest

from osuframes.sandbox import AUTH_CODE, SandboxInfo, run


def token(base_url: str, secret: str, **form: Any) -> dict[str, Any]:
    """POST /oauth/token and return the JSON body (asserting success)."""
    body = {"client_id": 1, "client_secret": secret, **form}
    response = httpx.post(base_url + "/oauth/token", data=body)
    assert response.status_code == 200, response.text
    return response.json()


def api_client(
    info: SandboxInfo, *, user: bool = False, version: int | None = None
) -> httpx.Client:
    """An httpx client for /api/v2 with a client-credentials (or test-user) token."""
    if user:
        tok = token(
            info.base_url, info.client_secret, grant_type="authorization_code", code=AUTH_CODE
        )
    else:
        tok = token(
            info.base_url, info.client_secret, grant_type="client_credentials", scope="public"
        )
    headers = {"Authorization": f"Bearer {tok['access_token']}", "Accept": "application/json"}
    if version is not None:
        headers["x-api-version"] = str(version)
    return httpx.Client(base_url=info.base_url + "/api/v2/", headers=headers, timeout=10)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxInfo]:
    """A sandbox shared by the tests of one module (do not change its settings)."""
    with run(seed=1) as info:
        yield info
        assert info.server.errors == [], info.server.errors[0]


@pytest.fixture(scope="module")
def client(sandbox: SandboxInfo) -> Iterator[httpx.Client]:
    """A client-credentials client on the shared sandbox."""
    with api_client(sandbox) as c:
        yield c


@pytest.fixture(scope="module")
def user_client(sandbox: SandboxInfo) -> Iterator[httpx.Client]:
    """A test-user (authorization code) client on the shared sandbox."""
    with api_client(sandbox, user=True) as c:
        yield c


@pytest.fixture
def fresh() -> Iterator[Callable[..., SandboxInfo]]:
    """Start private sandboxes with custom settings: `info = fresh(rate_limit=5)`."""
    with ExitStack() as stack:

        def start(**kwargs: Any) -> SandboxInfo:
            manager: AbstractContextManager[SandboxInfo] = run(**kwargs)
            return stack.enter_context(manager)

        yield start

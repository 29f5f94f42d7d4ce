"""Login fixtures: a sandbox on loopback, and the environment the CLI reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from osuframes.sandbox import SandboxInfo, run


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxInfo]:
    """A sandbox shared by the tests of one module (auth codes are fresh per login)."""
    with run(seed=1) as info:
        yield info
        assert info.server.errors == [], info.server.errors[0]


@pytest.fixture
def sandbox_env(
    sandbox: SandboxInfo, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> Path:
    """Credentials and base URL of the sandbox in the environment; returns the cache dir."""
    monkeypatch.setenv("OSU_CLIENT_ID", str(sandbox.client_id))
    monkeypatch.setenv("OSU_CLIENT_SECRET", sandbox.client_secret)
    monkeypatch.setenv("OSUFRAMES_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("OSUFRAMES_RATE_LIMIT", "1000/1")
    return isolated_environment


def approve(url: str) -> str:
    """What a browser does on the sandbox's login page: returns the redirect address."""
    response = httpx.get(url, follow_redirects=False)
    assert response.status_code == 302, response.text
    return response.headers["Location"]

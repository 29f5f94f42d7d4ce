"""`Client.from_authorization_code` and `Client.login_session` against the sandbox."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from osuframes import (
    Client,
    ConfigError,
    InvalidClientRequestedError,
    MissingScopeError,
    RateLimit,
    RateLimiter,
    SimpleTokenRepository,
    Unauthorized,
)
from osuframes.auth.login import (
    current_login,
    login_repository,
    remember_login,
)
from osuframes.config import Settings
from osuframes.errors import LoginError
from osuframes.models import UserExtended
from osuframes.sandbox import AUTH_CODE, TEST_USER_ID, SandboxInfo
from tests.conftest import CLIENT_ID, CLIENT_SECRET, FakeClock, MockAPI

REDIRECT = "http://127.0.0.1:8123/callback"


def options(sandbox: SandboxInfo, **more: Any) -> dict[str, Any]:
    return {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "base_url": sandbox.base_url,
        "limiter": (1000, 1),
        **more,
    }


async def test_from_authorization_code_stores_the_token_under_the_user_id(
    sandbox: SandboxInfo,
) -> None:
    repository = SimpleTokenRepository()
    client = await Client.from_authorization_code(
        AUTH_CODE, REDIRECT, **options(sandbox, token_repository=repository)
    )
    async with client:
        me: UserExtended = await client.get_me()
    token = await repository.get(TEST_USER_ID)
    assert client.session_id == TEST_USER_ID == me.id
    assert not await repository.exists(0)
    assert token.has_user and token.can_refresh and "identify" in token.scopes


async def test_from_authorization_code_sends_the_code_grant_with_the_redirect_uri(
    api: MockAPI, clock: FakeClock
) -> None:
    api.json_route("GET", "/api/v2/me", {"id": 7, "username": "seven"})
    client = await Client.from_authorization_code(
        "c0de",
        REDIRECT,
        scopes=("public", "identify"),
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=api.transport,
        limiter=RateLimiter(RateLimit(1000, 1), clock=clock),
        clock=clock,
    )
    form = api.token_requests()[0]
    assert {k: form[k] for k in ("grant_type", "code", "redirect_uri")} == {
        "grant_type": "authorization_code",
        "code": "c0de",
        "redirect_uri": REDIRECT,
    }
    # A token that is not a JWT names no owner: the client asked /me whose it is.
    assert client.session_id == 7
    assert await client.token_repository.exists(7)
    assert (await client.get_current_token()).scopes == ("public", "identify")
    await client.aclose()


async def test_client_update_event_fires_when_the_login_token_is_stored(
    sandbox: SandboxInfo,
) -> None:
    events: list[Any] = []

    class Watched(Client):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.on_client_update(events.append)

    client = await Watched.from_authorization_code(AUTH_CODE, REDIRECT, **options(sandbox))
    await client.aclose()
    assert len(events) == 1 and events[0].old_token is None
    assert events[0].new_token.owner_id == TEST_USER_ID


async def test_a_refused_code_says_to_log_in_again(sandbox: SandboxInfo) -> None:
    with pytest.raises(Unauthorized, match="log in again") as refused:
        await Client.from_authorization_code("sbc.expired", REDIRECT, **options(sandbox))
    assert refused.value.status == 400 and refused.value.url == "/oauth/token"
    assert sandbox.client_secret not in str(refused.value)


async def test_a_wrong_secret_names_the_credentials_to_check(sandbox: SandboxInfo) -> None:
    wrong = options(sandbox, client_secret="not-the-secret-123")
    with pytest.raises(InvalidClientRequestedError) as refused:
        await Client.from_authorization_code(AUTH_CODE, REDIRECT, **wrong)
    message = str(refused.value)
    assert "OSU_CLIENT_ID" in message and "OSU_CLIENT_SECRET" in message
    assert "not-the-secret-123" not in message


async def test_missing_credentials_are_a_config_error(sandbox: SandboxInfo) -> None:
    with pytest.raises(ConfigError, match="OSU_CLIENT_SECRET"):
        await Client.from_authorization_code(AUTH_CODE, REDIRECT, client_id=1)


async def test_user_method_with_an_app_token_raises_missing_scope_before_sending(
    api: MockAPI, make_client: Callable[..., Any]
) -> None:
    client = make_client()
    await client.get_current_token()  # an application token, scope public
    with pytest.raises(MissingScopeError, match="osuframes login"):
        await client.get_me()
    assert api.api_requests() == []


def test_login_session_without_a_login_says_to_run_osuframes_login(tmp_path: Path) -> None:
    with pytest.raises(LoginError, match="run `osuframes login`") as none:
        Client.login_session(Settings(cache_dir=tmp_path))
    assert none.value.reason == "not_logged_in"


async def test_login_session_uses_the_current_login_token(
    sandbox: SandboxInfo, tmp_path: Path
) -> None:
    settings = Settings.resolve(
        {
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
            "base_url": sandbox.base_url,
            "cache_dir": tmp_path,
            "rate_limit": "1000/1",
        }
    )
    repository = login_repository(settings)
    client = await Client.from_authorization_code(
        AUTH_CODE, REDIRECT, token_repository=repository, settings=settings
    )
    await client.aclose()
    repository.close()
    remember_login(client.session_id, settings=settings)
    assert current_login(settings) == TEST_USER_ID

    async with Client.login_session(settings) as again:
        me: UserExtended = await again.get_me()
        assert again.session_id == me.id == TEST_USER_ID
    tokens = tmp_path / "tokens"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o700
    for path in tokens.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


async def test_a_login_token_works_for_plain_public_endpoints_too(sandbox: SandboxInfo) -> None:
    client = await Client.from_authorization_code(AUTH_CODE, REDIRECT, **options(sandbox))
    async with client:
        user: UserExtended = await client.get_user(TEST_USER_ID)
    assert user.id == TEST_USER_ID

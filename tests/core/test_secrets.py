"""Secrets stay secret: no token or client secret in reprs, logs or error messages."""

from __future__ import annotations

import logging

import httpx
import pytest

from osuframes import (
    ClientStorage,
    ConfigError,
    DiskTokenRepository,
    OAuthToken,
    ServerError,
    Settings,
    configure,
)
from tests.conftest import CLIENT_SECRET, MockAPI

ACCESS = "eyJhbGciOi.secret-access.part"
REFRESH = "def50200-secret-refresh"


def token() -> OAuthToken:
    return OAuthToken(access_token=ACCESS, refresh_token=REFRESH, expires_in=86400)


def assert_hidden(text: str) -> None:
    for secret in (ACCESS, REFRESH, CLIENT_SECRET, "access-1"):
        assert secret not in text


def test_token_repr_and_str_hide_both_tokens():
    assert_hidden(repr(token()))
    assert_hidden(str(token()))
    assert "access_token='**********'" in repr(token())


async def test_client_repr_hides_the_secret(make_client):
    client = make_client(token=token())
    assert_hidden(repr(client))
    assert_hidden(repr(client.settings))
    assert_hidden(repr(client.client_secret))


def test_settings_and_storage_reprs_hide_the_secret():
    settings = Settings.resolve({"client_id": 1, "client_secret": CLIENT_SECRET})
    assert_hidden(repr(settings))
    assert_hidden(repr(ClientStorage(client_id=1, client_secret=CLIENT_SECRET)))
    assert_hidden(repr(configure(client_id=1, client_secret=CLIENT_SECRET)))


async def test_debug_log_has_no_secret(api: MockAPI, make_client, caplog: pytest.LogCaptureFixture):
    api.route(
        "GET",
        "/api/v2/users/2",
        httpx.Response(401, json={"authentication": "basic"}),
        httpx.Response(503, json={"error": None}),
        httpx.Response(200, json={"id": 2}),
    )
    caplog.set_level(logging.DEBUG)
    client = make_client()
    await client._request("GET", "/api/v2/users/2")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    arguments = repr([record.args for record in caplog.records])
    assert "/api/v2/users/2" in logged
    assert_hidden(logged)
    assert_hidden(arguments)
    # The 401 renewed the token: the new one, `access-2`, must not be logged either.
    assert api.tokens_issued == 2
    assert "access-2" not in logged and "access-2" not in arguments


async def test_error_messages_have_no_secret(api: MockAPI, make_client):
    api.route("GET", "/api/v2/users/2", httpx.Response(500, json={"error": None}))
    with pytest.raises(ServerError) as info:
        await make_client(max_retries=0)._request("GET", "/api/v2/users/2")
    assert_hidden(str(info.value))
    assert_hidden(repr(info.value))


def test_config_errors_never_echo_the_secret():
    with pytest.raises(ConfigError) as info:
        Settings.resolve({"client_id": "not-a-number", "client_secret": CLIENT_SECRET})
    assert_hidden(str(info.value))


async def test_token_files_are_private(tmp_path):
    repository = DiskTokenRepository(tmp_path / "tokens")
    await repository.add(0, token())
    assert (tmp_path / "tokens").stat().st_mode & 0o777 == 0o700
    files = [p for p in (tmp_path / "tokens").iterdir() if p.is_file()]
    assert files
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path

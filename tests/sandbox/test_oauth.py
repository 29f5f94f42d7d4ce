"""OAuth grants, error bodies, scopes, expiry and revocation, over HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import httpx

from osuframes.sandbox import AUTH_CODE, CLIENT_ID, CLIENT_SECRET, SandboxInfo

from .conftest import api_client, token


def _post(info: SandboxInfo, **kwargs: object) -> httpx.Response:
    return httpx.post(info.base_url + "/oauth/token", **kwargs)  # type: ignore[arg-type]


def test_client_credentials_returns_a_bearer_token_without_refresh_token(
    sandbox: SandboxInfo,
) -> None:
    body = token(sandbox.base_url, CLIENT_SECRET, grant_type="client_credentials", scope="public")
    assert set(body) == {"token_type", "expires_in", "access_token"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 86400


def test_token_endpoint_accepts_json_and_http_basic(sandbox: SandboxInfo) -> None:
    form = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    as_json = _post(sandbox, json={**form, "grant_type": "client_credentials", "scope": "public"})
    basic = _post(
        sandbox,
        auth=(str(CLIENT_ID), CLIENT_SECRET),
        data={"grant_type": "client_credentials", "scope": "public"},
    )
    assert as_json.status_code == 200 and basic.status_code == 200


def test_wrong_secret_is_invalid_client_401(sandbox: SandboxInfo) -> None:
    data = {
        "client_id": 1,
        "client_secret": "nope",
        "grant_type": "client_credentials",
        "scope": "public",
    }
    response = _post(sandbox, data=data)
    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_client",
        "error_description": "Client authentication failed",
        "message": "Client authentication failed",
    }
    assert "WWW-Authenticate" not in response.headers
    basic = _post(
        sandbox, auth=("1", "nope"), data={"grant_type": "client_credentials", "scope": "public"}
    )
    assert basic.headers["WWW-Authenticate"] == 'Basic realm="OAuth"'


def test_client_credentials_scope_rules_answer_400(sandbox: SandboxInfo) -> None:
    base = {"client_id": 1, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials"}
    json_accept = {"Accept": "application/json"}
    empty = _post(sandbox, data={**base, "scope": ""}, headers=json_accept)
    assert (empty.status_code, empty.json()) == (
        400,
        {"error": "Tokens without scopes are not valid."},
    )
    star = _post(sandbox, data={**base, "scope": "*"}, headers=json_accept)
    assert (star.status_code, star.json()) == (
        400,
        {"error": "* is not allowed with Client Credentials"},
    )
    html = _post(sandbox, data={**base, "scope": "*"})
    assert html.status_code == 400 and html.headers["Content-Type"].startswith("text/html")
    unknown = _post(sandbox, data={**base, "scope": "public bogus"})
    assert unknown.status_code == 400
    assert (
        unknown.json()["error"] == "invalid_scope"
        and unknown.json()["hint"] == "Check the `bogus` scope"
    )


def test_unsupported_grant_type_is_400(sandbox: SandboxInfo) -> None:
    response = _post(
        sandbox, data={"client_id": 1, "client_secret": CLIENT_SECRET, "grant_type": "password"}
    )
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


def test_authorization_code_gives_a_user_token_that_refreshes_and_rotates(
    sandbox: SandboxInfo,
) -> None:
    first = token(sandbox.base_url, CLIENT_SECRET, grant_type="authorization_code", code=AUTH_CODE)
    assert set(first) == {"token_type", "expires_in", "access_token", "refresh_token"}
    second = token(
        sandbox.base_url,
        CLIENT_SECRET,
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
    )
    assert second["refresh_token"] != first["refresh_token"]
    form = {"client_id": 1, "client_secret": CLIENT_SECRET, "grant_type": "refresh_token"}
    again = _post(sandbox, data={**form, "refresh_token": first["refresh_token"]})
    assert again.status_code == 401
    assert again.json()["error"] == "invalid_request"
    assert again.json()["error_description"] == "The refresh token is invalid."
    me = httpx.get(
        sandbox.base_url + "/api/v2/me",
        headers={"Authorization": f"Bearer {second['access_token']}"},
    )
    assert me.status_code == 200 and me.json()["id"] == sandbox.user_id


def test_bad_authorization_code_is_400(sandbox: SandboxInfo) -> None:
    data = {
        "client_id": 1,
        "client_secret": CLIENT_SECRET,
        "grant_type": "authorization_code",
        "code": "x",
    }
    response = _post(sandbox, data=data)
    assert (
        response.status_code == 400
        and response.json()["hint"] == "Cannot decrypt the authorization code"
    )


def test_missing_or_invalid_bearer_is_401_basic(sandbox: SandboxInfo) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}):
        response = httpx.get(sandbox.base_url + "/api/v2/users/2", headers=headers)
        assert (response.status_code, response.json()) == (401, {"authentication": "basic"})


def test_no_token_routes_answer_without_a_token(sandbox: SandboxInfo) -> None:
    for path in ("changelog", "comments", "news", "seasonal-backgrounds", "wiki/en/Main_page"):
        assert httpx.get(f"{sandbox.base_url}/api/v2/{path}").status_code == 200, path


def test_user_routes_reject_client_credentials_with_401(client: httpx.Client) -> None:
    for method, path in (
        ("GET", "me"),
        ("GET", "friends"),
        ("GET", "chat/channels"),
        ("POST", "forums/topics"),
    ):
        response = client.request(method, path)
        assert (response.status_code, response.json()) == (401, {"authentication": "basic"}), path


def test_user_token_without_the_scope_gets_403(sandbox: SandboxInfo) -> None:
    redirect = httpx.get(
        sandbox.base_url + "/oauth/authorize",
        params={
            "client_id": 1,
            "redirect_uri": "http://localhost/cb",
            "response_type": "code",
            "scope": "public",
            "state": "s1",
        },
    )
    assert redirect.status_code == 302
    query = parse_qs(urlsplit(redirect.headers["Location"]).query)
    assert query["state"] == ["s1"]
    body = token(
        sandbox.base_url, CLIENT_SECRET, grant_type="authorization_code", code=query["code"][0]
    )
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    friends = httpx.get(sandbox.base_url + "/api/v2/friends", headers=headers)
    assert (friends.status_code, friends.json()) == (403, {"error": "A required scope is missing."})
    assert (
        httpx.get(sandbox.base_url + "/api/v2/me", headers=headers).status_code == 200
    )  # identify is implied


def test_tokens_expire_after_token_ttl(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(token_ttl=0.3)
    body = token(info.base_url, CLIENT_SECRET, grant_type="client_credentials", scope="public")
    assert body["expires_in"] == 1
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert httpx.get(info.base_url + "/api/v2/users/2", headers=headers).status_code == 200
    time.sleep(0.35)
    response = httpx.get(info.base_url + "/api/v2/users/2", headers=headers)
    assert (response.status_code, response.json()) == (401, {"authentication": "basic"})


def test_revoking_the_current_token_answers_204_and_kills_it(sandbox: SandboxInfo) -> None:
    with api_client(sandbox) as c:
        response = c.delete("oauth/tokens/current")
        assert response.status_code == 204 and response.content == b""
        assert c.get("users/2").status_code == 401

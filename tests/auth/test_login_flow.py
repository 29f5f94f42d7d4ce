"""The authorization-code flow up to the code: URL, callback server, pasted address."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from osuframes.auth.login import (
    DEFAULT_SCOPES,
    CallbackServer,
    authorize_url,
    code_from_redirect,
    new_state,
    parse_scopes,
    read_pasted_code,
)
from osuframes.errors import LoginError
from osuframes.sandbox import SandboxInfo

from .conftest import approve


def test_authorize_url_carries_client_redirect_scopes_and_state() -> None:
    url = authorize_url(
        "https://osu.test/", 7, "http://127.0.0.1:8123/callback", DEFAULT_SCOPES, "st"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "osu.test", "/oauth/authorize")
    assert parse_qs(parts.query) == {
        "client_id": ["7"],
        "redirect_uri": ["http://127.0.0.1:8123/callback"],
        "response_type": ["code"],
        "scope": ["public identify friends.read"],
        "state": ["st"],
    }


def test_login_scopes_default_to_public_identify_friends_read() -> None:
    assert parse_scopes(None) == ("public", "identify", "friends.read")


def test_asked_scopes_always_include_identify_once() -> None:
    assert parse_scopes("public chat.read,chat.read") == ("public", "chat.read", "identify")


def test_a_scope_a_login_cannot_get_is_refused_before_any_request() -> None:
    with pytest.raises(ValueError, match=r"'\*' cannot be asked for in a login"):
        parse_scopes("public *")


def test_browser_flow_brings_the_code_to_the_callback_server(sandbox: SandboxInfo) -> None:
    state = new_state()
    with CallbackServer(state) as server:
        url = authorize_url(
            sandbox.base_url, sandbox.client_id, server.redirect_uri, DEFAULT_SCOPES, state
        )
        page = httpx.get(url, follow_redirects=True)
        code = server.wait(timeout_s=5)
    assert server.redirect_uri.startswith("http://127.0.0.1:")
    assert page.status_code == 200 and "close this tab" in page.text
    assert code.startswith("sbc.")


def test_callback_with_another_state_is_refused() -> None:
    with CallbackServer(new_state()) as server:
        page = httpx.get(server.redirect_uri, params={"code": "stolen", "state": "forged"})
        with pytest.raises(LoginError, match="state does not match") as refused:
            server.wait(timeout_s=5)
    assert page.status_code == 400 and "stolen" not in str(refused.value)
    assert refused.value.reason == "state_mismatch"


def test_callback_reports_access_denied() -> None:
    state = new_state()
    with CallbackServer(state) as server:
        query = {"error": "access_denied", "error_description": "denied", "state": state}
        page = httpx.get(server.redirect_uri, params=query)
        with pytest.raises(LoginError, match="not approved on osu!") as denied:
            server.wait(timeout_s=5)
    assert page.status_code == 400 and "Login failed" in page.text
    assert denied.value.reason == "access_denied"


def test_callback_server_keeps_waiting_through_unrelated_requests() -> None:
    state = new_state()
    with CallbackServer(state) as server:
        base = server.redirect_uri.rsplit("/", 1)[0]
        assert httpx.get(base + "/favicon.ico").status_code == 404
        assert httpx.get(server.redirect_uri).status_code == 400
        httpx.get(server.redirect_uri, params={"code": "c0de", "state": state})
        assert server.wait(timeout_s=5) == "c0de"


def test_callback_server_gives_up_after_the_timeout() -> None:
    with CallbackServer(new_state()) as server, pytest.raises(LoginError) as late:
        server.wait(timeout_s=0.05)
    assert late.value.reason == "timeout" and "--no-browser" in str(late.value)


def test_paste_flow_takes_the_code_from_the_pasted_redirect_address(
    sandbox: SandboxInfo,
) -> None:
    state = new_state()
    url = authorize_url(sandbox.base_url, 1, "http://127.0.0.1:9/callback", DEFAULT_SCOPES, state)
    pasted = approve(url)
    prompts: list[str] = []

    def fake_input(prompt: str) -> str:
        prompts.append(prompt)
        return f"  {pasted}\n"

    code = read_pasted_code(state, read=fake_input)
    assert code.startswith("sbc.") and code in pasted
    assert prompts and "Paste the address" in prompts[0]


def test_paste_flow_accepts_a_bare_code() -> None:
    assert read_pasted_code("any", read=lambda _: "sbc.abc") == "sbc.abc"


def test_pasted_address_with_another_state_is_refused() -> None:
    pasted = "http://127.0.0.1:9/callback?code=sbc.x&state=older-login"
    with pytest.raises(LoginError) as refused:
        code_from_redirect(pasted, "this-login")
    assert refused.value.reason == "state_mismatch"


def test_pasted_denial_is_reported() -> None:
    pasted = "http://127.0.0.1:9/callback?error=access_denied&state=s"
    with pytest.raises(LoginError, match="access_denied"):
        code_from_redirect(pasted, "s")


def test_end_of_input_while_waiting_for_a_paste_is_a_login_error() -> None:
    def closed(_: str) -> str:
        raise EOFError

    with pytest.raises(LoginError, match="end of input"):
        read_pasted_code("s", read=closed)

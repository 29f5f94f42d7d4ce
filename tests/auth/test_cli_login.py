"""`osuframes login` and `osuframes logout` against the sandbox."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import webbrowser
from pathlib import Path

import httpx
import pytest

from osuframes import cli
from osuframes.auth.login import current_login, login_repository
from osuframes.sandbox import TEST_USER_ID, SandboxInfo

from .conftest import approve

ROOT = Path(__file__).resolve().parents[2]
AUTHORIZE = re.compile(r"\S+/oauth/authorize\?\S+")


def login_by_pasting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str]:
    """Run `osuframes login --no-browser`, pasting the redirect the printed URL leads to."""

    def fake_input(prompt: str) -> str:
        printed = capsys.readouterr().out
        found = AUTHORIZE.search(printed)
        assert found, printed
        return approve(found.group(0))

    monkeypatch.setattr("builtins.input", fake_input)
    status = cli.main(["login", "--no-browser", *argv])
    return status, capsys.readouterr().out


def stored_access_token() -> str:
    repository = login_repository()
    try:
        return asyncio.run(repository.get(TEST_USER_ID)).access_token
    finally:
        repository.close()


def test_login_no_browser_reads_the_pasted_address_and_prints_the_username(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out = login_by_pasting(capsys, monkeypatch, "--port", "8123")
    assert status == 0, out
    assert re.search(rf"logged in as \S+ \({TEST_USER_ID}\) with scopes .*identify", out)
    assert str(sandbox_env / "tokens") in out and "login.json" in out
    assert current_login() == TEST_USER_ID
    assert stored_access_token()


def test_login_scopes_option_is_sent_to_the_login_page(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_input(prompt: str) -> str:
        url = AUTHORIZE.search(capsys.readouterr().out)
        assert url
        asked.append(httpx.URL(url.group(0)).params["scope"])
        return approve(url.group(0))

    monkeypatch.setattr("builtins.input", fake_input)
    assert cli.main(["login", "--no-browser", "--scopes", "public chat.read"]) == 0
    assert asked == ["public chat.read identify"]
    assert "chat.read" in capsys.readouterr().out


def test_login_with_a_browser_takes_the_code_from_the_callback(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def browser(url: str) -> bool:
        opened.append(url)
        httpx.get(url, follow_redirects=True)  # the sandbox approves and redirects at once
        return True

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(webbrowser, "open", browser)
    status = cli.main(["login", "--port", "0", "--timeout", "10"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in opened[0]
    assert f"({TEST_USER_ID})" in out and current_login() == TEST_USER_ID


def test_login_without_a_display_falls_back_to_pasting(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    def fake_input(prompt: str) -> str:
        printed = capsys.readouterr().out
        assert "No browser could be opened" in printed
        url = AUTHORIZE.search(printed)
        assert url
        return approve(url.group(0))

    monkeypatch.setattr("builtins.input", fake_input)
    assert cli.main(["login"]) == 0
    assert current_login() == TEST_USER_ID


def test_login_with_a_pasted_denial_fails_and_keeps_no_login(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def deny(prompt: str) -> str:
        url = AUTHORIZE.search(capsys.readouterr().out)
        assert url
        state = httpx.URL(url.group(0)).params["state"]
        return f"http://127.0.0.1:8123/callback?error=access_denied&state={state}"

    monkeypatch.setattr("builtins.input", deny)
    assert cli.main(["login", "--no-browser"]) == 1
    assert "not approved" in capsys.readouterr().err
    assert current_login() is None


def test_login_without_credentials_prints_the_config_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["login", "--no-browser"]) == 1
    err = capsys.readouterr().err
    assert "OSU_CLIENT_ID and OSU_CLIENT_SECRET not set" in err


def test_logout_revokes_the_token_and_forgets_the_login(
    sandbox: SandboxInfo,
    sandbox_env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert login_by_pasting(capsys, monkeypatch)[0] == 0
    access = stored_access_token()
    me = sandbox.base_url + "/api/v2/me"
    assert httpx.get(me, headers={"Authorization": f"Bearer {access}"}).status_code == 200

    assert cli.main(["logout"]) == 0
    assert f"({TEST_USER_ID}): token revoked and removed" in capsys.readouterr().out
    assert httpx.get(me, headers={"Authorization": f"Bearer {access}"}).status_code == 401
    assert current_login() is None
    repository = login_repository()
    try:
        assert not asyncio.run(repository.exists(TEST_USER_ID))
    finally:
        repository.close()


def test_logout_when_nobody_is_logged_in_says_so(
    sandbox_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["logout"]) == 0
    assert "nobody is logged in" in capsys.readouterr().out


def test_login_command_in_a_subprocess_reads_the_address_from_stdin(
    sandbox: SandboxInfo, sandbox_env: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "osuframes", "login", "--no-browser", "--port", "8123"]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        printed = ""
        while not (found := AUTHORIZE.search(printed)):
            line = proc.stdout.readline()
            assert line, printed
            printed += line
        out, err = proc.communicate(approve(found.group(0)) + "\n", timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "logged in as " in out and f"({TEST_USER_ID})" in out
    assert sandbox.client_secret not in out + err
    assert current_login() == TEST_USER_ID

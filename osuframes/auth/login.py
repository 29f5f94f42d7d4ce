"""Logging a user in: the authorization-code flow, and which login is the current one.

The user-scoped endpoints (`/me`, friends, chat, forum writes) need a token that acts
for a user, which only the authorization-code grant gives (spec §1.2, §4):

1. send the browser to `authorize_url(...)`; osu! asks the user to approve the scopes,
2. osu! redirects to our `redirect_uri` with `?code=...&state=...` (or `?error=...`),
   which a one-shot `CallbackServer` on 127.0.0.1 receives; where no browser can reach
   this machine (a remote notebook server), the user pastes that address instead
   (`code_from_redirect`, `read_pasted_code`),
3. `exchange_code(...)` trades the code for a token through the client's own pipeline
   (`Client.from_authorization_code` does this and stores the token),
4. `remember_login(...)` records the token owner's id as the current login of the cache
   folder, so later runs find the token (`current_login`, `Client.login_session`).

The `osuframes login` command runs all of it. Tokens live in `login_repository()`
(`DiskTokenRepository`, `tokens/` in the cache folder) under the user's id; the login
file `login.json` beside it holds no secret, only which session is the current one.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode, urlsplit

from osuframes.auth.repository import DiskTokenRepository, refuse_unsafe_path
from osuframes.auth.token import OAuthToken
from osuframes.config import Secret, Settings, get_settings
from osuframes.errors import LoginError, Unauthorized, refused_client

__all__ = [
    "CALLBACK_PATH",
    "DEFAULT_SCOPES",
    "LOGIN_FILE",
    "LOGIN_SCOPES",
    "LOGIN_TIMEOUT_S",
    "CallbackServer",
    "authorize_url",
    "callback_uri",
    "code_from_redirect",
    "current_login",
    "exchange_code",
    "forget_login",
    "free_port",
    "login_file",
    "login_info",
    "login_repository",
    "new_state",
    "parse_scopes",
    "read_pasted_code",
    "require_login",
    "remember_login",
]

TokenRequest = Callable[[Mapping[str, str]], Awaitable[tuple[int, Any]]]

#: What a login asks for unless told otherwise; chat and forum scopes only on request.
DEFAULT_SCOPES: tuple[str, ...] = ("public", "identify", "friends.read")
#: Scopes an authorization-code login may ask for (spec §1.2).
LOGIN_SCOPES: tuple[str, ...] = (
    "public",
    "identify",
    "friends.read",
    "chat.read",
    "chat.write",
    "chat.write_manage",
    "forum.write",
)
CALLBACK_PATH = "/callback"
LOGIN_FILE = "login.json"
LOGIN_TIMEOUT_S = 300.0


def authorize_url(
    base_url: str, client_id: int, redirect_uri: str, scopes: Iterable[str], state: str
) -> str:
    """The osu! page where the user approves the login (`GET /oauth/authorize`).

    Args:
        base_url: the API host, like `https://osu.ppy.sh`.
        client_id: the OAuth application id.
        redirect_uri: where osu! sends the browser back; must match the application's
            registered callback (for 127.0.0.1 any port matches, RFC 8252 §7.3).
        scopes: the scopes asked for (see `parse_scopes`).
        state: a random value the answer must carry back (`new_state()`).
    """
    query = urlencode(
        {
            "client_id": str(client_id),
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": " ".join(scopes),
            "state": state,
        }
    )
    return f"{base_url.rstrip('/')}/oauth/authorize?{query}"


def parse_scopes(scopes: str | Iterable[str] | None = None) -> tuple[str, ...]:
    """The scopes of a login, checked: `DEFAULT_SCOPES`, or those given, plus `identify`.

    Accepts a space- or comma-separated string or an iterable. osu! adds `identify` to
    every authorization-code login (spec §1.2), so it is always asked for here too.

    Raises:
        ValueError: for a scope a login cannot ask for.
    """
    if scopes is None:
        return DEFAULT_SCOPES
    given = scopes.replace(",", " ").split() if isinstance(scopes, str) else list(scopes)
    wanted: list[str] = []
    for scope in [*given, "identify"]:
        if scope not in LOGIN_SCOPES:
            raise ValueError(
                f"scope {scope!r} cannot be asked for in a login; use some of "
                f"{' '.join(LOGIN_SCOPES)} (delegate and forum.write_manage are for "
                "client-credentials tokens, * only for osu!lazer)"
            )
        if scope not in wanted:
            wanted.append(scope)
    return tuple(wanted)


def new_state() -> str:
    """A fresh random `state` for one login (it ties the answer to this request)."""
    return secrets.token_urlsafe(24)


def callback_uri(port: int, host: str = "127.0.0.1") -> str:
    """The loopback redirect URI, `http://127.0.0.1:<port>/callback`."""
    return f"http://{host}:{port}{CALLBACK_PATH}"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def _code_from_params(params: Mapping[str, str], state: str | None) -> str:
    """The code in a redirect's query; `LoginError` for a denial, a bad state or no code."""
    error = params.get("error")
    if error:
        detail = params.get("error_description") or params.get("message") or ""
        denied = error == "access_denied"
        raise LoginError(
            ("the login was not approved on osu!" if denied else "osu! refused the login")
            + f" ({error}{': ' + detail if detail else ''}); run `osuframes login` to try again",
            reason=error,
        )
    if state is not None and params.get("state") != state:
        raise LoginError(
            "the answer's state does not match this login's, so it was refused (it may "
            "come from an older login or another site); run `osuframes login` again and "
            "use the address of that new login",
            reason="state_mismatch",
        )
    code = params.get("code", "").strip()
    if not code:
        raise LoginError(
            "the address has no `code`; copy the whole address the browser was sent to "
            "after approving the login (it contains ?code=...)",
            reason="no_code",
        )
    return code


def code_from_redirect(text: str, state: str | None) -> str:
    """The authorization code in a pasted redirect address, or a pasted bare code.

    A pasted address is checked like the callback server checks its request: the
    `state` must match and an `error` is reported. A bare code carries no state, so
    nothing can be checked.

    Raises:
        LoginError: when the address reports an error, has the wrong state or no code.
    """
    text = text.strip().strip("'\"")
    if not text:
        raise LoginError("nothing was pasted; paste the address or the code", reason="no_code")
    if "://" in text or text.startswith("?") or "code=" in text or "error=" in text:
        query = urlsplit(text).query if "://" in text else text.split("?", 1)[-1]
        return _code_from_params(dict(parse_qsl(query)), state)
    return text


def read_pasted_code(state: str | None, *, read: Callable[[str], str] | None = None) -> str:
    """Ask for the redirect address (or the code) with `read` and return the code.

    Args:
        state: this login's state, checked when an address is pasted.
        read: a prompt-and-read function, `input` by default (tests pass a fake).
    """
    read = input if read is None else read
    try:
        text = read("Paste the address your browser was sent to (or just the code): ")
    except EOFError:
        raise LoginError("no address was pasted (end of input)", reason="no_code") from None
    return code_from_redirect(text, state)


_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>osuframes login</title></head>
<body style="font-family: sans-serif; margin: 3em"><h1>{title}</h1><p>{text}</p></body></html>
"""


class _CallbackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: str, path: str) -> None:
        super().__init__(address, _CallbackHandler)
        self.state = state
        self.callback_path = path
        self.outcome: str | LoginError | None = None
        self.done = threading.Event()
        self.lock = threading.Lock()


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CallbackHTTPServer

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != self.server.callback_path:
            self._page(HTTPStatus.NOT_FOUND, "Not found", "This is the osuframes login callback.")
            return
        params = dict(parse_qsl(url.query))
        if not params.get("code") and not params.get("error"):
            # Not an OAuth answer (a reload, a probe): keep waiting for the real one.
            self._page(HTTPStatus.BAD_REQUEST, "No login here", "This address has no code.")
            return
        outcome: str | LoginError
        try:
            outcome = _code_from_params(params, self.server.state)
        except LoginError as refused:
            outcome = refused
        with self.server.lock:
            first = self.server.outcome is None
            if first:
                self.server.outcome = outcome
        if isinstance(outcome, LoginError):
            self._page(HTTPStatus.BAD_REQUEST, "Login failed", f"{outcome} You can close this tab.")
        elif not first:
            self._page(HTTPStatus.CONFLICT, "Already answered", "You can close this tab.")
        else:
            self._page(
                HTTPStatus.OK,
                "Logged in to osu!",
                "osuframes received the login. You can close this tab and return to the terminal.",
            )
        self.server.done.set()

    def _page(self, status: HTTPStatus, title: str, text: str) -> None:
        body = _PAGE.format(title=escape(title), text=escape(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line carries the authorization code: never print or log it.
        return


class CallbackServer:
    """A one-shot HTTP server on 127.0.0.1 that receives osu!'s redirect after a login.

    It answers the browser with a short page and keeps the first answer that carries a
    `code` or an `error`; `wait()` returns the code or raises `LoginError`. Use it as a
    context manager, so that the server always closes.

    Args:
        state: this login's state; an answer with another state is refused.
        port: the port to listen on; 0 picks a free one (read `redirect_uri`).
        host: the interface, loopback by default.

    Example:
        >>> with CallbackServer(state) as server:
        ...     webbrowser.open(authorize_url(base, cid, server.redirect_uri, scopes, state))
        ...     code = server.wait()
    """

    def __init__(self, state: str, *, port: int = 0, host: str = "127.0.0.1") -> None:
        self._server = _CallbackHTTPServer((host, port), state, CALLBACK_PATH)
        self.host = host
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="osuframes-login-callback",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    @property
    def redirect_uri(self) -> str:
        """The `redirect_uri` to send to osu!, `http://127.0.0.1:<port>/callback`."""
        return callback_uri(self.port, self.host)

    def wait(self, timeout_s: float = LOGIN_TIMEOUT_S) -> str:
        """Block until the browser comes back; returns the authorization code.

        Waits in short steps, so Ctrl-C interrupts it at once.

        Raises:
            LoginError: the login was denied, the state did not match, or nothing came
                within `timeout_s` seconds.
        """
        deadline = time.monotonic() + timeout_s
        while not self._server.done.wait(min(0.2, max(deadline - time.monotonic(), 0.0))):
            if time.monotonic() >= deadline:
                raise LoginError(
                    f"no answer from the browser within {timeout_s:g} s; run `osuframes "
                    "login` again (with --no-browser to paste the address instead)",
                    reason="timeout",
                )
        outcome = self._server.outcome
        if isinstance(outcome, LoginError):
            raise outcome
        assert outcome is not None
        return outcome

    def close(self) -> None:
        """Stop serving and release the port."""
        if not self._closed:
            self._closed = True
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CallbackServer(redirect_uri={self.redirect_uri!r})"


async def exchange_code(
    request_token: TokenRequest,
    *,
    client_id: int,
    client_secret: Secret,
    code: str,
    redirect_uri: str,
    scopes: Iterable[str] | None = None,
    now: datetime | None = None,
) -> OAuthToken:
    """Trade an authorization code for a user token (`grant_type=authorization_code`).

    Args:
        request_token: posts a form to `/oauth/token` and returns (status, JSON body);
            a client's `Transport.token_request`, so the exchange has its retries.
        client_id: the OAuth application id.
        client_secret: the application secret (sent, never shown).
        code: the code from the redirect; single-use and short-lived.
        redirect_uri: the same `redirect_uri` the authorize request used.
        scopes: the scopes asked for, used only when the token does not say (osu!'s JWT
            access tokens carry their scopes).
        now: the time the answer arrived (for `expires_on`); the system clock by default.

    Raises:
        ValueError: for an empty code, before any request.
        InvalidClientRequestedError: the client id or secret was refused.
        Unauthorized: the code was refused (expired, used, or for another redirect URI).
    """
    if not code or not code.strip():
        raise ValueError("exchange_code(code=''): the authorization code is empty")
    status, body = await request_token(
        {
            "grant_type": "authorization_code",
            "client_id": str(client_id),
            "client_secret": client_secret.reveal(),
            "code": code.strip(),
            "redirect_uri": redirect_uri,
        }
    )
    if status == 200 and isinstance(body, dict) and body.get("access_token"):
        arrived = now if now is not None else datetime.now(UTC)
        data: dict[str, Any] = {
            **body,
            "expires_on": arrived + timedelta(seconds=int(body.get("expires_in") or 0)),
        }
        token = OAuthToken.model_validate(data)
        if "scope" not in body and "scopes" not in token.model_fields_set and scopes:
            token = token.model_copy(update={"scopes": tuple(scopes)})
        return token
    error = body.get("error") if isinstance(body, dict) else None
    if status == 401 or error == "invalid_client":
        raise refused_client(status, client_id)
    said = _server_says(body)
    if "redirect" in said.lower():
        hint = (
            f"the redirect URI {redirect_uri!r} must be the one the login page was opened "
            "with, and match the application's callback URL on osu!"
        )
    else:
        hint = (
            "the authorization code is invalid, expired or already used (codes work once, "
            "for a few minutes); log in again with `osuframes login`"
        )
    raise Unauthorized(status, said or None, "/oauth/token", hint=hint)


def _server_says(body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    # league's description is generic ("The request is missing a required parameter, …");
    # its hint says what was wrong ("Authorization code has expired").
    parts = [body.get("error"), body.get("hint") or body.get("error_description")]
    return ": ".join(str(part) for part in parts if part)


# -- the current login ----------------------------------------------------------------


def login_file(settings: Settings | None = None) -> Path:
    """Where the current login of the settings' cache folder is recorded."""
    base = settings if settings is not None else get_settings()
    return Path(base.cache_dir) / LOGIN_FILE


def login_repository(settings: Settings | None = None) -> DiskTokenRepository:
    """The token store of logins: `tokens/` in the settings' cache folder.

    The same folder `DiskTokenRepository()` uses by default; close it when done.
    """
    base = settings if settings is not None else get_settings()
    return DiskTokenRepository(Path(base.cache_dir) / "tokens")


def remember_login(
    user_id: int,
    *,
    username: str | None = None,
    scopes: Iterable[str] = (),
    settings: Settings | None = None,
) -> Path:
    """Record `user_id` as the current login of the cache folder; returns the file.

    The file holds no secret (the token is in `login_repository()`), but who is logged
    in is private too: it is written atomically (temp file, then rename) with mode 0600.
    """
    base = settings if settings is not None else get_settings()
    path = login_file(base)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "user_id": int(user_id),
        "username": username,
        "scopes": list(scopes),
        "base_url": base.base_url,
        "client_id": base.client_id,
        "logged_in_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".login-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(record, file, indent=2)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return path


def login_info(settings: Settings | None = None) -> dict[str, Any] | None:
    """The record of the current login (user id, username, scopes, ...), or None.

    An unreadable record counts as no login: the next `osuframes login` rewrites it.

    Raises:
        TokenStoreError: the record is a symbolic link or another user's file.
    """
    path = login_file(settings)
    refuse_unsafe_path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    try:
        record["user_id"] = int(record["user_id"])
    except (KeyError, TypeError, ValueError):
        return None
    return record if record["user_id"] > 0 else None


def current_login(settings: Settings | None = None) -> int | None:
    """The user id (token session) of the current login of the cache folder, or None."""
    record = login_info(settings)
    return None if record is None else int(record["user_id"])


def require_login(settings: Settings | None = None) -> int:
    """The user id of the current login, or a `LoginError` saying to log in."""
    user_id = current_login(settings)
    if user_id is None:
        folder = (settings or get_settings()).cache_dir
        raise LoginError(
            f"no user is logged in for the cache folder {folder}; run `osuframes login` in "
            "a terminal (or use Client.from_authorization_code); to try user endpoints "
            "offline, without osu! credentials, call osuframes.use_sandbox(login=True)",
            reason="not_logged_in",
        )
    return user_id


def forget_login(settings: Settings | None = None) -> None:
    """Forget which login is current (the token itself is left to the caller)."""
    with contextlib.suppress(FileNotFoundError):
        login_file(settings).unlink()

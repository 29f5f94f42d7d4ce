"""OAuth tokens of the sandbox: Passport-like grants, error bodies and scopes (spec §4).

Credentials are fixed and public so that notebooks and tests need no setup:
client id `CLIENT_ID`, secret `CLIENT_SECRET`, and the authorization code
`AUTH_CODE`, which logs in as the test user `TEST_USER_ID` with every user scope.
"""

from __future__ import annotations

import base64
import json
import math
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

CLIENT_ID = 1
CLIENT_SECRET = "sandbox-secret"
AUTH_CODE = "sandbox-code"
TEST_USER_ID = 2

KNOWN_SCOPES = frozenset(
    {
        "public",
        "identify",
        "friends.read",
        "chat.read",
        "chat.write",
        "chat.write_manage",
        "forum.write",
        "forum.write_manage",
        "delegate",
        "group_permissions",
        "*",
    }
)
#: Scopes the fixed AUTH_CODE grants (identify is always added, spec §1.2).
USER_SCOPES = frozenset(
    {
        "public",
        "identify",
        "friends.read",
        "chat.read",
        "chat.write",
        "chat.write_manage",
        "forum.write",
    }
)
_DELEGATION_ONLY = frozenset(
    {
        "chat.write",
        "chat.write_manage",
        "forum.write",
        "forum.write_manage",
        "delegate",
        "group_permissions",
    }
)

_INVALID_REQUEST = (
    "The request is missing a required parameter, includes an invalid parameter value, "
    "includes a parameter more than once, or is otherwise malformed."
)


@dataclass
class Token:
    """An access token and its optional refresh token."""

    token_id: str
    access_token: str
    scopes: frozenset[str]
    user_id: int | None
    expires_at: float
    refresh_token: str | None = None
    revoked: bool = False

    def can(self, scope: str) -> bool:
        """Whether the token holds the scope (`*` holds every one, spec §1.2)."""
        return scope in self.scopes or "*" in self.scopes


@dataclass
class TokenResponse:
    """What the token endpoint answers: status, JSON body (or HTML text) and headers."""

    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


class TokenStore:
    """Issues, refreshes, validates and revokes tokens; thread-safe."""

    def __init__(self, ttl_s: float = 86400, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._by_access: dict[str, Token] = {}
        self._by_refresh: dict[str, Token] = {}
        self._codes: dict[str, frozenset[str]] = {}
        self.issued = 0

    # -- tokens ---------------------------------------------------------------------------
    def issue(self, scopes: frozenset[str], user_id: int | None, *, refresh: bool) -> Token:
        """Create a token; user tokens also get a refresh token."""
        token_id = secrets.token_hex(8)
        token = Token(
            token_id=token_id,
            access_token=_jwt(token_id, user_id, scopes, self._clock() + self.ttl_s),
            scopes=scopes,
            user_id=user_id,
            expires_at=self._clock() + self.ttl_s,
            refresh_token=("sbr." + secrets.token_urlsafe(32)) if refresh else None,
        )
        with self._lock:
            self._by_access[token.access_token] = token
            if token.refresh_token:
                self._by_refresh[token.refresh_token] = token
            self.issued += 1
        return token

    def authenticate(self, access_token: str) -> Token | None:
        """The live token for a bearer string, or None when unknown, expired or revoked."""
        with self._lock:
            token = self._by_access.get(access_token)
        if token is None or token.revoked or self._clock() >= token.expires_at:
            return None
        return token

    def revoke(self, token: Token) -> None:
        """Revoke an access token and its refresh token (DELETE oauth/tokens/current)."""
        with self._lock:
            token.revoked = True

    def issue_code(self, scopes: frozenset[str]) -> str:
        """A one-time authorization code for the test user with these scopes."""
        code = "sbc." + secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = frozenset(scopes) | {"identify"}
        return code

    def body_for(self, token: Token) -> dict[str, Any]:
        """The success body of the token endpoint."""
        body: dict[str, Any] = {
            "token_type": "Bearer",
            "expires_in": int(math.ceil(self.ttl_s)),
            "access_token": token.access_token,
        }
        if token.refresh_token:
            body["refresh_token"] = token.refresh_token
        return body

    # -- the token endpoint ---------------------------------------------------------------
    def token_request(
        self, form: Mapping[str, Any], basic: tuple[str, str] | None, wants_json: bool
    ) -> TokenResponse:
        """Answer POST /oauth/token like Passport + league/oauth2-server 8.5 (spec §4)."""
        grant = _text(form.get("grant_type"))
        if grant not in ("client_credentials", "authorization_code", "refresh_token"):
            return _league(
                400,
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
                "Check that all required parameters have been provided",
            )
        client_id, client_secret = basic or (
            _text(form.get("client_id")),
            _text(form.get("client_secret")),
        )
        if not client_id:
            return _missing("client_id")
        if client_id != str(CLIENT_ID) or client_secret != CLIENT_SECRET:
            headers = {"WWW-Authenticate": 'Basic realm="OAuth"'} if basic else {}
            response = _league(401, "invalid_client", "Client authentication failed", None)
            response.headers.update(headers)
            return response
        if grant == "client_credentials":
            return self._client_credentials(_text(form.get("scope")), wants_json)
        if grant == "authorization_code":
            return self._authorization_code(_text(form.get("code")))
        return self._refresh(_text(form.get("refresh_token")), _text(form.get("scope")))

    def _client_credentials(self, scope_text: str, wants_json: bool) -> TokenResponse:
        scopes = frozenset(scope_text.split())
        unknown = sorted(scopes - KNOWN_SCOPES)
        if unknown:
            return _invalid_scope(unknown[0])
        if not scopes:
            return _osu_scope_error("Tokens without scopes are not valid.", wants_json)
        if "*" in scopes:
            return _osu_scope_error("* is not allowed with Client Credentials", wants_json)
        if scopes & _DELEGATION_ONLY:
            return _osu_scope_error(
                "delegate scope is required for the requested scopes", wants_json
            )
        return TokenResponse(200, self.body_for(self.issue(scopes, None, refresh=False)))

    def _authorization_code(self, code: str) -> TokenResponse:
        if not code:
            return _missing("code")
        with self._lock:
            scopes = USER_SCOPES if code == AUTH_CODE else self._codes.pop(code, None)
        if scopes is None:
            return _league(
                400, "invalid_request", _INVALID_REQUEST, "Cannot decrypt the authorization code"
            )
        return TokenResponse(200, self.body_for(self.issue(scopes, TEST_USER_ID, refresh=True)))

    def _refresh(self, refresh_token: str, scope_text: str) -> TokenResponse:
        if not refresh_token:
            return _missing("refresh_token")
        with self._lock:
            old = self._by_refresh.get(refresh_token)
            if old is None:
                return _bad_refresh("Cannot decrypt the refresh token")
            if old.revoked:
                return _bad_refresh("Token has been revoked")
            scopes = old.scopes
            if scope_text:
                wanted = frozenset(scope_text.split())
                wider = sorted(wanted - old.scopes)
                if wider:
                    return _invalid_scope(wider[0])
                scopes = wanted
            # league rotates: the old pair is revoked, in the same step as the check, so
            # two refreshes racing with one refresh token never both succeed.
            old.revoked = True
        return TokenResponse(200, self.body_for(self.issue(scopes, old.user_id, refresh=True)))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _league(status: int, error: str, description: str, hint: str | None) -> TokenResponse:
    body: dict[str, Any] = {"error": error, "error_description": description}
    if hint is not None:
        body["hint"] = hint
    body["message"] = description
    return TokenResponse(status, body)


def _missing(param: str) -> TokenResponse:
    return _league(400, "invalid_request", _INVALID_REQUEST, f"Check the `{param}` parameter")


def _invalid_scope(scope: str) -> TokenResponse:
    return _league(
        400,
        "invalid_scope",
        "The requested scope is invalid, unknown, or malformed",
        f"Check the `{scope}` scope",
    )


def _bad_refresh(hint: str) -> TokenResponse:
    return _league(401, "invalid_request", "The refresh token is invalid.", hint)


def _osu_scope_error(message: str, wants_json: bool) -> TokenResponse:
    # osu-web's InvalidScopeException: JSON only when the client asks for it (spec §4).
    if wants_json:
        return TokenResponse(400, {"error": message})
    html = (
        f"<!DOCTYPE html><html><head><title>osu!</title></head><body><p>{message}</p></body></html>"
    )
    return TokenResponse(400, html)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _jwt(token_id: str, user_id: int | None, scopes: frozenset[str], expires_at: float) -> str:
    """An access token shaped like osu!'s (a JWT whose claims carry `sub` and `scopes`).

    Clients read the claims (aiosu takes the token owner from `sub`); the signature is
    random, as only this server checks tokens, by looking them up.
    """
    header = _b64(json.dumps({"typ": "JWT", "alg": "RS256"}).encode())
    claims = {
        "aud": "1",
        "jti": token_id,
        "exp": int(expires_at),
        "sub": str(user_id) if user_id is not None else "",
        "scopes": sorted(scopes),
    }
    return f"{header}.{_b64(json.dumps(claims).encode())}.{secrets.token_urlsafe(32)}"

"""Keeping a valid OAuth token: load it, fetch it, refresh it ahead of expiry, store it.

Client-credentials tokens (scope `public`) are fetched again when they expire; user
tokens from a login are refreshed with their refresh token, which the server rotates
(spec §4). A refresh the server refuses raises `RefreshTokenExpiredError` and forgets the
token, so the next run asks for a new login instead of retrying a dead token forever.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from osuframes.auth.repository import BaseTokenRepository
from osuframes.auth.token import OAuthToken
from osuframes.config import Secret
from osuframes.errors import (
    ConfigError,
    RefreshTokenExpiredError,
    Unauthorized,
    refused_client,
)
from osuframes.http._clock import Clock, SystemClock

__all__ = ["TokenManager"]

TokenRequest = Callable[[Mapping[str, str]], Awaitable[tuple[int, Any]]]
TokenChanged = Callable[[OAuthToken | None, OAuthToken | None], Awaitable[None]]

# Renew this long before expiry (tokens live a day, spec §4); short-lived tokens (as in
# tests) renew when a tenth of their life is left.
REFRESH_MARGIN_S = 300.0


class TokenManager:
    """The token source of one client session.

    Args:
        repository: where the session's token is stored.
        session_id: the key in the repository (0 for the application's own token).
        client_id: the OAuth application id, needed for any grant.
        client_secret: the application secret.
        token: a token to start with (stored in the repository at first use).
        request_token: posts a form to `/oauth/token`, returning (status, JSON body).
        on_change: awaited with (old, new) whenever the token changes.
        clock: time source for expiry checks.
    """

    def __init__(
        self,
        *,
        repository: BaseTokenRepository,
        session_id: int,
        client_id: int | None,
        client_secret: Secret | None,
        token: OAuthToken | None,
        request_token: TokenRequest,
        on_change: TokenChanged,
        clock: Clock | None = None,
    ) -> None:
        self.repository = repository
        self.session_id = session_id
        self.client_id = client_id
        self._secret = client_secret
        self._token = token
        self._given = token is not None
        self._loaded = False
        self._request_token = request_token
        self._on_change = on_change
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._lock: asyncio.Lock | None = None
        self._load_lock: asyncio.Lock | None = None

    async def current(self) -> OAuthToken | None:
        """The session's token as stored, without fetching a new one."""
        if not self._loaded:
            # A lock of its own: the first calls may be concurrent, and a repository may
            # be slow (a database); none may go on before the stored token is known.
            if self._load_lock is None:
                self._load_lock = asyncio.Lock()
            async with self._load_lock:
                if not self._loaded:
                    if self._given and self._token is not None:
                        await self._store(self._token)
                    else:
                        self._token = await self._stored()
                    self._loaded = True
        return self._token

    async def authorization(self) -> str:
        """The `Authorization` header, renewing the token first if it is due."""
        token = await self.current()
        if token is None or self._is_due(token):
            async with self._guard():
                token = await self.current()
                if token is None or self._is_due(token):
                    token = await self._renew(token)
        return f"Bearer {token.access_token}"

    async def renew(self, refused: str) -> None:
        """Replace the token the server refused, unless another request already did."""
        async with self._guard():
            token = await self.current()
            if token is None or f"Bearer {token.access_token}" == refused:
                await self._renew(token)

    async def forget(self) -> None:
        """Drop the token from memory and from the repository."""
        old = self._token
        self._token = None
        self._loaded = True
        await self.repository.delete(self.session_id)
        if old is not None:
            await self._on_change(old, None)

    def after_fork_in_child(self) -> None:
        """In a forked child: drop locks that a task of the parent's loop may hold."""
        self._lock = self._load_lock = None

    def _guard(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def _is_due(self, token: OAuthToken) -> bool:
        margin = min(REFRESH_MARGIN_S, token.expires_in / 10)
        now = datetime.fromtimestamp(self._clock.now(), UTC)
        return token.expires_within(margin, now=now)

    async def _stored(self) -> OAuthToken | None:
        if await self.repository.exists(self.session_id):
            return await self.repository.get(self.session_id)
        return None

    async def _store(self, token: OAuthToken) -> None:
        if await self.repository.exists(self.session_id):
            await self.repository.update(self.session_id, token)
        else:
            await self.repository.add(self.session_id, token)

    async def _renew(self, old: OAuthToken | None) -> OAuthToken:
        # Renewals of one session are serialised by the repository, across processes
        # when it is shared. Under that lock the store is read again: another client of
        # the session (another notebook, another process) may have renewed it already,
        # and its token is used rather than spending the rotated refresh token.
        async with self.repository.renewal(self.session_id):
            stored = await self._stored()
            freshest = stored or old
            if stored is not None and stored != old and not self._is_due(stored):
                new = stored
            elif freshest is not None and freshest.can_refresh:
                new = await self._refresh(freshest)
            else:
                new = await self._client_credentials(old)
                await self._store(new)
        self._token = new
        await self._on_change(old, new)
        return new

    def _credentials(self, purpose: str) -> tuple[int, str]:
        if self.client_id is None or not self._secret:
            raise ConfigError(
                f"cannot {purpose}: no client credentials. Set OSU_CLIENT_ID and "
                "OSU_CLIENT_SECRET, or pass client_id= and client_secret= to the client "
                "(or osuframes.configure(...))."
            )
        return self.client_id, self._secret.reveal()

    async def _client_credentials(self, old: OAuthToken | None) -> OAuthToken:
        if old is not None and old.has_user:
            # A user's token without a refresh token cannot be renewed by the app itself.
            raise RefreshTokenExpiredError(
                401,
                "the login token expired and has no refresh token",
                "/oauth/token",
                hint="log in again with `osuframes login`",
            )
        client_id, secret = self._credentials("get a token")
        status, body = await self._request_token(
            {
                "grant_type": "client_credentials",
                "client_id": str(client_id),
                "client_secret": secret,
                "scope": "public",
            }
        )
        if status == 200 and isinstance(body, dict) and "access_token" in body:
            return self._token_from(body, ("public",))
        if status == 401 or (isinstance(body, dict) and body.get("error") == "invalid_client"):
            raise refused_client(status, client_id)
        raise Unauthorized(status, _describe(body), "/oauth/token")

    async def _refresh(self, old: OAuthToken) -> OAuthToken:
        client_id, secret = self._credentials("refresh the login token")
        status, body = await self._request_token(
            {
                "grant_type": "refresh_token",
                "client_id": str(client_id),
                "client_secret": secret,
                "refresh_token": old.refresh_token,
            }
        )
        if status == 200 and isinstance(body, dict) and "access_token" in body:
            new = self._token_from(body, body.get("scope") or old.scopes)
            await self._store(new)
            return new
        stored = await self._stored()
        if stored is not None and stored != old and not self._is_due(stored):
            return stored  # renewed meanwhile by another client of the session
        await self.forget()
        raise RefreshTokenExpiredError(
            status,
            _describe(body),
            "/oauth/token",
            hint="the token was removed from the repository; log in again (`osuframes login`)",
        )

    def _token_from(self, body: dict[str, Any], scopes: Any) -> OAuthToken:
        """A token from the server's answer, its expiry read on our clock."""
        expires_on = datetime.fromtimestamp(self._clock.now(), UTC) + timedelta(
            seconds=int(body.get("expires_in") or 0)
        )
        return OAuthToken.model_validate({**body, "scopes": scopes, "expires_on": expires_on})

    def __repr__(self) -> str:
        return f"TokenManager(session_id={self.session_id}, client_id={self.client_id})"


def _describe(body: Any) -> str | None:
    if isinstance(body, dict):
        parts = [body.get("error_description") or body.get("error"), body.get("hint")]
        text = "; ".join(str(part) for part in parts if part)
        return text or None
    return None

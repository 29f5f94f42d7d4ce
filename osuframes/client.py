"""`Client`: the async osu! API v2 client, with aiosu's method names.

Methods are thin: they check their arguments, turn them into a method, path and query,
send them through the one request pipeline (`osuframes.http`), and parse the answer into
a model. The endpoints live in `osuframes.endpoints`, one module per domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx

from osuframes.auth.login import exchange_code, login_repository, require_login
from osuframes.auth.repository import BaseTokenRepository, SimpleTokenRepository
from osuframes.auth.token import OAuthToken
from osuframes.config import RateLimit, Secret, Settings, get_settings
from osuframes.endpoints._base import Call, check_scopes
from osuframes.endpoints.beatmaps import BeatmapEndpoints
from osuframes.endpoints.beatmapsets import BeatmapsetEndpoints
from osuframes.endpoints.chat import ChatEndpoints
from osuframes.endpoints.content import ContentEndpoints
from osuframes.endpoints.discussions import DiscussionEndpoints
from osuframes.endpoints.forum import ForumEndpoints
from osuframes.endpoints.multiplayer import MultiplayerEndpoints
from osuframes.endpoints.rankings import RankingEndpoints
from osuframes.endpoints.scores import ScoreEndpoints
from osuframes.endpoints.users import UserEndpoints
from osuframes.errors import LoginError
from osuframes.events import ClientUpdateEvent, EventHandler, Listeners
from osuframes.http._clock import Clock
from osuframes.http.cache import ResponseCache
from osuframes.http.ratelimit import RateLimiter, claim_limiter
from osuframes.http.retry import RetryPolicy
from osuframes.http.tokens import TokenManager
from osuframes.http.transport import CacheUse, Expect, Transport

__all__ = ["BaseClient", "Client"]


class BaseClient:
    """The parts of `Client` every endpoint module builds on: settings, tokens, requests.

    Args:
        token_repository: where tokens are kept; in memory by default.
        session_id: this client's key in the repository (0: the application's token).
        client_id: OAuth application id (else `OSU_CLIENT_ID`).
        client_secret: OAuth application secret (else `OSU_CLIENT_SECRET`).
        base_url: the API host (else `OSUFRAMES_BASE_URL`, else `https://osu.ppy.sh`).
        token: a token to use (stored in the repository).
        limiter: `(requests, seconds)` or a `RateLimiter`; by default the settings' limit
            (60/60), shared by every client of the same `client_id` and cache folder,
            in this process and in others.
        limiter_mode: `sliding` (default: the budget at once, then a request as each old
            one leaves the window) or `smooth` (evenly spaced); else the settings' mode.
        api_version: `x-api-version` sent with every request (default 20241022).
        timeout: seconds each attempt of a request may take, connect to last byte.
        max_retries: retries after a failed attempt (429, 5xx, network, bad body).
        retry_waits: a `RetryPolicy` whose waits between retries (`base_s`, `cap_s`, …)
            replace the defaults (0.5 s doubling to 60 s); its `max_retries` is ignored,
            `max_retries` above says how many.
        transport: an httpx transport, for tests (`httpx.MockTransport`).
        cache: a `ResponseCache` for public GETs, or True for the settings' one
            (`responses/` in the cache folder, with `cache_ttl`); none by default
            (the notebook functions and `SyncClient` use the settings' `cache`).
        cache_dir: the folder for the shared limiter (and default caches).
        strict: reject unknown fields in responses (for our own tests).
        clock: the time source of the limiter, retries and token expiry (for tests).
        settings: base settings (else those of `osuframes.configure()` or the environment).
    """

    def __init__(
        self,
        *,
        token_repository: BaseTokenRepository | None = None,
        session_id: int = 0,
        client_id: int | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        token: OAuthToken | None = None,
        limiter: tuple[int, float] | RateLimiter | None = None,
        limiter_mode: str | None = None,
        api_version: int | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        retry_waits: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        cache: ResponseCache | bool | None = None,
        cache_dir: str | PathLike[str] | None = None,
        strict: bool = False,
        clock: Clock | None = None,
        settings: Settings | None = None,
    ) -> None:
        base = settings if settings is not None else get_settings()
        self.settings = base.with_overrides(
            client_id=client_id,
            client_secret=client_secret,
            base_url=base_url,
            api_version=api_version,
            timeout_s=timeout,
            max_retries=max_retries,
            cache_dir=cache_dir,
            limiter_mode=limiter_mode,
        )
        self._owned: list[Any] = []  # things with close() this client opened and must close
        self.session_id = session_id
        self.strict = strict
        self.token_repository = token_repository or SimpleTokenRepository()
        if isinstance(limiter, RateLimiter):
            self.limiter = limiter
        else:
            rate = (
                RateLimit.parse(limiter, name="limiter")
                if limiter is not None
                else self.settings.rate_limit
            )
            mode = self.settings.limiter_mode
            claim = claim_limiter(Path(self.settings.cache_dir), self.client_id, rate, mode)
            self._owned.append(claim)
            self.limiter = claim.limiter
            if clock is not None:
                self.limiter = RateLimiter(rate, self.limiter.ledger, clock, mode)
        self._transport = Transport(
            base_url=self.settings.base_url,
            api_version=self.settings.api_version,
            timeout_s=self.settings.timeout_s,
            retry=replace(retry_waits or RetryPolicy(), max_retries=self.settings.max_retries),
            limiter=self.limiter,
            cache=self._response_cache(cache, clock),
            offline=self.settings.offline,
            clock=clock,
            http_transport=transport,
        )
        self._clock = clock
        self._tokens = self._use_session(self.token_repository, session_id, token)
        self._update_listeners = Listeners()
        self._closed = False

    def _response_cache(
        self, cache: ResponseCache | bool | None, clock: Clock | None
    ) -> ResponseCache | None:
        """The cache given, or the settings' one when asked for (offline always needs one)."""
        if isinstance(cache, ResponseCache):
            return cache
        if cache or self.settings.offline:
            return ResponseCache(
                self.settings.cache_dir / "responses",
                ttl_s=dict(self.settings.cache_ttl),
                # Offline, nothing is evicted: it could not be fetched again.
                size_limit=None if self.settings.offline else self.settings.cache_size_limit,
                clock=clock,
            )
        return None

    @property
    def cache(self) -> ResponseCache | None:
        """The response cache this client answers public GETs from (None: no cache)."""
        return self._transport.cache

    @classmethod
    async def from_authorization_code(
        cls,
        code: str,
        redirect_uri: str,
        *,
        scopes: Iterable[str] | None = None,
        **client_kwargs: Any,
    ) -> Self:
        """A client logged in as the user who approved `code`.

        Exchanges the code (`grant_type=authorization_code`) through the client's own
        pipeline, stores the user token in the client's `token_repository` under the
        token owner's id (which becomes `session_id`), and fires `ClientUpdateEvent`.

        Args:
            code: the code osu! sent to `redirect_uri`; single-use, valid for minutes.
            redirect_uri: the same `redirect_uri` the login page was opened with.
            scopes: the scopes asked for, used only if the token does not name its own.
            **client_kwargs: the keywords of `Client(...)` (credentials, `base_url`,
                `token_repository`, ...); `session_id` is replaced by the owner's id.

        Raises:
            ConfigError: no client id or secret.
            InvalidClientRequestedError: osu! refused the client id or secret.
            Unauthorized: osu! refused the code (expired, used, other redirect URI).

        Example:
            >>> client = await Client.from_authorization_code(code, "http://127.0.0.1:8123/callback")
            >>> me = await client.get_me()
        """
        client = cls(**client_kwargs)
        try:
            await client._log_in(code, redirect_uri, scopes)
        except BaseException:
            await client.aclose()
            raise
        return client

    @classmethod
    def login_session(cls, settings: Settings | None = None, **client_kwargs: Any) -> Self:
        """A client for the current login of the cache folder (see `osuframes login`).

        Its tokens come from the login token store (`tokens/` in the cache folder) and
        its `session_id` is the logged-in user's id.

        Raises:
            LoginError: nobody is logged in (`reason="not_logged_in"`).
        """
        base = settings if settings is not None else get_settings()
        client_kwargs["session_id"] = require_login(base)
        opened = None
        if client_kwargs.get("token_repository") is None:
            opened = client_kwargs["token_repository"] = login_repository(base)
        client = cls(settings=base, **client_kwargs)
        if opened is not None:
            client._owned.append(opened)
        return client

    def _use_session(
        self, repository: BaseTokenRepository, session_id: int, token: OAuthToken | None
    ) -> TokenManager:
        """Make the token source of one session and plug it into the pipeline."""
        self._tokens = TokenManager(
            repository=repository,
            session_id=session_id,
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            token=token,
            request_token=self._transport.token_request,
            on_change=self._token_changed,
            clock=self._clock,
        )
        self._transport.tokens = self._tokens
        return self._tokens

    async def _log_in(self, code: str, redirect_uri: str, scopes: Iterable[str] | None) -> None:
        client_id, secret = self.settings.require_credentials()
        token = await exchange_code(
            self._transport.token_request,
            client_id=client_id,
            client_secret=secret,
            code=code,
            redirect_uri=redirect_uri,
            scopes=scopes,
            now=datetime.fromtimestamp(self._transport.clock.now(), UTC),
        )
        owner = token.owner_id
        if not owner:
            # Not a JWT (osu!'s are): ask the API whose token it is, keeping it in memory
            # meanwhile, so it never sits in the repository under the wrong session.
            self._use_session(SimpleTokenRepository(), 0, token)
            me = await self._request("GET", "/api/v2/me")
            owner = int(me["id"]) if isinstance(me, dict) and me.get("id") else 0
            if not owner:
                raise LoginError(
                    "GET /api/v2/me did not say whose token this is", reason="unknown_owner"
                )
        self.session_id = owner
        await self._use_session(self.token_repository, owner, token).current()  # stores it
        await self._token_changed(None, token)

    @property
    def client_id(self) -> int | None:
        """The OAuth application id, if known."""
        return self.settings.client_id

    @property
    def base_url(self) -> str:
        """The API host this client talks to."""
        return self.settings.base_url

    @property
    def client_secret(self) -> Secret | None:
        """The application secret, masked in any repr."""
        return self.settings.client_secret

    def on_client_update(self, handler: EventHandler) -> EventHandler:
        """Register `handler(event: ClientUpdateEvent)`, called whenever the token changes.

        Works as a decorator; the handler may be sync or async.
        """
        return self._update_listeners.register(handler)

    async def _token_changed(self, old: OAuthToken | None, new: OAuthToken | None) -> None:
        if new is not None:
            await self._update_listeners.fire(ClientUpdateEvent(self, old, new))

    async def get_current_token(self) -> OAuthToken:
        """The token this client uses, fetched or refreshed first if it is due."""
        await self._tokens.authorization()
        token = await self._tokens.current()
        assert token is not None
        return token

    async def revoke_token(self) -> None:
        """Revoke the token with the server, forget it, and close the client.

        `DELETE /api/v2/oauth/tokens/current` (204); the refresh token is revoked too.
        """
        await self._request("DELETE", "/api/v2/oauth/tokens/current", expect="empty")
        await self._tokens.forget()
        await self.aclose()

    async def _send(self, call: Call) -> Any:
        """Check the token can serve `call`, then send it; returns the decoded body."""
        token = await self._tokens.current()
        check_scopes(
            call,
            token.scopes if token is not None else None,
            token.has_user if token is not None else False,
            call.endpoint or call.path,
        )
        cache = None
        if call.cacheable and call.cache is not None:
            # A user's token may bring the user's own fields (their score on a leaderboard),
            # so its answers are kept apart from the application's.
            has_user = token is not None and token.has_user
            scope = f"user:{token.owner_id}" if has_user and token else "app"
            cache = CacheUse(scope, call.cache, call.fresh)
        return await self._request(
            call.method,
            call.path,
            params=call.params,
            json=call.json,
            api_version=call.api_version,
            cache=cache,
            expect=call.expect,
            cost=call.cost,
            endpoint=call.endpoint,
        )

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        api_version: int | None = None,
        cache: CacheUse | None = None,
        expect: Expect = "json",
        cost: int = 1,
        endpoint: str = "",
    ) -> Any:
        """Send one request through the pipeline; see `Transport.request`."""
        if self._closed:
            raise RuntimeError(f"{self!r} is closed; create a new client")
        return await self._transport.request(
            method,
            path,
            params=params,
            json_body=json,
            api_version=api_version,
            cache=cache,
            expect=expect,
            cost=cost,
            endpoint=endpoint,
        )

    def after_fork_in_child(self) -> None:
        """In a forked child: new connections and locks; the parent's are left alone."""
        self._transport.after_fork_in_child()
        self._tokens.after_fork_in_child()

    async def aclose(self) -> None:
        """Close the connection pool (and any token store the client opened itself)."""
        if not self._closed:
            self._closed = True
            await self._transport.aclose()
            for resource in self._owned:
                resource.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, client_id={self.client_id}, "
            f"session_id={self.session_id}, limiter={self.limiter.rate})"
        )


class Client(
    UserEndpoints,
    ScoreEndpoints,
    BeatmapEndpoints,
    BeatmapsetEndpoints,
    DiscussionEndpoints,
    RankingEndpoints,
    MultiplayerEndpoints,
    ChatEndpoints,
    ForumEndpoints,
    ContentEndpoints,
    BaseClient,
):
    """The async osu! API v2 client.

    A client belongs to the event loop it is first used on; on another loop (a second
    `asyncio.run`) it raises `RuntimeError` before sending anything: create one per
    `asyncio.run`, or use `SyncClient`, whose loop lives as long as the process.

    Example:
        >>> async with Client(client_id=123, client_secret="...") as client:
        ...     token = await client.get_current_token()
    """

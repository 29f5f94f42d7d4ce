"""The one request pipeline: cache → rate limiter → retries → token → httpx.

This is the only module that touches httpx. httpx's errors and the API's error answers
are translated here, once, into the exceptions of `osuframes.errors`; code above this
module never sees an `httpx.*` exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable
from urllib.parse import urlencode

import httpx

from osuframes._version import __version__
from osuframes.errors import (
    APIError,
    InvalidResponseError,
    NetworkError,
    NotFound,
    OfflineCacheMiss,
    RateLimited,
    error_for_status,
)
from osuframes.http._clock import Clock, SystemClock
from osuframes.http.cache import CacheEntry, ResponseCache
from osuframes.http.encoding import QueryParams, encode_query
from osuframes.http.lifetimes import CacheRule
from osuframes.http.ratelimit import RateLimiter, Slot
from osuframes.http.retry import RETRY_STATUSES, RetryPolicy, parse_retry_after

__all__ = [
    "LEFT_BY_PARENT",
    "USER_AGENT",
    "BodyReader",
    "CacheUse",
    "Expect",
    "KeptReader",
    "TokenSource",
    "Transport",
]

logger = logging.getLogger("osuframes")

USER_AGENT = f"osuframes/{__version__} httpx/{httpx.__version__}"
BodyReader = Callable[[bytes], Any]
Expect = Literal["json", "bytes", "empty"] | BodyReader

#: What a forked child inherited from its parent and must neither use nor close.
LEFT_BY_PARENT: list[Any] = []

# The body of every 401 from /api/v2 for a missing, expired or revoked token (spec §4).
_AUTHENTICATION_BASIC = {"authentication": "basic"}
_T = TypeVar("_T")
# The limiter slot of the request the current task is sending, for `_answer_begins`.
_sending: ContextVar[Slot | None] = ContextVar("osuframes_sending", default=None)


@runtime_checkable
class KeptReader(Protocol):
    """A `BodyReader` whose reading the response cache keeps beside the body, so that a
    cache hit is served without reading the body again (a page's summary is a pass over
    the whole page; its kept JSON is a few hundred bytes)."""

    def __call__(self, body: bytes) -> Any:
        """What the reader reads of a body (`ValueError` when it is not JSON)."""
        ...

    def dump(self, reading: Any) -> bytes:
        """A reading as bytes, to keep."""
        ...

    def load(self, kept: bytes) -> Any:
        """A reading `dump` kept (`ValueError` when it is not one)."""
        ...


class TokenSource(Protocol):
    """What the pipeline asks for an `Authorization` header, and to renew a refused token."""

    async def authorization(self) -> str:
        """The `Authorization` header value for the next request."""
        ...

    async def renew(self, refused: str) -> None:
        """Replace the token behind the header `refused`, which the server rejected."""
        ...


@dataclass(frozen=True)
class CacheUse:
    """How one request uses the response cache.

    Attributes:
        scope: whose answer it is (`app`, or `user:<id>` when it may hold the user's
            own fields); the answer is cached under it.
        rule: the endpoint's cache family and lifetime.
        fresh: fetch even if a fresh answer is cached, and replace it.
    """

    scope: str
    rule: CacheRule
    fresh: bool = False


class _Retry(Exception):
    """A failure worth another attempt; `error` is raised if none is left."""

    def __init__(self, error: Exception, *, status: int | None, retry_after: float | None):
        self.error = error
        self.status = status
        self.retry_after = retry_after


class Transport:
    """Sends API requests through the cache, the limiter, retries and the token source.

    Args:
        base_url: scheme and host of the API, like `https://osu.ppy.sh`.
        api_version: the `x-api-version` header sent unless a request gives its own.
        timeout_s: the deadline of each attempt, from connect to the last byte.
        retry: the retry policy.
        limiter: the rate limiter (shared by every client of the application).
        cache: response cache for public GETs, or None.
        offline: answer from the cache only, expired answers included; send nothing.
        clock: time source for waits.
        http_transport: an httpx transport (tests pass `httpx.MockTransport`).
    """

    def __init__(
        self,
        *,
        base_url: str,
        api_version: int,
        timeout_s: float,
        retry: RetryPolicy,
        limiter: RateLimiter,
        cache: ResponseCache | None = None,
        offline: bool = False,
        clock: Clock | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_version = api_version
        self.retry = retry
        self.limiter = limiter
        self.cache = cache
        self.offline = offline
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.timeout_s = timeout_s
        self.tokens: TokenSource | None = None
        self._http_transport = http_transport
        self._http = self._new_http()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _new_http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            timeout=self.timeout_s,
            transport=self._http_transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
            event_hooks={"response": [_answer_begins]},
        )

    def _check_loop(self) -> None:
        """Refuse to run on another event loop than the first one: the connections and
        locks of a client belong to the loop that made them (`asyncio.run` closes it)."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise RuntimeError(
                "this osuframes Client was first used on another event loop (an earlier "
                "asyncio.run?), and a Client belongs to one loop: create the Client inside "
                "the asyncio.run that uses it (`async with Client(...) as client:`), or use "
                "SyncClient and the notebook functions, which keep one loop for you"
            )

    def after_fork_in_child(self) -> None:
        """In a forked child: leave the parent's connections alone and open new ones.

        The parent's connection pool is kept referenced, never closed: closing it here
        would end connections the parent still uses.
        """
        LEFT_BY_PARENT.append(self._http)
        self._http = self._new_http()
        self._loop = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        api_version: int | None = None,
        cache: CacheUse | None = None,
        expect: Expect = "json",
        cost: int = 1,
        endpoint: str = "",
    ) -> Any:
        """Send one API request and return its parsed JSON (or bytes, or None).

        Args:
            cache: how the answer is cached (a public GET); None: not cached.
            expect: `json` (decoded), `bytes` (raw, e.g. replays), `empty` (204), or a
                reader of a JSON body that keeps it as bytes (the paginators read a
                page's record count and cursor): the answer is then the raw body and
                what the reader read. The reader raises `ValueError` for a body that is
                not JSON, which is retried like one `json.loads` refuses.
            cost: what the request counts against the server's budget (`users?ids[]`
                counts one per id, spec §3.2).
            endpoint: the endpoint method's name, for messages.

        Raises:
            APIError: (a subclass for the status) when the API answers with an error.
            NetworkError: when no answer came after every retry.
            OfflineCacheMiss: offline, when the cache holds no answer for the request.
        """
        query = encode_query(params)
        version = self.api_version if api_version is None else api_version
        url = _display_url(path, query)
        key = None
        if cache is not None and self.cache is not None and method == "GET":
            key = ResponseCache.key(self.base_url, cache.scope, method, path, query, version)
            if not cache.fresh or self.offline:
                served = self._from_cache(key, cache.rule, expect, url)
                if served is not None:
                    logger.debug("%s %s cache hit", method, url)
                    return served[0]
            self.cache.count("misses")
        if self.offline:
            # Fast-F1's lesson: say what could not be served, and send nothing at all.
            miss = OfflineCacheMiss(endpoint or path, f"{method} {url}", cached=key is not None)
            logger.warning("%s", miss)
            raise miss

        headers = {"x-api-version": str(version)}
        renewed = False
        last: httpx.Response | None = None

        async def attempt() -> tuple[httpx.Response, Any]:
            nonlocal renewed, last
            send = (method, path, query, json_body, headers, url, cost)
            response = await self._authorized_send(*send)
            if not renewed and self.tokens and _is_refused_token(response):
                # An expired or revoked token gets one renewal (spec §4), not a retry.
                renewed = True
                await self.tokens.renew(headers["Authorization"])
                response = await self._authorized_send(*send)
            last = response
            return response, self._interpret(response, expect, url)

        try:
            response, result = await self._retrying(attempt, f"{method} {url}", metered=True)
        except NotFound:
            # A missing (or restricted) resource is kept too, so the next run does not
            # ask again and an offline run fails for it the same way.
            if key is not None and self.cache is not None and cache is not None and last:
                self.cache.set(key, cache.rule.family, last.content, status=404)
            raise
        # Only a body that decoded as promised reaches the cache.
        if key is not None and self.cache is not None and cache is not None:
            self.cache.set(key, cache.rule.family, response.content, reading=_kept(expect, result))
        return result

    def _from_cache(self, key: str, rule: CacheRule, expect: Expect, url: str) -> tuple[Any] | None:
        """The cached answer, decoded, while fresh (or at any age offline); else None.

        A cached 404 raises `NotFound` as the server's answer did.

        A body that no longer decodes is deleted, never served (Fast-F1's ergast
        interface does the same), and so fetched again.
        """
        assert self.cache is not None
        entry = self.cache.get(key, rule.family)
        if entry is None:
            return None
        if entry.status == 404:
            if not self.offline and entry.age_s >= self.cache.ttl_s(rule, lambda: None):
                return None
            self.cache.count("hits")
            raise _api_error(httpx.Response(404, content=entry.body), url)
        try:
            result = self._read_cached(key, rule.family, entry, expect, url)
        except InvalidResponseError as bad:
            logger.warning("%s: dropped a cached body that no longer decodes: %s", url, bad)
            self.cache.drop(key, rule.family)
            return None
        # A body kept as bytes is decoded whole only for a rule that reads the answer.
        decoded = functools.partial(json.loads, entry.body) if callable(expect) else lambda: result
        if not self.offline and entry.age_s >= self.cache.ttl_s(rule, decoded):
            return None
        self.cache.count("hits")
        return (result,)

    def _read_cached(
        self, key: str, family: str, entry: CacheEntry, expect: Expect, url: str
    ) -> Any:
        """A cached body as `expect` reads it: from the reading kept beside it when there
        is one, else from the body (whose reading is then kept, for the next hit)."""
        assert self.cache is not None
        if entry.reading is not None and isinstance(expect, KeptReader):
            with contextlib.suppress(ValueError):
                return entry.body, expect.load(entry.reading)
        result = _decode(entry.body, expect, url, 200)
        kept = _kept(expect, result)
        if kept is not None:
            with contextlib.suppress(OSError):  # a cache folder that is read-only here
                self.cache.keep_reading(key, family, entry.body, kept)
        return result

    async def _authorized_send(
        self,
        method: str,
        path: str,
        query: QueryParams,
        json_body: Any,
        headers: dict[str, str],
        url: str,
        cost: int,
    ) -> httpx.Response:
        if self.tokens is not None:
            headers["Authorization"] = await self.tokens.authorization()
        # The slot is taken when the request leaves and settled when its answer came.
        async with self.limiter.slot(cost) as slot:
            sending = _sending.set(slot)
            try:
                response = await self._send(method, path, query, json_body, headers, url)
            finally:
                _sending.reset(sending)
            # A replay download answers with its own, smaller throttle's headers (spec §3.3).
            own_throttle = path.rstrip("/").endswith("/download")
            slot.answered(response.status_code, {} if own_throttle else response.headers)
        logger.debug(
            "%s %s -> %s (waited %.2f s for the limiter)",
            method,
            url,
            response.status_code,
            slot.waited,
        )
        return response

    async def _retrying(
        self, attempt: Callable[[], Awaitable[_T]], what: str, *, metered: bool = False
    ) -> _T:
        """Run `attempt` until it succeeds, sleeping between tries by the retry policy.

        After a 429 of a `metered` request the limiter holds the client's one back-off,
        so the retry adds no wait of its own.
        """
        retry = 0
        while True:
            try:
                return await attempt()
            except _Retry as failure:
                if retry >= self.retry.max_retries:
                    # Chain the underlying cause (an httpx error), not the error itself.
                    raise self._final(failure, retry) from failure.__cause__
                delay = (
                    0.0
                    if metered and failure.status == 429
                    else self.retry.delay(
                        retry, status=failure.status, retry_after=failure.retry_after
                    )
                )
                logger.debug("%s: %s; retry %d in %.1f s", what, failure.error, retry + 1, delay)
                retry += 1
                await self.clock.sleep(delay)

    async def _send(
        self,
        method: str,
        path: str,
        query: QueryParams,
        json_body: Any,
        headers: dict[str, str],
        url: str,
    ) -> httpx.Response:
        return await self._exchange(
            f"{method} {url}", method, path, params=tuple(query), json=json_body, headers=headers
        )

    async def _exchange(self, what: str, method: str, path: str, **options: Any) -> httpx.Response:
        """One HTTP exchange, finished within `timeout_s` from connect to the last byte.

        httpx's own timeouts count per read, so a server sending a byte a second would
        keep a request open for as long as it likes; this deadline covers the whole.
        """
        self._check_loop()
        try:
            async with asyncio.timeout(self.timeout_s):
                return await self._http.request(method, path, **options)
        except TimeoutError as exc:
            error = NetworkError(f"{what}: no complete answer within {self.timeout_s:g} s")
            raise _Retry(error, status=None, retry_after=None) from exc
        except httpx.RequestError as exc:
            # Connection refused or reset, timeouts, bodies cut short or badly compressed,
            # and redirect loops all land here.
            error = NetworkError(f"{what}: {type(exc).__name__}: {exc}")
            raise _Retry(error, status=None, retry_after=None) from exc

    def _interpret(self, response: httpx.Response, expect: Expect, url: str) -> Any:
        status = response.status_code
        if status < 400:
            try:
                return _decode(response.content, expect, url, status)
            except InvalidResponseError as bad_body:
                raise _Retry(bad_body, status=status, retry_after=None) from bad_body
        error = _api_error(response, url)
        if status in RETRY_STATUSES:
            retry_after = parse_retry_after(response.headers.get("Retry-After"), self.clock.now())
            raise _Retry(error, status=status, retry_after=retry_after)
        raise error

    def _final(self, failure: _Retry, retries: int) -> Exception:
        error = failure.error
        if isinstance(error, RateLimited):
            return RateLimited(
                error.status,
                error.message,
                error.url,
                hint=(
                    f"still refused after {retries} retries; this client allows "
                    f"{self.limiter.rate.requests} requests per {self.limiter.rate.seconds:g} s, "
                    "the osu! docs ask for 60 per minute. Lower the limiter or wait a minute."
                ),
            )
        if retries and isinstance(error, APIError):
            return type(error)(
                error.status, error.message, error.url, hint=f"after {retries} retries"
            )
        return error

    async def token_request(self, form: Mapping[str, str]) -> tuple[int, Any]:
        """POST the form to `/oauth/token`; returns the status and the JSON body.

        Server and network failures are retried; 4xx answers are returned, not raised,
        because their meaning depends on the grant (the caller words the error). The
        token endpoint has its own throttle (spec §3.1), so this skips the API limiter.

        Raises:
            OfflineCacheMiss: offline, where no token is ever asked for.
        """
        if self.offline:
            raise OfflineCacheMiss("a token", "POST /oauth/token", cached=False)

        async def attempt() -> tuple[int, Any]:
            response = await self._exchange(
                "POST /oauth/token", "POST", "/oauth/token", data=dict(form)
            )
            if response.status_code in RETRY_STATUSES:
                raise _Retry(
                    _api_error(response, "/oauth/token"),
                    status=response.status_code,
                    retry_after=parse_retry_after(
                        response.headers.get("Retry-After"), self.clock.now()
                    ),
                )
            return response.status_code, _json_or_none(response.content)

        return await self._retrying(attempt, "POST /oauth/token")

    async def aclose(self) -> None:
        """Close the connection pool and save the cache's counters."""
        await self._http.aclose()
        if self.cache is not None:
            self.cache.close()

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r}, limiter={self.limiter!r})"


async def _answer_begins(response: httpx.Response) -> None:
    """httpx calls this when an answer's headers are in, before reading its body."""
    slot = _sending.get()
    if slot is not None:
        slot.heard()


def _is_refused_token(response: httpx.Response) -> bool:
    return response.status_code == 401 and _json_or_none(response.content) == _AUTHENTICATION_BASIC


def _display_url(path: str, query: QueryParams) -> str:
    return f"{path}?{urlencode(query)}" if query else path


def _json_or_none(content: bytes) -> Any:
    try:
        return json.loads(content) if content else None
    except ValueError:
        return None


def _decode(content: bytes, expect: Expect, url: str, status: int) -> Any:
    """The body as `expect` asks; a body that is not the JSON promised raises (and is
    retried by the caller)."""
    if expect == "bytes":
        return content
    if expect == "empty" or not content.strip():
        if expect != "empty" and status != 204:
            raise InvalidResponseError(status, "empty body where JSON was expected", url)
        return (content, None) if callable(expect) else None
    read = expect if callable(expect) else json.loads
    try:
        data = read(content)
    except ValueError as exc:
        raise InvalidResponseError(
            status, f"body is not JSON ({len(content)} bytes, {exc})", url
        ) from exc
    return (content, data) if callable(expect) else data


def _kept(expect: Expect, result: Any) -> bytes | None:
    """What the cache keeps of a reading (a `KeptReader`'s; an empty body has none)."""
    if isinstance(expect, KeptReader) and result[1] is not None:
        return expect.dump(result[1])
    return None


def _api_error(response: httpx.Response, url: str) -> APIError:
    """The typed error for an error answer, with the server's own message when it has one."""
    body = _json_or_none(response.content)
    message: str | None
    if isinstance(body, dict):
        if body == _AUTHENTICATION_BASIC:
            message = "authentication required: the token is missing, expired or revoked"
        else:
            raw = body.get("error_description") or body.get("error") or body.get("message")
            message = str(raw) if raw is not None else None
    elif response.content.lstrip().startswith(b"<"):
        message = "HTML error page"
    else:
        message = None
    return error_for_status(response.status_code)(response.status_code, message, url)

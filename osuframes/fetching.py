"""Fetching a Query's pages: one call or a fan-out over ids, as a stream, with an error policy.

A fan-out fetches several ids at once (the rate limiter still paces the requests) and
hands each id's pages on as soon as that id and every id before it are done, so the
pages come in the order the ids were given while at most a small window of ids is held
in memory, however many ids there are. A single call (a ranking, a search) hands on
each page as it arrives.

Errors: a failure that concerns one id (a missing user) is that id's, handled by the
`errors=` policy. A failure that concerns every id is raised at once, whatever the
policy, without waiting for the other ids to fail the same way: a refused token or
missing credentials, and a network or server failure before any request succeeded
(the API is unreachable: each id would retry it on its own, issue #14). When every id
failed, `FetchError` is raised; when some did, one `PartialResultWarning`.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from osuframes.client import BaseClient
from osuframes.endpoints._base import Call, Endpoint
from osuframes.errors import (
    APIError,
    ConfigError,
    FetchError,
    MissingScopeError,
    NetworkError,
    PartialResultWarning,
    RateLimited,
    ServerError,
    Unauthorized,
)
from osuframes.pagination import Page, paginate
from osuframes.progress import Progress
from osuframes.sync import Portal

__all__ = [
    "ERROR_POLICIES",
    "ErrorPolicy",
    "FailedFetch",
    "Fetch",
    "Stream",
    "blocking",
    "from_loop",
    "once_each",
]

_T = TypeVar("_T")

ErrorPolicy = Literal["raise", "skip", "collect"]
ERROR_POLICIES: tuple[ErrorPolicy, ...] = ("raise", "skip", "collect")
# Errors that concern one id only; anything else (a bad token, missing credentials)
# concerns every id and is raised at once, whatever the policy.
_PER_ID_ERRORS = (APIError, NetworkError)
_GLOBAL_ERRORS = (Unauthorized, MissingScopeError, ConfigError)
# Before any request succeeded, these say the API cannot be reached at all.
_UNREACHABLE_ERRORS = (NetworkError, ServerError, RateLimited)
_TOKEN_PATH = "/oauth/token"
_SHOWN_ERRORS = 3
# Ids fetched ahead of the first one not handed on yet, per id fetched at once.
_WINDOW_PER_WORKER = 4


@dataclass(frozen=True)
class FailedFetch:
    """An id whose pages could not be fetched, and why.

    Attributes:
        key: the id (user id, beatmap id, …).
        error: the exception raised for it (`NotFound` for a missing or restricted user).
    """

    key: Any
    error: Exception

    def __str__(self) -> str:
        return f"{self.key}: {type(self.error).__name__}: {self.error}"


@dataclass
class Stream:
    """The pages of one call: one id of a fan-out, a batch of ids, or the only call.

    Attributes:
        key: the id, or None for a call without one (or a batch of ids).
        call: the first request.
        ids: how many of the Query's ids the call covers (progress counts ids).
        index: the call's position among the Query's calls.
        pages: the pages kept, when the Query keeps them.
    """

    key: Any
    call: Call
    ids: int = 1
    index: int = 0
    pages: list[Page] = field(default_factory=list)


@dataclass
class Fetch:
    """One run over a Query's calls: pages out, errors and counts kept.

    Args:
        client: sends the requests.
        endpoint: the endpoint of every call.
        streams: the calls, in the order their pages are handed on.
        name: the notebook function's name, for messages.
        limit: at most this many records per call (None: all).
        policy: what a failing id does (`raise`, `skip`, `collect`).
        concurrency: calls fetched at once.
        progress: the bar to advance (ids, or pages of a single walk).
    """

    client: BaseClient
    endpoint: Endpoint
    streams: Sequence[Stream]
    name: str
    limit: int | None = None
    policy: ErrorPolicy = "collect"
    concurrency: int = 8
    progress: Progress | None = None
    failed: list[FailedFetch] = field(default_factory=list)
    pages_fetched: int = 0
    _has_succeeded: bool = False
    _opened: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def errors(self) -> list[FailedFetch]:
        """The failed ids the Query reports (`collect`), in the order given."""
        return self.failed if self.policy == "collect" else []

    async def pages(self) -> AsyncIterator[tuple[Stream, Page]]:
        """Every page, in call order; call `finish()` after the last one.

        `finish` is left to the caller so that its warning is warned in the caller's
        thread (the pages may be fetched on the portal's).
        """
        try:
            if len(self.streams) == 1 and self.streams[0].key is None:
                async for page in self._walk(self.streams[0]):
                    yield self.streams[0], page
            else:
                async for stream, page in self._fan_out():
                    yield stream, page
        finally:
            if self.progress is not None:
                self.progress.close()

    async def _walk(self, stream: Stream) -> AsyncIterator[Page]:
        async for page in paginate(self.client, self.endpoint, stream.call, limit=self.limit):
            self._count(page)
            yield page
        if self.progress is not None:
            self.progress.done_ids(stream.ids)

    def _count(self, page: Page) -> None:
        self._has_succeeded = True
        self._opened.set()
        self.pages_fetched += 1
        if self.progress is not None:
            self.progress.page(page.count)

    async def _fan_out(self) -> AsyncIterator[tuple[Stream, Page]]:
        gate = asyncio.Semaphore(self.concurrency)
        abort: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        window = max(1, self.concurrency) * _WINDOW_PER_WORKER
        waiting = iter(self.streams)
        running: deque[tuple[Stream, asyncio.Task[list[Page] | None]]] = deque()

        def start_more() -> None:
            while len(running) < window:
                stream = next(waiting, None)
                if stream is None:
                    return
                running.append((stream, asyncio.ensure_future(self._one(stream, gate, abort))))

        try:
            start_more()
            while running:
                stream, task = running[0]
                either: set[asyncio.Future[Any]] = {task, abort}
                await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
                if abort.done():
                    raise abort.exception() or RuntimeError("fan-out aborted")
                running.popleft()
                pages = task.result()
                start_more()
                for page in pages or ():
                    yield stream, page
        finally:
            for _, task in running:
                task.cancel()
            await asyncio.gather(*(task for _, task in running), return_exceptions=True)
            if abort.done():
                abort.exception()  # retrieved, so asyncio does not log it as lost
            else:
                abort.cancel()

    async def _one(
        self, stream: Stream, gate: asyncio.Semaphore, abort: asyncio.Future[None]
    ) -> list[Page] | None:
        """The pages of one call, or None when it failed and the policy skips it.

        The first call goes alone until it has a page (or failed on its own): if the API
        cannot be reached, or no token can be had, that costs one retry budget, not one
        per id.
        """
        if stream is not self.streams[0]:
            await self._opened.wait()
        async with gate:
            if abort.done():
                return None
            try:
                pages = []
                async for page in paginate(
                    self.client, self.endpoint, stream.call, limit=self.limit
                ):
                    self._count(page)
                    pages.append(page)
                return pages
            except _PER_ID_ERRORS as error:
                if self._concerns_every_id(error) or self.policy == "raise" or stream.key is None:
                    if not abort.done():
                        abort.set_exception(error)
                    return None
                self.failed.append(FailedFetch(stream.key, error))
                return None
            finally:
                self._opened.set()
                if self.progress is not None:
                    self.progress.done_ids(stream.ids)

    def _concerns_every_id(self, error: Exception) -> bool:
        if isinstance(error, _GLOBAL_ERRORS):
            return True
        if isinstance(error, APIError) and error.url.startswith(_TOKEN_PATH):
            return True
        return not self._has_succeeded and isinstance(error, _UNREACHABLE_ERRORS)

    def finish(self) -> None:
        """Raise `FetchError` when every id failed; warn when some did (`collect`)."""
        if not self.failed:
            return
        order = {stream.key: stream.index for stream in self.streams}
        self.failed.sort(key=lambda failed: order.get(failed.key, 0))
        total = sum(stream.ids for stream in self.streams)
        shown = "; ".join(str(failed) for failed in self.failed[:_SHOWN_ERRORS])
        more = (
            f"; and {len(self.failed) - _SHOWN_ERRORS} more"
            if len(self.failed) > _SHOWN_ERRORS
            else ""
        )
        if len(self.failed) == len(self.streams):
            raise FetchError(
                f"{self.name}: all {total} ids failed: {shown}{more}", list(self.failed)
            )
        if self.policy == "collect":
            warnings.warn(
                f"{self.name}: {len(self.failed)} of {total} ids failed, the result holds "
                f"the others (the failures are in query.errors): {shown}{more}",
                PartialResultWarning,
                stacklevel=2,
            )


def once_each(ids: Sequence[Any]) -> list[Any]:
    """The ids without repeats, in the order first given (an id is fetched once)."""
    seen: set[Any] = set()
    out = []
    for value in ids:
        try:
            if value in seen:
                continue
            seen.add(value)
        except TypeError:  # unhashable: left for the method to refuse
            pass
        out.append(value)
    return out


# -- driving a stream of pages from sync or async code -------------------------------------


def blocking(portal: Portal, items: AsyncGenerator[_T, None]) -> Iterator[_T]:
    """Iterate an async generator running on the portal's loop, blocking for each item.

    The fetching goes on in the loop between items (the fan-out fetches ahead). A
    consumer that stops early, or Ctrl-C, closes the generator on its loop.
    """
    try:
        while True:
            try:
                item = portal.call(_next(items))
            except StopAsyncIteration:
                return
            yield item
    finally:
        # Still running when cancelled by the caller's Ctrl-C: it is closing itself.
        with contextlib.suppress(RuntimeError):
            portal.call(items.aclose())


async def from_loop(portal: Portal | None, items: AsyncGenerator[_T, None]) -> AsyncIterator[_T]:
    """Iterate an async generator from async code: here (`portal` None) or on the portal."""
    if portal is None:
        try:
            async for item in items:
                yield item
        finally:
            await items.aclose()
        return
    loop = portal.loop
    try:
        while True:
            future = asyncio.run_coroutine_threadsafe(_next(items), loop)
            try:
                item = await asyncio.wrap_future(future)
            except StopAsyncIteration:
                return
            yield item
    finally:
        with contextlib.suppress(RuntimeError):
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(items.aclose(), loop))


async def _next(items: AsyncGenerator[_T, None]) -> _T:
    return await items.__anext__()

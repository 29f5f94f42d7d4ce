"""The pages behind a Query: fetched once and kept, or streamed without keeping them.

`PageSource` is the fetching half of `Query` (its conversions are in `osuframes.query`):
it builds the calls (checking every argument before anything is sent), runs them
through `osuframes.fetching`, and hands each page on with the records the Query
returns, from kept pages or as they arrive, to sync code through the portal or to
async code on its loop.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator
from typing import Any, Self

from osuframes.client import BaseClient
from osuframes.endpoints._base import Endpoint
from osuframes.fetching import ErrorPolicy, FailedFetch, Fetch, Stream, blocking, from_loop
from osuframes.pagination import Page
from osuframes.progress import Progress
from osuframes.records import Selected, Selection
from osuframes.sync import Portal, SyncClient, portal

__all__ = ["ClientSource", "PageSource"]

ClientSource = BaseClient | SyncClient | Callable[[], BaseClient | SyncClient]
"""A client, or a function giving one when the Query is first used (the default one)."""


class PageSource:
    """The fetching half of a Query (its attributes are set by `Query.__init__`)."""

    endpoint: Endpoint
    name: str
    args: tuple[Any, ...]
    lead: tuple[Any, ...]
    kwargs: dict[str, Any]
    ids: list[Any] | None
    batch: int | None
    limit_per_id: int | None
    progress: bool | None
    error_policy: ErrorPolicy
    concurrency: int
    fresh: bool
    errors: list[FailedFetch]
    pages_fetched: int
    """Pages the last fetch (or stream) got, cache hits included."""
    _client_given: ClientSource
    _client: BaseClient | None
    _portal: Portal | None
    _streams: list[Stream] | None

    # -- the client ----------------------------------------------------------------------

    def _resolve_client(self) -> BaseClient:
        if self._client is None:
            given = self._client_given
            if callable(given) and not isinstance(given, BaseClient | SyncClient):
                given = given()
            if isinstance(given, SyncClient):
                self._client, self._portal = given.client, portal
            elif isinstance(given, BaseClient):
                self._client, self._portal = given, None
            else:
                raise TypeError(f"client={given!r}: give an osuframes Client or SyncClient")
        return self._client

    def _calls(self, client: BaseClient) -> list[Stream]:
        """Every first call, built (and so checked) before anything is sent."""
        streams = self._first_calls(client)
        if self.fresh:
            for stream in streams:
                stream.call = stream.call.refetched()
        return streams

    def _first_calls(self, client: BaseClient) -> list[Stream]:
        build, lead, args, kwargs = self.endpoint.build, self.lead, self.args, self.kwargs
        if self.ids is None:
            return [Stream(None, build(client, *lead, *args, **kwargs))]
        if self.batch is not None:
            groups = [self.ids[i : i + self.batch] for i in range(0, len(self.ids), self.batch)]
            return [
                Stream(None, build(client, *lead, group, *args, **kwargs), len(group), index)
                for index, group in enumerate(groups)
            ]
        return [
            Stream(key, build(client, *lead, key, *args, **kwargs), 1, index)
            for index, key in enumerate(self.ids)
        ]

    # -- fetching ------------------------------------------------------------------------

    def _start(self, client: BaseClient) -> Fetch:
        streams = self._calls(client)
        ids = None if self.ids is None else len(self.ids)
        return Fetch(
            client,
            self.endpoint,
            streams,
            name=self.name,
            limit=self.limit_per_id,
            policy=self.error_policy,
            concurrency=self.concurrency,
            progress=Progress.wanted(self.progress, self.name, ids),
        )

    async def _pages(self, fetch: Fetch, keep: bool) -> AsyncGenerator[Selected, None]:
        selection = Selection(self.endpoint, self.limit_per_id)
        async for stream, page in fetch.pages():
            if keep:
                stream.pages.append(page)
            yield stream, page, selection.flags(stream, page)

    def _finish(self, fetch: Fetch, keep: bool) -> None:
        """After the last page: raise or warn about failed ids, and keep the pages."""
        self.errors = fetch.errors
        self.pages_fetched = fetch.pages_fetched
        if keep:
            failed = {failed.key for failed in fetch.failed}
            self._streams = [s for s in fetch.streams if s.key is None or s.key not in failed]
        fetch.finish()

    def _kept(self) -> Iterator[Selected]:
        assert self._streams is not None
        selection = Selection(self.endpoint, self.limit_per_id)
        for stream in self._streams:
            for page in stream.pages:
                yield stream, page, selection.flags(stream, page)

    def _selected(self, keep: bool) -> Iterator[Selected]:
        """Every page with the records it returns, blocking: kept ones, else fetched."""
        if self._streams is not None:
            yield from self._kept()
            return
        client = self._resolve_client()
        if self._portal is None:
            raise RuntimeError(
                f"{self!r} uses an async Client; use `await query.afetch()` (or "
                "`async for`) in its event loop, or pass a SyncClient"
            )
        fetch = self._start(client)
        yield from blocking(self._portal, self._pages(fetch, keep))
        self._finish(fetch, keep)

    async def _aselected(self, keep: bool) -> AsyncIterator[Selected]:
        """`_selected` for async code: on the running loop, or the portal's."""
        if self._streams is not None:
            for item in self._kept():
                yield item
            return
        fetch = self._start(self._resolve_client())
        async for item in from_loop(self._portal, self._pages(fetch, keep)):
            yield item
        self._finish(fetch, keep)

    def fetch(self) -> Self:
        """Fetch every page now (blocking), unless already fetched; returns the Query."""
        for _ in self._selected(keep=True):
            pass
        return self

    def refresh(self) -> Self:
        """Fetch every page again from the API (blocking), replacing what the response
        cache holds for them; returns the Query.

        Example:
            >>> ranking = of.rankings("osu", "performance")
            >>> ranking.refresh().to_frame()   # today's ranking, whatever was cached
        """
        self.fresh = True
        self._streams = None
        self.errors = []
        return self.fetch()

    async def afetch(self) -> Self:
        """Fetch every page now, from async code; returns the Query."""
        async for _ in self._aselected(keep=True):
            pass
        return self

    @property
    def pages(self) -> list[Page]:
        """Every fetched page, in id order (fetching first if needed)."""
        self.fetch()
        assert self._streams is not None
        return [page for stream in self._streams for page in stream.pages]

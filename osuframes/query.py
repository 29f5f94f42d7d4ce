"""`Query`: a lazy request for a collection, fetched on first use and kept.

A Query names an endpoint, its arguments and, for a fan-out, the ids to fetch it for.
Nothing is sent until it is used (`to_frame()`, iteration, …); then every page is
fetched (concurrently across ids, inside the rate limit) and kept, so using the Query
again costs no request, and neither does `limit()` or `head()` within what was fetched.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import importlib.util
import itertools
import os
import sys
import typing
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, TypeAdapter

from osuframes import frames
from osuframes.client import BaseClient
from osuframes.endpoints._base import Call, Endpoint, endpoint_of
from osuframes.errors import APIError, ConfigError, MissingScopeError, NetworkError, Unauthorized
from osuframes.pagination import Page, paginate
from osuframes.sync import Portal, SyncClient, portal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ErrorPolicy", "FailedFetch", "Query"]

ErrorPolicy = Literal["raise", "skip", "collect"]
_ERROR_POLICIES = ("raise", "skip", "collect")
# Errors that concern one id only; anything else (a bad token, missing credentials)
# concerns every id and is raised at once, whatever the policy.
_PER_ID_ERRORS = (APIError, NetworkError)
_GLOBAL_ERRORS = (Unauthorized, MissingScopeError, ConfigError)


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
class _Stream:
    """The pages of one call (one id of a fan-out, or the only one)."""

    key: Any
    call: Call
    pages: list[Page] = field(default_factory=list)
    done: bool = False


class Query:
    """A lazy collection from one endpoint, for one id or many.

    Build Queries with the notebook functions (`osuframes.user_bests(2)`) rather than by
    hand. Use `to_frame()`, `to_arrow()`, `to_parquet()`, `to_list()`, `to_frames()`,
    iterate it, or `async for` over it.

    Args:
        method: the `Client` endpoint method (e.g. `Client.get_user_bests`).
        args: positional arguments after the id.
        lead: positional arguments before the id (a room before its playlist items).
        kwargs: keyword arguments of the method.
        key: the name of the id argument and column (`user_id`), for fan-outs.
        ids: the ids to fetch (a fan-out), or None for a call without ids.
        batch: send the ids in groups of this size in one call each (`users?ids[]`).
        limit: at most this many records per id (None: all).
        client: the client to use; the configured default one when None.
        progress: show a progress bar (None: when the session is interactive).
        errors: what a failing id does: `"raise"`, `"skip"` it, or `"collect"` it in
            `query.errors` and return the rest (default).
        concurrency: ids fetched at once (the rate limiter still paces the requests).
        name: the notebook function's name, for the repr.
        rows: for frames whose rows are not the endpoint's records as they are (one
            row per player per game of a match): makes a page's rows, given the id.
        row_model: the model of those rows (their declared schema).
        fresh: fetch from the API even what the response cache holds, replacing it.
    """

    def __init__(
        self,
        method: Any,
        *,
        args: Sequence[Any] = (),
        lead: Sequence[Any] = (),
        kwargs: dict[str, Any] | None = None,
        key: str | None = None,
        ids: Sequence[Any] | None = None,
        batch: int | None = None,
        limit: int | None = None,
        client: BaseClient | Any = None,
        progress: bool | None = None,
        errors: ErrorPolicy = "collect",
        concurrency: int = 8,
        name: str | None = None,
        rows: Callable[[Any, Page], list[dict[str, Any]]] | None = None,
        row_model: type[BaseModel] | None = None,
        fresh: bool = False,
    ) -> None:
        if errors not in _ERROR_POLICIES:
            raise ValueError(
                f"errors={errors!r}: use one of {', '.join(map(repr, _ERROR_POLICIES))}"
            )
        _check_limit(limit)
        self.endpoint: Endpoint = endpoint_of(method)
        self.name = name or self.endpoint.name
        self.args = tuple(args)
        self.lead = tuple(lead)
        self.kwargs = dict(kwargs or {})
        self.key = key
        self.ids = None if ids is None else list(ids)
        self.batch = batch
        self.limit_per_id = limit
        self.progress = progress
        self.error_policy: ErrorPolicy = errors
        self.concurrency = concurrency
        self.rows = rows
        self.row_model = row_model
        self.fresh = fresh
        self._client_given = client
        self._client: BaseClient | None = None
        self._portal: Portal | None = None
        self._streams: list[_Stream] | None = None
        self.errors: list[FailedFetch] = []

    # -- building ------------------------------------------------------------------------

    def limit(self, n: int) -> Query:
        """The same Query, fetching at most `n` records per id (fewer requests).

        If this Query has fetched already, with no limit or a limit of at least `n`, the
        new one reuses its pages and sends no request.

        Example:
            >>> of.user_bests([2, 3]).limit(10).to_frame()   # top 10 of each user
        """
        _check_limit(n)
        clone = self._copy(limit_per_id=n)
        if self._streams is not None and (self.limit_per_id is None or n <= self.limit_per_id):
            clone._streams = [
                _Stream(s.key, s.call, _first_pages(s.pages, n), s.done) for s in self._streams
            ]
            clone.errors = list(self.errors)
        return clone

    def head(self, n: int = 5) -> pd.DataFrame:
        """The first `n` rows as a DataFrame, fetching only the pages they need.

        For a fan-out, the first ids' rows; each id is fetched for at most `n` records
        (nothing is fetched when this Query already holds them, as `limit()`).
        """
        return self.limit(n).to_frame().head(n)

    def _copy(self, **changes: Any) -> Query:
        clone = Query.__new__(Query)
        clone.__dict__.update(self.__dict__)
        clone.__dict__.update(changes)
        clone._streams = None
        clone.errors = []
        return clone

    # -- the client ----------------------------------------------------------------------

    def _resolve_client(self) -> BaseClient:
        if self._client is None:
            given = self._client_given
            if given is None:
                from osuframes.api import default_client

                given = default_client()
            if isinstance(given, SyncClient):
                self._client, self._portal = given.client, portal
            elif isinstance(given, BaseClient):
                self._client, self._portal = given, None
            else:
                raise TypeError(f"client={given!r}: give an osuframes Client or SyncClient")
        return self._client

    def _calls(self, client: BaseClient) -> list[tuple[Any, Call]]:
        """Every first call, built (and so checked) before anything is sent."""
        calls = self._first_calls(client)
        return [(key, call.refetched()) for key, call in calls] if self.fresh else calls

    def _first_calls(self, client: BaseClient) -> list[tuple[Any, Call]]:
        build, lead, args, kwargs = self.endpoint.build, self.lead, self.args, self.kwargs
        if self.ids is None:
            return [(None, build(client, *lead, *args, **kwargs))]
        if self.batch is not None:
            groups = [self.ids[i : i + self.batch] for i in range(0, len(self.ids), self.batch)]
            return [(None, build(client, *lead, group, *args, **kwargs)) for group in groups]
        return [(key, build(client, *lead, key, *args, **kwargs)) for key in self.ids]

    # -- fetching ------------------------------------------------------------------------

    def fetch(self) -> Query:
        """Fetch every page now (blocking), unless already fetched; returns the Query."""
        if self._streams is None:
            client = self._resolve_client()
            if self._portal is None:
                raise RuntimeError(
                    f"{self!r} uses an async Client; use `await query.afetch()` (or "
                    "`async for`) in its event loop, or pass a SyncClient"
                )
            self._portal.call(self._fetch_all(client))
        return self

    def refresh(self) -> Query:
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

    async def afetch(self) -> Query:
        """Fetch every page now, from async code; returns the Query."""
        if self._streams is None:
            client = self._resolve_client()
            if self._portal is None:
                await self._fetch_all(client)
            else:
                future = asyncio.run_coroutine_threadsafe(
                    self._fetch_all(client), self._portal.loop
                )
                await asyncio.wrap_future(future)
        return self

    async def _fetch_all(self, client: BaseClient) -> None:
        calls = self._calls(client)
        streams = [_Stream(key, call) for key, call in calls]
        errors: list[FailedFetch] = []
        gate = asyncio.Semaphore(self.concurrency)
        bar = _progress_bar(self.progress, total=len(streams), desc=self.name)

        async def run(stream: _Stream) -> None:
            async with gate:
                try:
                    async for page in paginate(
                        client, self.endpoint, stream.call, limit=self.limit_per_id
                    ):
                        stream.pages.append(page)
                    stream.done = True
                except _GLOBAL_ERRORS:
                    raise
                except _PER_ID_ERRORS as error:
                    if self.error_policy == "raise" or stream.key is None:
                        raise
                    stream.pages.clear()
                    if self.error_policy == "collect":
                        errors.append(FailedFetch(stream.key, error))
                finally:
                    if bar is not None:
                        bar.update(1)

        try:
            tasks = [asyncio.ensure_future(run(stream)) for stream in streams]
            try:
                await asyncio.gather(*tasks)
            except BaseException:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise
        finally:
            if bar is not None:
                bar.close()
        self.errors = sorted(errors, key=lambda failed: self.ids.index(failed.key))  # type: ignore[union-attr]
        self._streams = [stream for stream in streams if stream.done]

    @property
    def pages(self) -> list[Page]:
        """Every fetched page, in id order (fetching first if needed)."""
        self.fetch()
        assert self._streams is not None
        return [page for stream in self._streams for page in stream.pages]

    # -- results -------------------------------------------------------------------------

    @property
    def item_model(self) -> type[BaseModel]:
        """The model of one record (one row of the frame)."""
        if self.row_model is not None:
            return self.row_model
        client = self._resolve_client()
        if self._streams:
            call = self._streams[0].call
        elif self.ids == []:  # an empty fan-out: the model any id would give
            probe = [1] if self.batch else 1
            call = self.endpoint.build(client, *self.lead, probe, *self.args, **self.kwargs)
        else:
            call = self._calls(client)[0][1]
        model = self.endpoint.item_model(call)
        if model is None:
            raise TypeError(f"{self.name} has no records to put in a frame")
        return typing.cast(type[BaseModel], model)

    def _keys(self) -> tuple[str, ...]:
        """The identifier columns in front: the fan-out's id, unless the rows carry it."""
        if self.key is None or self.batch is not None or self.rows is not None:
            return ()
        return (self.key,)

    def to_arrow(self) -> pa.Table:
        """The records as an Arrow table with the declared schema (see `osuframes.frames`)."""
        self.fetch()
        assert self._streams is not None
        schema = frames.frame_schema(self.item_model, self._keys())
        if self.rows is not None:
            return frames.table_from_records(self._made_rows(), schema)
        pages = [(stream.key, page) for stream in self._streams for page in stream.pages]
        keys = {name: [key for key, _ in pages] for name in self._keys()}
        items = self.endpoint.items_key(self._streams[0].call) if self._streams else None
        table = frames.table_from_pages(
            [page.body for _, page in pages], schema, items=items, keys=keys
        )
        keep = np.fromiter(itertools.chain.from_iterable(self._returned()), dtype=bool)
        return table if keep.all() else table.filter(pa.array(keep))

    def _returned(self) -> list[list[bool]]:
        """For each fetched page (in id order), which of its records the Query returns.

        The first `limit` records of each id (the last page may hold more than asked
        for), less any record seen again under the same id (a cursor boundary can
        repeat one). `len()`, `to_list()`, `to_arrow()` and `to_frame()` all return
        exactly these records, so they agree.
        """
        assert self._streams is not None
        seen: set[tuple[Any, Any]] = set()
        returned: list[list[bool]] = []
        for stream in self._streams:
            has_id = _has_id_column(self.endpoint.item_model(stream.call))
            position = 0
            for page in stream.pages:
                flags = []
                for record in page.records:
                    keep = self.limit_per_id is None or position < self.limit_per_id
                    position += 1
                    ident = record.get("id") if has_id and isinstance(record, dict) else None
                    if keep and isinstance(ident, int | str):
                        keep = (stream.key, ident) not in seen
                        seen.add((stream.key, ident))
                    flags.append(keep)
                returned.append(flags)
        return returned

    def _returned_pages(self) -> list[tuple[_Stream, list[Page]]]:
        """Each stream with its pages cut down to the records the Query returns."""
        assert self._streams is not None
        flags = iter(self._returned())  # one list per page, in the same order
        return [
            (stream, [_keeping(page, next(flags)) for page in stream.pages])
            for stream in self._streams
        ]

    def to_frame(self, dtype_backend: frames.DtypeBackend = "numpy_nullable") -> pd.DataFrame:
        """The records as a DataFrame, one row each, with the declared dtypes.

        Args:
            dtype_backend: `"numpy_nullable"` (`Int64`, `boolean`, `string`, categories,
                aware datetimes; list columns of arrays) or `"pyarrow"`.
        """
        return frames.to_pandas(self.to_arrow(), dtype_backend)

    def to_parquet(self, path: str | os.PathLike[str]) -> Path:
        """Write the records to a Parquet file, atomically; returns its path.

        The file carries pandas metadata: `pd.read_parquet(path)` has `to_frame()`'s dtypes.
        """
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        pq.write_table(frames.with_pandas_metadata(self.to_arrow()), partial)
        partial.replace(target)
        return target

    def to_list(self) -> list[Any]:
        """The records as models (`Score`, `User`, …), every field kept."""
        self.fetch()
        assert self._streams is not None
        if self.rows is not None:
            return _list_adapter(self.item_model).validate_python(self._made_rows())
        out: list[Any] = []
        for stream, pages in self._returned_pages():
            adapter = _list_adapter(self.endpoint.item_model(stream.call))
            out += adapter.validate_python([record for page in pages for record in page.records])
        return out

    def _made_rows(self) -> list[dict[str, Any]]:
        """The rows made from the records the Query returns (the limit counts records)."""
        assert self.rows is not None
        return [
            row
            for stream, pages in self._returned_pages()
            for page in pages
            for row in self.rows(stream.key, page)
        ]

    def to_frames(
        self, dtype_backend: frames.DtypeBackend = "numpy_nullable"
    ) -> dict[str, pd.DataFrame]:
        """Every list a response carries, one DataFrame each, keyed by the response's keys.

        For answers with several lists (discussions with their users and beatmaps, a
        match with its events and users); the main records are under their own key, the
        others repeat across pages and are de-duplicated on `id`.
        """
        self.fetch()
        main = self.endpoint.items or "records"
        result = {main: self.to_frame(dtype_backend)}
        for name, model in _side_lists(self.endpoint.response).items():
            if name == main:
                continue
            schema = frames.frame_schema(model)
            table = frames.table_from_pages([p.body for p in self.pages], schema, items=name)
            result[name] = frames.to_pandas(_drop_repeats(table, ()), dtype_backend)
        return result

    def __iter__(self) -> Iterator[Any]:
        return iter(self.to_list())

    async def __aiter__(self) -> AsyncIterator[Any]:
        await self.afetch()
        for record in self.to_list():
            yield record

    def __len__(self) -> int:
        """The number of records (rows) the Query returns, fetching first if needed.

        Always `len(query.to_list()) == len(query.to_frame())`: within the limit, and
        without a record repeated at a page boundary.
        """
        self.fetch()
        if self.rows is not None:
            return len(self._made_rows())
        return sum(sum(flags) for flags in self._returned())

    # -- display -------------------------------------------------------------------------

    def _arguments(self) -> str:
        parts = []
        if self.ids is not None:
            shown = self.ids if len(self.ids) <= 5 else [*self.ids[:5], "…"]
            parts.append(f"{self.key or 'ids'}={shown if len(self.ids) != 1 else self.ids[0]!r}")
        parts = [repr(a) for a in self.lead] + parts + [repr(a) for a in self.args]
        parts += [f"{k}={v!r}" for k, v in self.kwargs.items() if v is not None]
        return ", ".join(str(p) for p in parts)

    def _status(self) -> str:
        if self._streams is None:
            return "not fetched yet"
        pages = sum(len(s.pages) for s in self._streams)
        records = sum(len(p.records) for s in self._streams for p in s.pages)
        failed = f", {len(self.errors)} failed" if self.errors else ""
        return f"{pages} pages fetched, {records} records{failed}"

    def __repr__(self) -> str:
        paging = type(self.endpoint.paging).__name__ if self.endpoint.paging else "single page"
        return f"<Query {self.name}({self._arguments()}) · {paging} · {self._status()}>"

    def _repr_html_(self) -> str:
        paging = type(self.endpoint.paging).__name__ if self.endpoint.paging else "single page"
        rows = [
            ("endpoint", f"{self.name} → {self.endpoint.name}"),
            ("parameters", self._arguments() or "none"),
            ("pagination", paging),
            ("status", self._status()),
        ]
        cells = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table><caption>osuframes Query</caption>{cells}</table>"


def _check_limit(limit: Any) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit={limit!r}: give a positive number of records")


def _first_pages(pages: list[Page], n: int) -> list[Page]:
    """The fewest leading pages that hold `n` records (all of them if they hold fewer)."""
    held = 0
    for count, page in enumerate(pages, 1):
        held += len(page.records)
        if held >= n:
            return pages[:count]
    return pages


def _keeping(page: Page, kept: list[bool]) -> Page:
    """`page` with only the records marked in `kept` (its body is left as it is)."""
    return dataclasses.replace(page, records=list(itertools.compress(page.records, kept)))


def _has_id_column(model: Any) -> bool:
    """Whether a record model's frame has an `id` column (what repeats are told by)."""
    if model is None:
        return False
    return any(column.name == "id" for column in frames.frame_schema(model).columns)


def _drop_repeats(table: pa.Table, keys: tuple[str, ...]) -> pa.Table:
    """Drop a record seen twice under the same keys (a cursor boundary can repeat one)."""
    name = "id" if "id" in table.column_names else None
    if name is None or table.num_rows < 2:
        return table
    columns = [*keys, name]
    frame = table.select(columns).to_pandas()
    repeated = frame.duplicated().to_numpy() & frame[name].notna().to_numpy()
    return table.filter(pa.array(~repeated)) if repeated.any() else table


def _list_adapter(model: Any) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])


def _side_lists(response: Any) -> dict[str, type[BaseModel]]:
    """The `list[Model]` fields of a response model, by JSON key."""
    if not (isinstance(response, type) and issubclass(response, BaseModel)):
        return {}
    out: dict[str, type[BaseModel]] = {}
    for name, info in response.model_fields.items():
        annotation = frames.unwrap_optional(info.annotation)
        if typing.get_origin(annotation) is list:
            (inner,) = typing.get_args(annotation)
            inner = frames.unwrap_optional(inner)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out[info.alias or name] = inner
    return out


def _progress_bar(progress: bool | None, *, total: int, desc: str) -> Any:
    """A tqdm bar (a widget in Jupyter), or None when progress is off or not wanted."""
    if progress is None:
        progress = total > 1 and _interactive()
    if not progress:
        return None
    # tqdm.auto makes a Jupyter widget, which needs ipywidgets; without it, it would warn
    # and fall back to the text bar, so go straight to that.
    if importlib.util.find_spec("ipywidgets") is None:
        from tqdm import tqdm
    else:
        from tqdm.auto import tqdm
    return tqdm(total=total, desc=desc, unit="id", leave=False)


def _interactive() -> bool:
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())

"""`Query`: a lazy request for a collection, fetched when used, streamed or kept.

A Query names an endpoint, its arguments and, for a fan-out, the ids to fetch it for.
Nothing is sent until it is used. `to_frame()`, `to_list()`, `len()` and iteration
fetch every page and keep it, so using the Query again costs no request, and neither
does `limit()` or `head()` within what was fetched. `iter_batches()` and `to_parquet()`
stream: they hand out (or write) batches as the pages arrive and keep nothing, so their
memory does not grow with the number of ids.

Fetching lives in `osuframes.fetching` (pages, fan-out, error policy), the conversions in
`osuframes.records` (tables, models) and `osuframes.parquet` (files). The Query is given
its client (or a function returning the default one): it never reaches up into `api/`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pyarrow as pa
from pydantic import BaseModel

from osuframes import describe, frames
from osuframes.client import BaseClient
from osuframes.endpoints._base import Endpoint, endpoint_of
from osuframes.fetching import (
    ERROR_POLICIES,
    ErrorPolicy,
    FailedFetch,
    Stream,
    once_each,
)
from osuframes.pagesource import ClientSource, PageSource
from osuframes.pagination import Page
from osuframes.parquet import check_file_path, write_parquet
from osuframes.records import Converter, RowMaker, side_frames
from osuframes.sync import Portal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ClientSource", "ErrorPolicy", "FailedFetch", "Query"]

# Rows converted at a time while the next pages are fetched (and a Parquet row group).
_BATCH_ROWS = 10_000


class Query(PageSource):
    """A lazy collection from one endpoint, for one id or many.

    Build Queries with the notebook functions (`osuframes.user_bests(2)`) rather than by
    hand. Use `to_frame()`, `to_arrow()`, `to_parquet()`, `to_list()`, `to_frames()`,
    `iter_batches()`, iterate it, or `async for` over it.

    Ids given twice are fetched once, and their rows appear once (in the place of the
    first): `user_bests([2, 2])` is `user_bests([2])`.

    Args:
        method: the `Client` endpoint method (e.g. `Client.get_user_bests`).
        args: positional arguments after the id.
        lead: positional arguments before the id (a room before its playlist items).
        kwargs: keyword arguments of the method.
        key: the name of the id argument and column (`user_id`), for fan-outs.
        ids: the ids to fetch (a fan-out), or None for a call without ids.
        batch: send the ids in groups of this size in one call each (`users?ids[]`).
        limit: at most this many records per id (None: all).
        client: the client to use, or a function returning it on first use.
        progress: show a progress bar (None: when the session is interactive).
        errors: what a failing id does: `"raise"`, `"skip"` it, or `"collect"` it in
            `query.errors` and return the rest with a `PartialResultWarning` (default).
            Whatever the policy, a failure that concerns every id (no token, the API
            unreachable) raises at once, and so does every id failing (`FetchError`).
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
        client: ClientSource,
        progress: bool | None = None,
        errors: ErrorPolicy = "collect",
        concurrency: int = 8,
        name: str | None = None,
        rows: RowMaker | None = None,
        row_model: type[BaseModel] | None = None,
        fresh: bool = False,
    ) -> None:
        if errors not in ERROR_POLICIES:
            raise ValueError(
                f"errors={errors!r}: use one of {', '.join(map(repr, ERROR_POLICIES))}"
            )
        _check_limit(limit)
        self.endpoint: Endpoint = endpoint_of(method)
        self.name = name or self.endpoint.name
        self.args = tuple(args)
        self.lead = tuple(lead)
        self.kwargs = dict(kwargs or {})
        self.key = key
        self.ids = None if ids is None else once_each(ids)
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
        self._streams: list[Stream] | None = None
        self.errors: list[FailedFetch] = []
        self.pages_fetched = 0

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
                Stream(s.key, s.call, s.ids, s.index, _first_pages(s.pages, n))
                for s in self._streams
            ]
            clone.errors = list(self.errors)
        return clone

    def starting_at(self, cursor_string: str | None) -> Query:
        """The same walk from a `cursor_string` one of its pages answered (None: its start).

        Where an export resumes a walk it stopped in (a ranking, a search, the score
        feed); the endpoint refuses a walk that is not paged by `cursor_string`.
        """
        return self._copy(kwargs={**self.kwargs, "cursor_string": cursor_string})

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
            call = self._calls(client)[0].call
        model = self.endpoint.item_model(call)
        if model is None:
            raise TypeError(f"{self.name} has no records to put in a frame")
        return model  # type: ignore[no-any-return]

    def _converter(self) -> Converter:
        # The fan-out's id goes in front, unless the rows carry it.
        keys = (
            ()
            if self.key is None or self.batch is not None or self.rows is not None
            else (self.key,)
        )
        schema = frames.query_schema(self.name, self.item_model, keys)
        return Converter(self.endpoint, schema, keys, self.rows)

    @property
    def schema(self) -> pa.Schema:
        """The declared Arrow schema of the frame (the same for any result, even empty)."""
        return self._converter().schema.arrow_schema

    def to_arrow(self) -> pa.Table:
        """The records as an Arrow table with the declared schema (see `osuframes.frames`).

        Fetches the pages (and keeps them), converting them in batches as they arrive.
        """
        return self._converter().table_as_fetched(self._selected(keep=True), _BATCH_ROWS)

    def to_frame(self, dtype_backend: frames.DtypeBackend = "numpy_nullable") -> pd.DataFrame:
        """The records as a DataFrame, one row each, with the declared dtypes.

        Args:
            dtype_backend: `"numpy_nullable"` (`Int64`, `boolean`, `string`, categories,
                aware datetimes; list columns of arrays) or `"pyarrow"`.
        """
        return frames.to_pandas(self.to_arrow(), dtype_backend)

    def columns(self) -> pd.DataFrame:
        """The frame's data dictionary: column, dtype, description, nullable (no request)."""
        return frames.data_dictionary(self._converter().schema)

    def to_polars(self) -> Any:
        """The records as a polars DataFrame, from `to_arrow()` (the `polars` extra)."""
        return frames.to_polars(self.to_arrow())

    @overload
    def iter_batches(
        self, rows: int = ..., *, as_frames: Literal[False] = ..., keep: bool = ...
    ) -> Iterator[pa.RecordBatch]: ...
    @overload
    def iter_batches(
        self, rows: int = ..., *, as_frames: Literal[True], keep: bool = ...
    ) -> Iterator[pd.DataFrame]: ...
    def iter_batches(
        self, rows: int = 50_000, *, as_frames: bool = False, keep: bool = False
    ) -> Iterator[pa.RecordBatch] | Iterator[pd.DataFrame]:
        """The records in batches of `rows` (the last one fewer), as their pages arrive.

        Each batch has the declared schema. Nothing handed out is kept, so the memory
        does not grow with the number of ids, unless `keep=True` (then the Query is
        fetched at the end, as after `fetch()`). A Query fetched already hands out
        what it holds.

        Args:
            rows: rows per batch.
            as_frames: DataFrames (with the declared dtypes) instead of Arrow batches.
            keep: keep the pages, so using the Query again costs no request.

        Example:
            >>> for frame in of.user_bests(ids).iter_batches(10_000, as_frames=True):
            ...     frame.to_csv("bests.csv", mode="a")
        """
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
            raise ValueError(f"iter_batches(rows={rows!r}): give a positive number of rows")
        converter = self._converter()
        for table in converter.tables(self._selected(keep), rows):
            if as_frames:
                yield frames.to_pandas(table)
            else:
                yield from table.combine_chunks().to_batches()

    def to_parquet(self, path: str | os.PathLike[str]) -> Path:
        """Write the records to one Parquet file, atomically, as they arrive; returns its path.

        Streams like `iter_batches()`: a fan-out over many ids writes while it fetches,
        with a memory ceiling that does not grow with the number of ids (the pages are
        not kept, unless the Query was fetched already). For a dataset of many parts,
        resumable, use `osuframes.export`.

        Raises:
            ValueError: `path` is a folder or ends with `/` (give a file name).
        """
        target = check_file_path(path)
        converter = self._converter()
        tables = converter.tables(self._selected(keep=False), _BATCH_ROWS)
        return write_parquet(target, converter.schema.arrow_schema, tables)

    def to_list(self) -> list[Any]:
        """The records as models (`Score`, `User`, …), every field kept."""
        self.fetch()
        converter = self._converter()
        return [model for item in self._kept() for model in converter.models(*item)]

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
        sides = side_frames(self.endpoint, self.pages, dtype_backend, leave_out=main)
        return {main: self.to_frame(dtype_backend), **sides}

    def __iter__(self) -> Iterator[Any]:
        """The records as models, each page's as it arrives (the pages are kept)."""
        converter = self._converter()
        for item in self._selected(keep=True):
            yield from converter.models(*item)

    async def __aiter__(self) -> AsyncIterator[Any]:
        converter = self._converter()
        async for item in self._aselected(keep=True):
            for model in converter.models(*item):
                yield model

    def __len__(self) -> int:
        """The number of records (rows) the Query returns, fetching first if needed.

        Always `len(query.to_list()) == len(query.to_frame())`: within the limit, and
        without a record repeated at a page boundary.
        """
        self.fetch()
        converter = self._converter()
        return sum(converter.count(*item) for item in self._kept())

    # -- display -------------------------------------------------------------------------

    def _described(self) -> list[tuple[str, str]]:
        arguments = describe.arguments(self.lead, self.key, self.ids, self.args, self.kwargs)
        return [
            ("endpoint", f"{self.name} → {self.endpoint.name}"),
            ("parameters", arguments or "none"),
            ("pagination", describe.paging(self.endpoint)),
            ("status", describe.status(self._streams, self.errors)),
        ]

    def __repr__(self) -> str:
        _, (_, arguments), (_, paging), (_, status) = self._described()
        arguments = "" if arguments == "none" else arguments
        return f"<Query {self.name}({arguments}) · {paging} · {status}>"

    def _repr_html_(self) -> str:
        return describe.html_table("osuframes Query", self._described())


def _check_limit(limit: Any) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit={limit!r}: give a positive number of records")


def _first_pages(pages: list[Page], n: int) -> list[Page]:
    """The fewest leading pages that hold `n` records (all of them if they hold fewer)."""
    held = 0
    for count, page in enumerate(pages, 1):
        held += page.count
        if held >= n:
            return pages[:count]
    return pages

"""A Query's conversions: which records it returns, and those records as tables and models.

Pages come from `osuframes.fetching`; this module turns them into what the Query hands
out, page by page, so the same code serves a Query that keeps every page and one that
streams batches without keeping any.
"""

from __future__ import annotations

import functools
import itertools
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, TypeAdapter

from osuframes import frames
from osuframes.endpoints._base import Endpoint
from osuframes.fetching import Stream
from osuframes.pagination import Page

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Converter", "Selected", "Selection", "side_frames"]

Selected = tuple[Stream, Page, list[bool]]
"""A page with its stream and which of its records the Query returns."""

RowMaker = Callable[[Any, list[Any]], list[dict[str, Any]]]


class Selection:
    """Which records of each page a Query returns, page after page.

    The first `limit` records of each call (the last page may hold more than asked
    for), less any record seen again in the same call (a cursor boundary can repeat
    one). Pages of one call come one after another, so only the current call's record
    ids are remembered: the memory does not grow with the number of ids.
    """

    def __init__(self, endpoint: Endpoint, limit: int | None) -> None:
        self._endpoint = endpoint
        self._limit = limit
        self._current: int | None = None
        self._position = 0
        self._seen: set[Any] = set()

    def flags(self, stream: Stream, page: Page) -> list[bool]:
        """For each record of `page`, whether the Query returns it."""
        if stream.index != self._current:
            self._current, self._position, self._seen = stream.index, 0, set()
        ids = page.summary.ids
        room = len(ids) if self._limit is None else max(0, self._limit - self._position)
        self._position += len(ids)
        flags = [True] * min(room, len(ids)) + [False] * max(0, len(ids) - room)
        if _has_id_column(self._endpoint.item_model(stream.call)):
            for repeat in self._repeats(ids[:room]):
                flags[repeat] = False
        return flags

    def _repeats(self, ids: tuple[Any, ...]) -> list[int]:
        """The positions of ids seen before in this call, each id now counted as seen."""
        countable = [ident for ident in ids if isinstance(ident, int | str)]
        if len(set(countable)) == len(countable) and self._seen.isdisjoint(countable):
            self._seen.update(countable)  # no repeat (nearly always): no loop per record
            return []
        repeats = []
        for position, ident in enumerate(ids):
            if isinstance(ident, int | str):
                if ident in self._seen:
                    repeats.append(position)
                self._seen.add(ident)
        return repeats


@dataclass(frozen=True)
class Converter:
    """Turns selected pages into a table with the declared schema, or into models.

    Attributes:
        endpoint: the endpoint the pages come from.
        schema: the frame schema of one row.
        keys: the identifier columns put in front (the fan-out's id), if any.
        rows: for frames whose rows are not the endpoint's records (one row per player
            per game of a match): makes a page's rows from its id and records.
    """

    endpoint: Endpoint
    schema: frames.FrameSchema
    keys: tuple[str, ...] = ()
    rows: RowMaker | None = None

    def table(self, selected: Sequence[Selected]) -> pa.Table:
        """One table of the records the pages return."""
        if not selected:
            return frames.table_from_pages([], self.schema)
        bodies = [page.body for _, page, _ in selected]
        if self.rows is not None:
            table = frames.table_from_records(self._made_rows(selected), self.schema)
            return frames.join_side_lists(table, bodies, self.schema.joins)
        keys = {name: [stream.key for stream, _, _ in selected] for name in self.keys}
        items = self.endpoint.items_key(selected[0][0].call)
        table = frames.table_from_pages(bodies, self.schema, items=items, keys=keys)
        keep = np.fromiter(itertools.chain.from_iterable(f for _, _, f in selected), dtype=bool)
        table = table if keep.all() else table.filter(pa.array(keep))
        return frames.join_side_lists(table, bodies, self.schema.joins)

    def models(self, stream: Stream, page: Page, flags: list[bool]) -> list[Any]:
        """The records a page returns, as models (`Score`, `User`, …)."""
        if self.rows is not None:
            return _list_adapter(self.schema.model).validate_python(
                self._made_rows([(stream, page, flags)])
            )
        adapter = _list_adapter(self.endpoint.item_model(stream.call))
        return adapter.validate_python(list(itertools.compress(page.records, flags)))

    def count(self, stream: Stream, page: Page, flags: list[bool]) -> int:
        """How many rows a page gives."""
        if self.rows is not None:
            return len(self._made_rows([(stream, page, flags)]))
        return sum(flags)

    def _made_rows(self, selected: Iterable[Selected]) -> list[dict[str, Any]]:
        assert self.rows is not None
        return [
            row
            for stream, page, flags in selected
            for row in self.rows(stream.key, list(itertools.compress(page.records, flags)))
        ]

    def table_as_fetched(self, selected: Iterable[Selected], rows: int) -> pa.Table:
        """One table of every record, converted `rows` at a time as the pages arrive.

        While one batch is read (pyarrow's reader lets go of the GIL), the fan-out goes
        on fetching the next pages, so fetching and converting overlap. The table is
        the one `table` makes of every page (`frames.concat_tables` makes the batches'
        categories one again). Frames that join side lists, or whose rows are made from
        records, are converted at the end: a side list may serve another page's records.
        """
        if self.rows is not None or self.schema.joins:
            return self.table(list(selected))
        batches = list(self.tables(selected, rows))
        return frames.concat_tables(batches, self.schema) if batches else self.table([])

    def tables(self, selected: Iterable[Selected], rows: int) -> Iterator[pa.Table]:
        """Tables of exactly `rows` rows (the last one fewer), pages kept only until used.

        Yields nothing when there are no records.
        """
        held: list[Selected] = []
        count = 0
        rest: pa.Table | None = None
        for item in selected:
            held.append(item)
            count += self.count(*item)
            if count >= rows:
                table = self.table(held)
                held, count = [], 0
                table = table if rest is None else pa.concat_tables([rest, table])
                while table.num_rows >= rows:
                    yield table.slice(0, rows)
                    table = table.slice(rows)
                rest = table if table.num_rows else None
        last = self.table(held) if held else None
        if rest is not None:
            last = rest if last is None else pa.concat_tables([rest, last])
        if last is not None and last.num_rows:
            yield last


@functools.cache
def _has_id_column(model: Any) -> bool:
    """Whether a record model's frame has an `id` column (what repeats are told by)."""
    if model is None:
        return False
    return any(column.name == "id" for column in frames.frame_schema(model).columns)


@functools.cache
def _list_adapter(model: Any) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])


def side_frames(
    endpoint: Endpoint, pages: Sequence[Page], dtype_backend: frames.DtypeBackend, leave_out: str
) -> dict[str, pd.DataFrame]:
    """The other lists of the responses (users, beatmaps, …), one frame each, by key.

    They repeat across pages, so each is de-duplicated on `id`.
    """
    result = {}
    for name, model in _side_lists(endpoint.response).items():
        if name != leave_out:
            schema = frames.frame_schema(model)
            table = frames.table_from_pages([page.body for page in pages], schema, items=name)
            result[name] = frames.to_pandas(_drop_repeats(table), dtype_backend)
    return result


def _drop_repeats(table: pa.Table) -> pa.Table:
    """Drop a record seen twice (the same `id`): side lists repeat across pages."""
    if "id" not in table.column_names or table.num_rows < 2:
        return table
    frame = table.select(["id"]).to_pandas()
    repeated = frame.duplicated().to_numpy() & frame["id"].notna().to_numpy()
    return table.filter(pa.array(~repeated)) if repeated.any() else table


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

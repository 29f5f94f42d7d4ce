"""What the paginators read of a page's body, without decoding its records into Python.

A page of 100 best scores is some 250 KB of JSON; decoding it whole (`json.loads`) makes
a dict per record and per nested object, which costs more time and memory than the
frame built from the same bytes. The paginators need only the number of records, each
record's `id` and the few paging fields beside the list (`cursor`, `cursor_string`,
`has_more`, the last event id), so `read_page` reads just those with a pydantic reader
of that shape: pydantic-core's JSON parser checks the whole body and builds nothing for
the fields it skips. The shapes are TypedDicts, not models: a dict per record costs
about a third less than a model instance, on every page of a warm re-run. A body the
shape does not fit (a record that is not an object, a list where an object was
expected) is decoded whole instead, so the summary is always the one `json.loads` would
give. A body that is not JSON raises `ValueError` either way: the pipeline then retries
it (or drops it from the cache).

Reading the summary is still a pass over the whole body (about 0.4 ms for a page of
scores), so `PageReader` also writes it as a few hundred bytes of JSON, which the
response cache keeps beside the body: a warm re-run reads that instead of the page.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

__all__ = ["PAGING_KEYS", "PageReader", "PageSummary", "read_page", "records_of", "summarise"]

#: The fields beside the records that the paginators read (osu-api-v2-spec.md §2).
PAGING_KEYS = ("cursor", "cursor_string", "has_more", "latest_event_id", "last_event_id")


@dataclass(frozen=True)
class PageSummary:
    """What the paginators and a Query's selection read of one page.

    Attributes:
        count: the number of records.
        ids: each record's `id` (None where a record has none).
        fields: the `PAGING_KEYS` the body holds beside its records, decoded.
    """

    count: int
    ids: tuple[Any, ...]
    fields: Mapping[str, Any]


class _Record(TypedDict, total=False):
    """A record as the paginators read it: its `id`, nothing else (other keys ignored)."""

    id: Any


@dataclass(frozen=True)
class PageReader:
    """The pipeline's reader of pages with records under `items` (the body itself when
    None); its summaries are kept in the response cache (a `transport.KeptReader`)."""

    items: str | None

    def __call__(self, body: bytes) -> PageSummary:
        return read_page(body, self.items)

    def dump(self, summary: PageSummary) -> bytes:
        """The summary as JSON, for the cache."""
        return json.dumps([summary.count, summary.ids, summary.fields]).encode()

    def load(self, kept: bytes) -> PageSummary:
        """A summary `dump` wrote.

        Raises:
            ValueError: `kept` is not one (the pipeline then reads the body instead).
        """
        try:
            count, ids, fields = json.loads(kept)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a kept page summary: {exc}") from exc
        if not (isinstance(count, int) and isinstance(ids, list) and isinstance(fields, dict)):
            raise ValueError("not a kept page summary: wrong shape")
        return PageSummary(count, tuple(ids), fields)


def read_page(body: bytes, items: str | None) -> PageSummary:
    """The summary of a page whose records are `body` itself (`items` None) or its
    `items` list.

    Raises:
        ValueError: the body is not JSON.
    """
    try:
        read = _reader(items).validate_json(body)
    except ValidationError:
        return summarise(json.loads(body), items)
    if items is None:
        return PageSummary(len(read), tuple(record.get("id") for record in read), {})
    records = read.get(items) or []
    fields = {key: read[key] for key in PAGING_KEYS if key in read}
    return PageSummary(len(records), tuple(record.get("id") for record in records), fields)


def summarise(data: Any, items: str | None) -> PageSummary:
    """The summary of a decoded body (one `read_page`'s shape does not fit)."""
    records = records_of(data, items)
    ids = tuple(record.get("id") if isinstance(record, dict) else None for record in records)
    beside = data if items is not None and isinstance(data, dict) else {}
    fields = {key: beside[key] for key in PAGING_KEYS if key in beside}
    return PageSummary(len(records), ids, fields)


def records_of(data: Any, items: str | None) -> list[Any]:
    """The records of a decoded body: the body itself, or its `items` list."""
    if items is None:
        return data if isinstance(data, list) else []
    if isinstance(data, dict) and isinstance(data.get(items), list):
        return list(data[items])
    return []


@functools.cache
def _reader(items: str | None) -> TypeAdapter[Any]:
    """A reader of the records' ids and the paging fields; nothing else is built."""
    if items is None:
        return TypeAdapter(list[_Record])
    keys: dict[str, Any] = {**dict.fromkeys(PAGING_KEYS, Any), items: list[_Record] | None}
    return TypeAdapter(TypedDict("PageFields", keys, total=False))  # type: ignore[operator]

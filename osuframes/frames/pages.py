"""JSON pages to Arrow: pyarrow's JSON reader with the declared types, no object per record."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

from osuframes.frames.assemble import assemble, empty_table, leaf_arrays
from osuframes.frames.records import table_from_records
from osuframes.frames.schema import FrameSchema

__all__ = ["table_from_pages"]

_ITEMS = "items"
_OPENING = b'{"' + _ITEMS.encode() + b'":'
_BATCH_BYTES = 16 << 20


def table_from_pages(
    pages: Sequence[bytes],
    schema: FrameSchema,
    *,
    items: str | None = None,
    keys: Mapping[str, Sequence[int]] | None = None,
) -> pa.Table:
    """One table from the JSON bodies of API pages, with the declared schema.

    Args:
        pages: raw response bodies.
        schema: the frame schema of the records.
        items: the key of the record list in each body; None when each body is a list.
        keys: per identifier column of `schema`, one value per page (e.g. the user id
            each page was fetched for); repeated for every record of that page.
    """
    keys = keys or {}
    if not pages:
        return empty_table(schema)
    try:
        return _read_fast(pages, schema, items, keys)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        if len(pages) == 1:
            body = json.loads(pages[0])
            records = (body.get(items) if items else body) or []
            return table_from_records(
                records, schema, keys={k: [v[0]] * len(records) for k, v in keys.items()}
            )
    # Some page does not read as declared: read page by page, the odd ones slowly.
    return pa.concat_tables(
        table_from_pages([page], schema, items=items, keys={k: [v[i]] for k, v in keys.items()})
        for i, page in enumerate(pages)
    )


def _read_fast(
    pages: Sequence[bytes], schema: FrameSchema, items: str | None, keys: Mapping[str, Any]
) -> pa.Table:
    """Read the pages with pyarrow's JSON reader (threads over blocks), a batch at a time.

    Each page becomes one line of newline-delimited JSON: a raw newline can only be
    whitespace in valid JSON, so replacing it keeps the document as it was. Batches of
    about `_BATCH_BYTES` keep each joined buffer small enough for the allocator to reuse
    (one buffer of the whole result was slower, and its cost varied run to run).
    """
    key = items or _ITEMS
    options = pa_json.ParseOptions(
        explicit_schema=pa.schema([pa.field(key, pa.list_(schema.read_type))]),
        unexpected_field_behavior="ignore",
    )
    columns = [_read_batch(batch, items, options) for batch in _batches(pages)]
    chunks = [chunk for column in columns for chunk in column.chunks]
    lengths = np.concatenate(
        [pc.list_value_length(c).fill_null(0).to_numpy(zero_copy_only=False) for c in chunks]
    )
    per_chunk = [dict(leaf_arrays(chunk.flatten(), schema.read_type, ())) for chunk in chunks]
    leaves = {
        path: pa.chunked_array([chunk[path] for chunk in per_chunk], type=array.type)
        for path, array in per_chunk[0].items()
    }
    repeated = {name: np.repeat(np.asarray(values), lengths) for name, values in keys.items()}
    return assemble(schema, leaves, repeated, int(lengths.sum()))


def _batches(pages: Sequence[bytes]) -> Iterator[Sequence[bytes]]:
    start = size = 0
    for end, page in enumerate(pages, 1):
        size += len(page)
        if size >= _BATCH_BYTES:
            yield pages[start:end]
            start, size = end, 0
    if start < len(pages):
        yield pages[start:]


def _read_batch(
    pages: Sequence[bytes], items: str | None, options: pa_json.ParseOptions
) -> pa.ChunkedArray:
    # One buffer, copied once: a list body goes inside `{"items": …}`, each page ends a line.
    opening, closing = (b"", b"\n") if items else (_OPENING, b"}\n")
    parts: list[bytes] = []
    for page in pages:
        parts += (opening, _one_line(page), closing)
    longest = max(len(page) for page in pages) + len(opening) + len(closing)
    table = pa_json.read_json(
        pa.BufferReader(b"".join(parts)),
        read_options=pa_json.ReadOptions(block_size=max(1 << 21, longest), use_threads=True),
        parse_options=options,
    )
    return table.column(0)


def _one_line(page: bytes) -> bytes:
    """The page with its raw line breaks made spaces; searching costs far less than a
    copy, and API bodies rarely hold any."""
    if b"\n" in page or b"\r" in page:
        return page.replace(b"\n", b" ").replace(b"\r", b" ")
    return page

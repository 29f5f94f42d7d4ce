"""Parquet that reads back as it was written: the pandas metadata of a frame's dtypes.

A Parquet file from plain Arrow carries no pandas metadata, so `pd.read_parquet` makes
nullable integers float64, booleans object and strings the default string dtype. The
schema here carries the metadata of the table's `to_frame()` (`Int64`, `boolean`,
`string`, `Float64`); categoricals, aware datetimes and list columns read back as such
from the Arrow types themselves.
"""

from __future__ import annotations

from functools import cache

import pyarrow as pa

from osuframes.frames.dataframes import to_pandas

__all__ = ["pandas_schema", "with_pandas_metadata"]

_PANDAS_KEY = b"pandas"


def pandas_schema(schema: pa.Schema) -> pa.Schema:
    """`schema` with the pandas metadata of its frame, for writers (`pq.ParquetWriter`).

    Every batch written under this schema reads back with `pd.read_parquet` in the
    dtypes `to_frame()` gives (the metadata depends on the columns' types only).
    """
    return _pandas_schema(schema.remove_metadata())


@cache
def _pandas_schema(schema: pa.Schema) -> pa.Schema:
    frame = to_pandas(schema.empty_table())
    metadata = pa.Schema.from_pandas(frame, preserve_index=False).metadata
    return schema.with_metadata({**(schema.metadata or {}), _PANDAS_KEY: metadata[_PANDAS_KEY]})


def with_pandas_metadata(table: pa.Table) -> pa.Table:
    """`table` with the pandas metadata of its frame (see `pandas_schema`)."""
    return table.replace_schema_metadata(pandas_schema(table.schema).metadata)

"""Writing Parquet: every file osuframes writes goes through `write_parquet`.

Each file carries the pandas metadata of its frame (`frames.pandas_schema`), so plain
`pd.read_parquet` gives back `to_frame()`'s dtypes (`Int64` stays `Int64`), with one
exception Parquet imposes: it keeps an enum's dictionary only with the values stored, so
a file (or a dataset) without rows reads back with categoricals of no categories. Each
enum field carries its declared values in its Arrow metadata too, and `read_parquet`
puts them back.

Tables are written as they come (a streaming `to_parquet` and each part of an export
hold one batch at a time), to a temporary name beside the target that is renamed over
it at the end, so a reader never sees half a file and a crash leaves no partial target.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from osuframes import frames
from osuframes.frames.schema import declared_categories

__all__ = ["check_file_path", "read_parquet", "write_parquet"]


def check_file_path(path: str | os.PathLike[str]) -> Path:
    """`path` as a Path, refusing a folder: a Parquet file needs a file name.

    Raises:
        ValueError: `path` ends with a slash or names an existing folder.
    """
    text = os.fspath(path)
    target = Path(text)
    if text.endswith(("/", os.sep)) or target.is_dir():
        raise ValueError(
            f"to_parquet({text!r}): that is a folder; give a file name "
            "(data/bests.parquet), or write a dataset of many parts with "
            "osuframes.export(...) / `osuframes export`"
        )
    return target


def write_parquet(
    path: str | os.PathLike[str], schema: pa.Schema, tables: Iterable[pa.Table]
) -> Path:
    """Write `tables` (each with `schema`) to one Parquet file, atomically; returns its path.

    An empty `tables` writes a file with the schema and no rows.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with pq.ParquetWriter(partial, frames.pandas_schema(schema)) as writer:
            for table in tables:
                writer.write_table(table)
        with partial.open("rb+") as written:  # on disk before the rename makes it visible
            os.fsync(written.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def read_parquet(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A Parquet file or dataset folder osuframes wrote, as `to_frame()` gave it.

    Unlike `pd.read_parquet`, enums keep their declared categories when there are no
    rows, and list cells are Python lists (as in `to_frame()`).

    >>> of.read_parquet("data/bests")
    """
    table = pq.read_table(path)
    frame = frames.to_pandas(table)
    for field in table.schema:
        declared = declared_categories(field)
        if declared is not None and isinstance(frame[field.name].dtype, pd.CategoricalDtype):
            held = frame[field.name].cat.categories
            categories = [*declared, *(value for value in held if value not in declared)]
            frame[field.name] = frame[field.name].cat.set_categories(categories)
    return frame

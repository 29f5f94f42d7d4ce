"""Arrow tables to pandas (nullable dtypes) or polars, and a model's own one-row frame."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import BaseModel

from osuframes.frames.records import table_from_records
from osuframes.frames.schema import frame_schema, json_key, model_of, unwrap_optional

__all__ = ["DtypeBackend", "one_row", "to_pandas", "to_polars"]

DtypeBackend = Literal["numpy_nullable", "pyarrow"]

_NULLABLE: dict[pa.DataType, Any] = {
    pa.int64(): pd.Int64Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype("pyarrow"),
}


def to_pandas(table: pa.Table, dtype_backend: DtypeBackend = "numpy_nullable") -> pd.DataFrame:
    """A DataFrame with nullable dtypes (`Int64`, `boolean`, `string`, categoricals,
    timezone-aware datetimes) or only `pd.ArrowDtype` columns (`dtype_backend="pyarrow"`)."""
    if dtype_backend == "pyarrow":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if dtype_backend != "numpy_nullable":
        raise ValueError(
            f"dtype_backend={dtype_backend!r}: use 'numpy_nullable' (default) or 'pyarrow'"
        )
    frame = table.to_pandas(types_mapper=_nullable_dtype)
    lists = {
        field.name: pd.Series(_python_lists(table.column(i)), index=frame.index, dtype=object)
        for i, field in enumerate(table.schema)
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type)
    }
    return frame.assign(**lists) if lists else frame


def _python_lists(column: pa.ChunkedArray) -> list[Any]:
    """A list column's cells as Python lists (None where null), as `to_pylist()` gives.

    The values of each chunk are converted at once and sliced by the offsets: some five
    times faster than `to_pylist()`, which makes each cell on its own.
    """
    cells: list[Any] = []
    for chunk in column.chunks:
        offsets = chunk.offsets.to_numpy()
        start = int(offsets[0]) if len(offsets) else 0
        values = chunk.values.slice(start, int(offsets[-1]) - start if len(offsets) else 0)
        flat = values.to_pylist()
        bounds = (offsets - start).tolist()
        lists: list[Any] = [flat[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        if chunk.null_count:
            for position in np.flatnonzero(chunk.is_null().to_numpy(zero_copy_only=False)):
                lists[position] = None
        cells += lists
    return cells


def _nullable_dtype(arrow_type: pa.DataType) -> Any:
    """The pandas dtype of an Arrow type in the `numpy_nullable` backend.

    List columns are object columns of Python lists: pandas cannot name an Arrow-backed
    list dtype in a Parquet file's metadata, so `pd.read_parquet` reads lists back as
    object columns too (of arrays); any other dtype would not survive the round trip.
    Read as `pd.ArrowDtype` first, the lists are then made without a detour via numpy.
    """
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return pd.ArrowDtype(arrow_type)
    return _NULLABLE.get(arrow_type)


def to_polars(table: pa.Table) -> Any:
    """A polars DataFrame of the table, sharing its Arrow buffers where polars can.

    Enums become polars categoricals, datetimes stay aware UTC, lists stay lists.

    Raises:
        ImportError: polars is not installed; the message says how to install it.
    """
    try:
        import polars
    except ImportError:
        raise ImportError("to_polars() needs polars: pip install 'osuframes[polars]'") from None
    return polars.from_arrow(table)


def one_row(model: BaseModel) -> pd.DataFrame:
    """`OsuModel.to_frame()`: the model's own frame schema, one row.

    Fields typed as unions of models take the schema of the model they hold.
    """
    schema = frame_schema(type(model), concrete=dict(_concrete(model, ())))
    return to_pandas(table_from_records([model], schema))


def _concrete(
    model: BaseModel, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], type[BaseModel]]]:
    """The model each union-of-models field of `model` holds, by path (`[]`: list items)."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        path = (*prefix, json_key(name, field))
        if isinstance(value, BaseModel):
            if model_of(unwrap_optional(field.annotation)) is None:
                yield path, type(value)
            yield from _concrete(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            kinds = {type(item) for item in value}
            if len(kinds) == 1:
                yield (*path, "[]"), kinds.pop()

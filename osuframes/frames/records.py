"""The fallback: records validated with their model, then made into the declared table."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
from pydantic import BaseModel

from osuframes.frames.assemble import assemble, leaf_arrays
from osuframes.frames.schema import FrameSchema

__all__ = ["table_from_records"]


def table_from_records(
    records: Sequence[Any],
    schema: FrameSchema,
    *,
    keys: Mapping[str, Sequence[int]] | None = None,
) -> pa.Table:
    """A table from decoded JSON records (or models), validated with the record model.

    The slow path, for pages the JSON reader cannot read as declared and for single
    models: each record is read by its model (tolerant), so odd values become the
    declared type or null rather than an error.
    """
    rows = [
        record.model_dump(mode="json", by_alias=True)
        if isinstance(record, BaseModel)
        else schema.model.model_validate(record).model_dump(mode="json", by_alias=True)
        for record in records
    ]
    struct = pa.array([_shape(row, schema.read_type) for row in rows], type=schema.read_type)
    leaves = dict(leaf_arrays(struct, schema.read_type, ()))
    return assemble(schema, leaves, {k: np.asarray(v) for k, v in (keys or {}).items()}, len(rows))


def _shape(value: Any, typ: pa.DataType) -> Any:
    """A dumped JSON value reshaped to `typ` for `pa.array` (timestamps parsed, extras cut)."""
    if value is None:
        return None
    if pa.types.is_struct(typ):
        if not isinstance(value, dict):
            return None
        return {f.name: _shape(value.get(f.name), f.type) for f in typ}
    if pa.types.is_list(typ):
        if not isinstance(value, list):
            return None
        return [_shape(item, typ.value_type) for item in value]
    if pa.types.is_timestamp(typ):
        return _timestamp(value)
    if pa.types.is_string(typ):
        if isinstance(value, list | dict):
            return None
        return value if isinstance(value, str) else json.dumps(value)
    if pa.types.is_integer(typ):
        return (
            int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
        )
    if pa.types.is_floating(typ):
        return float(value) if isinstance(value, int | float) else None
    if pa.types.is_boolean(typ):
        return bool(value)
    return value


def _timestamp(value: Any) -> dt.datetime | None:
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None

"""The data dictionary: each column of a frame with its dtype, meaning and nullability.

Descriptions are the models' field docstrings (pydantic's `use_attribute_docstrings`),
found by walking a column's JSON path through the models; a field without one is
described by its model's docstring (`undocumented` lists those). `Query.columns()` and
`osuframes.columns(name)` give the table; `python -m osuframes.frames.docs` writes
`docs/columns.md` from it.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pandas as pd
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from osuframes.frames.assemble import empty_table
from osuframes.frames.dataframes import to_pandas
from osuframes.frames.schema import Column, FrameSchema, json_key, model_of, unwrap_optional

__all__ = ["data_dictionary", "undocumented"]

_KEY = "The id the rows were fetched for (one of the ids given)."
_MODS_STR = "The mods as one string of acronyms (`HDDT`; `NM` for none)."


def data_dictionary(schema: FrameSchema) -> pd.DataFrame:
    """One row per column of `schema`'s frame: column, dtype, description, nullable."""
    dtypes = to_pandas(empty_table(schema)).dtypes
    rows = [(key, str(dtypes[key]), _KEY, False) for key in schema.keys]
    for column in schema.columns:
        description, nullable, _ = _column(schema, column)
        rows.append((column.name, str(dtypes[column.name]), description, nullable))
    return pd.DataFrame(rows, columns=["column", "dtype", "description", "nullable"])


def undocumented(schema: FrameSchema) -> list[str]:
    """The columns of `schema` whose field has no docstring (described by their model's)."""
    return [column.name for column in schema.columns if not _column(schema, column)[2]]


def _column(schema: FrameSchema, column: Column) -> tuple[str, bool, bool]:
    """A column's description, whether it can be null, and whether its field is documented."""
    description, nullable, documented = _describe(schema.model, column)
    for join in schema.joins:
        if column.name.startswith(f"{join.prefix}."):
            if _field(schema.model, join.prefix) is None:  # not a field of the record
                inner = dataclasses.replace(column, path=column.path[1:])
                description, _, documented = _describe(join.model, inner)
            description += f" Joined from the response's `{join.side}` by `{join.key}`."
            nullable = True
    return description, nullable, documented


def _describe(model: type[BaseModel], column: Column) -> tuple[str, bool, bool]:
    """The column's description, nullability and documentedness, from its path's fields."""
    if column.convert == "mods_str":
        return _MODS_STR, False, True
    current: type[BaseModel] | None = model
    nullable = False
    info: FieldInfo | None = None
    owner: type[BaseModel] = model
    for key in column.path:
        found = _field(current, key) if current is not None else None
        if found is None:  # a joined column: its path is not the record's
            return _first_line(owner.__doc__) or column.name, True, False
        owner, info = typing.cast(type[BaseModel], current), found
        nullable = nullable or not info.is_required() or _allows_none(info.annotation)
        current = model_of(unwrap_optional(info.annotation))
    assert info is not None
    description = info.description or _first_line(owner.__doc__) or column.name
    return " ".join(description.split()), nullable, bool(info.description)


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if json_key(name, info) == key:
            return info
    return None


def _allows_none(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n\n")[0]

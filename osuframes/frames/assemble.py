"""Leaf arrays by JSON path assembled into a frame's table, each converted as declared."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from osuframes.frames.schema import MODS_LEGACY, Column, FrameSchema

__all__ = ["Arrayish", "assemble", "concat_tables", "empty_table", "leaf_arrays"]

# A `pa.Array` or a `pa.ChunkedArray` (pyarrow ships no type stubs, so mypy sees Any).
Arrayish: TypeAlias = Any


def empty_table(schema: FrameSchema) -> pa.Table:
    """A table with every column and no rows, converted like a full one.

    Its enum columns have the declared categories, so an empty frame has the same
    dtypes as any other and concatenates with one without losing its categoricals.
    """
    return assemble(schema, {}, {key: np.empty(0, np.int64) for key in schema.keys}, 0)


def leaf_arrays(
    array: pa.StructArray, struct: pa.StructType, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], pa.Array]]:
    """Every leaf array of a struct array by its path; a null parent makes its leaves null."""
    for field, child in zip(struct, array.flatten(), strict=True):
        path = (*prefix, field.name)
        if pa.types.is_struct(field.type):
            yield from leaf_arrays(child, field.type, path)
        else:
            yield path, child


def assemble(
    schema: FrameSchema,
    leaves: Mapping[tuple[str, ...], Arrayish],
    keys: Mapping[str, np.ndarray],
    rows: int,
) -> pa.Table:
    """The table of `schema` from its leaf arrays by path; a missing leaf is all nulls.

    A missing leaf (absent from every record, or no records at all) goes through the
    same conversion as a present one, so its dtype never depends on the data (an
    enum keeps its declared categories, mods read `[]` and `NM`).
    """
    arrays: list[Arrayish] = [pa.array(keys[key], type=pa.int64()) for key in schema.keys]
    for column in schema.columns:
        raw = leaves.get(column.path)
        arrays.append(_convert(pa.nulls(rows, column.read_type) if raw is None else raw, column))
    return pa.Table.from_arrays(arrays, schema=schema.arrow_schema)


def concat_tables(tables: Sequence[pa.Table], schema: FrameSchema) -> pa.Table:
    """Tables of `schema` as one, the same as one table assembled from all their rows.

    An enum column's categories are the declared values, then the others each table
    met, sorted; where the tables met different ones, the column is encoded again over
    all the rows, so that its categories are the ones a single table would have.
    """
    table = pa.concat_tables(tables)
    for column in schema.columns:
        if column.convert not in ("enum", "ruleset"):
            continue
        chunks = table.column(column.name).chunks
        if all(len(chunk.dictionary) == len(column.categories) for chunk in chunks):
            continue
        values = table.column(column.name).cast(pa.string())
        at = table.schema.get_field_index(column.name)
        table = table.set_column(at, column.name, _categories(values, column.categories))
    return table


def _convert(array: Arrayish, column: Column) -> Arrayish:
    if column.convert == "enum":
        return _categories(array, column.categories)
    if column.convert == "ruleset":  # a ruleset id to its name
        names = pa.array(column.categories, pa.string())
        known = pc.and_(pc.greater_equal(array, 0), pc.less(array, len(names)))
        return _categories(pc.take(names, pc.if_else(known, array, None)), column.categories)
    if column.convert == "date":
        return array.cast(pa.date32())
    if column.convert in ("mods", "mods_str"):
        acronyms = _acronyms(array)
        if column.convert == "mods":
            return acronyms
        joined = pc.binary_join(acronyms, "")
        return pc.if_else(pc.equal(joined, ""), "NM", joined)
    return array if array.type == column.arrow_type else array.cast(column.arrow_type)


def _categories(array: Arrayish, declared: tuple[str, ...]) -> Arrayish:
    """Dictionary-encode with the enum's declared values as the dictionary, in order.

    Every frame of a model then has the same categories, whatever its rows hold; a
    value the model does not know yet (the API adds some) is appended, not lost.
    """
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    seen = pc.unique(array.drop_null()).to_pylist()
    dictionary = pa.array([*declared, *sorted(v for v in seen if v not in declared)], pa.string())
    indices = pc.index_in(array, value_set=dictionary).cast(pa.int32())
    return pa.DictionaryArray.from_arrays(indices, dictionary)


def _acronyms(array: Arrayish) -> Arrayish:
    """Mods as a list of acronyms, whether read as strings or as lazer objects."""
    if isinstance(array, pa.ChunkedArray):
        return pa.chunked_array([_acronyms(chunk) for chunk in array.chunks], MODS_LEGACY)
    array = array.fill_null(pa.scalar([], type=array.type))
    if array.type == MODS_LEGACY:
        return array
    values = pc.struct_field(array.flatten(), "acronym")
    return pa.ListArray.from_arrays(pc.subtract(array.offsets, array.offsets[0]), values)

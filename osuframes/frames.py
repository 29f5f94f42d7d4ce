"""Frames: an Arrow schema declared from each model, and JSON pages turned into tables.

The columns of a frame come from the model, never from the data, so an empty result, page
1 and page 200 have the same columns and dtypes and Parquet batches always unify:

- nested models flatten with `.` (`beatmap.difficulty_rating`), in the model's field
  order, after the query's identifier columns and the record's own `id`;
- lists stay list columns (lists of models become lists of structs);
- ids and other integers are int64 and stay integers when null; floats float64;
- datetimes are `timestamp[us, UTC]`, dates `date32`;
- enums are dictionary-encoded strings (categoricals in pandas) whose dictionary is the
  enum's declared values, even with no rows (a value the API adds later is appended);
- mods are a list of acronyms, with a `<name>_str` column beside it (`HDDT`, `NM`).

Fields that cannot have a declared type are not columns: free-form objects
(`dict[str, Any]`), unions of different types, and a model nested inside itself (a
beatmapset's beatmaps' beatmapset). `Query.to_list()` keeps them.

Conversion goes straight from the JSON bytes of the API's pages to Arrow with pyarrow's
JSON reader and the declared types: no Python object is made per record. A page the
reader cannot read as declared (an int where a string was declared, say) falls back to
validating its records with the model, so tolerant reading never breaks a frame.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json
from pydantic import BaseModel, PlainSerializer
from pydantic.fields import FieldInfo

from osuframes.models import Mods, OsuModel

__all__ = [
    "Column",
    "DtypeBackend",
    "FrameSchema",
    "frame_schema",
    "table_from_pages",
    "table_from_records",
    "to_pandas",
]

DtypeBackend = Literal["numpy_nullable", "pyarrow"]
Convert = Literal["none", "enum", "date", "mods", "mods_str"]

TIMESTAMP = pa.timestamp("us", "UTC")
CATEGORY = pa.dictionary(pa.int32(), pa.string())
_MODS_LAZER = pa.list_(pa.struct([("acronym", pa.string())]))
_MODS_LEGACY = pa.list_(pa.string())
_ITEMS = "items"
_BATCH_BYTES = 16 << 20


@dataclass(frozen=True)
class Column:
    """One column: where it is read in a record and what it becomes.

    Attributes:
        name: the column name, the JSON keys joined with `.`.
        path: the JSON keys from the record to the value.
        read_type: the type the JSON reader produces.
        arrow_type: the type in the table.
        convert: the step from one to the other.
        categories: an enum's declared values, in order (its dictionary).
    """

    name: str
    path: tuple[str, ...]
    read_type: pa.DataType
    arrow_type: pa.DataType
    convert: Convert = "none"
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameSchema:
    """The declared columns of one model's frame.

    Attributes:
        model: the record model.
        keys: the identifier columns a query adds in front (e.g. `user_id`).
        columns: the record's columns, in frame order.
        read_type: the struct type of one record, as the JSON reader reads it.
    """

    model: type[BaseModel]
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    read_type: pa.StructType

    @property
    def arrow_schema(self) -> pa.Schema:
        """The table's schema: identifier columns (int64), then the record's."""
        fields = [pa.field(key, pa.int64()) for key in self.keys]
        fields += [pa.field(c.name, c.arrow_type) for c in self.columns]
        return pa.schema(fields)

    def empty_table(self) -> pa.Table:
        """A table with every column and no rows, converted like a full one.

        Its enum columns have the declared categories, so an empty frame has the same
        dtypes as any other and concatenates with one without losing its categoricals.
        """
        return _assemble(self, {}, {key: np.empty(0, np.int64) for key in self.keys}, 0)


Concrete = tuple[tuple[tuple[str, ...], type[BaseModel]], ...]


def frame_schema(
    model: type[BaseModel],
    keys: Sequence[str] = (),
    concrete: Mapping[tuple[str, ...], type[BaseModel]] | None = None,
) -> FrameSchema:
    """The declared frame schema of `model`, with `keys` as leading identifier columns.

    A field typed as a union of models (a legacy or a lazer score) has no one schema and
    is left out, unless `concrete` names the model to use at its path.
    """
    return _frame_schema(model, tuple(keys), tuple(sorted((concrete or {}).items(), key=str)))


@cache
def _frame_schema(model: type[BaseModel], keys: tuple[str, ...], concrete: Concrete) -> FrameSchema:
    read_type, columns = _walk(model, (), frozenset({model}), dict(concrete))
    columns = [c for c in columns if c.name not in keys]
    columns.sort(key=lambda c: c.name != "id")  # stable: `id` first, then field order
    return FrameSchema(model, keys, tuple(columns), read_type)


# -- the model walk -----------------------------------------------------------------------


def _json_key(name: str, field: FieldInfo) -> str:
    return field.serialization_alias or (field.alias if isinstance(field.alias, str) else name)


def _walk(
    model: type[BaseModel],
    prefix: tuple[str, ...],
    seen: frozenset[type],
    concrete: Mapping[tuple[str, ...], type[BaseModel]],
) -> tuple[pa.StructType, list[Column]]:
    """The read struct of `model` and its flattened columns below `prefix`.

    `seen` holds the model types already flattened on the way down and beside it: a
    nested object of one of those types is left out, so each kind of resource appears
    once per row (a score's `beatmap.beatmapset` is the score's own `beatmapset`). A
    nested object also leaves out its optional includes (`OsuModel.osu_includes`).
    """
    read_fields: list[pa.Field] = []
    columns: list[Column] = []
    omitted: frozenset[str] = getattr(model, "osu_includes", frozenset()) if prefix else frozenset()
    fields = {name: f for name, f in model.model_fields.items() if name not in omitted}
    here = [
        _model_of(_unwrap_optional(f.annotation)) or concrete.get((*prefix, _json_key(n, f)))
        for n, f in fields.items()
    ]
    seen_below = seen | {sub for sub in here if sub is not None}
    for (name, field), sub in zip(fields.items(), here, strict=True):
        key = _json_key(name, field)
        path = (*prefix, key)
        annotation = _unwrap_optional(field.annotation)
        if sub is not None:
            if sub in seen:
                continue
            sub_read, sub_columns = _walk(sub, path, seen_below, concrete)
            if sub_columns:
                read_fields.append(pa.field(key, sub_read))
                columns += sub_columns
            continue
        element = concrete.get((*path, "[]"))
        if element is not None:
            annotation = list[element]  # type: ignore[valid-type]
        leaf = _leaf(annotation, field.metadata, tuple(seen))
        if leaf is None:
            continue
        read_fields.append(pa.field(key, leaf.read))
        dotted = ".".join(path)
        columns.append(Column(dotted, path, leaf.read, leaf.final, leaf.convert, leaf.categories))
        if leaf.convert == "mods":
            columns.append(Column(f"{dotted}_str", path, leaf.read, pa.string(), "mods_str"))
    return pa.struct(read_fields), columns


def _unwrap_optional(annotation: Any) -> Any:
    """`X` from `X | None`; other unions are returned as they are."""
    args = typing.get_args(annotation)
    if _is_union(annotation) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _unwrap_optional(rest[0])
        return typing.Union[tuple(rest)]  # noqa: UP007 - rebuilding a union from parts
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap_optional(args[0])
    return annotation


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _is_legacy_mods(metadata: Sequence[Any]) -> bool:
    return any(isinstance(m, PlainSerializer) for m in metadata)


class _Leaf(typing.NamedTuple):
    read: pa.DataType
    final: pa.DataType
    convert: Convert = "none"
    categories: tuple[str, ...] = ()


def _same(typ: pa.DataType) -> _Leaf:
    return _Leaf(typ, typ)


def _categorical(values: Sequence[str]) -> _Leaf:
    return _Leaf(pa.string(), CATEGORY, "enum", tuple(values))


def _leaf(annotation: Any, metadata: Sequence[Any], ancestors: tuple[type, ...]) -> _Leaf | None:
    """How a non-model field is read and what it becomes, or None if undeclarable."""
    if annotation is Mods:
        read = _MODS_LEGACY if _is_legacy_mods(metadata) else _MODS_LAZER
        return _Leaf(read, _MODS_LEGACY, "mods")
    scalar = _scalar(annotation)
    if scalar is not None:
        return scalar
    if typing.get_origin(annotation) in (list, tuple, Sequence) and typing.get_args(annotation):
        inner = _nested(_unwrap_optional(typing.get_args(annotation)[0]), ancestors)
        if inner is not None:
            return _same(pa.list_(inner))
    return None


def _scalar(annotation: Any) -> _Leaf | None:
    simple = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}
    if annotation in simple:
        return _same(simple[annotation])
    if annotation is dt.datetime:
        return _same(TIMESTAMP)
    if annotation is dt.date:
        return _Leaf(pa.string(), pa.date32(), "date")
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [member.value for member in annotation]
        if all(isinstance(value, str) for value in values):
            return _categorical(values)
        return _same(pa.int64())
    if typing.get_origin(annotation) is Literal:
        values = list(typing.get_args(annotation))
        if all(isinstance(value, str) for value in values):
            return _categorical(values)
    if _is_union(annotation) and all(m in (int, float) for m in typing.get_args(annotation)):
        return _same(pa.float64())
    return None


def _nested(annotation: Any, ancestors: tuple[type, ...]) -> pa.DataType | None:
    """The type of a value inside a list column (read and kept as read)."""
    sub = _model_of(annotation)
    if sub is not None:
        if sub in ancestors:
            return None
        fields = []
        for name, field in sub.model_fields.items():
            inner = _unwrap_optional(field.annotation)
            child = (
                (_MODS_LEGACY if _is_legacy_mods(field.metadata) else _MODS_LAZER)
                if inner is Mods
                else _nested(inner, (*ancestors, sub))
            )
            if child is not None:
                fields.append(pa.field(_json_key(name, field), child))
        return pa.struct(fields) if fields else None
    scalar = _scalar(annotation)
    if scalar is not None:
        return scalar.read
    if typing.get_origin(annotation) is list and typing.get_args(annotation):
        inner = _nested(_unwrap_optional(typing.get_args(annotation)[0]), ancestors)
        return None if inner is None else pa.list_(inner)
    return None


# -- pages to tables ----------------------------------------------------------------------


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
        return schema.empty_table()
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
    per_chunk = [dict(_leaves(chunk.flatten(), schema.read_type, ())) for chunk in chunks]
    leaves = {
        path: pa.chunked_array([chunk[path] for chunk in per_chunk], type=array.type)
        for path, array in per_chunk[0].items()
    }
    repeated = {name: np.repeat(np.asarray(values), lengths) for name, values in keys.items()}
    return _assemble(schema, leaves, repeated, int(lengths.sum()))


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
    lines = []
    for page in pages:
        body = page.replace(b"\n", b" ").replace(b"\r", b" ")
        lines.append(body if items else b'{"' + _ITEMS.encode() + b'":' + body + b"}")
    longest = max(len(line) for line in lines) + 2
    table = pa_json.read_json(
        io.BytesIO(b"\n".join(lines) + b"\n"),
        read_options=pa_json.ReadOptions(block_size=max(1 << 21, longest), use_threads=True),
        parse_options=options,
    )
    return table.column(0)


def _leaves(
    array: pa.StructArray, struct: pa.StructType, prefix: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], pa.Array]]:
    """Every leaf array of a struct array by its path; a null parent makes its leaves null."""
    for field, child in zip(struct, array.flatten(), strict=True):
        path = (*prefix, field.name)
        if pa.types.is_struct(field.type):
            yield from _leaves(child, field.type, path)
        else:
            yield path, child


# A `pa.Array` or a `pa.ChunkedArray` (pyarrow ships no type stubs, so mypy sees Any).
Arrayish: TypeAlias = Any


def _assemble(
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


def _convert(array: Arrayish, column: Column) -> Arrayish:
    if column.convert == "enum":
        return _categories(array, column.categories)
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
        return pa.chunked_array([_acronyms(chunk) for chunk in array.chunks], _MODS_LEGACY)
    array = array.fill_null(pa.scalar([], type=array.type))
    if array.type == _MODS_LEGACY:
        return array
    values = pc.struct_field(array.flatten(), "acronym")
    return pa.ListArray.from_arrays(pc.subtract(array.offsets, array.offsets[0]), values)


# -- the fallback: validated records to tables --------------------------------------------


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
    leaves = dict(_leaves(struct, schema.read_type, ()))
    return _assemble(schema, leaves, {k: np.asarray(v) for k, v in (keys or {}).items()}, len(rows))


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


# -- tables to pandas ---------------------------------------------------------------------

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
    return table.to_pandas(types_mapper=_nullable_dtype)


def _nullable_dtype(arrow_type: pa.DataType) -> Any:
    """The pandas dtype of an Arrow type in the `numpy_nullable` backend.

    List columns stay Arrow-backed (`pd.ArrowDtype`): their cells read back as Python
    lists, and they take a fraction of the memory of object arrays of arrays.
    """
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return pd.ArrowDtype(arrow_type)
    return _NULLABLE.get(arrow_type)


def _one_row(model: BaseModel) -> pd.DataFrame:
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
        path = (*prefix, _json_key(name, field))
        if isinstance(value, BaseModel):
            if _model_of(_unwrap_optional(field.annotation)) is None:
                yield path, type(value)
            yield from _concrete(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            kinds = {type(item) for item in value}
            if len(kinds) == 1:
                yield (*path, "[]"), kinds.pop()


OsuModel.frame_maker = _one_row

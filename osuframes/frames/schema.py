"""The schema declaration: a model's fields walked into the columns of its frame.

See `osuframes.frames` for the conventions (flattening, dtypes, what is left out).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel, PlainSerializer
from pydantic.fields import FieldInfo

from osuframes.models import Mods

__all__ = [
    "CATEGORIES_KEY",
    "CATEGORY",
    "TIMESTAMP",
    "Column",
    "FrameSchema",
    "declared_categories",
    "frame_schema",
]

Convert = Literal["none", "enum", "date", "mods", "mods_str", "ruleset"]

TIMESTAMP = pa.timestamp("us", "UTC")
CATEGORY = pa.dictionary(pa.int32(), pa.string())
MODS_LAZER = pa.list_(pa.struct([("acronym", pa.string())]))
MODS_LEGACY = pa.list_(pa.string())
#: The Arrow field metadata key of an enum column's declared values (a JSON list): a
#: Parquet file keeps a dictionary only with the values it holds, so an empty one would
#: lose them.
CATEGORIES_KEY = b"osuframes.categories"
RULESETS = ("osu", "taiko", "fruits", "mania")  # by ruleset id


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
        joins: side lists of the response whose fields fill some columns by id
            (`osuframes.frames.joins.Join`), after the records are read.
    """

    model: type[BaseModel]
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    read_type: pa.StructType
    joins: tuple[Any, ...] = ()

    @property
    def arrow_schema(self) -> pa.Schema:
        """The table's schema: identifier columns (int64), then the record's."""
        fields = [pa.field(key, pa.int64()) for key in self.keys]
        fields += [pa.field(c.name, c.arrow_type, metadata=_metadata(c)) for c in self.columns]
        return pa.schema(fields)


def _metadata(column: Column) -> dict[bytes, bytes] | None:
    """An enum column's field metadata: its declared values (`CATEGORIES_KEY`)."""
    return {CATEGORIES_KEY: json.dumps(column.categories).encode()} if column.categories else None


def declared_categories(field: pa.Field) -> list[str] | None:
    """The declared values an enum field carries (see `CATEGORIES_KEY`), or None."""
    found = (field.metadata or {}).get(CATEGORIES_KEY)
    return None if found is None else list(json.loads(found))


Concrete = tuple[tuple[tuple[str, ...], type[BaseModel]], ...]
Includes = tuple[tuple[tuple[str, ...], frozenset[str]], ...]


def frame_schema(
    model: type[BaseModel],
    keys: Sequence[str] = (),
    concrete: Mapping[tuple[str, ...], type[BaseModel]] | None = None,
    includes: Mapping[str, Iterable[str]] | None = None,
) -> FrameSchema:
    """The declared frame schema of `model`, with `keys` as leading identifier columns.

    A field typed as a union of models (a legacy or a lazer score) has no one schema and
    is left out, unless `concrete` names the model to use at its path. `includes` names
    the optional includes an endpoint serves, by dotted path (`""`: the record itself,
    whose includes are otherwise all columns; `"user"`: a nested object's, otherwise
    none).
    """
    served = tuple(
        sorted((tuple(path.split(".")) if path else (), frozenset(names))
               for path, names in (includes or {}).items())
    )  # fmt: skip
    return _frame_schema(
        model, tuple(keys), tuple(sorted((concrete or {}).items(), key=str)), served
    )


@cache
def _frame_schema(
    model: type[BaseModel], keys: tuple[str, ...], concrete: Concrete, includes: Includes
) -> FrameSchema:
    read_type, columns = _walk(model, (), frozenset({model}), dict(concrete), dict(includes))
    columns += _ruleset_column(model, columns)
    columns = [c for c in columns if c.name not in keys]
    columns.sort(key=lambda c: c.name != "id")  # stable: `id` first, then field order
    return FrameSchema(model, keys, tuple(columns), read_type)


def _ruleset_column(model: type[BaseModel], columns: Sequence[Column]) -> list[Column]:
    """A `ruleset` name column read from the model's ruleset key (`mode`, `ruleset_id`).

    Legacy and lazer scores name their ruleset differently; the column makes frames
    of both comparable (a fan-out without `mode` mixes rulesets).
    """
    key = getattr(model, "osu_ruleset_key", None)
    source = next((c for c in columns if c.path == (key,)), None)
    if source is None or any(c.name == "ruleset" for c in columns):
        return []
    convert: Convert = "enum" if pa.types.is_string(source.read_type) else "ruleset"
    return [Column("ruleset", source.path, source.read_type, CATEGORY, convert, RULESETS)]


# -- the model walk -----------------------------------------------------------------------


def json_key(name: str, field: FieldInfo) -> str:
    return field.serialization_alias or (field.alias if isinstance(field.alias, str) else name)


def _walk(
    model: type[BaseModel],
    prefix: tuple[str, ...],
    seen: frozenset[type],
    concrete: Mapping[tuple[str, ...], type[BaseModel]],
    includes: Mapping[tuple[str, ...], frozenset[str]],
) -> tuple[pa.StructType, list[Column]]:
    """The read struct of `model` and its flattened columns below `prefix`.

    `seen` holds the model types already flattened on the way down and beside it: a
    nested object of one of those types is left out, so each kind of resource appears
    once per row (a score's `beatmap.beatmapset` is the score's own `beatmapset`),
    except below a map with closed keys (`OsuModel.osu_closed_keys`): a user's
    `statistics_rulesets.osu` is flattened beside its `statistics`. A nested object also
    leaves out its optional includes (`OsuModel.osu_includes`).
    """
    keyed = bool(getattr(model, "osu_closed_keys", False))
    read_fields: list[pa.Field] = []
    columns: list[Column] = []
    optional: frozenset[str] = getattr(model, "osu_includes", frozenset())
    served = includes.get(prefix)
    omitted = optional - (served or frozenset()) if prefix or served is not None else frozenset()
    fields = {name: f for name, f in model.model_fields.items() if name not in omitted}
    here = [
        model_of(unwrap_optional(f.annotation)) or concrete.get((*prefix, json_key(n, f)))
        for n, f in fields.items()
    ]
    seen_below = seen | {sub for sub in here if sub is not None}
    for (name, field), sub in zip(fields.items(), here, strict=True):
        key = json_key(name, field)
        path = (*prefix, key)
        annotation = unwrap_optional(field.annotation)
        if sub is not None:
            if sub in seen and not keyed:
                continue
            sub_read, sub_columns = _walk(sub, path, seen_below, concrete, includes)
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


def unwrap_optional(annotation: Any) -> Any:
    """`X` from `X | None`; other unions are returned as they are."""
    args = typing.get_args(annotation)
    if _is_union(annotation) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return unwrap_optional(rest[0])
        return typing.Union[tuple(rest)]  # noqa: UP007 - rebuilding a union from parts
    if typing.get_origin(annotation) is typing.Annotated:
        return unwrap_optional(args[0])
    return annotation


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def is_legacy_mods(metadata: Sequence[Any]) -> bool:
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
        read = MODS_LEGACY if is_legacy_mods(metadata) else MODS_LAZER
        return _Leaf(read, MODS_LEGACY, "mods")
    scalar = _scalar(annotation)
    if scalar is not None:
        return scalar
    if typing.get_origin(annotation) in (list, tuple, Sequence) and typing.get_args(annotation):
        inner = _nested(unwrap_optional(typing.get_args(annotation)[0]), ancestors)
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
    sub = model_of(annotation)
    if sub is not None:
        if sub in ancestors:
            return None
        fields = []
        for name, field in sub.model_fields.items():
            inner = unwrap_optional(field.annotation)
            child = (
                (MODS_LEGACY if is_legacy_mods(field.metadata) else MODS_LAZER)
                if inner is Mods
                else _nested(inner, (*ancestors, sub))
            )
            if child is not None:
                fields.append(pa.field(json_key(name, field), child))
        return pa.struct(fields) if fields else None
    scalar = _scalar(annotation)
    if scalar is not None:
        return scalar.read
    if typing.get_origin(annotation) is list and typing.get_args(annotation):
        inner = _nested(unwrap_optional(typing.get_args(annotation)[0]), ancestors)
        return None if inner is None else pa.list_(inner)
    return None

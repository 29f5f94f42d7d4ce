"""Query strings as the osu! API reads them (PHP style, osu-api-v2-spec.md "General").

Lists repeat the key with `[]` (`ids[]=1&ids[]=2`, `mods[]=HD`), mappings nest with
brackets (`cursor[page]=2`, `bpm[gte]=120`), booleans are `true`/`false`, enums send
their value, datetimes ISO 8601, and `None` is left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

__all__ = ["QueryParams", "encode_query"]

QueryParams = list[tuple[str, str]]


def encode_query(params: Mapping[str, Any] | None) -> QueryParams:
    """Flatten `params` into ordered `(key, value)` pairs, PHP style."""
    return list(_pairs("", params or {}))


def _pairs(prefix: str, value: Any) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _pairs(f"{prefix}[{key}]" if prefix else str(key), item)
    elif isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        for item in items:
            if item is not None:
                yield f"{prefix}[]", _scalar(item)
    else:
        yield prefix, _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _scalar(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)

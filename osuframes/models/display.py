"""Short reprs of models: what an object is, not all it holds (that is `to_dict()`).

`repr(of.match(id))` used to print every event, score and user (240k characters); a
notebook cell that shows a model now shows one line, or a small table in Jupyter:
the class, its `id`, the few fields that name it, and how many items each list holds.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

__all__: list[str] = []  # used by `OsuModel` only, not part of `osuframes.models`

NAMING_FIELDS = (
    "username", "country_code", "name", "artist", "title", "version", "creator", "code", "user_id",
    "beatmap_id", "rank", "pp", "total_score", "score", "type",
)  # fmt: skip
"""Fields that name an object, in the order a short repr shows them (at most three)."""

_MAX_NAMES = 3
_MAX_LISTS = 4
_MAX_TEXT = 40


def _value_at(model: Any, dotted: str) -> Any:
    value = model
    for part in dotted.split("."):
        value = getattr(value, part, None)
    return value


def _naming(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """(label, value) of the fields that name `model`: its declared ones, or the usual."""
    declared: tuple[str, ...] = getattr(model, "osu_repr_fields", ())
    if declared:
        for dotted in declared:
            yield dotted.rsplit(".", 1)[-1], _value_at(model, dotted)
        return
    fields = type(model).model_fields
    if "id" in fields:
        yield "id", model.id  # type: ignore[attr-defined]
    names = [name for name in NAMING_FIELDS if name in fields and _shown(getattr(model, name))]
    for name in names[:_MAX_NAMES]:
        yield name, getattr(model, name)


def _shown(value: Any) -> bool:
    return value is not None and not isinstance(value, BaseModel | list | dict)


def _text(value: Any) -> str:
    """A value as a short literal: enums by value, datetimes in ISO form, long text cut."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    text = repr(value)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 2] + "…'"


def _list_counts(model: BaseModel) -> list[str]:
    """`43 events`: each non-empty list of models the object holds, by its field name."""
    counts = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            counts.append(f"{len(value)} {name}")
    if len(counts) > _MAX_LISTS:
        counts = [*counts[:_MAX_LISTS], f"{len(counts) - _MAX_LISTS} more lists"]
    return counts


def short_repr(model: BaseModel) -> str:
    """`Match(id=105019274, name='OWC: (KR) vs (JP)', 43 events, 16 users)`-style repr."""
    parts = [f"{label}={_text(value)}" for label, value in _naming(model) if value is not None]
    return f"{type(model).__name__}({', '.join([*parts, *_list_counts(model)])})"


def html_summary(model: BaseModel) -> str:
    """A small HTML table: the short repr as caption, then each scalar field set."""
    rows = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None or isinstance(value, list | dict):
            continue
        shown = short_repr(value) if isinstance(value, BaseModel) else _text(value)
        rows.append(
            f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
            f"<td style='text-align:left'>{html.escape(shown)}</td></tr>"
        )
    caption = html.escape(short_repr(model))
    return f"<table><caption>{caption}</caption>{''.join(rows)}</table>"

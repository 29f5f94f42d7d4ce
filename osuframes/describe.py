"""How a Query describes itself: its arguments, paging and state, as text or HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from osuframes.endpoints._base import Endpoint
from osuframes.fetching import FailedFetch, Stream

__all__ = ["arguments", "html_table", "paging", "status"]

_SHOWN_IDS = 5


def arguments(
    lead: Sequence[Any],
    key: str | None,
    ids: Sequence[Any] | None,
    args: Sequence[Any],
    kwargs: dict[str, Any],
) -> str:
    """The call's arguments as written in Python, with at most the first five ids."""
    parts = [repr(a) for a in lead]
    if ids is not None:
        shown: Any = list(ids) if len(ids) <= _SHOWN_IDS else [*ids[:_SHOWN_IDS], "…"]
        parts.append(f"{key or 'ids'}={shown if len(ids) != 1 else ids[0]!r}")
    parts += [repr(a) for a in args]
    parts += [f"{k}={v!r}" for k, v in kwargs.items() if v is not None]
    return ", ".join(parts)


def paging(endpoint: Endpoint) -> str:
    """The endpoint's pagination family."""
    return type(endpoint.paging).__name__ if endpoint.paging else "single page"


def status(streams: Sequence[Stream] | None, errors: Sequence[FailedFetch]) -> str:
    """What was fetched: pages, records, failed ids."""
    if streams is None:
        return "not fetched yet"
    pages = sum(len(s.pages) for s in streams)
    records = sum(p.count for s in streams for p in s.pages)
    failed = f", {len(errors)} failed" if errors else ""
    return f"{pages} pages fetched, {records} records{failed}"


def html_table(caption: str, rows: Sequence[tuple[str, str]]) -> str:
    """A small two-column HTML table, for Jupyter's `_repr_html_`."""
    cells = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
        f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table><caption>{html.escape(caption)}</caption>{cells}</table>"

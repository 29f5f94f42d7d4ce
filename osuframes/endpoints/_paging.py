"""How each paginated endpoint asks for its next page: declarations, not code.

The endpoint decorator records one of these beside each method; the paginators in
`osuframes.pagination` read them. Limits and caps are the server's (spec §1.3, §2).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CursorParams",
    "CursorString",
    "EventWindow",
    "MaxId",
    "Offset",
    "PageNumber",
    "Paging",
    "RoomCursor",
    "SinceUntil",
]


@dataclass(frozen=True)
class Offset:
    """`limit` + `offset`; stop on a short page or when `offset + limit` reaches `cap`."""

    page_size: int = 100
    cap: int | None = None


@dataclass(frozen=True)
class CursorString:
    """Send `cursor_string` back with the same parameters; stop when `cursor` is null.

    Attributes:
        page_size: records a full page holds.
        short_page_ends: the server's cursor is never null while records come back
            (forum posts), so a page shorter than the call's `limit` is the last.
        max_count: the cursor is `{page, limit}` over offset paging capped at this many
            rows (discussions: asking past it answers the last page again).
        page_numbers: the cursor is a page number (`{page}`, or `{page, limit}`), so
            the cursor of any page can be written without walking to it (an export
            splits such a walk into page ranges).
    """

    page_size: int | None = None
    short_page_ends: bool = False
    max_count: int | None = None
    page_numbers: bool = False


@dataclass(frozen=True)
class CursorParams:
    """Send the response's `cursor` object back as `cursor[key]=value` (comments)."""

    page_size: int = 100


@dataclass(frozen=True)
class PageNumber:
    """`page` (1-based); stop on a short page, after `max_pages` or at `max_count` rows.

    `max_count` is for routes whose cap counts rows whatever the limit (beatmapset
    events: 10,000), so the last page number depends on the `limit` sent.
    """

    page_size: int
    max_pages: int | None = None
    sends_limit: bool = False
    max_count: int | None = None


@dataclass(frozen=True)
class EventWindow:
    """`after` = the last event id, ascending, until the answer's `latest_key` event id.

    Legacy matches say `latest_event_id`, realtime rooms `last_event_id`.
    """

    page_size: int = 101
    latest_key: str = "latest_event_id"


@dataclass(frozen=True)
class SinceUntil:
    """`until` = the oldest message id so far, newest first; an empty page ends it (chat)."""

    page_size: int = 50


@dataclass(frozen=True)
class MaxId:
    """`max_id` = one below the last build id (changelog, 21 builds a page)."""

    page_size: int = 21


@dataclass(frozen=True)
class RoomCursor:
    """A bare list paged by `cursor[...]` = the last room's sort values (`GET rooms`).

    The server reads `cursor[pinned]`/`cursor[id]` (sort `created`) or
    `cursor[ends_at]`/`cursor[id]` (sort `ended`, the default of `mode=ended`) even
    when it answers without a cursor; a page shorter than `limit` is the last.
    """

    page_size: int = 250


Paging = (
    Offset
    | CursorString
    | CursorParams
    | PageNumber
    | EventWindow
    | SinceUntil
    | MaxId
    | RoomCursor
)

"""Paginators: one strategy per pagination family of the API, page after page.

Each strategy follows the server's own rules (osu-api-v2-spec.md §2), so it stops
exactly at the end: on a short page, at a cap the server enforces, or when the cursor is
null, never with a request past the last page that the rules could have avoided.

A paginator yields `Page`s: the raw body (frames are built from the bytes), the decoded
JSON (for the cursor) and the records of the page. `limit` stops after that many
records, shrinking the last request to what is still needed where the API allows.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from osuframes.client import BaseClient
from osuframes.endpoints._base import Call, Endpoint
from osuframes.endpoints._paging import (
    CursorParams,
    CursorString,
    EventWindow,
    MaxId,
    Offset,
    PageNumber,
    RoomCursor,
    SinceUntil,
)

__all__ = ["Page", "paginate"]


@dataclass(frozen=True)
class Page:
    """One page of an endpoint's answer.

    Attributes:
        call: the request that fetched it.
        body: the raw JSON body.
        data: the decoded JSON body.
        records: the page's records (the `items` list, or the body itself).
    """

    call: Call
    body: bytes
    data: Any
    records: list[Any]


async def fetch_page(client: BaseClient, endpoint: Endpoint, call: Call) -> Page:
    """Send one call and return its page (raw body kept for frames).

    The pipeline checks the body decodes as JSON (retrying one that does not) and hands
    back both the bytes and their decoding, so nothing is parsed twice.
    """
    body, data = await client._send(call.with_expect("json_bytes"))
    records = _records(data, endpoint.items_key(call))
    return Page(call, body, data, records)


def _records(data: Any, items: str | None) -> list[Any]:
    if items is None:
        return data if isinstance(data, list) else []
    if isinstance(data, dict) and isinstance(data.get(items), list):
        return list(data[items])
    return []


async def paginate(
    client: BaseClient, endpoint: Endpoint, call: Call, *, limit: int | None = None
) -> AsyncIterator[Page]:
    """Every page of `call`, following the endpoint's pagination family.

    Args:
        client: sends the requests.
        endpoint: the endpoint that built `call` (its paging and items key).
        call: the first request.
        limit: stop after this many records (None: all of them).
    """
    paging = endpoint.paging
    if paging is None:
        yield await fetch_page(client, endpoint, call)
        return
    strategy = _STRATEGIES[type(paging)]
    seen = 0
    pages = strategy(client, endpoint, call, paging, limit)
    try:
        async for page in pages:
            yield page
            seen += len(page.records)
            if limit is not None and seen >= limit:
                return  # the strategy fetches lazily, so nothing more is requested
    finally:
        await pages.aclose()


async def _offset(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: Offset, limit: int | None
) -> AsyncGenerator[Page, None]:
    """`limit` + `offset`; a short page or the cap ends it (best ≤ 200, recent ≤ 100)."""
    start = offset = int(call.params.get("offset") or 0)
    while True:
        size = paging.page_size
        if paging.cap is not None:
            size = min(size, paging.cap - offset)
        if limit is not None:
            size = min(size, limit - (offset - start))
        if size <= 0:
            return
        page = await fetch_page(client, endpoint, call.with_params(limit=size, offset=offset))
        yield page
        offset += len(page.records)
        if len(page.records) < size:
            return


async def _cursor_string(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: CursorString, limit: int | None
) -> AsyncGenerator[Page, None]:
    """Send `cursor_string` back; a null cursor (or the same cursor again) ends it.

    Where the server's cursor is never null while records come back (forum posts), a
    page shorter than the call's `limit` ends it. Where the cursor is `{page, limit}`
    over offset paging capped at `max_count` rows (discussions, posts, votes), a cursor
    whose page would start past the cap ends it: the server would clamp the offset and
    answer the last page again.
    """
    sent: set[str] = set()
    size = int(call.params.get("limit") or paging.page_size or 0)
    while True:
        page = await fetch_page(client, endpoint, call)
        yield page
        data = page.data if isinstance(page.data, dict) else {}
        cursor = data.get("cursor_string")
        if not page.records or data.get("cursor") is None or not cursor or cursor in sent:
            # `/scores` answers the same cursor when nothing is new (spec §1.3).
            return
        if paging.short_page_ends and len(page.records) < size:
            return
        if paging.max_count is not None and _past_cap(data["cursor"], paging.max_count):
            return
        sent.add(cursor)
        call = call.with_params(cursor_string=cursor)


def _past_cap(cursor: Any, max_count: int) -> bool:
    """Whether a `{page, limit}` cursor asks for rows past the server's `max_count`."""
    if not isinstance(cursor, dict):
        return False
    page, size = int(cursor.get("page") or 1), int(cursor.get("limit") or 0)
    return page * size > max_count


async def _cursor_params(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: CursorParams, limit: int | None
) -> AsyncGenerator[Page, None]:
    """Send the `cursor` object back as `cursor[key]=value` until `has_more` is false."""
    while True:
        page = await fetch_page(client, endpoint, call)
        yield page
        data = page.data if isinstance(page.data, dict) else {}
        cursor = data.get("cursor")
        if not page.records or not cursor or data.get("has_more") is False:
            return
        call = call.with_params(cursor=dict(cursor))


async def _page_number(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: PageNumber, limit: int | None
) -> AsyncGenerator[Page, None]:
    """`page` = 1, 2, …; a short page or the last page the server serves ends it.

    The last page is `max_pages`, or the one reaching `max_count` rows at the call's
    `limit` (events: 10,000 rows, so 2,000 pages of 5).
    """
    number = int(call.params.get("page") or 1)
    size = int(call.params.get("limit") or paging.page_size)
    while True:
        params: dict[str, Any] = {"page": number}
        if paging.sends_limit:
            params["limit"] = size
        page = await fetch_page(client, endpoint, call.with_params(**params))
        yield page
        if len(page.records) < size:
            return
        if paging.max_pages is not None and number >= paging.max_pages:
            return
        if paging.max_count is not None and number * size >= paging.max_count:
            return
        number += 1


async def _event_window(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: EventWindow, limit: int | None
) -> AsyncGenerator[Page, None]:
    """`after` = the last event id, ascending, until the match's `latest_event_id`.

    A user's `before` bounds the walk: it is not sent (with `after` the server ignores
    it), the events at or past it are cut from the last page instead.
    """
    after = int(call.params.get("after") or 0)
    before = call.params.get("before")
    while True:
        page = await fetch_page(
            client, endpoint, call.with_params(after=after, before=None, limit=paging.page_size)
        )
        ids = [int(record["id"]) for record in page.records]
        if before is not None and ids and max(ids) >= before:
            yield _trimmed(page, endpoint, lambda record: int(record["id"]) < before)
            return
        yield page
        if not ids:
            return
        latest = page.data.get(paging.latest_key) if isinstance(page.data, dict) else None
        if len(ids) < paging.page_size or (latest is not None and max(ids) >= latest):
            return
        after = max(ids)


async def _since_until(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: SinceUntil, limit: int | None
) -> AsyncGenerator[Page, None]:
    """Backwards with `until` = the oldest message id so far; only an empty page ends it.

    The server drops public-channel messages older than 24 hours and other users'
    `!commands` from a page *after* its SQL limit (spec §8), so a short page does not
    mean the end, and walking forwards from an old `since` meets empty pages while newer
    messages exist. Pages therefore come newest first (each page oldest first, as the
    server sends it). A user's `until` is where the walk starts; a user's `since` is
    where it ends: it is never sent (it would turn the server ascending from that id),
    the records at or below it are cut from the last page instead.
    """
    since = call.params.get("since")
    until = call.params.get("until")
    while True:
        page = await fetch_page(
            client, endpoint, call.with_params(since=None, until=until, limit=paging.page_size)
        )
        ids = [int(record["message_id"]) for record in page.records]
        if since is not None and ids and min(ids) <= since:
            yield _trimmed(page, endpoint, lambda record: int(record["message_id"]) > since)
            return
        yield page
        if not ids:
            return
        until = min(ids)


async def _max_id(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: MaxId, limit: int | None
) -> AsyncGenerator[Page, None]:
    """`max_id` = one below the oldest build so far; a short page ends it."""
    while True:
        page = await fetch_page(client, endpoint, call)
        yield page
        if len(page.records) < paging.page_size:
            return
        oldest = min(int(record["id"]) for record in page.records)
        call = call.with_params(max_id=oldest - 1)


def _trimmed(page: Page, endpoint: Endpoint, keep: Callable[[Any], bool]) -> Page:
    """`page` with only the records `keep` accepts, its body re-encoded to match."""
    records = [record for record in page.records if keep(record)]
    items = endpoint.items_key(page.call)
    data = records if items is None else {**page.data, items: records}
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return Page(page.call, body, data, records)


async def _room_cursor(
    client: BaseClient, endpoint: Endpoint, call: Call, paging: RoomCursor, limit: int | None
) -> AsyncGenerator[Page, None]:
    """`cursor[...]` = the last room's `pinned`/`ends_at` and `id`; a short page ends it.

    The rooms answer is a bare list with no cursor, but `Room::search` still reads one
    from the request, in the keys of the sort sent (`created` unless `mode=ended`).
    """
    size = int(call.params.get("limit") or paging.page_size)
    sort = call.params.get("sort") or ("ended" if call.params.get("mode") == "ended" else "")
    keys = ("ends_at", "id") if sort == "ended" else ("pinned", "id")
    while True:
        page = await fetch_page(client, endpoint, call)
        yield page
        if len(page.records) < size:
            return
        last = page.records[-1]
        call = call.with_params(cursor={key: last[key] for key in keys})


_STRATEGIES: dict[type, Callable[..., AsyncGenerator[Page, None]]] = {
    Offset: _offset,
    CursorString: _cursor_string,
    CursorParams: _cursor_params,
    PageNumber: _page_number,
    EventWindow: _event_window,
    SinceUntil: _since_until,
    MaxId: _max_id,
    RoomCursor: _room_cursor,
}

"""Paginators: one strategy per pagination family of the API, page after page.

Each strategy follows the server's own rules (osu-api-v2-spec.md §2), so it stops
exactly at the end: on a short page, at a cap the server enforces, or when the cursor is
null, never with a request past the last page that the rules could have avoided.

A paginator yields `Page`s: the raw body (frames are built from the bytes) and what the
paginators read of it without decoding it (`osuframes.pagebody`: the record count, their
ids, the cursor). The few paginators that need other fields of the records (chat
message ids, a room's sort values, events cut at `before`) decode the body, and so do
`to_list()` and models, through `Page.data` and `Page.records`. `limit` stops after that
many records, shrinking the last request to what is still needed where the API allows.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Container, Mapping
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
from osuframes.pagebody import PageReader, PageSummary, records_of, summarise

__all__ = ["Page", "next_cursor_string", "paginate"]


@dataclass(frozen=True)
class Page:
    """One page of an endpoint's answer, kept as the bytes that came.

    Attributes:
        call: the request that fetched it.
        body: the raw JSON body.
        items: the key of the record list in the body (None: the body is the list).
        summary: the record count, the records' ids and the paging fields.
    """

    call: Call
    body: bytes
    items: str | None
    summary: PageSummary

    @property
    def count(self) -> int:
        """The number of records."""
        return self.summary.count

    @property
    def fields(self) -> Mapping[str, Any]:
        """The paging fields beside the records (`cursor`, `cursor_string`, …)."""
        return self.summary.fields

    @property
    def data(self) -> Any:
        """The decoded body, decoded anew on each use (a page keeps only its bytes)."""
        return json.loads(self.body)

    @property
    def records(self) -> list[Any]:
        """The records, decoded (the `items` list, or the body itself)."""
        return records_of(self.data, self.items)


async def fetch_page(client: BaseClient, endpoint: Endpoint, call: Call) -> Page:
    """Send one call and return its page: the raw body and its summary.

    The pipeline checks the body is JSON while reading the summary (and retries one that
    is not), without decoding the records.
    """
    items = endpoint.items_key(call)
    body, summary = await client._send(call.with_expect(PageReader(items)))
    return Page(call, body, items, summary or summarise(None, items))


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
            seen += page.count
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
        offset += page.count
        if page.count < size:
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
    sent = {call.params["cursor_string"]} if call.params.get("cursor_string") else set()
    while True:
        page = await fetch_page(client, endpoint, call)
        yield page
        cursor = next_cursor_string(page, paging, sent)
        if cursor is None:
            return
        sent.add(cursor)
        call = call.with_params(cursor_string=cursor)


def next_cursor_string(page: Page, paging: CursorString, sent: Container[Any]) -> str | None:
    """The `cursor_string` of the page after `page`, or None when `page` is the last.

    The last is a page with no records or a null cursor, one answering a cursor already
    `sent` (`/scores` answers the same cursor when nothing is new, spec §8), a short
    page where `paging.short_page_ends`, and one whose cursor points past
    `paging.max_count`. An export resuming a walk asks this of its last page.
    """
    fields = page.fields
    cursor = fields.get("cursor_string")
    if not page.count or fields.get("cursor") is None or not cursor or cursor in sent:
        return None
    size = int(page.call.params.get("limit") or paging.page_size or 0)
    if paging.short_page_ends and page.count < size:
        return None
    if paging.max_count is not None and _past_cap(fields["cursor"], paging.max_count):
        return None
    return str(cursor)


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
        cursor = page.fields.get("cursor")
        if not page.count or not cursor or page.fields.get("has_more") is False:
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
        if page.count < size:
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
        ids = [int(ident) for ident in page.summary.ids]
        if before is not None and ids and max(ids) >= before:
            yield _trimmed(page, lambda record: int(record["id"]) < before)
            return
        yield page
        if not ids:
            return
        latest = page.fields.get(paging.latest_key)
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
            yield _trimmed(page, lambda record: int(record["message_id"]) > since)
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
        if page.count < paging.page_size:
            return
        oldest = min(int(ident) for ident in page.summary.ids)
        call = call.with_params(max_id=oldest - 1)


def _trimmed(page: Page, keep: Callable[[Any], bool]) -> Page:
    """`page` with only the records `keep` accepts, its body re-encoded to match."""
    data = page.data
    records = [record for record in records_of(data, page.items) if keep(record)]
    data = records if page.items is None else {**data, page.items: records}
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return Page(page.call, body, page.items, summarise(data, page.items))


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
        if page.count < size:
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

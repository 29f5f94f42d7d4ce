"""A walk of pages from cursor to cursor (a search), exported a few pages a part, resumably.

Part k starts at the `cursor_string` part k-1 ended on, recorded in part k-1's
checkpoint (`next_cursor`; null once the walk reached its end), so the parts are
written one after another, by one process. (A walk whose cursor is a page number is
split in page ranges instead: `osuframes.exporting.pages`.) A run killed at any moment
resumes at the cursor of the last part committed and rewrites at most the part it
was working on, under the same name, so the dataset ends with exactly the rows of a
walk never stopped. The cursor rules are the paginator's
(`osuframes.pagination.next_cursor_string`), so a resumed walk stops where an
uninterrupted one stops.
"""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Iterator, Mapping
from typing import Any

from osuframes.endpoints._paging import CursorString
from osuframes.exporting.job import Job, Spent
from osuframes.pagination import next_cursor_string
from osuframes.query import Query

__all__ = [
    "committed_parts",
    "cursor_paging",
    "cursor_string_of",
    "fetch_pages",
    "walk_parts",
]


def cursor_paging(query: Query) -> CursorString:
    """The cursor paging of a walk's endpoint (what lets a walk resume at a cursor)."""
    paging = query.endpoint.paging
    if not isinstance(paging, CursorString):
        raise TypeError(f"{query.name} is not paged by cursor_string; it cannot be resumed")
    return paging


def cursor_string_of(cursor: Mapping[str, Any]) -> str:
    """The `cursor_string` of a cursor, as the server writes it: its JSON as URL-safe
    base64, unpadded (spec §2.1); for a cursor the export writes itself."""
    raw = json.dumps(dict(cursor), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def committed_parts(job: Job) -> list[dict[str, Any]]:
    """The records of the parts committed, checked to be parts 0, 1, … with none missing."""
    done = job.store.chunks()
    if [record["chunk"] for record in done] != list(range(len(done))):
        raise RuntimeError(f"{job.store.root}: the parts of a walk are not in sequence")
    return done


def fetch_pages(job: Job, cursor: str | None, pages: int) -> tuple[Query, str | None]:
    """`pages` pages of the walk from `cursor` (fewer at its end), fetched, and the
    `cursor_string` after them (None: the walk ended in them).

    Raises:
        RuntimeError: a short page before the end, which would make the part reach
            into the next one's first page.
    """
    walk = job.spec.make(None, job.parameters, job.client).starting_at(cursor)
    paging = cursor_paging(walk)
    size = paging.page_size or 1
    part = walk.limit(pages * size).fetch()
    fetched = part.pages
    if sum(page.count for page in fetched) > pages * size:
        raise RuntimeError(
            f"{walk.name}: a page of fewer than {size} records before the end of the "
            "walk; a part would cut its next page"
        )
    sent = {page.call.params.get("cursor_string") for page in fetched}
    return part, next_cursor_string(fetched[-1], paging, sent) if fetched else None


def walk_parts(job: Job, pages: int) -> Iterator[dict[str, Any]]:
    """The parts of the walk not committed yet, `pages` pages each, in order."""
    done = committed_parts(job)
    if done and done[-1]["ended"]:
        return
    cursor = done[-1]["next_cursor"] if done else None
    for k in itertools.count(len(done)):
        spent = Spent(job.client)
        part, after = fetch_pages(job, cursor, pages)
        yield job.write_part(k, part, spent, cursor=cursor, next_cursor=after, ended=after is None)
        if after is None:
            return
        cursor = after

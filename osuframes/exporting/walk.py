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

import itertools
from collections.abc import Iterator
from typing import Any

from osuframes.endpoints._paging import CursorString
from osuframes.exporting.job import Job
from osuframes.exporting.progress import Spent
from osuframes.exporting.store import finished, in_sequence
from osuframes.pagination import next_cursor_string
from osuframes.query import Query

__all__ = [
    "cursor_paging",
    "fetch_pages",
    "resume",
    "walk_parts",
]


def cursor_paging(query: Query) -> CursorString:
    """The cursor paging of a walk's endpoint (what lets a walk resume at a cursor)."""
    paging = query.endpoint.paging
    if not isinstance(paging, CursorString):
        raise TypeError(f"{query.name} is not paged by cursor_string; it cannot be resumed")
    return paging


def resume(job: Job, start: str | None) -> tuple[list[dict[str, Any]], str | None] | None:
    """The parts of a walk committed (checked to be parts 0, 1, … with none missing) and
    the cursor to go on from (`start` before any part); None when the walk has ended."""
    done = job.store.chunks()
    if not in_sequence(done):
        raise RuntimeError(f"{job.store.root}: the parts of a walk are not in sequence")
    if finished(done, None):
        return None
    return done, done[-1]["next_cursor"] if done else start


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
    if (resumed := resume(job, None)) is None:
        return
    done, cursor = resumed
    for k in itertools.count(len(done)):
        spent = Spent(job.client)
        part, after = fetch_pages(job, cursor, pages)
        yield job.write_part(k, part, spent, cursor=cursor, next_cursor=after, ended=after is None)
        if after is None:
            return
        cursor = after

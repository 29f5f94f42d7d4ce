"""A walk whose cursor is a page number (rankings, discussions), written in page ranges.

Part k holds pages kP+1 to (k+1)P (P pages a part). Its first cursor is written from
the page number (the form of the server's own cursor, `{page}` or `{page, limit}`, with
the page changed), so a part is fetched without walking the parts before it, and
`shard="i/n"` takes the parts k with k % n == i, as the chunks of ids: n processes
write disjoint parts of one dataset, each resuming on its own, and the parts are the
same whatever n is. The walk's first page says where it ends: its `total` where the
answer has one (rankings), else the server's cap on rows (`max_count`, discussions);
past either the server answers its last page again, so no part starts there. A part
whose first page is empty starts past the end (the shard is done); the part that meets
the null cursor is the last (`ended`).

The plan is made once per dataset folder and kept in it (`Store.keep_plan`): every
shard and every resume walks the parts the first run planned, even when the ranking has
grown or shrunk since (a shard planning on its own could stop short of a part another
shard's plan left to it), and the one request it took is counted in the manifest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from osuframes.endpoints._paging import CursorString
from osuframes.exporting.job import Job
from osuframes.exporting.progress import Spent
from osuframes.exporting.store import Store
from osuframes.exporting.walk import cursor_paging, fetch_pages
from osuframes.models import encode_cursor_string
from osuframes.query import Query
from osuframes.sync import SyncClient

__all__ = ["PagePlan", "numbered", "page_parts", "plan_pages", "plan_walk"]


def numbered(query: Query) -> bool:
    """Whether a walk's cursor is a page number (so the walk can be split in pages)."""
    paging = query.endpoint.paging
    return isinstance(paging, CursorString) and paging.page_numbers


@dataclass(frozen=True)
class PagePlan:
    """Where a page-numbered walk's parts start, and how many there can be.

    Attributes:
        pages: pages a part.
        cursor: the server's cursor of the second page (None: one page in all).
        parts: the parts of the walk, when its answer says its length (`total`).
        at_most: the parts there can be (the cap on rows, or `parts`).
        spent: the requests and cache hits the plan took (its first page).
    """

    pages: int
    cursor: Mapping[str, Any] | None
    parts: int | None
    at_most: int
    spent: tuple[int, int] = (0, 0)

    def start(self, k: int) -> str | None:
        """The `cursor_string` of part k's first page (None: the walk's start)."""
        if k == 0 or self.cursor is None:
            return None
        return encode_cursor_string({**self.cursor, "page": k * self.pages + 1})


def plan_walk(walk: Query, pages: int, store: Store, client: SyncClient) -> PagePlan:
    """The plan of `walk` in `store`: the one kept there (nothing is fetched), else one
    made now from its first page (`plan_pages`) and kept, while other shards wait."""
    with store.locked():
        kept = store.plan()
        if kept is None:
            plan = plan_pages(walk, pages, client)
            store.keep_plan(asdict(plan))
            return plan
    return PagePlan(**{**kept, "spent": (0, 0)})


def plan_pages(walk: Query, pages: int, client: SyncClient) -> PagePlan:
    """Fetch the first page of `walk` (through `client`, the walk's) and plan its parts,
    `pages` pages each, from it (the first part fetches that page again, from the
    response cache).

    Raises:
        RuntimeError: the answer has no `total` and the endpoint declares no cap: the
            end could only be found by walking to it.
    """
    paging = cursor_paging(walk)
    size = paging.page_size or 1
    spent = Spent(client)
    first = walk.limit(size).fetch().pages
    took = spent(len(first))
    cursor = first[0].fields.get("cursor") if first else None
    if not first or not isinstance(cursor, dict):
        return PagePlan(pages, None, 1, 1, took)
    total = first[0].data.get("total")
    counted = isinstance(total, int) and not isinstance(total, bool)
    bounds = [total] if counted else []
    if paging.max_count is not None:
        bounds.append(paging.max_count)
    if not bounds:
        raise RuntimeError(f"{walk.name}: the answer says no total and the walk has no cap")
    last_page = max(1, -(-min(bounds) // size))
    at_most = -(-last_page // pages)
    return PagePlan(pages, dict(cursor), at_most if counted else None, at_most, took)


def page_parts(job: Job, plan: PagePlan, todo: list[int]) -> Iterator[dict[str, Any]]:
    """Parts `todo` of the walk, in order; stops at a part that starts past the end."""
    ends = [record["chunk"] for record in job.store.chunks() if record.get("ended")]
    for k in todo:
        if ends and k > min(ends):
            return  # another shard's part ended the walk
        spent = Spent(job.client)
        cursor = plan.start(k)
        part, after = fetch_pages(job, cursor, plan.pages)
        if k and not (part.pages and part.pages[0].count):
            return  # the walk ends before this part
        yield job.write_part(k, part, spent, cursor=cursor, next_cursor=after, ended=after is None)
        if after is None:
            return

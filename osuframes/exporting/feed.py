"""The score feed (`GET /scores`) followed for a number of scores or a time, resumably.

The feed pages forward in time from a cursor (`{id}` of the last score handed out).
When nothing is new the server answers the cursor it was sent, and caches each answer
for 5 seconds (spec §8), so the export then waits `poll` seconds and asks again; a
short page does not mean the end (the server stops a page before the first score not
processed yet). Every answer is fetched from the API, never from the response cache,
which would hand a poll the old page.

Each part records the cursor it ended on, the scores it holds and the seconds it
followed the feed, so a resumed export goes on from its last cursor until the
`count` of scores (exactly: the last page is cut there) or the `duration` (summed
over the runs) is reached. The manifest's `next_cursor` is where a new export can
start following later (`cursor=`).
"""

from __future__ import annotations

import itertools
import time
import warnings
from collections.abc import Iterator
from typing import Any

from osuframes.errors import APIError, PartialResultWarning
from osuframes.exporting.ids import ExportInputError
from osuframes.exporting.job import Job
from osuframes.exporting.progress import Spent
from osuframes.exporting.walk import cursor_paging, resume
from osuframes.models import encode_cursor_string
from osuframes.query import Query

__all__ = ["feed_cursor", "feed_parts"]


def feed_cursor(score_id: int) -> str:
    """The feed's `cursor_string` after a score: `{"id": …}` as URL-safe base64, unpadded
    (spec §2.1), for a part cut at a count inside a page."""
    return encode_cursor_string({"id": score_id})


def feed_parts(job: Job, pages: int) -> Iterator[dict[str, Any]]:
    """The parts of the feed not committed yet: up to `pages` pages each, in order."""
    count, duration, poll = (job.parameters[k] for k in ("count", "duration", "poll"))
    if (resumed := resume(job, job.parameters["cursor"])) is None:
        return
    done, cursor = resumed
    rows = sum(record["rows"] for record in done)
    followed = sum(record["followed_s"] for record in done)
    since, caught_up = time.monotonic(), False
    for k in itertools.count(len(done)):
        spent = Spent(job.client)
        # Each poll fetches a new limited clone of this Query (never fetched itself).
        feed = job.spec.make(None, job.parameters, job.client).starting_at(cursor)
        size = pages * (cursor_paging(feed).page_size or 1)
        while True:
            if caught_up:  # what comes next is not there yet
                left = None if duration is None else duration - followed
                time.sleep(_wait(poll, left, time.monotonic() - since))
            want = size if count is None else min(size, count - rows)
            part = _fetched(feed.limit(want), cursor)
            got, after = _taken(part, want, cursor)
            spent_s = followed + time.monotonic() - since
            caught_up = got < want
            ended = (count is not None and rows + got >= count) or (
                duration is not None and spent_s >= duration
            )
            if got or ended:
                break
        part_s = round(time.monotonic() - since, 3)
        yield job.write_part(
            k, part, spent, cursor=cursor, next_cursor=after, ended=ended, followed_s=part_s
        )
        rows, followed, cursor, since = rows + got, followed + part_s, after, time.monotonic()
        if ended:
            if count is not None and rows < count:
                warnings.warn(
                    f"score-feed: {rows:,} of the {count:,} scores asked for arrived in the "
                    f"{duration:,} s followed",
                    PartialResultWarning,
                    stacklevel=2,
                )
            return


def _wait(poll: int, left: float | None, waited: float) -> float:
    """Seconds to sleep before asking again: `poll`, or what is left of the duration."""
    if left is None:
        return float(poll)
    return max(0.0, min(float(poll), left - waited))


def _fetched(part: Query, cursor: str | None) -> Query:
    """`part` fetched; a cursor the API finds too old is said plainly (resuming from it
    cannot help)."""
    try:
        return part.fetch()
    except APIError as error:
        if error.status != 422:
            raise
        raise ExportInputError(
            f"score-feed: the API refuses the cursor {cursor!r} ({error.message}); export "
            "without --cursor, or with a newer one, into another folder or with --overwrite"
        ) from error


def _taken(part: Query, want: int, cursor: str | None) -> tuple[int, str | None]:
    """How many scores a part takes, and the cursor after the last one it takes."""
    ids = [ident for page in part.pages for ident in page.summary.ids]
    if len(ids) > want:  # the last page is cut at the count
        return want, feed_cursor(int(ids[want - 1]))
    after = part.pages[-1].fields.get("cursor_string") if part.pages else None
    return len(ids), after or cursor

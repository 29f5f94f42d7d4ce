"""`osuframes.export`: fetch a dataset part by part into a resumable Parquet dataset.

Everything is checked first (the dataset and its options, the ids, the shard, the
folder), then a runner writes the parts the folder does not hold yet:

- datasets of ids: the ids are split into chunks (500 a part by default), each one
  Query streamed into its own part; `shard="i/n"` takes every n-th chunk from the i-th,
  so n processes or machines write disjoint parts of one dataset;
- walks paged by page numbers (rankings, discussions): `osuframes.exporting.pages`, a
  part every few pages, split among the shards as the chunks of ids are;
- walks from cursor to cursor (beatmapset searches): `osuframes.exporting.walk`, a part
  every few pages, each starting at the cursor the previous one ended on;
- the score feed: `osuframes.exporting.feed`, followed for a number of scores or a time.

So the same command resumes an export stopped by Ctrl-C or killed
(`osuframes.exporting.store` says how a part is committed).
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osuframes.api import default_client
from osuframes.config import RateLimit, get_settings
from osuframes.exporting.datasets import Dataset, dataset_named
from osuframes.exporting.feed import feed_parts
from osuframes.exporting.ids import ExportInputError, unique
from osuframes.exporting.job import ExportSummary, Job
from osuframes.exporting.pages import PagePlan, numbered, page_parts, plan_walk
from osuframes.exporting.progress import Spent
from osuframes.exporting.store import Store
from osuframes.exporting.walk import walk_parts
from osuframes.query import Query
from osuframes.sync import SyncClient

__all__ = ["ExportSummary", "export", "parse_fraction"]


def parse_fraction(text: str, name: str, *, zero_based: bool) -> tuple[int, int]:
    """`i/n` for `--shard` (0 ≤ i < n) or `--rate-share` (1 ≤ i ≤ n)."""
    low, example = (0, "0/2") if zero_based else (1, "1/2")
    try:
        top, bottom = (int(part) for part in str(text).split("/"))
    except ValueError:
        raise ExportInputError(f"{name} {text!r}: write it as i/n, like {example}") from None
    high = bottom - 1 if zero_based else bottom
    if bottom < 1 or not low <= top <= high:
        bound = "0 <= i < n" if zero_based else "1 <= i <= n"
        raise ExportInputError(f"{name} {text!r}: need {bound}, like {example}")
    return top, bottom


def export(
    dataset: str,
    out: str | Path,
    *,
    ids: Sequence[int] | None = None,
    shard: str = "0/1",
    chunk_size: int | None = None,
    rate_share: str | None = None,
    overwrite: bool = False,
    client: SyncClient | None = None,
    progress: bool | None = None,
    say: Callable[[str], None] = print,
    **options: Any,
) -> ExportSummary:
    """Export a dataset to a hive-partitioned Parquet folder, resumably.

    Run the same call again to resume; it skips what is committed. Everything is
    checked before any request: the dataset and its options, the ids, the shard, the
    folder (writable, and holding this dataset or nothing).

    Args:
        dataset: one of `osuframes.exporting.DATASETS` (`user-bests`, `rankings`,
            `beatmapsets`, `score-feed`, …; the README lists them with their options).
        out: the dataset folder.
        ids: the ids, for datasets fetched per id (repeats are dropped).
        shard: `"i/n"`: this process writes chunks i, i+n, i+2n, … of the dataset: of
            its ids, or of the page ranges of a walk paged by page numbers (rankings,
            discussions). A walk from cursor to cursor (beatmapsets, score-feed) is
            one process.
        chunk_size: ids per part (the unit of work a resume redoes at most); for a
            walk, pages per part.
        rate_share: `"1/n"`: use 1/n of the configured rate limit, for shards on
            machines that cannot share one limiter.
        overwrite: replace what the folder holds if it is another export.
        client: the client to use (default: one from the settings).
        progress: show a progress bar (None: when interactive).
        say: where the summary lines go.
        options: the dataset's options (`mode="taiko"`, `type=`, `country=`, …).

    Raises:
        ExportInputError: bad input (a ValueError), before any request.

    Example:
        >>> of.export("user-bests", "data/bests", ids=[2, 3, 4], mode="osu")
    """
    started = time.perf_counter()
    spec = dataset_named(dataset)
    parameters = spec.parameters(options)
    plan = _plan(spec, ids, chunk_size)
    shard_at, shards = parse_fraction(shard, "--shard", zero_based=True)
    share = (
        None if rate_share is None else parse_fraction(rate_share, "--rate-share", zero_based=False)
    )
    own_client = client is None and share is not None
    client = _client(client, share)
    try:
        first = _check_calls(spec, plan, parameters, client)
        by_pages = not spec.takes_ids and numbered(first)
        if shards > 1 and not (spec.takes_ids or by_pages):
            raise ExportInputError(_unsplittable(spec, shard))
        store = Store(out)
        identity = {
            "dataset": spec.name,
            "parameters": parameters,
            "ids_digest": _digest(plan.ids),
            "ids": len(plan.ids),
            "chunk_size": plan.chunk_size,
        }
        with store.locked():
            store.claim(identity, overwrite=overwrite)
        pages = plan_walk(first, plan.chunk_size, store, client) if by_pages else None
        # Parts in all: None for a walk whose end is not known before it is reached.
        planned = pages.parts if pages is not None else (len(plan.chunks) or None)
        job = Job(spec, parameters, store, identity, client, f"{shard_at}/{shards}", planned)
        job.write_manifest()
        if spec.takes_ids or pages is not None:
            summary = _run_shard(job, plan, pages, shard_at, shards, progress, say)
        else:
            runner = feed_parts if spec.follows else walk_parts
            parts = runner(job, plan.chunk_size)
            summary = job.run(parts, None, len(store.chunks()), None, progress, say)
    finally:
        if own_client:
            client.close()
    summary.wall_s = time.perf_counter() - started
    _say_summary(summary, shards, say)
    return summary


def _run_shard(
    job: Job,
    plan: _Plan,
    pages: PagePlan | None,
    shard_at: int,
    shards: int,
    progress: bool | None,
    say: Callable[[str], None],
) -> ExportSummary:
    """Write this shard's chunks (k % shards == shard_at) not committed yet: of ids, or
    (`pages`) of a walk's page ranges."""
    count = len(plan.chunks) if pages is None else pages.at_most
    mine = [k for k in range(count) if k % shards == shard_at]
    todo = [k for k in mine if not job.store.committed(job.partition, k)]
    done = len(mine) - len(todo)
    if pages is None:
        sizes = [len(plan.chunks[k]) for k in todo]
        return job.run(_chunk_parts(job, plan, todo), sizes, done, len(mine), progress, say)
    known = None if pages.parts is None else len(mine)
    summary = job.run(page_parts(job, pages, todo), None, done, known, progress, say)
    summary.requests += pages.spent[0]  # the first page, which planned the walk
    summary.cache_hits += pages.spent[1]
    return summary


def _unsplittable(spec: Dataset, shard: str) -> str:
    """Why a walk that is not paged by page numbers runs as one process."""
    if spec.follows:
        why = "the feed is followed from cursor to cursor as scores arrive"
    else:
        why = (
            "each page's cursor holds the sort values of the record before it, so no "
            "page can be found without walking the pages before it"
        )
    return (
        f"{spec.name} --shard {shard}: {why}; run it as one process, or split it by "
        "its options into several exports"
    )


@dataclass(frozen=True)
class _Plan:
    ids: list[int]
    chunk_size: int
    chunks: list[list[int]]


def _plan(spec: Dataset, ids: Sequence[int] | None, chunk_size: int | None) -> _Plan:
    size = spec.chunk_size if chunk_size is None else chunk_size
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ExportInputError(f"--chunk-size {size!r}: give a positive number of ids")
    if not spec.takes_ids:
        if ids is not None:
            raise ExportInputError(f"{spec.name} takes no ids (it is one walk of pages)")
        return _Plan([], size, [])
    if ids is None:
        raise ExportInputError(
            f"{spec.name} needs ids: --ids, --ids-file (- for stdin), --from-rankings or --from"
        )
    for value in ids:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ExportInputError(f"ids: {value!r} is not an id; give positive whole numbers")
    given = unique(ids)
    if not given:
        raise ExportInputError(f"{spec.name}: no ids given")
    return _Plan(given, size, [given[i : i + size] for i in range(0, len(given), size)])


def _check_calls(
    spec: Dataset, plan: _Plan, parameters: dict[str, Any], client: SyncClient
) -> Query:
    """The first part's Query, its calls built: the endpoint checks its arguments, and
    nothing is sent."""
    try:
        query = spec.make(plan.chunks[0] if plan.chunks else None, parameters, client)
        query.schema  # noqa: B018
        return query
    except ValueError as bad_input:
        if isinstance(bad_input, ExportInputError):
            raise
        raise ExportInputError(f"{spec.name}: {bad_input}") from bad_input


def _chunk_parts(job: Job, plan: _Plan, todo: list[int]) -> Iterator[dict[str, Any]]:
    """Each chunk of ids still to do, one Query streamed into its part."""
    for k in todo:
        ids = plan.chunks[k]
        spent = Spent(job.client)
        query = job.spec.make(ids, job.parameters, job.client)
        yield job.write_part(k, query, spent, ids=len(ids))


def _digest(ids: list[int]) -> str:
    return "sha256:" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()


def _client(client: SyncClient | None, share: tuple[int, int] | None) -> SyncClient:
    if share is None:
        return client if client is not None else default_client()
    settings = get_settings()
    settings.require_credentials()
    rate = settings.rate_limit
    shared = RateLimit(max(1, rate.requests * share[0] // share[1]), rate.seconds)
    return SyncClient(settings=dataclasses.replace(settings, rate_limit=shared))


def _say_summary(summary: ExportSummary, shards: int, say: Callable[[str], None]) -> None:
    if summary.complete:
        state = "complete"
    elif shards > 1:
        state = "not complete (other shards still to run)"
    else:
        state = "not complete (run the same command again to go on)"
    of = "" if summary.chunks is None else f" of {summary.chunks}"
    say(
        f"wrote {summary.rows:,} rows in {summary.wall_s:.0f} s to {summary.out} "
        f"({summary.requests:,} requests, {summary.cache_hits:,} cache hits); "
        f"{summary.chunks_done}{of} chunks committed, dataset {state}"
    )
    if summary.failed:
        shown = "; ".join(f"{key}: {error}" for key, error in summary.failed[:5])
        more = f" and {len(summary.failed) - 5} more" if len(summary.failed) > 5 else ""
        say(f"{len(summary.failed)} ids failed (listed in _manifest.json): {shown}{more}")

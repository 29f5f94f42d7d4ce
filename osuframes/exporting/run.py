"""`osuframes.export`: fetch a dataset chunk by chunk into a resumable Parquet dataset.

The ids are split into chunks (500 a part by default); each chunk is one Query, streamed
into its own part (`osuframes.exporting.store` says how a chunk is committed). A run skips
the chunks already committed, so the same command resumes an export stopped by Ctrl-C
or killed; `shard="i/n"` takes every n-th chunk from the i-th, so n processes or
machines write disjoint parts of one dataset.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from osuframes._version import __version__
from osuframes.api import default_client
from osuframes.config import RateLimit, get_settings
from osuframes.errors import FetchError, PartialResultWarning
from osuframes.exporting.datasets import Dataset, dataset_named
from osuframes.exporting.ids import ExportInputError, unique
from osuframes.exporting.progress import ExportProgress
from osuframes.exporting.store import Store
from osuframes.parquet import write_parquet
from osuframes.sync import SyncClient

__all__ = ["ExportSummary", "export", "parse_fraction"]


@dataclass
class ExportSummary:
    """What a run of an export did.

    Attributes:
        out: the dataset folder.
        rows: rows written by this run.
        requests: requests this run sent to the API (cache hits not counted).
        cache_hits: answers this run took from the response cache.
        failed: ids that failed in this run, with their errors.
        chunks_done: chunks committed in the whole dataset, all shards.
        chunks: chunks of the whole dataset.
        wall_s: seconds this run took.
    """

    out: Path
    rows: int = 0
    requests: int = 0
    cache_hits: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    chunks_done: int = 0
    chunks: int = 0
    wall_s: float = 0.0

    @property
    def is_complete(self) -> bool:
        """Whether every chunk of the dataset is committed (by any shard)."""
        return self.chunks_done == self.chunks


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
        dataset: `user-bests`, `user-firsts`, `user-recents`, `user-pinned`, `users`,
            `rankings`.
        out: the dataset folder.
        ids: the ids, for datasets fetched per id (repeats are dropped).
        shard: `"i/n"`: this process writes chunks i, i+n, i+2n, … of the dataset.
        chunk_size: ids per part (the unit of work a resume redoes at most).
        rate_share: `"1/n"`: use 1/n of the configured rate limit, for shards on
            machines that cannot share one limiter.
        overwrite: replace what the folder holds if it is another export.
        client: the client to use (default: one from the settings).
        progress: show a progress bar (None: when interactive).
        say: where the summary lines go.
        options: the dataset's options (`mode="taiko"`, `type=`, `country=`).

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
        # Build the first chunk's calls: the endpoint checks its arguments, sends nothing.
        spec.make(plan.chunks[0], parameters, client).schema  # noqa: B018
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
        run = _Run(spec, parameters, plan, store, identity, client, f"{shard_at}/{shards}")
        run.write_manifest()
        summary = run.chunks(shard_at, shards, progress, say)
    finally:
        if own_client:
            client.close()
    summary.wall_s = time.perf_counter() - started
    _say_summary(summary, say)
    return summary


@dataclass(frozen=True)
class _Plan:
    ids: list[int]
    chunk_size: int
    chunks: list[list[int] | None]


def _plan(spec: Dataset, ids: Sequence[int] | None, chunk_size: int | None) -> _Plan:
    size = spec.chunk_size if chunk_size is None else chunk_size
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ExportInputError(f"--chunk-size {size!r}: give a positive number of ids")
    if not spec.takes_ids:
        if ids is not None:
            raise ExportInputError(f"{spec.name} takes no ids (it is one walk of pages)")
        return _Plan([], size, [None])
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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class _Run:
    spec: Dataset
    parameters: dict[str, str | None]
    plan: _Plan
    store: Store
    identity: dict[str, Any]
    client: SyncClient
    shard: str
    started: str = field(default_factory=_now)

    @property
    def partition(self) -> str:
        return self.spec.partition_path(self.parameters)

    def chunks(
        self, at: int, count: int, progress: bool | None, say: Callable[[str], None]
    ) -> ExportSummary:
        """Fetch and commit this shard's chunks that are not committed yet."""
        summary = ExportSummary(self.store.root, chunks=len(self.plan.chunks))
        mine = [k for k in range(len(self.plan.chunks)) if k % count == at]
        todo = [k for k in mine if not self.store.committed(self.partition, k)]
        bar = ExportProgress.wanted(
            progress, self.spec.name, [len(self.plan.chunks[k] or ()) for k in todo], self.client
        )
        self._state("running", len(mine), len(mine) - len(todo))
        try:
            for done, k in enumerate(todo):
                record = self._chunk(k)
                summary.rows += record["rows"]
                summary.requests += record["requests"]
                summary.cache_hits += record["cache_hits"]
                summary.failed += [(f["id"], f["error"]) for f in record["failed"]]
                if bar is not None:
                    bar.chunk(record)
                self._state("running", len(mine), len(mine) - len(todo) + done + 1)
        except KeyboardInterrupt:
            self._state("stopped", len(mine), None)
            self.write_manifest()
            say(
                f"stopped; the committed parts are kept in {self.store.root}. Run the same "
                "command again to resume where it stopped."
            )
            raise
        finally:
            if bar is not None:
                bar.close()
        self._state("done", len(mine), len(mine))
        manifest = self.write_manifest()
        summary.chunks_done = manifest["chunks_committed"]
        return summary

    def _chunk(self, k: int) -> dict[str, Any]:
        ids = self.plan.chunks[k]
        query = self.spec.make(ids, self.parameters, self.client)
        path = self.store.part_path(self.partition, k)
        hits_before, misses_before = _cache_counts(self.client)
        failed: list[dict[str, Any]] = []
        with warnings.catch_warnings():
            # The failed ids go in the manifest and the summary.
            warnings.simplefilter("ignore", PartialResultWarning)
            try:
                query.to_parquet(path)
                failed = [{"id": f.key, "error": _describe(f.error)} for f in query.errors]
            except FetchError as every_id_failed:
                write_parquet(path, query.schema, [])
                failed = [
                    {"id": f.key, "error": _describe(f.error)} for f in every_id_failed.errors
                ]
        hits, misses = _cache_counts(self.client)
        has_cache = _has_cache(self.client)
        record = {
            "chunk": k,
            "part": str(path.relative_to(self.store.root)),
            "ids": len(ids or ()),
            "rows": pq.read_metadata(path).num_rows,
            "failed": failed,
            "pages": query.pages_fetched,
            "requests": misses - misses_before if has_cache else query.pages_fetched,
            "cache_hits": hits - hits_before,
            "shard": self.shard,
            "finished": _now(),
        }
        self.store.commit(k, record)
        return record

    def _state(self, state: str, chunks: int, committed: int | None) -> None:
        self.store.shard_state(
            self.shard,
            {
                "shard": self.shard,
                "state": state,
                "chunks": chunks,
                "committed": committed,
                "started": self.started,
                "updated": _now(),
            },
        )

    def write_manifest(self) -> dict[str, Any]:
        """Write `_manifest.json` from the committed chunks of every shard."""
        with self.store.locked():
            held = self.store.manifest() or {}
            chunks = self.store.chunks()
            complete = len(chunks) == len(self.plan.chunks)
            settings = self.client.client.settings
            manifest = {
                **self.identity,
                "osuframes_version": __version__,
                "api_version": settings.api_version,
                "partitioning": "hive",
                "partition": self.partition or None,
                "started": held.get("started") or self.started,
                "finished": (held.get("finished") or _now()) if complete else None,
                "chunks": len(self.plan.chunks),
                "chunks_committed": len(chunks),
                "rows": sum(c["rows"] for c in chunks),
                "parts": [{"path": c["part"], "rows": c["rows"]} for c in chunks],
                "failed": [f for c in chunks for f in c["failed"]],
                "requests": sum(c["requests"] for c in chunks),
                "cache_hits": sum(c["cache_hits"] for c in chunks),
                "shards": self.store.shard_states(),
            }
            self.store.write_manifest(manifest)
        return manifest


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _has_cache(client: SyncClient) -> bool:
    return getattr(client.client._transport, "cache", None) is not None


def _cache_counts(client: SyncClient) -> tuple[int, int]:
    """Hits and misses of the client's response cache so far (0, 0 without one): every
    miss is a request sent."""
    cache = getattr(client.client._transport, "cache", None)
    counts = getattr(cache, "counts", None)
    return (counts.hits, counts.misses) if counts is not None else (0, 0)


def _say_summary(summary: ExportSummary, say: Callable[[str], None]) -> None:
    state = "complete" if summary.is_complete else "not complete (other shards still to run)"
    say(
        f"wrote {summary.rows:,} rows in {summary.wall_s:.0f} s to {summary.out} "
        f"({summary.requests:,} requests, {summary.cache_hits:,} cache hits); "
        f"{summary.chunks_done} of {summary.chunks} chunks committed, dataset {state}"
    )
    if summary.failed:
        shown = "; ".join(f"{key}: {error}" for key, error in summary.failed[:5])
        more = f" and {len(summary.failed) - 5} more" if len(summary.failed) > 5 else ""
        say(f"{len(summary.failed)} ids failed (listed in _manifest.json): {shown}{more}")

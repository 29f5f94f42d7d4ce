"""One run of an export over its folder: parts written and committed, shard states, manifest.

`osuframes.exporting.run` checks the input and makes a `Job`; a runner (`chunks` of ids,
a `walk` of pages, the `feed`) hands it Queries to write as parts, one after another;
the Job commits each (`osuframes.exporting.store`), keeps the shard's state, shows the
progress, stops cleanly on Ctrl-C and writes `_manifest.json`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from osuframes._version import __version__
from osuframes.errors import FetchError, PartialResultWarning
from osuframes.exporting.datasets import Dataset
from osuframes.exporting.progress import ExportProgress, Spent
from osuframes.exporting.store import Store, finished, resume_point
from osuframes.parquet import write_parquet
from osuframes.query import Query
from osuframes.sync import SyncClient

__all__ = ["ExportSummary", "Job"]


@dataclass
class ExportSummary:
    """What a run of an export did.

    Attributes:
        out: the dataset folder.
        rows: rows written by this run.
        requests: requests this run sent to the API (cache hits not counted).
        cache_hits: answers this run took from the response cache.
        failed: ids that failed in this run, with their errors.
        chunks_done: chunks (parts) committed in the whole dataset, all shards.
        chunks: chunks of the whole dataset (None: a walk not finished yet).
        complete: whether the whole dataset is written (every shard's chunks, or the
            walk to its end).
        wall_s: seconds this run took.
    """

    out: Path
    rows: int = 0
    requests: int = 0
    cache_hits: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    chunks_done: int = 0
    chunks: int | None = None
    complete: bool = False
    wall_s: float = 0.0

    @property
    def is_complete(self) -> bool:
        """Whether every chunk of the dataset is committed (by any shard)."""
        return self.complete


def now() -> str:
    """The time, UTC, to the second (for checkpoints and the manifest)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """An export's folder, parameters and client, for one run of one shard."""

    spec: Dataset
    parameters: dict[str, Any]
    store: Store
    identity: dict[str, Any]
    client: SyncClient
    shard: str
    chunks_planned: int | None
    started: str = field(default_factory=now)
    _mine: int | None = None

    @property
    def partition(self) -> str:
        return self.spec.partition_path(self.parameters)

    def write_part(
        self,
        k: int,
        query: Query,
        spent: Spent,
        ids: int = 0,
        **more: Any,
    ) -> dict[str, Any]:
        """Write `query` as part `k` (streamed, or from its pages if fetched) and commit it.

        `more` goes in the part's checkpoint record (a walk's cursors).
        """
        path = self.store.part_path(self.partition, k)
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
        requests, cache_hits = spent(query.pages_fetched)
        record = {
            "chunk": k,
            "part": str(path.relative_to(self.store.root)),
            "ids": ids,
            "rows": pq.read_metadata(path).num_rows,
            "failed": failed,
            "pages": query.pages_fetched,
            "requests": requests,
            "cache_hits": cache_hits,
            "shard": self.shard,
            "finished": now(),
            **more,
        }
        self.store.commit(k, record)
        return record

    def run(
        self,
        parts: Iterator[dict[str, Any]],
        todo: list[int] | None,
        done: int,
        mine: int | None,
        progress: bool | None,
        say: Callable[[str], None],
    ) -> ExportSummary:
        """Take the parts a runner writes, showing progress; Ctrl-C stops cleanly.

        Args:
            parts: the runner's parts, each committed by `write_part` before it is yielded.
            todo: the ids of each part still to write (None: a walk, its rows unknown).
            done: this shard's parts committed before this run.
            mine: this shard's parts (None for a walk whose end is not known yet).
            progress: show a progress bar (None: when interactive).
            say: where the lines for the user go.
        """
        summary = ExportSummary(self.store.root, chunks=self.chunks_planned)
        bar = ExportProgress.wanted(progress, self.spec.name, todo, self.client)
        self._mine = mine
        self._state("running", done)
        try:
            for record in parts:
                summary.rows += record["rows"]
                summary.requests += record["requests"]
                summary.cache_hits += record["cache_hits"]
                summary.failed += [(f["id"], f["error"]) for f in record["failed"]]
                if bar is not None:
                    bar.chunk(record)
                done += 1
                self._state("running", done)
        except KeyboardInterrupt:
            self._state("stopped", done)
            self.write_manifest()
            say(
                f"stopped; the committed parts are kept in {self.store.root}. Run the same "
                "command again to resume where it stopped."
            )
            raise
        finally:
            if bar is not None:
                bar.close()
        self._state("done", done if mine is None else mine)
        manifest = self.write_manifest()
        summary.chunks_done = manifest["chunks_committed"]
        summary.chunks = manifest["chunks"]
        summary.complete = manifest["complete"]
        return summary

    def _state(self, state: str, committed: int) -> None:
        self.store.shard_state(
            self.shard,
            {
                "shard": self.shard,
                "state": state,
                "chunks": self._mine,
                "committed": committed,
                "started": self.started,
                "updated": now(),
            },
        )

    def write_manifest(self) -> dict[str, Any]:
        """Write `_manifest.json` from the committed chunks of every shard."""
        with self.store.locked():
            held = self.store.manifest() or {}
            chunks = self.store.chunks()
            # A walk's plan took its first page, which no part counts.
            planning = (self.store.plan() or {}).get("spent", (0, 0))
            complete = finished(chunks, self.chunks_planned)
            settings = self.client.client.settings
            manifest = {
                **self.identity,
                "osuframes_version": __version__,
                "api_version": settings.api_version,
                "partitioning": "hive",
                "partition": self.partition or None,
                "started": held.get("started") or self.started,
                "finished": (held.get("finished") or now()) if complete else None,
                "complete": complete,
                "chunks": len(chunks) if complete else self.chunks_planned,
                "chunks_committed": len(chunks),
                "rows": sum(c["rows"] for c in chunks),
                "parts": [{"path": c["part"], "rows": c["rows"]} for c in chunks],
                "failed": [f for c in chunks for f in c["failed"]],
                "requests": planning[0] + sum(c["requests"] for c in chunks),
                "cache_hits": planning[1] + sum(c["cache_hits"] for c in chunks),
                **resume_point(chunks),
                "shards": self.store.shard_states(),
            }
            self.store.write_manifest(manifest)
        return manifest


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"

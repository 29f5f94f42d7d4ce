"""The progress bar of an export: ids done, rows, requests, cache hits, the budget."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from osuframes.progress import interactive, tqdm_class
from osuframes.sync import SyncClient

__all__ = ["ExportProgress"]


class ExportProgress:
    """tqdm counting ids (or chunks, for a walk), with rows and requests beside; tqdm
    itself shows the rate and the time left."""

    def __init__(self, desc: str, chunk_ids: Sequence[int] | None, client: SyncClient) -> None:
        ids = sum(chunk_ids or ())
        self._by_ids = ids > 0
        # A walk (chunk_ids None) counts its parts, their number unknown until its end.
        total = ids if self._by_ids else (None if chunk_ids is None else len(chunk_ids))
        self._bar = tqdm_class()(total=total, desc=desc, unit="id" if self._by_ids else "part")
        rate = client.client.limiter.rate
        self._budget = f"limit {rate.requests}/{rate.seconds:g}s"
        self.rows = self.requests = self.cache_hits = 0

    @classmethod
    def wanted(
        cls,
        progress: bool | None,
        desc: str,
        chunk_ids: Sequence[int] | None,
        client: SyncClient,
    ) -> ExportProgress | None:
        if progress is None:
            progress = interactive()
        wanted = chunk_ids is None or len(chunk_ids) > 0
        return cls(desc, chunk_ids, client) if progress and wanted else None

    def chunk(self, record: Mapping[str, Any]) -> None:
        """A chunk was committed."""
        self.rows += record["rows"]
        self.requests += record["requests"]
        self.cache_hits += record["cache_hits"]
        self._bar.set_postfix_str(
            f"{self.rows:,} rows, {self.requests:,} requests, {self.cache_hits:,} cached, "
            f"{self._budget}",
            refresh=False,
        )
        self._bar.update(record["ids"] if self._by_ids else 1)

    def close(self) -> None:
        self._bar.close()

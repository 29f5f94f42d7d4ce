"""The progress bar of an export: ids done and time left, rows, requests, the budget in use.

tqdm counts ids (chunks, for a walk) and works out the rate and the time left from them.
Beside the bar: the rows committed, the requests sent and the cache hits of this run,
and the rate budget actually being spent, the requests in the limiter's last window
(every process sharing its ledger, so every shard on the machine) against the limit in
force. A chunk of 500 ids takes minutes at 60 requests a minute, so a ticker thread
refreshes these every second, not only when a chunk is committed. `Spent` counts the
requests and cache hits since a moment, for the bar and for each part's checkpoint.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from osuframes.http.ledger import window_s
from osuframes.http.ratelimit import RateLimiter
from osuframes.progress import interactive, tqdm_class
from osuframes.sync import SyncClient

__all__ = ["ExportProgress", "Spent", "budget_in_use"]

# Seconds between two refreshes of the counters while a chunk is fetched.
_REFRESH_S = 1.0


class Spent:
    """Requests sent and cache hits since it was made (every cache miss is a request)."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client
        self._hits, self._misses = _cache_counts(client) or (0, 0)

    def __call__(self, pages_fetched: int) -> tuple[int, int]:
        """(requests, cache hits) so far; without a cache every page was a request."""
        counted = _cache_counts(self._client)
        if counted is None:
            return pages_fetched, 0
        hits, misses = counted
        return misses - self._misses, hits - self._hits


def _cache_counts(client: SyncClient) -> tuple[int, int] | None:
    """Hits and misses of the client's response cache so far (None without one)."""
    cache = client.client.cache
    if cache is None:
        return None
    counts = cache.tally()
    return counts.hits, counts.misses


class ExportProgress:
    """tqdm counting ids (or chunks, for a walk), with rows, requests and the budget beside."""

    def __init__(self, desc: str, chunk_ids: Sequence[int] | None, client: SyncClient) -> None:
        ids = sum(chunk_ids or ())
        self._by_ids = ids > 0
        # A walk (chunk_ids None) counts its parts, their number unknown until its end.
        total = ids if self._by_ids else (None if chunk_ids is None else len(chunk_ids))
        self._bar = tqdm_class()(total=total, desc=desc, unit="id" if self._by_ids else "part")
        self._limiter = client.client.limiter
        # With a response cache the requests and hits are counted as they happen.
        self._spent = Spent(client) if client.client.cache is not None else None
        self.rows = self.requests = self.cache_hits = 0
        self._stop = threading.Event()
        self._ticker = threading.Thread(
            target=self._tick, name="osuframes-export-progress", daemon=True
        )
        self._ticker.start()

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
        self._bar.set_postfix_str(self.describe(), refresh=False)
        self._bar.update(record["ids"] if self._by_ids else 1)

    def describe(self) -> str:
        """`1,200 rows, 14 requests, 2 cached, budget 14/60 per 60s (0.22/s)`.

        With a response cache the requests and hits are counted as they happen; without
        one, as chunks are committed.
        """
        requests, hits = (
            self._spent(0) if self._spent is not None else (self.requests, self.cache_hits)
        )
        return (
            f"{self.rows:,} rows, {requests:,} requests, {hits:,} cached, "
            f"{budget_in_use(self._limiter)}"
        )

    def _tick(self) -> None:
        while not self._stop.wait(_REFRESH_S):
            self._bar.set_postfix_str(self.describe())

    def close(self) -> None:
        self._stop.set()
        self._ticker.join()
        self._bar.close()


def budget_in_use(limiter: RateLimiter) -> str:
    """`budget 57/60 per 60s (0.90/s)`: the requests in the limiter's last window (as of
    its latest answer) against the limit in force, and the rate they make."""
    rate = limiter.effective_rate
    used = limiter.last_usage
    spent = 0 if used is None else used.settled + used.pending
    per_s = 0.0 if used is None else used.settled / window_s(rate)
    return f"budget {spent:,}/{rate.requests:,} per {rate.seconds:g}s ({per_s:.2f}/s)"

"""The rate limiter: smooth, shared by every client of an application, across processes.

A request asks the limiter for a *slot*, a moment at which it may be sent. Slots are
spaced evenly (no burst of the whole budget at once) and no window of `seconds` holds
more than `requests` of them. The slots are kept in a *ledger*: in memory for one
process, or in a small SQLite file in the cache folder so that every process using the
same cache folder and client id (two notebooks and an export job) shares one budget.

The window is stretched by `SAFETY_MARGIN` so that small delays between taking a slot and
the server counting the request never push a fixed server window over the limit.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import deque
from pathlib import Path
from typing import Protocol

from osuframes.config import RateLimit
from osuframes.http._clock import Clock, SystemClock

__all__ = ["MemoryLedger", "RateLimiter", "SqliteLedger", "shared_limiter"]

SAFETY_MARGIN = 0.05


def _next_slot(now: float, recent: list[float], rate: RateLimit) -> float:
    """The earliest slot at or after `now`, given the most recent slots (oldest first)."""
    window = rate.seconds * (1 + SAFETY_MARGIN)
    slot = now
    if recent:
        slot = max(slot, recent[-1] + window / rate.requests)
    if len(recent) >= rate.requests:
        slot = max(slot, recent[-rate.requests] + window)
    return slot


class Ledger(Protocol):
    """Where slots are recorded; `reserve` must be atomic across its users."""

    blocking: bool

    def reserve(self, now: float, rate: RateLimit, cost: int = 1) -> float:
        """Record `cost` slots at or after `now`; return the last, when the request may go."""
        ...


class MemoryLedger:
    """Slots of one process, kept in memory; safe to share between threads and loops."""

    blocking = False

    def __init__(self) -> None:
        self._slots: deque[float] = deque()
        self._lock = threading.Lock()

    def reserve(self, now: float, rate: RateLimit, cost: int = 1) -> float:
        with self._lock:
            slot = now
            for _ in range(cost):
                slot = _next_slot(now, list(self._slots)[-rate.requests :], rate)
                self._slots.append(slot)
            while len(self._slots) > rate.requests:
                self._slots.popleft()
            return slot


class SqliteLedger:
    """Slots in a SQLite file, shared by every process that opens the same file and key.

    Each reservation is one `BEGIN IMMEDIATE` transaction, which SQLite serialises
    between processes; rows older than a few windows are pruned as it goes.
    """

    blocking = True

    def __init__(self, path: str | Path, key: str) -> None:
        self.path = Path(path)
        self.key = key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS slots (key TEXT NOT NULL, at REAL NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS slots_by_key ON slots (key, at)")

    def _connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            # The default rollback journal: its locks wait out the busy timeout, where
            # switching a new file to WAL fails at once when two processes race to it.
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._local.db = db
        return db

    def reserve(self, now: float, rate: RateLimit, cost: int = 1) -> float:
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            rows = db.execute(
                "SELECT at FROM slots WHERE key = ? ORDER BY at DESC LIMIT ?",
                (self.key, rate.requests),
            ).fetchall()
            recent = [at for (at,) in reversed(rows)]
            slot = now
            for _ in range(cost):
                slot = _next_slot(now, recent[-rate.requests :], rate)
                recent.append(slot)
                db.execute("INSERT INTO slots (key, at) VALUES (?, ?)", (self.key, slot))
            db.execute(
                "DELETE FROM slots WHERE key = ? AND at < ?",
                (self.key, min(now, slot) - 4 * rate.seconds),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return slot


class RateLimiter:
    """Hands out request slots: at most `rate.requests` in any `rate.seconds`, evenly spaced.

    Args:
        rate: the budget.
        ledger: where slots are kept; a `MemoryLedger` by default.
        clock: the time source (tests pass a fake one).
    """

    def __init__(
        self, rate: RateLimit, ledger: Ledger | None = None, clock: Clock | None = None
    ) -> None:
        self.rate = rate
        self.ledger: Ledger = ledger if ledger is not None else MemoryLedger()
        self.clock: Clock = clock if clock is not None else SystemClock()

    async def acquire(self, cost: int = 1) -> float:
        """Wait until a request of `cost` fits the budget; returns the seconds waited.

        A request the server counts several times (`users?ids[]` counts one per id)
        takes that many slots and goes at the last of them.
        """
        if not 1 <= cost <= self.rate.requests:
            cost = min(max(cost, 1), self.rate.requests)
        now = self.clock.now()
        if self.ledger.blocking:
            slot = await asyncio.to_thread(self.ledger.reserve, now, self.rate, cost)
        else:
            slot = self.ledger.reserve(now, self.rate, cost)
        wait = slot - now
        if wait > 0:
            await self.clock.sleep(wait)
        return max(wait, 0.0)

    def __repr__(self) -> str:
        return f"RateLimiter({self.rate}, ledger={type(self.ledger).__name__})"


_shared: dict[tuple[str, str, RateLimit], RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(cache_dir: Path, client_id: int | None, rate: RateLimit) -> RateLimiter:
    """The limiter every client of `client_id` in this process uses, backed by the cache folder.

    Clients with the same cache folder and client id share one budget, here and in any
    other process using that folder.
    """
    key = f"client:{client_id}" if client_id is not None else "client:none"
    path = str(Path(cache_dir).expanduser().resolve() / "ratelimit.sqlite")
    with _shared_lock:
        limiter = _shared.get((path, key, rate))
        if limiter is None:
            limiter = RateLimiter(rate, SqliteLedger(path, key))
            _shared[(path, key, rate)] = limiter
        return limiter

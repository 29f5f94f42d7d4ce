"""The ledger shared by every process using one cache folder: a small SQLite file.

Each call is one `BEGIN IMMEDIATE` transaction, which SQLite serialises between
processes. The file is only scheduling state, so it is rebuilt rather than trusted: a
file deleted or replaced while in use is recreated (each process writes its own recent
requests back into it), a corrupt one is replaced, both with a log warning. A location
that cannot hold the file (a folder in its place, a read-only folder) is a `ConfigError`
when the ledger opens, before any request; no request is ever sent unmetered.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from osuframes.config import LimiterMode, RateLimit
from osuframes.errors import ConfigError
from osuframes.http.ledger import (
    STALE_S,
    BackOff,
    Entry,
    LedgerBusy,
    Reservation,
    Usage,
    keep,
    next_back_off,
    wait_before,
    window_s,
)

__all__ = ["SqliteLedger"]

logger = logging.getLogger("osuframes")
_T = TypeVar("_T")

_SCHEMA_VERSION = 2
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS requests (ticket INTEGER PRIMARY KEY, key TEXT NOT NULL, "
    "sent REAL NOT NULL, at REAL NOT NULL, cost INTEGER NOT NULL, pending INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS requests_by_key ON requests (key, at)",
    "CREATE TABLE IF NOT EXISTS back_offs (key TEXT PRIMARY KEY, started REAL NOT NULL, "
    "until REAL NOT NULL, length REAL NOT NULL)",
)
# Files of the first schema held one `slots` table; it is dropped when found.
_OLD_TABLES = ("slots",)
_CORRUPT = ("not a database", "malformed", "corrupt")
# How long a call that may wait waits for another process holding the file.
_BUSY_TIMEOUT_MS = 60_000

# Rows too old to matter are deleted at most this often (a statement less per request).
_PRUNE_EVERY_S = 1.0

# Ledgers open in this process, so that a forked child drops their connections.
_open: weakref.WeakSet[SqliteLedger] = weakref.WeakSet()


class SqliteLedger:
    """Requests and back-offs of one key (a client id) in a SQLite file.

    Args:
        path: the file, usually `ratelimit.sqlite` in the cache folder.
        key: whose budget this is; processes opening the same file and key share it.

    Raises:
        ConfigError: the file cannot be created or written there (the message names it).
    """

    def __init__(self, path: str | Path, key: str) -> None:
        self.path = Path(path)
        self.key = key
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        # The busy timeout last set, and on which connection (a PRAGMA costs a statement).
        self._busy: tuple[sqlite3.Connection, int] | None = None
        # This process's own recent requests, written back if the file is recreated.
        self._own: dict[int, Entry] = {}
        self._pruned_at = float("-inf")
        with self._lock:
            self._connection()
        _open.add(self)

    # -- the ledger ------------------------------------------------------------------------
    def reserve(
        self, now: float, rate: RateLimit, cost: int, mode: LimiterMode, *, wait: bool = True
    ) -> Reservation:
        entry = Entry(secrets.randbits(62), now, now, cost, pending=True)

        def reserve(db: sqlite3.Connection) -> Reservation:
            if now - self._pruned_at >= _PRUNE_EVERY_S or now < self._pruned_at:
                horizon = max(4 * window_s(rate), STALE_S)
                db.execute(
                    "DELETE FROM requests WHERE key = ? AND (at < ? OR (pending = 1 AND sent < ?))",
                    (self.key, now - horizon, now - STALE_S),
                )
                self._pruned_at = now
            since = now - window_s(rate)
            back_off = self._read_back_off(db)
            # The common case, summed by SQLite: a sliding window with room for the cost.
            fits = mode == "sliding" and (back_off is None or back_off.until <= now)
            if not (fits and self._usage(db, since).total + cost <= rate.requests):
                wait = wait_before(self._entries(db, since), back_off, now, rate, cost, mode)
                if wait > 0:
                    return Reservation(None, wait)
            self._insert(db, entry)
            return Reservation(entry.ticket, 0.0)

        reservation = self._transaction(reserve, wait)
        if reservation.ticket is not None:
            self._forget_own_before(now, rate)
            self._own[entry.ticket] = entry
        return reservation

    def settle(self, ticket: int, at: float, rate: RateLimit, *, wait: bool = True) -> Usage:
        def settle(db: sqlite3.Connection) -> Usage:
            db.execute(
                "UPDATE requests SET at = MAX(?, sent), pending = 0 WHERE ticket = ?",
                (at, ticket),
            )
            return self._usage(db, at - window_s(rate))

        result = self._transaction(settle, wait)
        mine = self._own.get(ticket)
        if mine is not None:
            self._own[ticket] = replace(mine, at=max(at, mine.sent), pending=False)
        return result

    def back_off(
        self, now: float, sent: float, length: float, longest: float, *, wait: bool = True
    ) -> None:
        def back_off(db: sqlite3.Connection) -> None:
            current = self._read_back_off(db)
            new = next_back_off(current, now=now, sent=sent, length=length, longest=longest)
            if new is not None:
                db.execute(
                    "INSERT OR REPLACE INTO back_offs (key, started, until, length) "
                    "VALUES (?, ?, ?, ?)",
                    (self.key, new.started, new.until, new.length),
                )

        self._transaction(back_off, wait)

    def close(self) -> None:
        """Close the connection; the next call opens it again."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __repr__(self) -> str:
        return f"SqliteLedger({str(self.path)!r}, key={self.key!r})"

    # -- rows --------------------------------------------------------------------------------
    def _entries(self, db: sqlite3.Connection, since: float) -> list[Entry]:
        rows = db.execute(
            "SELECT ticket, sent, at, cost, pending FROM requests "
            "WHERE key = ? AND (at > ? OR pending = 1)",
            (self.key, since),
        ).fetchall()
        return [Entry(t, s, a, c, bool(p)) for t, s, a, c, p in rows]

    def _usage(self, db: sqlite3.Connection, since: float) -> Usage:
        """`usage()` of the entries since `since`, summed by SQLite (no row is read out)."""
        settled, pending = db.execute(
            "SELECT COALESCE(SUM(CASE WHEN pending = 1 THEN 0 ELSE cost END), 0), "
            "COALESCE(SUM(CASE WHEN pending = 1 THEN cost ELSE 0 END), 0) FROM requests "
            "WHERE key = ? AND (at > ? OR pending = 1)",
            (self.key, since),
        ).fetchone()
        return Usage(settled, pending)

    def _forget_own_before(self, now: float, rate: RateLimit) -> None:
        """Drop this process's oldest entries that no longer matter (they come in the
        order they were sent, so the walk stops at the first one kept)."""
        while self._own:
            ticket, oldest = next(iter(self._own.items()))
            if keep(oldest, now, rate):
                return
            del self._own[ticket]

    def _insert(self, db: sqlite3.Connection, entry: Entry) -> None:
        db.execute(
            "INSERT OR REPLACE INTO requests (ticket, key, sent, at, cost, pending) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (entry.ticket, self.key, entry.sent, entry.at, entry.cost, int(entry.pending)),
        )

    def _read_back_off(self, db: sqlite3.Connection) -> BackOff | None:
        row = db.execute(
            "SELECT started, until, length FROM back_offs WHERE key = ?", (self.key,)
        ).fetchone()
        return BackOff(*row) if row else None

    # -- the file ----------------------------------------------------------------------------
    def _transaction(self, work: Callable[[sqlite3.Connection], _T], wait: bool) -> _T:
        """Run `work` in one immediate transaction, rebuilding a deleted or corrupt file once.

        Without `wait`, a ledger another thread or process holds raises `LedgerBusy`.
        """
        if not self._lock.acquire(blocking=wait):
            raise LedgerBusy(str(self.path))
        try:
            for attempt in (1, 2):
                db = self._connection()
                busy = (db, _BUSY_TIMEOUT_MS if wait else 0)
                if busy != self._busy:
                    db.execute(f"PRAGMA busy_timeout = {busy[1]}")
                    self._busy = busy
                try:
                    with _immediate(db):
                        return work(db)
                except sqlite3.OperationalError as exc:
                    if not wait and "locked" in str(exc).lower():
                        raise LedgerBusy(str(self.path)) from exc
                    self._rebuild_or_raise(exc, attempt)
                except sqlite3.DatabaseError as exc:
                    self._rebuild_or_raise(exc, attempt)
            raise AssertionError("unreachable")
        finally:
            self._lock.release()

    def _rebuild_or_raise(self, exc: sqlite3.DatabaseError, attempt: int) -> None:
        """Go on (to a second attempt) if the file was deleted, replaced or corrupt."""
        moved = self._file_identity() != self._identity
        if attempt == 2 or not (moved or self._discard_if_corrupt(exc)):
            raise self._unusable(exc) from exc

    def _connection(self) -> sqlite3.Connection:
        """The open connection, reopened if the file was deleted or replaced meanwhile."""
        if self._db is not None and self._file_identity() == self._identity:
            return self._db
        if self._db is not None:
            logger.warning(
                "osuframes: the rate-limit ledger %s was deleted or replaced while in use; "
                "recreated it with this process's %d recent requests",
                self.path,
                len(self._own),
            )
            self._db.close()
            self._db = None
        for attempt in (1, 2):
            db = self._connect()
            try:
                self._prepare(db)
            except sqlite3.DatabaseError as exc:
                db.close()
                if attempt == 2 or not self._discard_if_corrupt(exc):
                    raise self._unusable(exc) from exc
                continue
            self._db = db
            self._identity = self._file_identity()
            return db
        raise AssertionError("unreachable")

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise ConfigError(
                f"the rate-limit ledger {self.path} is a folder; remove it, or set another "
                "cache_dir (OSUFRAMES_CACHE_DIR)"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The default rollback journal: its locks wait out the busy timeout, where
            # switching a new file to WAL fails at once when two processes race to it.
            return sqlite3.connect(
                self.path,
                timeout=_BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise self._unusable(exc) from exc

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Create the tables (dropping those of an older schema), with this process's rows."""
        # Scheduling state only: losing the last write to a power cut is harmless.
        db.execute("PRAGMA synchronous = OFF")
        with _immediate(db):
            if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA_VERSION:
                for table in ("requests", "back_offs", *_OLD_TABLES):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            for statement in _SCHEMA:
                db.execute(statement)
            for entry in self._own.values():
                self._insert(db, entry)

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return (stat.st_dev, stat.st_ino)

    def _discard_if_corrupt(self, exc: sqlite3.DatabaseError) -> bool:
        """Delete the file if `exc` says it is corrupt (the caller recreates it)."""
        if not any(word in str(exc).lower() for word in _CORRUPT):
            return False
        logger.warning(
            "osuframes: the rate-limit ledger %s is corrupt (%s); replacing it", self.path, exc
        )
        if self._db is not None:
            self._db.close()
            self._db = None
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        return True

    def _unusable(self, exc: BaseException) -> ConfigError:
        return ConfigError(
            f"cannot use the rate-limit ledger {self.path} ({type(exc).__name__}: {exc}); "
            "make its folder writable, or set another cache_dir (OSUFRAMES_CACHE_DIR)"
        )

    def _forget_after_fork(self) -> None:
        """In a forked child: drop (never close) the parent's connection and lock."""
        self._lock = threading.Lock()
        self._db = None
        self._identity = None


@contextlib.contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (SQLite serialises them between processes)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        # A COMMIT can find the file busy too (another process reading it): roll back.
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def _after_fork_in_child() -> None:
    for ledger in list(_open):
        ledger._forget_after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)

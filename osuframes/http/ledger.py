"""Ledgers: where the rate limiter records the requests that went out, and any back-off.

A ledger answers one question atomically, `reserve`: may a request of this cost go *now*?
If so it records the request at once (check and record in one step, so two senders can
never both take the last place); if not it says how long to wait before asking again.
Nothing is reserved for later: a request is counted from the moment it is allowed to
leave, and a sender that wakes late cannot bunch up with the ones after it.

A recorded request stays *pending* until its answer comes back; then it is *settled* at
the answer's time, the latest moment the server can have received it. A window is
measured from those times, so no delay between leaving and arriving can squeeze more
requests into a window at the server than the budget allows.

`MemoryLedger` serves one process; `osuframes.http.ledger_sqlite.SqliteLedger` every
process sharing a cache folder. A ledger shared across machines needs only the same
methods.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from osuframes.config import LimiterMode, RateLimit

__all__ = [
    "BackOff",
    "Entry",
    "Ledger",
    "LedgerBusy",
    "MemoryLedger",
    "Reservation",
    "SAFETY_MARGIN",
    "Usage",
    "next_back_off",
    "window_s",
]

# The window is stretched by 5% so that the server counting a request a little later
# than the client recorded it never pushes a fixed server window over the limit.
SAFETY_MARGIN = 0.05
# A pending request whose answer never came (its process died) stops counting after this.
STALE_S = 120.0


def window_s(rate: RateLimit) -> float:
    """The window the limiter measures: the rate's seconds plus the safety margin."""
    return rate.seconds * (1 + SAFETY_MARGIN)


@dataclass(frozen=True)
class Entry:
    """One request in a ledger.

    Attributes:
        ticket: its id, to settle it by.
        sent: when it was allowed to leave.
        at: when it counts from: `sent` while pending, the answer's time once settled.
        cost: what the server counts for it.
        pending: whether its answer is still awaited.
    """

    ticket: int
    sent: float
    at: float
    cost: int
    pending: bool


@dataclass(frozen=True)
class Reservation:
    """The answer of `reserve`: a ticket if the request may go now, else a wait."""

    ticket: int | None
    wait: float


@dataclass(frozen=True)
class Usage:
    """What a ledger holds in the last window: settled cost and pending cost."""

    settled: int
    pending: int

    @property
    def total(self) -> int:
        """Settled and pending cost together."""
        return self.settled + self.pending


@dataclass(frozen=True)
class BackOff:
    """A pause of every request: begun at `started`, lasting until `until`."""

    started: float
    until: float
    length: float


class LedgerBusy(Exception):
    """A call with `wait=False` found the ledger in use by another thread or process."""


class Ledger(Protocol):
    """Where requests and back-offs are recorded; `reserve` is atomic across its users.

    Each call takes `wait`: with False it raises `LedgerBusy` at once rather than wait
    for another user of the ledger (the limiter then repeats it in a worker thread).
    """

    def reserve(
        self, now: float, rate: RateLimit, cost: int, mode: LimiterMode, *, wait: bool = True
    ) -> Reservation:
        """Record a request of `cost` at `now` if it fits `rate`, else say how long to wait."""
        ...

    def settle(self, ticket: int, at: float, rate: RateLimit, *, wait: bool = True) -> Usage:
        """The answer to `ticket` came at `at`; returns the usage of the last window."""
        ...

    def back_off(
        self, now: float, sent: float, length: float, longest: float, *, wait: bool = True
    ) -> None:
        """Pause every request after a refusal at `now` of a request sent at `sent`."""
        ...

    def close(self) -> None:
        """Release what the ledger holds open (it reopens if used again)."""
        ...


def wait_before(
    entries: Iterable[Entry],
    back_off: BackOff | None,
    now: float,
    rate: RateLimit,
    cost: int,
    mode: LimiterMode,
) -> float:
    """Seconds before a request of `cost` may go (0: now), given the ledger's entries.

    Sliding: the request goes once the entries in the last window (pending ones always
    count) leave room for its cost. Smooth: also no sooner than one window/requests after
    the last request left.
    """
    if back_off is not None and back_off.until > now:
        return back_off.until - now
    window = window_s(rate)
    live = [e for e in entries if e.pending or e.at > now - window]
    wait = 0.0
    excess = sum(e.cost for e in live) + cost - rate.requests
    if excess > 0:
        # Settled entries leave the window first (a pending one is settled at or after
        # now, so it leaves at least a window from now): free enough of them, oldest first.
        wait = window
        for entry in sorted((e for e in live if not e.pending), key=lambda e: e.at):
            excess -= entry.cost
            if excess <= 0:
                wait = entry.at + window - now
                break
    if mode == "smooth" and live:
        wait = max(wait, max(e.sent for e in live) + window / rate.requests - now)
    return max(wait, 0.0)


def usage(entries: Iterable[Entry], now: float, rate: RateLimit) -> Usage:
    """The settled and the pending cost of the entries in the last window."""
    window = window_s(rate)
    settled = pending = 0
    for entry in entries:
        if entry.pending:
            pending += entry.cost
        elif entry.at > now - window:
            settled += entry.cost
    return Usage(settled, pending)


def keep(entry: Entry, now: float, rate: RateLimit) -> bool:
    """Whether an entry may still matter to some limiter sharing the ledger."""
    horizon = max(4 * window_s(rate), STALE_S)
    return entry.at > now - horizon if not entry.pending else entry.sent > now - STALE_S


def next_back_off(
    current: BackOff | None, *, now: float, sent: float, length: float, longest: float
) -> BackOff | None:
    """The back-off after a refusal at `now` of a request sent at `sent`, or None to keep
    `current`.

    One back-off per storm: a request that left before the current back-off began was
    refused by the same full window. A refusal soon after a back-off ended means it was
    too short: the next one is twice as long, up to `longest`.
    """
    if current is not None and sent <= current.started:
        return None
    if current is not None and now < current.until + longest:
        length = min(max(length, 2 * current.length), max(longest, length))
    return BackOff(now, now + length, length)


class MemoryLedger:
    """The ledger of one process, in memory; safe to share between threads and loops.

    Its calls never wait for long, so `wait` changes nothing.
    """

    def __init__(self) -> None:
        self._entries: dict[int, Entry] = {}
        self._back_off: BackOff | None = None
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()

    def reserve(
        self, now: float, rate: RateLimit, cost: int, mode: LimiterMode, *, wait: bool = True
    ) -> Reservation:
        with self._lock:
            self._entries = {t: e for t, e in self._entries.items() if keep(e, now, rate)}
            delay = wait_before(self._entries.values(), self._back_off, now, rate, cost, mode)
            if delay > 0:
                return Reservation(None, delay)
            ticket = next(self._tickets)
            self._entries[ticket] = Entry(ticket, now, now, cost, pending=True)
            return Reservation(ticket, 0.0)

    def settle(self, ticket: int, at: float, rate: RateLimit, *, wait: bool = True) -> Usage:
        with self._lock:
            entry = self._entries.get(ticket)
            if entry is not None:
                self._entries[ticket] = replace(entry, at=max(at, entry.sent), pending=False)
            return usage(self._entries.values(), at, rate)

    def back_off(
        self, now: float, sent: float, length: float, longest: float, *, wait: bool = True
    ) -> None:
        with self._lock:
            self._back_off = (
                next_back_off(self._back_off, now=now, sent=sent, length=length, longest=longest)
                or self._back_off
            )

    def close(self) -> None:
        """Nothing to release."""

    def __repr__(self) -> str:
        return "MemoryLedger()"

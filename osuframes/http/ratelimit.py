"""The rate limiter: at most N requests in any S seconds, shared by clients and processes.

By default (`limiter_mode="sliding"`) a request goes as soon as fewer than N (by cost)
went out in the last S × (1 + margin) seconds: the first N go at once, then a new one
each time an old one leaves the window. `"smooth"` also spaces them evenly.

Every client of one application (`client_id`) and cache folder shares one ledger: in
this process, and in any other process using the same cache folder (see
`osuframes.http.ledger_sqlite`). The server's answers feed back into it:

- a 429 pauses every request of the client until the server's window can have turned
  (the real 429 carries no `Retry-After`); the retries of one request wait for that one
  back-off rather than adding their own. After a 429 the client also keeps to the limit
  the server announces in `X-RateLimit-Limit`, when it is lower than its own.
- when `X-RateLimit-Remaining` shows the server's window full (what was sent and not
  yet counted will use up what is left) and the server counted more than the ledger
  knows (another program using the same token) or announces a lower limit than the
  client's, requests hold back until its window turns. A header never makes the client
  faster than its own limit.
- once Remaining has shown spending the ledger cannot account for (or a lower limit), a
  request goes only if the highest count the server announced plus this process's
  requests still in flight leaves room for it. The check is made when the request would
  leave, not when an answer comes: several answers that each leave room for one more
  request leave room for one, not one each.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import threading
import weakref
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TypeVar

from osuframes.config import LimiterMode, RateLimit
from osuframes.http._clock import Clock, SystemClock
from osuframes.http.ledger import Ledger, LedgerBusy, MemoryLedger, Usage, window_s
from osuframes.http.ledger_sqlite import SqliteLedger
from osuframes.http.retry import parse_retry_after

__all__ = ["LimiterClaim", "RateLimiter", "Slot", "claim_limiter"]

_T = TypeVar("_T")

# The real server's window is 60 s (spec §3.2): a back-off that keeps growing stops there.
LONGEST_BACK_OFF_S = 60.0 * 1.05


class Slot:
    """A request the limiter let go; note its answer, then close it (`RateLimiter.slot`).

    Attributes:
        sent: when the request was allowed to leave.
        waited: seconds it waited for the limiter.
    """

    def __init__(
        self, limiter: RateLimiter, ticket: int, sent: float, waited: float, cost: int
    ) -> None:
        self._limiter = limiter
        self._ticket = ticket
        self._cost = cost
        self.sent = sent
        self.waited = waited
        self.heard_at: float | None = None
        self.answer: tuple[int, Mapping[str, str]] | None = None
        self._settled = False

    def heard(self) -> None:
        """Note that the answer's first bytes came now (its body may take longer): the
        server had received the request by then."""
        self.heard_at = self._limiter.clock.now()

    def answered(self, status: int, headers: Mapping[str, str]) -> None:
        """Note the answer's status and rate-limit headers (read when the slot closes)."""
        self.answer = (status, headers)

    async def close(self) -> None:
        """Settle the request: at `heard()`, or now (a failure, or no note of it)."""
        if not self._settled:
            self._settled = True
            await self._limiter._settle(self, self._ticket, self._cost)


class RateLimiter:
    """Lets requests go within the budget: at most `rate.requests` in any `rate.seconds`.

    Args:
        rate: the budget.
        ledger: where requests are recorded; a `MemoryLedger` by default.
        clock: the time source (tests pass a fake one).
        mode: `sliding` (default) or `smooth`.

    Attributes:
        last_usage: the ledger's requests in the last window when the latest answer came
            (those of every process sharing the ledger); None before any answer.
    """

    def __init__(
        self,
        rate: RateLimit,
        ledger: Ledger | None = None,
        clock: Clock | None = None,
        mode: LimiterMode = "sliding",
    ) -> None:
        self.rate = rate
        self.ledger: Ledger = ledger if ledger is not None else MemoryLedger()
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.mode: LimiterMode = mode
        self.last_usage: Usage | None = None
        # The server's announced limit (`X-RateLimit-Limit`), and the one kept after a 429.
        self._server_limit: int | None = None
        self._server_cap: int | None = None
        # What this process knows of the server's window: see `_ServerWindow`.
        self._server_window = _ServerWindow()
        # Waiters queue per event loop, so only the first of them asks the ledger.
        self._queues: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._queues_lock = threading.Lock()

    @property
    def effective_rate(self) -> RateLimit:
        """The budget in force: the client's own, or the server's if a 429 showed it lower."""
        cap = self._server_cap
        if cap is None or cap >= self.rate.requests:
            return self.rate
        return RateLimit(cap, self.rate.seconds)

    async def acquire(self, cost: int = 1) -> Slot:
        """Wait until a request of `cost` may go, and record it as gone.

        A request the server counts several times (`users?ids[]` counts one per id)
        takes that much of the budget (at most the whole of it). Close the slot when the
        answer (or the failure) comes; `slot()` does it for you.
        """
        start = self.clock.now()
        async with self._queue():
            while True:
                rate = self.effective_rate
                now = self.clock.now()
                taken = min(max(cost, 1), rate.requests)
                if self._server_window.would_overflow(now, taken, window_s(rate)):
                    # Hold back until the server's window has turned, whenever it began.
                    window = window_s(rate)
                    await self._call(self.ledger.back_off, now, now, window, window)
                reservation = await self._call(self.ledger.reserve, now, rate, taken, self.mode)
                if reservation.ticket is not None:
                    self._server_window.left(taken)
                    return Slot(self, reservation.ticket, now, now - start, taken)
                await self.clock.sleep(reservation.wait)

    @contextlib.asynccontextmanager
    async def slot(self, cost: int = 1) -> AsyncIterator[Slot]:
        """`acquire` around a send: the request is settled when the block ends."""
        slot = await self.acquire(cost)
        try:
            yield slot
        finally:
            await slot.close()

    async def _settle(self, slot: Slot, ticket: int, cost: int) -> None:
        now = self.clock.now()
        at = min(now, slot.heard_at) if slot.heard_at is not None else now
        # Before any wait: a request leaving meanwhile must see this answer's count.
        count = _server_count(slot.answer)
        self._server_window.answered(slot, at, cost, count)
        # A cancelled request still leaves the ledger's pending list: a settle that waits
        # for the file runs on in its worker thread whatever happens to its caller.
        used = await self._call(self.ledger.settle, ticket, at, self.rate)
        self.last_usage = used
        if slot.answer is None:
            return
        status, headers = slot.answer
        window = window_s(self.rate)
        if status == 429:
            if self._server_limit is not None and self._server_limit < self.rate.requests:
                self._server_cap = self._server_limit
            retry_after = parse_retry_after(headers.get("Retry-After"), now)
            if retry_after is not None:
                length = longest = retry_after
            else:
                length, longest = window, max(window, LONGEST_BACK_OFF_S)
            await self._call(self.ledger.back_off, now, slot.sent, length, longest)
        elif self._server_is_full(count, used):
            await self._call(self.ledger.back_off, now, now, window, window)

    def _server_is_full(self, count: tuple[int, int] | None, used: Usage) -> bool:
        """From the server's (limit, count) of `X-RateLimit-*`: whether its window is full
        with requests the ledger cannot account for (another program spent the token's
        budget), or its limit is lower than the client's (it is then kept)."""
        if count is None:
            return False
        limit, counted = count
        remaining = limit - counted
        self._server_limit = limit
        if self._server_cap is not None:
            self._server_cap = limit
        # What was sent and is not yet counted may use up what the server has left. The
        # server may already have counted some of it, so only a count above everything
        # the ledger holds proves other spending; else the ledger's own window governs.
        lower = limit < self.effective_rate.requests
        foreign = limit - remaining > used.settled + used.pending
        full = remaining <= used.pending and (lower or foreign)
        if lower or foreign:
            self._server_window.watch()
        if full and limit < self.rate.requests:
            self._server_cap = limit
        return full

    def _queue(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._queues_lock:
            queue = self._queues.get(loop)
            if queue is None:
                queue = self._queues[loop] = asyncio.Lock()
            return queue

    async def _call(self, method: Callable[..., _T], *args: object) -> _T:
        """Call a ledger method on the loop if it answers at once, else in a worker thread
        (another process holds the file): a thread hop per call would pace a burst."""
        try:
            return method(*args, wait=False)
        except LedgerBusy:
            return await asyncio.to_thread(functools.partial(method, *args, wait=True))

    def __repr__(self) -> str:
        return f"RateLimiter({self.rate}, {self.mode}, ledger={type(self.ledger).__name__})"


class _ServerWindow:
    """The server's window as this process sees it: the highest count (limit − Remaining)
    an answer announced, and the requests still in flight that it may not include.

    Answers come back in any order, so only the highest count of the window is a floor
    of what the server counted; each request in flight may add to it. Thread-safe: the
    limiter is shared by the event loops of a process.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self._watched = False
        # (limit, highest count, when its answer came): that count's window began before
        # then, so a window later it has turned.
        self._counted: tuple[int, int, float] | None = None
        self._held_since = float("-inf")

    def left(self, cost: int) -> None:
        """A request of `cost` left."""
        with self._lock:
            self._in_flight += cost

    def answered(self, slot: Slot, at: float, cost: int, count: tuple[int, int] | None) -> None:
        """The answer to `slot` came at `at`, with the server's (limit, count) if announced.

        An answer to a request sent before the last hold began belongs to a window that
        has turned since, and is not counted.
        """
        with self._lock:
            self._in_flight = max(0, self._in_flight - cost)
            if count is None or slot.sent < self._held_since:
                return
            known = self._counted
            if known is None or count[1] >= known[1]:
                self._counted = (count[0], count[1], at)

    def watch(self) -> None:
        """The server showed spending the ledger cannot explain: check each request."""
        with self._lock:
            self._watched = True

    def would_overflow(self, now: float, cost: int, window: float) -> bool:
        """Whether a request of `cost` leaving now could take the server past its limit;
        if so, the hold begins now and what was known of the window is forgotten."""
        with self._lock:
            known = self._counted
            if known is not None and now - known[2] >= window:
                self._counted = known = None  # that window has turned since
            if not self._watched or known is None:
                return False
            limit, highest, _ = known
            if highest + self._in_flight + cost <= limit:
                return False
            self._counted, self._watched, self._held_since = None, False, now
            return True


def _server_count(answer: tuple[int, Mapping[str, str]] | None) -> tuple[int, int] | None:
    """(limit, count so far) from an answer's `X-RateLimit-*`, if it has them."""
    if answer is None:
        return None
    limit = _header_int(answer[1], "X-RateLimit-Limit")
    remaining = _header_int(answer[1], "X-RateLimit-Remaining")
    return None if limit is None or remaining is None else (limit, limit - remaining)


def _header_int(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name) or headers.get(name.lower())
    return int(value) if value is not None and value.strip().isdigit() else None


class LimiterClaim:
    """One client's use of a shared limiter; closing the last claim closes its ledger file."""

    def __init__(self, limiter: RateLimiter, place: tuple[str, str]) -> None:
        self.limiter = limiter
        self._place: tuple[str, str] | None = place

    def close(self) -> None:
        """Give the claim back (once); the ledger closes when no client uses it."""
        place, self._place = self._place, None
        if place is None:
            return
        with _shared_lock:
            ledger, claims = _ledgers[place]
            if claims > 1:
                _ledgers[place] = (ledger, claims - 1)
                return
            del _ledgers[place]
            for key in [key for key in _limiters if key[:2] == place]:
                del _limiters[key]
        ledger.close()


_ledgers: dict[tuple[str, str], tuple[SqliteLedger, int]] = {}
_limiters: dict[tuple[str, str, RateLimit, LimiterMode], RateLimiter] = {}
_shared_lock = threading.Lock()


def claim_limiter(
    cache_dir: Path, client_id: int | None, rate: RateLimit, mode: LimiterMode = "sliding"
) -> LimiterClaim:
    """The limiter every client of `client_id` in this process uses, backed by the cache folder.

    Clients with the same cache folder and client id share one ledger, here and in any
    other process using that folder; those with the same rate and mode share one limiter.

    Raises:
        ConfigError: the ledger file cannot be kept in the cache folder.
    """
    key = f"client:{client_id}" if client_id is not None else "client:none"
    path = str(Path(cache_dir).expanduser().resolve() / "ratelimit.sqlite")
    place = (path, key)
    with _shared_lock:
        ledger, claims = _ledgers.get(place) or (SqliteLedger(path, key), 0)
        _ledgers[place] = (ledger, claims + 1)
        limiter = _limiters.get((path, key, rate, mode))
        if limiter is None:
            limiter = _limiters[(path, key, rate, mode)] = RateLimiter(rate, ledger, mode=mode)
        return LimiterClaim(limiter, place)


def _after_fork_in_child() -> None:
    global _shared_lock
    _shared_lock = threading.Lock()
    for limiter in _limiters.values():
        limiter._queues_lock = threading.Lock()
        limiter._queues = weakref.WeakKeyDictionary()


os.register_at_fork(after_in_child=_after_fork_in_child)

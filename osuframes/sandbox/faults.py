"""Transport faults on demand, so retry and backoff code can be tested deterministically.

Kinds: `500` (`{"error":null}`), `502` (an HTML proxy page), `503` (HTML),
`reset` (the socket closes without a response), `truncate` (Content-Length larger
than the body sent) and `slow` (the response waits `slow_s` seconds).
"""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass

FAULT_KINDS: tuple[str, ...] = ("500", "502", "503", "reset", "truncate", "slow")


@dataclass(frozen=True)
class Fault:
    """One fault to apply to one API request."""

    kind: str
    slow_s: float = 2.0


class Faults:
    """A queue of injected faults plus a seeded random fault rate."""

    def __init__(self, rate: float = 0.0, seed: int = 1, slow_s: float = 2.0) -> None:
        self._lock = threading.Lock()
        self._queue: deque[Fault | None] = deque()
        self._rng = random.Random(seed)
        self.rate = rate
        self.kinds: tuple[str, ...] = FAULT_KINDS
        self.slow_s = slow_s

    def inject(self, kind: str, count: int = 1, *, slow_s: float | None = None) -> None:
        """Give the next `count` API requests this fault."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"inject({kind!r}): unknown fault; use one of {FAULT_KINDS}")
        if count < 0:
            raise ValueError(f"inject(count={count!r}): count must be >= 0")
        with self._lock:
            fault = Fault(kind, self.slow_s if slow_s is None else slow_s)
            self._queue.extend([fault] * count)

    def spare(self, count: int = 1) -> None:
        """Let the next `count` API requests through unharmed, whatever the rate.

        After injected faults already queued. A fan-out whose first request fails through
        every retry is raised as "API unreachable"; sparing it tests the other ids.
        """
        if count < 0:
            raise ValueError(f"spare(count={count!r}): count must be >= 0")
        with self._lock:
            self._queue.extend([None] * count)

    def set_rate(self, rate: float, kinds: tuple[str, ...] | None = None) -> None:
        """Fail this fraction of API requests with a random kind (seeded)."""
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"set_rate({rate!r}): rate must be between 0 and 1")
        for kind in kinds or ():
            if kind not in FAULT_KINDS:
                raise ValueError(f"set_rate(kinds=...): unknown fault {kind!r}")
        with self._lock:
            self.rate = rate
            if kinds:
                self.kinds = tuple(kinds)

    def clear(self) -> None:
        """Drop injected faults and set the rate to 0."""
        with self._lock:
            self._queue.clear()
            self.rate = 0.0

    @property
    def pending(self) -> int:
        """Injected faults and spared requests not yet applied."""
        with self._lock:
            return len(self._queue)

    def next_fault(self) -> Fault | None:
        """The fault for the next API request, if any."""
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            if self.rate > 0 and self._rng.random() < self.rate:
                return Fault(self._rng.choice(self.kinds), self.slow_s)
        return None

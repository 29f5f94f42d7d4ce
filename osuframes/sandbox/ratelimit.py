"""The osu-web API throttle: a fixed window per access token (spec §3.2).

The check runs before the controller and the hit (with the request's cost) is
recorded after it, so one expensive request can push the counter past the limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Window:
    started: float
    attempts: int


class FixedWindowLimiter:
    """Counts request cost per key in fixed windows of `window_s` seconds."""

    def __init__(
        self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._lock = threading.Lock()

    def _current(self, key: str) -> _Window | None:
        window = self._windows.get(key)
        if window is not None and self._clock() - window.started >= self.window_s:
            del self._windows[key]
            return None
        return window

    def too_many_attempts(self, key: str) -> bool:
        """Whether the key is over its budget (Laravel's `attempts >= max`)."""
        with self._lock:
            window = self._current(key)
            return window is not None and window.attempts >= self.limit

    def hit(self, key: str, cost: int = 1) -> int:
        """Record a request of the given cost; return the remaining budget (never negative)."""
        with self._lock:
            window = self._current(key)
            if window is None:
                # The window (and its timer) starts on the first counted hit.
                window = _Window(self._clock(), 0)
                self._windows[key] = window
            window.attempts += cost
            return max(0, self.limit - window.attempts)

    def remaining(self, key: str) -> int:
        """Budget left in the current window."""
        with self._lock:
            window = self._current(key)
            return self.limit - (window.attempts if window else 0)

    def reset(self) -> None:
        """Forget every window."""
        with self._lock:
            self._windows.clear()

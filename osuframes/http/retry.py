"""When to try a request again, and how long to wait first.

Retried: 429, 500, 502, 503 and 504 answers, connection errors, timeouts, and bodies that
are truncated or not JSON. Backoff is exponential with jitter, capped at 60 s. After a 429
of an API request the rate limiter holds one back-off for the whole client (see
`osuframes.http.ratelimit`) and the retry waits only for it; the waits for 429s here serve
`/oauth/token`, whose own throttle is outside the limiter. A `Retry-After` header, when
present, is honoured instead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime

__all__ = ["RETRY_STATUSES", "RetryPolicy", "parse_retry_after"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How many times to retry and how long to wait before each retry.

    Attributes:
        max_retries: retries after the first attempt (0 disables retrying).
        base_s: first wait after a server or network failure; doubles each retry.
        rate_limited_base_s: first wait after a 429 of `/oauth/token`; doubles each retry.
        cap_s: longest wait, one server rate-limit window.
    """

    max_retries: int = 5
    base_s: float = 0.5
    rate_limited_base_s: float = 5.0
    cap_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, retry: int, *, status: int | None, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (0 for the first retry)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), 2 * self.cap_s)
        base = self.rate_limited_base_s if status == 429 else self.base_s
        ceiling = min(self.cap_s, base * 2.0**retry)
        # "Equal jitter": at least half the exponential delay, so waits still grow,
        # and a random rest, so clients that failed together do not retry together.
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds from a `Retry-After` header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)

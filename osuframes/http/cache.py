"""The response cache: JSON bodies of public GET requests, on disk, for a while.

It sits in front of the rate limiter, so a hit costs no request budget. Keys are a hash
of the API's address, whose answer it is (the application's, or one user's), the method,
path, query and `x-api-version`: never the token, which would leak into the store and
split the cache between tokens of the same user for no reason.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import diskcache

from osuframes.http.encoding import QueryParams

__all__ = ["ResponseCache"]


class ResponseCache:
    """Raw response bodies kept in a diskcache folder for `ttl_s` seconds.

    Args:
        path: the folder; by default `responses/` under the settings' cache folder.
        ttl_s: how long a body is served from the cache; None keeps it until evicted.
        size_limit_bytes: evict least recently used bodies beyond this size.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        ttl_s: float | None = 3600.0,
        size_limit_bytes: int = 2**30,
    ) -> None:
        if path is None:
            from osuframes.config import get_settings

            path = get_settings().cache_dir / "responses"
        self.path = Path(path).expanduser()
        self.ttl_s = ttl_s
        self._store = diskcache.Cache(
            str(self.path), size_limit=size_limit_bytes, eviction_policy="least-recently-used"
        )

    @staticmethod
    def key(
        base_url: str, scope: str, method: str, path: str, query: QueryParams, api_version: int
    ) -> str:
        """A stable key for one request: the API, whose answer it is, and the request.

        `scope` is `app` for answers that are the same for every token, or `user:<id>`
        for answers that may carry the user's own fields; never a token or secret.
        """
        parts = [base_url, scope, method.upper(), path, repr(query), str(api_version)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        """The cached body, or None on a miss or after expiry."""
        value = self._store.get(key)
        return value if isinstance(value, bytes) else None

    def set(self, key: str, body: bytes) -> None:
        """Keep `body` for `ttl_s` seconds."""
        self._store.set(key, body, expire=self.ttl_s)

    def clear(self) -> None:
        """Forget every cached body."""
        self._store.clear()

    def close(self) -> None:
        """Close the cache's database connection."""
        self._store.close()

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"ResponseCache(path={str(self.path)!r}, ttl_s={self.ttl_s})"

"""Token repositories: where clients keep their tokens between requests and processes.

The interface is aiosu's: async `exists/add/get/update/delete` keyed by an integer
`session_id` (0 for the application's own client-credentials token, a user id for a
login). `get` raises `TokenNotFoundError` (a `KeyError`) for an unknown session.
"""

from __future__ import annotations

import json
import os
import sqlite3
from abc import ABC, abstractmethod
from pathlib import Path

import diskcache
from pydantic import ValidationError

from osuframes.auth.token import OAuthToken
from osuframes.errors import OsuframesError

__all__ = [
    "BaseTokenRepository",
    "DiskTokenRepository",
    "SimpleTokenRepository",
    "TokenNotFoundError",
    "TokenStoreError",
]


class TokenNotFoundError(OsuframesError, KeyError):
    """No token is stored for that session id."""


class TokenStoreError(OsuframesError):
    """The token store on disk cannot be read (corrupt or not a token store)."""


class BaseTokenRepository(ABC):
    """Storage for OAuth tokens, one per session id."""

    @abstractmethod
    async def exists(self, session_id: int) -> bool:
        """Whether a token is stored for `session_id`."""

    @abstractmethod
    async def add(self, session_id: int, token: OAuthToken) -> OAuthToken:
        """Store `token` for `session_id` and return it."""

    @abstractmethod
    async def get(self, session_id: int) -> OAuthToken:
        """The token of `session_id`; `TokenNotFoundError` if there is none."""

    @abstractmethod
    async def update(self, session_id: int, token: OAuthToken) -> OAuthToken:
        """Replace the token of `session_id` and return it."""

    @abstractmethod
    async def delete(self, session_id: int) -> None:
        """Forget the token of `session_id` (no error if there is none)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class SimpleTokenRepository(BaseTokenRepository):
    """Tokens kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._tokens: dict[int, OAuthToken] = {}

    async def exists(self, session_id: int) -> bool:
        return session_id in self._tokens

    async def add(self, session_id: int, token: OAuthToken) -> OAuthToken:
        self._tokens[session_id] = token
        return token

    async def get(self, session_id: int) -> OAuthToken:
        try:
            return self._tokens[session_id]
        except KeyError:
            raise TokenNotFoundError(f"no token stored for session {session_id}") from None

    async def update(self, session_id: int, token: OAuthToken) -> OAuthToken:
        return await self.add(session_id, token)

    async def delete(self, session_id: int) -> None:
        self._tokens.pop(session_id, None)

    def __repr__(self) -> str:
        return f"SimpleTokenRepository(sessions={sorted(self._tokens)})"


class DiskTokenRepository(BaseTokenRepository):
    """Tokens stored as JSON in a diskcache folder, so they survive a restart.

    The folder is created with mode 0700 and its files with 0600: a token is a password.
    Values are JSON text, not pickles, so a store can be read (and never executes code).

    Args:
        path: the folder; by default `tokens/` under the settings' cache folder.
    """

    _DB_FILE = "cache.db"

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        if path is None:
            from osuframes.config import get_settings

            path = get_settings().cache_dir / "tokens"
        self.path = Path(path).expanduser()
        self._cache = self._open()

    def _open(self) -> diskcache.Cache:
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path.chmod(0o700)
        database = self.path / self._DB_FILE
        # SQLite gives its -wal and -shm files the mode of the database file, so creating
        # the database 0600 first keeps every file of the store private.
        database.touch(mode=0o600, exist_ok=True)
        database.chmod(0o600)
        try:
            # Values stay inside the 0600 database: diskcache would write larger ones as
            # separate files with the process's default mode.
            return diskcache.Cache(str(self.path), disk_min_file_size=2**30)
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    def _corrupt(self, exc: Exception) -> TokenStoreError:
        return TokenStoreError(
            f"the token store at {self.path} cannot be read ({type(exc).__name__}); "
            "delete that folder to start afresh (you will need to log in again)"
        )

    @staticmethod
    def _key(session_id: int) -> str:
        return f"session:{int(session_id)}"

    async def exists(self, session_id: int) -> bool:
        try:
            return self._key(session_id) in self._cache
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    async def add(self, session_id: int, token: OAuthToken) -> OAuthToken:
        try:
            self._cache.set(self._key(session_id), token.model_dump_json())
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc
        return token

    async def get(self, session_id: int) -> OAuthToken:
        try:
            raw = self._cache.get(self._key(session_id))
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc
        if raw is None:
            raise TokenNotFoundError(f"no token stored for session {session_id} in {self.path}")
        try:
            return OAuthToken.model_validate(json.loads(raw))
        except (TypeError, ValueError, ValidationError) as exc:
            raise self._corrupt(exc) from exc

    async def update(self, session_id: int, token: OAuthToken) -> OAuthToken:
        return await self.add(session_id, token)

    async def delete(self, session_id: int) -> None:
        try:
            self._cache.delete(self._key(session_id))
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    def close(self) -> None:
        """Close the store's database connection."""
        self._cache.close()

    def __repr__(self) -> str:
        return f"DiskTokenRepository(path={str(self.path)!r})"

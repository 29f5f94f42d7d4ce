"""Token repositories: where clients keep their tokens between requests and processes.

The interface is aiosu's: async `exists/add/get/update/delete` keyed by an integer
`session_id` (0 for the application's own client-credentials token, a user id for a
login). `get` raises `TokenNotFoundError` (a `KeyError`) for an unknown session.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import stat
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from pathlib import Path

import diskcache
from pydantic import ValidationError

from osuframes.auth.token import OAuthToken
from osuframes.errors import OsuframesError

try:
    import fcntl
except ImportError:  # Windows: no flock; renewals are serialised within a process only
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "BaseTokenRepository",
    "DiskTokenRepository",
    "SimpleTokenRepository",
    "TokenNotFoundError",
    "TokenStoreError",
    "refuse_unsafe_path",
]


class TokenNotFoundError(OsuframesError, KeyError):
    """No token is stored for that session id."""


class TokenStoreError(OsuframesError):
    """The token store on disk cannot be used: corrupt, a symbolic link, someone else's."""


# How long a renewal waits for another process renewing the same session.
RENEWAL_WAIT_S = 120.0


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

    def renewal(self, session_id: int) -> contextlib.AbstractAsyncContextManager[None]:
        """Held while the token of `session_id` is renewed, by every user of the store.

        Within it the renewer reads the stored token again, and refreshes (or deletes)
        only if nobody did meanwhile. Here: nothing, as a store of one process is already
        guarded by its clients; a store shared between processes locks across them.
        """
        return contextlib.nullcontext()

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
        # Checked before anything is made or chmod-ed: a planted link would otherwise
        # receive the token (and its mode) wherever it points.
        refuse_unsafe_path(self.path)
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        refuse_unsafe_path(self.path)
        for name in os.listdir(self.path):
            refuse_unsafe_path(self.path / name)
        os.chmod(self.path, 0o700)
        database = self.path / self._DB_FILE
        # SQLite gives its -wal and -shm files the mode of the database file, so creating
        # the database 0600 first keeps every file of the store private.
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | _NO_FOLLOW, 0o600))
        os.chmod(database, 0o600)
        try:
            # Values stay inside the 0600 database: diskcache would write larger ones as
            # separate files with the process's default mode.
            return diskcache.Cache(str(self.path), disk_min_file_size=2**30)
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    @contextlib.asynccontextmanager
    async def renewal(self, session_id: int) -> AsyncIterator[None]:
        """An exclusive lock on the session, across processes (`flock` on a lock file).

        Waits (without blocking the event loop) while another process renews the same
        session. Where there is no `fcntl` (Windows) renewals are serialised within each
        process only.
        """
        if fcntl is None:
            yield
            return
        lock_file = self.path / f"session-{int(session_id)}.lock"
        refuse_unsafe_path(lock_file)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o600)
        try:
            await _flock(fd, lock_file)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

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


def refuse_unsafe_path(path: Path) -> None:
    """Refuse a token store path that is a symbolic link or belongs to another user.

    A missing path passes (it is about to be made). Ownership is checked where the OS
    has user ids (not on Windows).

    Raises:
        TokenStoreError: naming the path, what is wrong and what to do.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise TokenStoreError(
            f"the token store path {path} is a symbolic link (to {os.readlink(path)!r}); "
            "a token store must be a real folder of real files, so tokens are never "
            "written where a link points. Remove the link (you will need to log in again)"
        )
    if _UID is not None and info.st_uid != _UID:
        raise TokenStoreError(
            f"the token store path {path} belongs to user id {info.st_uid}, not to you "
            f"({_UID}); a token store must be your own. Remove it, or use another "
            "cache folder (OSUFRAMES_CACHE_DIR)"
        )


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_UID: int | None = os.getuid() if hasattr(os, "getuid") else None


async def _flock(fd: int, path: Path) -> None:
    """Take an exclusive `flock` on `fd`, polling so the event loop keeps running."""
    assert fcntl is not None
    deadline = time.monotonic() + RENEWAL_WAIT_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise TokenStoreError(
                    f"another process has held {path} for over {RENEWAL_WAIT_S:g} s while "
                    "renewing the token; if none is running, delete that lock file"
                ) from None
            await asyncio.sleep(0.02)

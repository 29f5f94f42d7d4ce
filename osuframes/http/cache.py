"""The response cache: JSON bodies of public GET requests, on disk, as they came.

It sits in front of the rate limiter, so a hit costs no request budget. Each body is one
file of raw JSON bytes, `v1/<family>/<ab>/<key>.json` under the cache folder, and the
file's modification time is when it was fetched: no pickles, so any later osuframes
reads the cache an older one wrote (a new layout would get a new `v<N>` folder). A 404
is kept too, as `<key>.404` with the server's body, so a missing or restricted user is
not asked for again on every run, and an offline run fails for it the same way.

Beside a page's body, `<key>.reading` keeps what the pipeline's reader read of it (a
page's record count, ids and cursor; see `transport.KeptReader`), so a hit is served
without a second pass over the body. It starts with the body's length and CRC-32, and is
used only while they match: a body changed or cut short on disk is read again (and
dropped if it no longer decodes), never served on its old reading.

Keys are a hash of the API's address, whose answer it is (the application's, or one
user's), the method, path, query and `x-api-version`: never the token, which would leak
into the store and split the cache between tokens of the same user for no reason.

Hits and misses are counted per run (one `ResponseCache` in one process): `tally()`
reads them, and they are saved in `runs/<run>.json`, which `osuframes cache info` shows.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from osuframes.http._clock import Clock, SystemClock
from osuframes.http.encoding import QueryParams
from osuframes.http.lifetimes import CacheRule

__all__ = ["CacheEntry", "ResponseCache", "RunCounts"]

FORMAT_VERSION = 1
# Runs whose counters are kept for `osuframes cache info`.
_RUNS_KEPT = 20
# The statuses whose answers are kept: the body, and a resource that does not exist.
_STATUSES = (200, 404)
# Past its size limit, the cache forgets the oldest answers down to this share of it.
_EVICT_TO = 0.9
# Counters are written at most this often (and when the cache is closed).
_FLUSH_EVERY_S = 5.0
# The suffix of the reading kept beside a body.
_READING = ".reading"


@dataclass(frozen=True)
class CacheEntry:
    """A cached body and how old it is.

    Attributes:
        reading: what the pipeline's reader read of this very body, as it kept it (None:
            nothing kept, or kept for another body).
    """

    body: bytes
    age_s: float
    status: int = 200
    reading: bytes | None = None


@dataclass
class RunCounts:
    """What one run asked of the cache."""

    started: str
    hits: int = 0
    misses: int = 0
    dropped: int = 0


class ResponseCache:
    """Raw response bodies kept in a folder, served while their family's lifetime lasts.

    Args:
        path: the folder; by default `responses/` under the settings' cache folder.
        ttl_s: lifetimes by family that replace the declared ones (seconds).
        size_limit: bytes of bodies kept at most; past it, the answers fetched longest
            ago are forgotten down to 90% of it. None: no limit (and never for an
            offline client, which could not fetch them again).
        clock: the time source for ages (tests pass a fake one).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        ttl_s: Mapping[str, float] | None = None,
        size_limit: int | None = None,
        clock: Clock | None = None,
    ) -> None:
        if path is None:
            from osuframes.config import get_settings

            path = get_settings().cache_dir / "responses"
        self.path = Path(path).expanduser()
        self.ttl_overrides = dict(ttl_s or {})
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.size_limit = size_limit
        self._size: int | None = None  # bytes held, as far as this process knows
        self._bodies = self.path / f"v{FORMAT_VERSION}"
        self._runs = self.path / "runs"
        self._run_id = f"{int(time.time())}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._counts = RunCounts(started=datetime.now(UTC).isoformat(timespec="seconds"))
        self._lock = threading.Lock()
        self._flushed_at = 0.0
        self._dirty = False

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

    def ttl_s(self, rule: CacheRule, decoded: Callable[[], Any]) -> float:
        """Seconds an answer of `rule`'s family is served for (`decoded()` decodes it)."""
        return rule.ttl_s(decoded, self.ttl_overrides)

    def _file(self, key: str, family: str, status: int) -> Path:
        name = f"{key}.json" if status == 200 else f"{key}.{status}"
        return self._bodies / family / key[:2] / name

    def _reading_file(self, key: str, family: str) -> Path:
        return self._bodies / family / key[:2] / f"{key}{_READING}"

    def get(self, key: str, family: str) -> CacheEntry | None:
        """The cached answer and its age, however old (the caller decides if it is fresh)."""
        for status in _STATUSES:
            file = self._file(key, family, status)
            try:
                body = file.read_bytes()
                stored_at = file.stat().st_mtime
            except OSError:
                continue
            reading = _reading_of(self._reading_file(key, family), body) if status == 200 else None
            return CacheEntry(body, max(0.0, self.clock.now() - stored_at), status, reading)
        return None

    def set(
        self, key: str, family: str, body: bytes, status: int = 200, reading: bytes | None = None
    ) -> None:
        """Keep `body` (of a 200, or a 404), fetched now, and what the pipeline's reader
        read of it; each written to a temporary file, then renamed over the one it
        replaces."""
        file = self._file(key, family, status)
        file.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(file, body, self.clock.now())
        for other in _STATUSES:
            if other != status:
                self._file(key, family, other).unlink(missing_ok=True)
        if reading is None:
            self._reading_file(key, family).unlink(missing_ok=True)
        else:
            self.keep_reading(key, family, body, reading)
        if self.size_limit is not None:
            self._keep_within(self.size_limit, len(body))

    def keep_reading(self, key: str, family: str, body: bytes, reading: bytes) -> None:
        """Keep `reading`, what the reader read of the cached 200 `body`, beside it."""
        header = b"%d %d\n" % (len(body), zlib.crc32(body))
        _write_whole(self._reading_file(key, family), header + reading)

    def _keep_within(self, limit: int, added: int) -> None:
        """Count `added` bytes; past `limit`, forget the oldest answers down to 90% of it.

        The size is measured once and then counted, so a write costs no scan of the
        folder until the limit is passed (other processes' writes show at that scan).
        """
        with self._lock:
            first_scan = self._size is None
            if self._size is not None:
                self._size += added
                if self._size <= limit:
                    return
            held = sorted(self.held())  # the oldest first
            self._size = sum(size for _, size, _, _ in held)
            if first_scan and self._size <= limit:
                return
            for _, size, file, _ in held:
                if self._size <= limit * _EVICT_TO:
                    break
                _forget(file, missing_ok=True)
                self._size -= size

    def size(self) -> int:
        """Bytes of the bodies held (the readings beside them are not counted: a few
        hundred bytes each)."""
        return sum(size for _, size, _, _ in self.held())

    def held(self) -> list[tuple[float, int, Path, str]]:
        """Every cached body's modification time, size, file and family."""
        held = []
        for family, file in self.entries():
            try:
                stat = file.stat()
            except OSError:
                continue
            held.append((stat.st_mtime, stat.st_size, file, family))
        return held

    def drop(self, key: str, family: str) -> None:
        """Forget one answer (one that no longer decodes)."""
        for status in _STATUSES:
            _forget(self._file(key, family, status), missing_ok=True)
        self.count("dropped")

    def count(self, what: str) -> None:
        """Count a `hits`, `misses` or `dropped` of this run; saved now and then."""
        with self._lock:
            setattr(self._counts, what, getattr(self._counts, what) + 1)
            self._dirty = True
            due = time.monotonic() - self._flushed_at >= _FLUSH_EVERY_S
        if due:
            self.flush()

    def tally(self) -> RunCounts:
        """This run's hits, misses and dropped bodies so far (a copy; every miss is a
        request sent)."""
        with self._lock:
            return replace(self._counts)

    def flush(self) -> None:
        """Save this run's counters (kept for the last runs only)."""
        with self._lock:
            if not self._dirty:
                return
            self._dirty = False
            self._flushed_at = time.monotonic()
            record = dict(vars(self._counts), run=self._run_id)
        self._runs.mkdir(parents=True, exist_ok=True)
        _write_whole(self._runs / f"{self._run_id}.json", json.dumps(record).encode())
        for old in sorted(self._runs.glob("*.json"), key=_mtime)[:-_RUNS_KEPT]:
            old.unlink(missing_ok=True)

    def runs(self) -> list[dict[str, Any]]:
        """The counters of the last runs, oldest first."""
        records = []
        for file in sorted(self._runs.glob("*.json"), key=_mtime):
            try:
                records.append(json.loads(file.read_bytes()))
            except (OSError, ValueError):
                continue
        return records

    def entries(self, family: str | None = None) -> Iterator[tuple[str, Path]]:
        """Every cached body's family and file."""
        for folder, file in self._files(family):
            if file.suffix != _READING:
                yield folder, file

    def _files(self, family: str | None) -> Iterator[tuple[str, Path]]:
        """Every body and reading (not a file still being written), with its family."""
        folders = [self._bodies / family] if family else sorted(self._bodies.glob("*"))
        for folder in folders:
            for file in folder.glob("*/*"):
                if not file.name.startswith("."):
                    yield folder.name, file

    def clear(self, *, older_than_s: float | None = None, family: str | None = None) -> int:
        """Forget cached bodies (all, or those older than `older_than_s` or of one family),
        with their readings, and any reading whose body is gone (a run killed between the
        two deletes, or an osuframes that did not know readings, left it).

        Returns how many bodies were removed.
        """
        now = self.clock.now()
        removed = 0
        for _, file in list(self._files(family)):
            try:
                if file.suffix == _READING:
                    if not file.with_suffix(".json").exists():
                        file.unlink()
                elif older_than_s is None or now - file.stat().st_mtime > older_than_s:
                    _forget(file)
                    removed += 1
            except OSError:
                continue
        return removed

    def close(self) -> None:
        """Save this run's counters."""
        self.flush()

    def __len__(self) -> int:
        return sum(1 for _ in self.entries())

    def __repr__(self) -> str:
        return f"ResponseCache(path={str(self.path)!r})"


def _write_whole(file: Path, data: bytes, mtime: float | None = None) -> None:
    """Write `data` to a temporary file beside `file`, then rename it over `file`."""
    partial = file.with_name(f".{file.name}.{uuid.uuid4().hex}.partial")
    try:
        partial.write_bytes(data)
        if mtime is not None:
            os.utime(partial, (mtime, mtime))
        partial.replace(file)
    finally:
        partial.unlink(missing_ok=True)


def _reading_of(file: Path, body: bytes) -> bytes | None:
    """The reading kept in `file`, if it was kept for exactly `body`."""
    try:
        header, reading = file.read_bytes().split(b"\n", 1)
    except (OSError, ValueError):
        return None
    if header != b"%d %d" % (len(body), zlib.crc32(body)):
        return None
    return reading


def _forget(body: Path, *, missing_ok: bool = False) -> None:
    """Delete a cached body and the reading kept beside it."""
    body.unlink(missing_ok=missing_ok)
    body.with_suffix(_READING).unlink(missing_ok=True)


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0

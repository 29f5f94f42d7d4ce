"""The sync face: one background event loop that every blocking call runs on.

A notebook already runs an event loop in its main thread, so the sync face never calls
`asyncio.run` in the caller's thread. Instead one daemon thread runs one long-lived loop
(the *portal*), coroutines are handed to it with `run_coroutine_threadsafe`, and the
caller blocks on the result. Any thread may call at once; errors raised on the loop are
raised again in the caller's thread; Ctrl-C in the caller cancels the coroutine. At exit
the clients still open are closed and the loop is stopped.

`SyncClient` is built from `Client` by one generic mechanism: every public coroutine
method of `Client` becomes a blocking method of the same name and signature.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import inspect
import os
import threading
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from types import TracebackType
from typing import Any, ParamSpec, Self, TypeVar

from osuframes.client import Client
from osuframes.config import get_settings
from osuframes.events import EventHandler
from osuframes.http.transport import LEFT_BY_PARENT

__all__ = ["Portal", "SyncClient", "portal"]

_T = TypeVar("_T")
_P = ParamSpec("_P")


class Portal:
    """One event loop on a daemon thread, started on first use."""

    def __init__(self, name: str = "osuframes-portal") -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closers: weakref.WeakSet[Any] = weakref.WeakSet()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The portal's loop, starting its thread if needed."""
        with self._lock:
            if self._loop is None or self._loop.is_closed():
                ready = threading.Event()
                loop = asyncio.new_event_loop()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()

                self._thread = threading.Thread(target=run, name=self._name, daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    def call(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """Run `coroutine` on the portal and block until it is done; returns its result."""
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise RuntimeError(
                "a blocking osuframes call was made from inside the portal's own loop; "
                "use the async Client there instead"
            )
        future: Future[_T] = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            result: _T = future.result()
        except BaseException:
            # KeyboardInterrupt (or any error in waiting) cancels the work on the loop.
            future.cancel()
            raise
        return result

    def after_fork_in_child(self) -> None:
        """In a forked child, where the parent's portal thread does not exist: start afresh.

        Without this the child hands its coroutines to a loop nobody runs and waits
        forever. The parent's loop is kept referenced, never closed here (its selector and
        connections are the parent's); tracked clients open new connections.
        """
        LEFT_BY_PARENT.append(self._loop)
        self._lock = threading.Lock()
        self._loop = self._thread = None
        for resource in list(self._closers):
            resource.after_fork_in_child()

    def track(self, resource: Any) -> None:
        """Close `resource` (a `Client`) at shutdown if still open; reset it after a fork."""
        self._closers.add(resource)

    def close(self) -> None:
        """Close tracked resources, stop the loop and join its thread."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None or loop.is_closed():
            return
        resources = list(self._closers)

        async def shutdown() -> None:
            await asyncio.gather(*(r.aclose() for r in resources), return_exceptions=True)

        try:
            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()


portal = Portal()
atexit.register(portal.close)
os.register_at_fork(after_in_child=portal.after_fork_in_child)


def _blocking(method: Callable[_P, Awaitable[_T]]) -> Callable[..., _T]:
    """A blocking twin of `Client.method`, with the same name, signature and docstring."""
    name = method.__name__

    @functools.wraps(method)
    def call(self: SyncClient, *args: Any, **kwargs: Any) -> _T:
        coroutine: Coroutine[Any, Any, _T] = getattr(self._client, name)(*args, **kwargs)
        return self._portal.call(coroutine)

    return call


class SyncClient:
    """A blocking `Client`: the same methods and arguments, no `await`.

    Every call runs on the shared portal loop, so it works in scripts, in threads and
    inside Jupyter (where a loop is already running). Unlike a bare `Client`, it uses
    the response cache of its settings unless told otherwise (`cache=False`, or the
    setting `cache`: `configure(cache=False)`, `OSUFRAMES_CACHE=0`).

    Example:
        >>> with SyncClient(client_id=123, client_secret="...") as client:
        ...     token = client.get_current_token()
    """

    def __init__(self, **kwargs: Any) -> None:
        self._portal = portal
        if kwargs.get("cache") is None:
            settings = kwargs.get("settings") or get_settings()
            kwargs["cache"] = settings.cache

        async def build() -> Client:
            return Client(**kwargs)

        self._client = self._portal.call(build())
        self._portal.track(self._client)

    @classmethod
    def wrapping(cls, client: Client) -> SyncClient:
        """A blocking face for an existing, unused `Client` (it then runs on the portal)."""
        self = cls.__new__(cls)
        self._portal = portal
        self._client = client
        self._portal.track(client)
        return self

    @property
    def client(self) -> Client:
        """The async client behind this face."""
        return self._client

    def on_client_update(self, handler: EventHandler) -> EventHandler:
        """Register a handler for token changes; see `Client.on_client_update`."""
        return self._client.on_client_update(handler)

    def close(self) -> None:
        """Close the client's connections."""
        self._portal.call(self._client.aclose())

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Sync{self._client!r}"


# Methods of Client that have a different sync spelling (or none).
_NOT_MIRRORED = frozenset({"aclose", "from_authorization_code"})

for _name, _method in inspect.getmembers(Client, inspect.iscoroutinefunction):
    if not _name.startswith("_") and _name not in _NOT_MIRRORED:
        setattr(SyncClient, _name, _blocking(_method))

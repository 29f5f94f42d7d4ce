"""The client the notebook functions use when none is given, and the offline sandbox."""

from __future__ import annotations

import atexit
import os
import threading
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from osuframes.client import Client
from osuframes.config import Settings, configure, get_settings, on_configure
from osuframes.http.transport import LEFT_BY_PARENT
from osuframes.sync import SyncClient

if TYPE_CHECKING:
    from osuframes.sandbox import SandboxInfo

__all__ = ["default_client", "login_client", "use_sandbox"]

_lock = threading.Lock()
_clients: dict[tuple[Settings, str], SyncClient] = {}
_sandboxes = ExitStack()
# Stop sandboxes while the interpreter is still whole: left to garbage collection at
# shutdown, their server thread may already be gone and the stop would wait forever.
atexit.register(_sandboxes.close)


def default_client() -> SyncClient:
    """The shared client of the current settings (`configure()` or the environment).

    Raises:
        ConfigError: when no credentials are set (and not offline, where none are
            needed); the message says what to set.
    """
    settings = get_settings()
    if not settings.offline:
        settings.require_credentials()
    with _lock:
        client = _clients.get((settings, "app"))
        if client is None:
            client = SyncClient(settings=settings)
            _clients[(settings, "app")] = client
        return client


def login_client() -> SyncClient:
    """The shared client of the current login (`osuframes login`), for user endpoints.

    Raises:
        LoginError: when nobody is logged in; the message says to run `osuframes login`.
    """
    settings = get_settings()
    if not settings.offline:
        settings.require_credentials()
    with _lock:
        client = _clients.get((settings, "login"))
        if client is None:
            client = SyncClient.wrapping(Client.login_session(settings))
            _clients[(settings, "login")] = client
        return client


def _forget_clients(_: Settings) -> None:
    with _lock:
        stale = list(_clients.values())
        _clients.clear()
    for client in stale:
        client.close()


on_configure(_forget_clients)


def _after_fork_in_child() -> None:
    """In a forked child: build default clients afresh, and leave the parent's sandbox be.

    The parent's clients and sandboxes are kept referenced, never closed here: their
    connections and server threads belong to the parent (stopping a sandbox whose
    thread is not in this process would wait forever at exit).
    """
    global _lock
    _lock = threading.Lock()
    LEFT_BY_PARENT.extend([list(_clients.values()), _sandboxes.pop_all()])
    _clients.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def use_sandbox(**options: Any) -> SandboxInfo:
    """Start the offline sandbox API in the background and point the defaults at it.

    For notebooks and trials without credentials or network: every notebook function
    then talks to a local osu! API v2 with a synthetic world. Its rate limit (1200
    requests a minute per token, like the real server) is used as the client's too.

    Args:
        options: keywords of `osuframes.sandbox.run` (`seed`, `latency_ms`, …).

    Example:
        >>> of.use_sandbox()
        >>> of.rankings("osu", "performance").head()
    """
    from osuframes import sandbox

    info = _sandboxes.enter_context(sandbox.run(**options))
    configure(
        base_url=info.base_url,
        client_id=info.client_id,
        client_secret=info.client_secret,
        rate_limit=(options.get("rate_limit", 1200), options.get("window_s", 60.0)),
    )
    return info

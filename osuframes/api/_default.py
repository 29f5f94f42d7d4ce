"""The client the notebook functions use when none is given, and the offline sandbox."""

from __future__ import annotations

import atexit
import os
import threading
from contextlib import ExitStack
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from osuframes.api._sandbox import log_in_test_user
from osuframes.auth.login import current_login
from osuframes.client import Client
from osuframes.config import Settings, configure, get_settings, on_configure
from osuframes.http.transport import LEFT_BY_PARENT
from osuframes.sync import SyncClient, portal

if TYPE_CHECKING:
    from osuframes.sandbox import SandboxInfo

__all__ = ["default_client", "login_client", "use_sandbox"]

_lock = threading.Lock()
_clients: dict[tuple[Settings, str], SyncClient] = {}
_sandboxes = ExitStack()
_running: tuple[dict[str, Any], SandboxInfo, Path] | None = None
"""The running sandbox: the options it was started with, its info, its cache folder."""
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
    global _lock, _running
    _lock = threading.Lock()
    _running = None
    LEFT_BY_PARENT.extend([list(_clients.values()), _sandboxes.pop_all()])
    _clients.clear()


os.register_at_fork(after_in_child=_after_fork_in_child)


def use_sandbox(*, login: bool = False, **options: Any) -> SandboxInfo:
    """Start the offline sandbox API in the background and point the defaults at it.

    For notebooks and trials without credentials or network: every notebook function
    then talks to a local osu! API v2 with a synthetic world. Its rate limit (1200
    requests a minute per token, like the real server) is used as the client's too.
    Called again with the same options, it reuses the running sandbox (a notebook cell
    run twice starts no second server); with other options it replaces it.

    The sandbox gets a cache folder of its own (removed at exit), so its responses and
    its login never mix with those of the real API.

    Args:
        login: also log the sandbox's test user in (its test authorization code), so
            `me()`, friends and chat work offline.
        options: keywords of `osuframes.sandbox.run` (`seed`, `latency_ms`, …).

    Example:
        >>> of.use_sandbox(login=True)
        >>> of.me().username
    """
    global _running
    from osuframes import sandbox

    with _lock:
        if _running is None or _running[0] != options:
            _sandboxes.close()
            info = _sandboxes.enter_context(sandbox.run(**options))
            made = _sandboxes.enter_context(TemporaryDirectory(prefix="osuframes-sandbox-"))
            _running = (dict(options), info, Path(made))
        _, info, folder = _running
    configure(
        base_url=info.base_url,
        client_id=info.client_id,
        client_secret=info.client_secret,
        rate_limit=(options.get("rate_limit", 1200), options.get("window_s", 60.0)),
        cache_dir=folder,
    )
    if login and current_login() is None:
        portal.call(log_in_test_user(get_settings()))
    return info

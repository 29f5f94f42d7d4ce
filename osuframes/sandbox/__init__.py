"""A local osu! API v2 server for offline runs, notebooks, tests and benchmarks.

It behaves like osu.ppy.sh as described in `osu-api-v2-spec.md`: OAuth grants and
error bodies, the per-token fixed-window throttle, cursor/offset/page paging, the
`x-api-version` score formats, and a deterministic synthetic world (seeded).

Example:
    >>> from osuframes.sandbox import run
    >>> with run(seed=1) as (base_url, client_id, client_secret):
    ...     pass  # point a client at base_url with these credentials

Credentials are fixed: client id `CLIENT_ID` (1), secret `CLIENT_SECRET`, and the
authorization code `AUTH_CODE`, which yields a user token for `TEST_USER_ID`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import NamedTuple

from .faults import FAULT_KINDS, Faults
from .oauth import AUTH_CODE, CLIENT_ID, CLIENT_SECRET, TEST_USER_ID
from .server import SandboxServer, Stats
from .world import World

__all__ = [
    "AUTH_CODE",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "FAULT_KINDS",
    "TEST_USER_ID",
    "Faults",
    "SandboxInfo",
    "SandboxServer",
    "Stats",
    "World",
    "run",
    "serve",
]


class _Info(NamedTuple):
    base_url: str
    client_id: int
    client_secret: str


class SandboxInfo(_Info):
    """Where the sandbox listens and how to log in; also `.world` and `.server`.

    Unpacks as `(base_url, client_id, client_secret)`.
    """

    world: World
    server: SandboxServer
    auth_code: str
    user_id: int

    def __new__(cls, server: SandboxServer) -> SandboxInfo:
        """Describe a running server."""
        self = super().__new__(cls, server.base_url, CLIENT_ID, CLIENT_SECRET)
        self.world = server.world
        self.server = server
        self.auth_code = AUTH_CODE
        self.user_id = TEST_USER_ID
        return self

    def __repr__(self) -> str:
        return (
            f"SandboxInfo(base_url={self.base_url!r}, client_id={self.client_id!r}, "
            "client_secret='[sandbox]')"
        )


def _server(
    host: str,
    port: int,
    seed: int,
    latency_ms: float,
    rate_limit: int,
    window_s: float,
    fault_rate: float,
    token_ttl: float,
) -> SandboxServer:
    return SandboxServer(
        host,
        port,
        seed=seed,
        latency_ms=latency_ms,
        rate_limit=rate_limit,
        window_s=window_s,
        fault_rate=fault_rate,
        token_ttl=token_ttl,
    )


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int = 1,
    latency_ms: float = 0.0,
    rate_limit: int = 1200,
    window_s: float = 60.0,
    fault_rate: float = 0.0,
    token_ttl: float = 86400,
    on_ready: Callable[[SandboxInfo], None] | None = None,
) -> None:
    """Serve until KeyboardInterrupt; `on_ready` gets the SandboxInfo once listening.

    Args:
        host: Interface to bind (loopback by default).
        port: TCP port; 0 picks a free one (read it from the SandboxInfo).
        seed: Seed of the synthetic world.
        latency_ms: Delay added to every response.
        rate_limit: Requests (cost) allowed per token per window, like osu-web's 1200/min.
        window_s: Length of the fixed throttle window in seconds.
        fault_rate: Fraction of API requests answered with a random fault.
        token_ttl: Access-token lifetime in seconds (`expires_in`).
        on_ready: Called once with the SandboxInfo, e.g. to print the base URL.
    """
    server = _server(host, port, seed, latency_ms, rate_limit, window_s, fault_rate, token_ttl)
    try:
        if on_ready is not None:
            on_ready(SandboxInfo(server))
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@contextlib.contextmanager
def run(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int = 1,
    latency_ms: float = 0.0,
    rate_limit: int = 1200,
    window_s: float = 60.0,
    fault_rate: float = 0.0,
    token_ttl: float = 86400,
) -> Iterator[SandboxInfo]:
    """Run the sandbox in a background thread for the duration of a `with` block.

    Takes the keywords of `serve` (without on_ready) and yields a SandboxInfo.
    """
    server = _server(host, port, seed, latency_ms, rate_limit, window_s, fault_rate, token_ttl)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="osuframes-sandbox",
        daemon=True,
    )
    thread.start()
    try:
        yield SandboxInfo(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

"""`timeout_s` is a deadline for the whole request, not for each read."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from osuframes import Client
from osuframes.auth.token import OAuthToken
from osuframes.errors import NetworkError

DRIBBLE_FOR_S = 30.0


def _dribble(listener: socket.socket, stop: threading.Event) -> None:
    """Answer each connection with headers, then one body byte every 0.2 s."""
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            conn.sendall(b"Content-Length: 1000\r\n\r\n")
            ends = time.monotonic() + DRIBBLE_FOR_S
            while time.monotonic() < ends and not stop.is_set():
                try:
                    conn.sendall(b" ")
                except OSError:
                    break  # the client gave up: the behaviour under test
                time.sleep(0.2)


@pytest.fixture
def dribbling_url() -> Iterator[str]:
    """A loopback HTTP server that never finishes an answer, a byte at a time."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(None)
    stop = threading.Event()
    thread = threading.Thread(target=_dribble, args=(listener, stop), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()
    thread.join(timeout=5)


@pytest.mark.parametrize("stage", ["api request", "token request"])
async def test_a_dribbling_server_cannot_hold_a_request_past_timeout(
    dribbling_url: str, stage: str
) -> None:
    token = OAuthToken(
        access_token="a", expires_in=86400, expires_on=datetime.now(UTC) + timedelta(days=1)
    )
    client = Client(
        base_url=dribbling_url,
        client_id=1,
        client_secret="s",
        token=token if stage == "api request" else None,
        timeout=1,
        max_retries=0,
        limiter=(1000, 1),
    )
    started = time.monotonic()
    async with client:
        with pytest.raises(NetworkError, match="no complete answer within 1 s"):
            await client.get_user(2)
    # Far below the 30 s the server would keep going, far above 1 s: not a speed test.
    assert time.monotonic() - started < DRIBBLE_FOR_S / 2

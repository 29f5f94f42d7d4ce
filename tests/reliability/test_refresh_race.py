"""Processes sharing a token store refresh one at a time and never lose the login."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
import warnings
from pathlib import Path

from osuframes import Client
from osuframes.auth.repository import DiskTokenRepository
from osuframes.sandbox import AUTH_CODE, run

PROCESSES = 4
RUN_S = 5.0
TOKEN_TTL_S = 1.0


def _keep_renewing(store: Path, base_url: str, secret: str, session_id: int) -> str:
    """Ask for a valid token for `RUN_S` seconds (it expires every second); say how it went."""

    async def go() -> int:
        repository = DiskTokenRepository(store)
        try:
            async with Client(
                token_repository=repository,
                session_id=session_id,
                base_url=base_url,
                client_id=1,
                client_secret=secret,
                limiter=(100_000, 60),
            ) as client:
                renewals = 0
                ends = time.monotonic() + RUN_S
                last = None
                while time.monotonic() < ends:
                    token = await client.get_current_token()
                    renewals += token.access_token != last
                    last = token.access_token
                    await asyncio.sleep(0.01)
                return renewals
        finally:
            repository.close()

    try:
        return f"ok {asyncio.run(go())}"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def test_processes_sharing_a_store_keep_the_login(tmp_path: Path) -> None:
    store = tmp_path / "tokens"
    with run(token_ttl=TOKEN_TTL_S) as info:

        async def log_in() -> int:
            repository = DiskTokenRepository(store)
            client = await Client.from_authorization_code(
                AUTH_CODE,
                "http://127.0.0.1/callback",
                token_repository=repository,
                base_url=info.base_url,
                client_id=info.client_id,
                client_secret=info.client_secret,
            )
            await client.aclose()
            repository.close()
            return client.session_id

        session_id = asyncio.run(log_in())
        work = [(store, info.base_url, info.client_secret, session_id)] * PROCESSES
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
            with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
                outcomes = pool.starmap_async(_keep_renewing, work).get(timeout=RUN_S + 60)
        refreshes = info.server.stats.token_requests
    assert all(outcome.startswith("ok") for outcome in outcomes), outcomes
    assert asyncio.run(DiskTokenRepository(store).exists(session_id))
    # Each refresh served every process: far fewer than one per process per second.
    assert refreshes <= 1 + (RUN_S / TOKEN_TTL_S + 2) * 2, refreshes

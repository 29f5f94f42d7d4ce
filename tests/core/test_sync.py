"""The sync face: works inside a running event loop, from many threads, and shuts down."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from osuframes import Client, NotFound, SyncClient
from osuframes.sync import Portal
from tests.conftest import CLIENT_ID, CLIENT_SECRET, MockAPI


def sync_client(api: MockAPI, **options) -> SyncClient:
    return SyncClient(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=api.transport,
        limiter=(1000, 1),
        **options,
    )


def test_sync_client_works_inside_a_running_event_loop(api: MockAPI):
    async def notebook_cell() -> str:
        # Jupyter runs cells inside a loop; a blocking call must not need asyncio.run.
        asyncio.get_running_loop()
        with sync_client(api) as client:
            return client.get_current_token().access_token

    assert asyncio.run(notebook_cell()) == "access-1"


def test_sync_client_from_eight_threads_at_once(api: MockAPI):
    api.json_route("DELETE", "/api/v2/oauth/tokens/current", {})
    with sync_client(api) as client, ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(lambda _: client.get_current_token().access_token, range(64)))
    assert set(tokens) == {"access-1"}
    assert api.tokens_issued == 1


def test_errors_on_the_loop_are_raised_in_the_caller(api: MockAPI):
    api.json_route("DELETE", "/api/v2/oauth/tokens/current", {"error": None}, status=404)
    with sync_client(api, max_retries=0) as client, pytest.raises(NotFound):
        client.revoke_token()


def test_sync_client_mirrors_every_public_client_method():
    def public(cls) -> dict[str, inspect.Signature]:
        return {
            name: inspect.signature(member)
            for name, member in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_")
        }

    async_methods = {n: s for n, s in public(Client).items() if n != "aclose"}
    sync_methods = public(SyncClient)
    for name, signature in async_methods.items():
        assert name in sync_methods, f"SyncClient lacks {name}"
        assert sync_methods[name] == signature, name
    assert set(sync_methods) - set(async_methods) == {"close"}


def test_portal_runs_one_loop_on_one_thread_and_closes():
    portal = Portal(name="test-portal")

    async def where() -> tuple[int, int]:
        return threading.get_ident(), id(asyncio.get_running_loop())

    first, second = portal.call(where()), portal.call(where())
    assert first == second and first[0] != threading.get_ident()
    portal.close()
    assert not any(t.name == "test-portal" for t in threading.enumerate())


def test_interpreter_exits_cleanly_with_a_client_open():
    script = textwrap.dedent(
        """
        import httpx
        from osuframes import SyncClient
        def handler(request):
            return httpx.Response(200, json={"access_token": "a", "expires_in": 60})
        client = SyncClient(client_id=1, client_secret="s", base_url="https://osu.test",
                            transport=httpx.MockTransport(handler), limiter=(100, 1))
        print(client.get_current_token().expires_in)
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60"
    assert result.stderr == ""


def test_a_blocking_call_from_the_portal_thread_is_refused():
    portal = Portal(name="test-portal-2")

    async def inner() -> None:
        async def noop() -> None:
            return None

        portal.call(noop())

    with pytest.raises(RuntimeError, match="inside the portal"):
        portal.call(inner())
    portal.close()


def test_mock_transport_is_not_shared_between_threads_by_accident(api: MockAPI):
    # The handler records every request, including the token request, exactly once.
    with sync_client(api) as client:
        client.get_current_token()
    assert [r.url.path for r in api.requests] == ["/oauth/token"]
    assert isinstance(api.requests[0], httpx.Request)

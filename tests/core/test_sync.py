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
from osuframes.sync import Portal, portal
from tests.conftest import MockAPI
from tests.conftest import mock_sync_client as sync_client


def test_sync_client_works_inside_a_running_event_loop(api: MockAPI):
    async def notebook_cell() -> str:
        # Jupyter runs cells inside a loop; a blocking call must not need asyncio.run.
        asyncio.get_running_loop()
        with sync_client(api) as client:
            return client.get_current_token().access_token

    assert asyncio.run(notebook_cell()) == "access-1"


def test_sync_client_from_eight_threads_at_once(api: MockAPI):
    with sync_client(api) as client, ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(lambda _: client.get_current_token().access_token, range(64)))
    assert set(tokens) == {"access-1"}
    assert api.tokens_issued == 1


def test_errors_on_the_loop_are_raised_in_the_caller(api: MockAPI):
    api.json_route("DELETE", "/api/v2/oauth/tokens/current", {"error": None}, status=404)
    with sync_client(api, max_retries=0) as client, pytest.raises(NotFound):
        client.revoke_token()


def test_sync_client_mirrors_every_public_client_method():
    # `inspect.signature` follows `__wrapped__`, so comparing signatures would compare
    # each Client method with itself; check what each SyncClient method wraps instead.
    mirrored = {
        name: method
        for name, method in inspect.getmembers(Client, inspect.iscoroutinefunction)
        if not name.startswith("_")
        and name != "aclose"
        and not isinstance(inspect.getattr_static(Client, name), classmethod)
    }
    assert {"get_user", "get_current_token", "revoke_token"} <= set(mirrored)
    assert "from_authorization_code" not in mirrored
    for name, method in mirrored.items():
        blocking = inspect.getattr_static(SyncClient, name, None)
        assert inspect.isfunction(blocking), f"SyncClient lacks {name}"
        assert not inspect.iscoroutinefunction(blocking), name
        assert blocking.__wrapped__ is method, name
    plain = {n for n, _ in inspect.getmembers(SyncClient, inspect.isfunction) if n[0] != "_"}
    assert plain - set(mirrored) == {"close", "on_client_update"}


def test_a_sync_call_returns_what_the_client_call_awaits_to(api: MockAPI):
    api.json_route("GET", "/api/v2/users/2", {"id": 2, "username": "peppy"})
    with sync_client(api) as client:
        blocking = client.get_user(2)
        awaited = portal.call(client.client.get_user(2))
    assert type(blocking) is type(awaited) and blocking == awaited
    assert blocking.username == "peppy"


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


def test_each_thread_gets_the_answer_to_its_own_request(api: MockAPI):
    def user(request: httpx.Request) -> httpx.Response:
        user_id = int(request.url.path.rsplit("/", 1)[1])
        return httpx.Response(200, json={"id": user_id, "username": f"user{user_id}"})

    ids = range(1, 33)
    for user_id in ids:
        api.route("GET", f"/api/v2/users/{user_id}", user)
    with sync_client(api) as client, ThreadPoolExecutor(8) as pool:
        names = list(pool.map(lambda user_id: client.get_user(user_id).username, ids))
    assert names == [f"user{user_id}" for user_id in ids]
    paths = sorted(r.url.path for r in api.api_requests())
    assert paths == sorted(f"/api/v2/users/{user_id}" for user_id in ids)

"""Conformance harness: serve a recorded response to a Client method and check the result.

Each endpoint test module lists `CASES`: which fixture answers which method call, the
request the call must send, and what must read back. `test_fixture_coverage.py` checks
that the cases of all modules account for every fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from osuframes import NotFound
from tests.conftest import FIXTURES, MockAPI

USER_SCOPES = (
    "public",
    "identify",
    "friends.read",
    "chat.read",
    "chat.write",
    "chat.write_manage",
    "forum.write",
)


@dataclass(frozen=True)
class Case:
    """One fixture served to one method call.

    Attributes:
        fixture: the file in ../shared/fixtures/osu-api-v2.
        method: the `Client` method name.
        args / kwargs: the call.
        http: the request it must send, `"GET /api/v2/..."`.
        query: the query it must send (every key; lists for repeated keys).
        body: the JSON body it must send, when any.
        check: assertions on the parsed result.
        user: call with a user's login token instead of an application token.
        api_version: the x-api-version header it must send, when it matters.
    """

    fixture: str
    method: str
    http: str
    args: Sequence[Any] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    check: Callable[[Any], None] | None = None
    user: bool = False
    api_version: int | None = None

    @property
    def id(self) -> str:
        return self.fixture.removesuffix(".json")


def user_token() -> Any:
    from osuframes import OAuthToken

    return OAuthToken(
        access_token="user-token", refresh_token="r", expires_in=86400, scopes=USER_SCOPES
    )


def query_of(request: httpx.Request) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in request.url.params.multi_items():
        if key.endswith("[]"):
            out.setdefault(key, []).append(value)
        else:
            out[key] = value
    return out


async def run_case(case: Case, api: MockAPI, make_client: Callable[..., Any]) -> Any:
    """Serve the fixture, call the method on a strict client, check the request."""
    path = FIXTURES / case.fixture
    if not path.exists():
        pytest.skip(f"recorded fixtures not found at {FIXTURES}")
    method, route = case.http.split(" ", 1)
    status = 404 if case.fixture.endswith("_404.json") else 200
    api.route(method, route, httpx.Response(status, content=path.read_bytes()))
    options: dict[str, Any] = {"strict": True, "max_retries": 0}
    if case.user:
        options |= {"token": user_token(), "session_id": 2}
    client = make_client(**options)
    call = getattr(client, case.method)(*case.args, **case.kwargs)
    if status == 404:
        with pytest.raises(NotFound) as info:
            await call
        assert info.value.status == 404 and info.value.url.startswith(route)
        result = None
    else:
        result = await call
        if case.check is not None:
            case.check(result)
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == (method, route)
    assert query_of(request) == {k: v for k, v in case.query.items()}
    if case.body is not None:
        import json

        assert json.loads(request.content) == case.body
    if case.api_version is not None:
        assert request.headers["x-api-version"] == str(case.api_version)
    return result


def cases_param(cases: Sequence[Case]) -> Any:
    return pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])

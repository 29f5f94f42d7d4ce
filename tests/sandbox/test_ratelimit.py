"""The throttle: fixed window per token, cost per request, 429 without Retry-After (spec §3)."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from osuframes.sandbox import SandboxInfo
from osuframes.sandbox.server import Stats

from .conftest import api_client


def test_normal_responses_carry_the_ratelimit_headers(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=10)
    with api_client(info) as c:
        first, second = c.get("users/2"), c.get("users/999999")
    assert (
        first.headers["X-RateLimit-Limit"] == "10" and first.headers["X-RateLimit-Remaining"] == "9"
    )
    assert second.status_code == 404 and second.headers["X-RateLimit-Remaining"] == "8"


def test_over_the_limit_is_429_without_retry_after(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=3)
    with api_client(info) as c:
        statuses = [c.get("spotlights").status_code for _ in range(5)]
        last = c.get("spotlights")
    assert statuses == [200, 200, 200, 429, 429]
    assert last.json() == {"error": "Too Many Attempts."}
    assert not any(h.lower().startswith(("retry-after", "x-ratelimit")) for h in last.headers)
    assert info.server.stats.throttled == 3


def test_users_ids_cost_the_number_of_ids(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=100)
    with api_client(info) as c:
        response = c.get("users", params=[("ids[]", i) for i in range(1, 31)])
        assert response.headers["X-RateLimit-Remaining"] == "70"
        variant = c.get(
            "users", params=[("ids[]", 1), ("ids[]", 2), ("include_variant_statistics", "true")]
        )
        assert variant.headers["X-RateLimit-Remaining"] == "64"


def test_one_expensive_request_can_overshoot_then_everything_is_429(
    fresh: Callable[..., SandboxInfo],
) -> None:
    info = fresh(rate_limit=5)
    with api_client(info) as c:
        assert (
            c.get("users", params=[("ids[]", i) for i in range(1, 11)]).status_code == 200
        )  # checked first
        assert c.get("users/2").status_code == 429


def test_the_window_resets_after_window_s(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=2, window_s=0.3)
    with api_client(info) as c:
        assert [c.get("spotlights").status_code for _ in range(3)] == [200, 200, 429]
        time.sleep(0.35)
        assert c.get("spotlights").status_code == 200


def test_each_token_has_its_own_bucket(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=1)
    with api_client(info) as a, api_client(info) as b:
        assert [a.get("spotlights").status_code, a.get("spotlights").status_code] == [200, 429]
        assert b.get("spotlights").status_code == 200


def test_401s_are_not_counted(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(rate_limit=2)
    for _ in range(5):
        assert httpx.get(info.base_url + "/api/v2/users/2").status_code == 401
    with api_client(info) as c:
        assert c.get("users/2").headers["X-RateLimit-Remaining"] == "1"


def test_the_limit_can_change_at_run_time(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh()
    info.server.set_rate_limit(1)
    with api_client(info) as c:
        assert [c.get("spotlights").status_code for _ in range(2)] == [200, 429]


def test_arrivals_are_recorded_per_token_refused_ones_too(
    fresh: Callable[..., SandboxInfo],
) -> None:
    info = fresh(rate_limit=2)
    with api_client(info) as a, api_client(info) as b:
        statuses = [a.get("spotlights").status_code for _ in range(3)] + [
            b.get("spotlights").status_code
        ]
    stats = info.server.stats
    assert statuses == [200, 200, 429, 200]
    assert len(stats.arrival_times()) == 4 and len(stats.arrivals) == 2
    assert list(stats.refused_at) == [stats.arrival_times()[2]]
    assert stats.busiest_window(60.0) == 4
    assert stats.busiest_window(60.0, since=stats.arrival_times()[1]) == 3


def test_the_busiest_window_is_half_open() -> None:
    stats = Stats()
    for at in (0.0, 0.5, 1.0, 1.4, 1.9, 3.0):
        stats.arrived("token:1", at)
    assert stats.busiest_window(1.0) == 3  # [1.0, 2.0) holds 1.0, 1.4, 1.9; 0.0 is out
    assert stats.busiest_window(0.1) == 1

"""Faults on demand and latency, so retry code can be tested deterministically."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from osuframes.sandbox import SandboxInfo

from .conftest import api_client


def test_injected_500_answers_error_null_for_the_next_requests_only(
    fresh: Callable[..., SandboxInfo],
) -> None:
    info = fresh()
    info.server.faults.inject("500", count=2)
    with api_client(info) as c:
        responses = [c.get("spotlights") for _ in range(3)]
    assert [r.status_code for r in responses] == [500, 500, 200]
    assert responses[0].json() == {"error": None}
    assert info.server.stats.faults["500"] == 2


@pytest.mark.parametrize("kind", ["502", "503"])
def test_gateway_faults_answer_html(fresh: Callable[..., SandboxInfo], kind: str) -> None:
    info = fresh()
    info.server.faults.inject(kind)
    with api_client(info) as c:
        response = c.get("spotlights")
    assert response.status_code == int(kind)
    assert response.headers["Content-Type"].startswith("text/html") and "<html>" in response.text


def test_reset_closes_the_connection_without_a_response(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh()
    info.server.faults.inject("reset")
    with api_client(info) as c:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            c.get("spotlights")
        assert c.get("spotlights").status_code == 200


def test_truncate_sends_less_body_than_content_length(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh()
    info.server.faults.inject("truncate")
    with api_client(info) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("spotlights")
        assert c.get("spotlights").status_code == 200


def test_slow_fault_delays_one_response(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh()
    info.server.faults.inject("slow", slow_s=0.3)
    with api_client(info) as c:
        with pytest.raises(httpx.ReadTimeout):
            c.get("spotlights", timeout=0.1)
        assert c.get("spotlights").status_code == 200


def test_fault_rate_is_seeded_and_applies_to_about_that_fraction(
    fresh: Callable[..., SandboxInfo],
) -> None:
    outcomes = []
    for _ in range(2):
        info = fresh(fault_rate=0.3, seed=7)
        info.server.set_fault_rate(0.3, kinds=("500", "503"))
        with api_client(info) as c:
            outcomes.append([c.get("spotlights").status_code for _ in range(60)])
    assert outcomes[0] == outcomes[1]
    failures = sum(code != 200 for code in outcomes[0])
    assert 5 <= failures <= 35


def test_latency_does_not_block_other_connections(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh(latency_ms=300)
    start = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        codes = list(
            pool.map(lambda _: httpx.get(info.base_url + "/api/v2/news").status_code, range(8))
        )
    elapsed = time.monotonic() - start
    assert codes == [200] * 8
    assert 0.3 <= elapsed < 2.0  # 8 x 300 ms would be 2.4 s if requests were served one by one


def test_injecting_an_unknown_fault_is_a_value_error(fresh: Callable[..., SandboxInfo]) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        fresh().server.faults.inject("boom")

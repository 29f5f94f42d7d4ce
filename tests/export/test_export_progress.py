"""The export's progress bar: rows, this run's requests and cache hits, the budget in use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import osuframes as of
from osuframes.config import RateLimit
from osuframes.exporting.progress import budget_in_use
from osuframes.http.ledger import Usage
from osuframes.http.ratelimit import RateLimiter
from tests.export.conftest import ExportSandbox


def test_the_budget_in_use_is_the_last_window_against_the_limit_in_force():
    limiter = RateLimiter(RateLimit(60, 60))
    assert budget_in_use(limiter) == "budget 0/60 per 60s (0.00/s)"
    limiter.last_usage = Usage(settled=45, pending=3)
    # 45 answered in the last window (60 s, measured 5% longer): 45 / 63 a second.
    assert budget_in_use(limiter) == "budget 48/60 per 60s (0.71/s)"


def test_the_bar_shows_rows_requests_cache_hits_and_the_budget_in_use(
    sb: ExportSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    ids = sb.world.existing_user_ids(6, start=1300)
    first = of.export("user-bests", tmp_path / "a", ids=ids, chunk_size=2, client=sb.client,
                      progress=True, say=str)  # fmt: skip
    bar = capsys.readouterr().err.split("\r")[-1]
    assert f"{first.rows:,} rows, {first.requests:,} requests, 0 cached" in bar, bar
    found = re.search(r"budget ([\d,]+)/([\d,]+) per 60s", bar)
    assert found is not None, bar
    spent, limit = (int(figure.replace(",", "")) for figure in found.groups())
    assert first.requests <= spent and limit == 100_000
    again = of.export("user-bests", tmp_path / "b", ids=ids, chunk_size=2, client=sb.client,
                      progress=True, say=str)  # fmt: skip
    bar = capsys.readouterr().err.split("\r")[-1]
    assert f"{again.rows:,} rows, 0 requests, {first.requests:,} cached" in bar, bar

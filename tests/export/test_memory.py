"""Streaming memory: an export's peak RSS does not grow with the number of users.

5,000 users' bests (a million rows) against 1,000 (200,000 rows), each export in a
process of its own so that its peak RSS is its own. The sandbox would spend most of an
hour working out 6,000 players' plays, so the pages come from `CopiedScores`: the
sandbox's pages of one player, asked for once over HTTP, copied for every player with
the ids rewritten. The scores are slimmed to their own fields (no beatmap, beatmapset or
user inside) to keep the test near a minute on a busy machine; the client's path is the
same. A ratio, not a figure, so that the test holds on any machine; the ceiling with
whole scores, for 1,000 to 10,000 users, is measured by `benchmarks/export_bench.py`
and stated in the README.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.export.conftest import ExportSandbox

_PEAK = textwrap.dedent(
    """
    import resource, sys
    import osuframes as of
    from osuframes.config import RateLimit
    from osuframes.http.ratelimit import RateLimiter
    from osuframes.sandbox.copies import CopiedScores, Unmetered
    out, users, model = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    nested = ("beatmap", "beatmapset", "user", "current_user_attributes")
    pages = CopiedScores(model, without=nested)
    limiter = RateLimiter(RateLimit(1200, 60), Unmetered())
    client = of.SyncClient(transport=pages, limiter=limiter, cache=False)
    ids = list(range(1, users + 1))
    summary = of.export("user-bests", out, ids=ids, client=client, progress=False, say=str)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(summary.rows, pages.copied, peak_kb)
    """
)
_BESTS = 200  # a full list of bests: two pages of 100


def export_peak_kb(sb: ExportSandbox, users: int, model: int, folder: Path) -> int:
    """Export `users` players' bests in a subprocess; its peak RSS in KB."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **sb.environment(folder / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, str(folder / "bests"), str(users), str(model)],
        capture_output=True, text=True, timeout=900, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows, copied, peak_kb = map(int, result.stdout.split()[-3:])
    assert (rows, copied) == (users * _BESTS, users * 2)
    return peak_kb


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux")
def test_peak_memory_of_an_export_does_not_grow_with_the_users(sb: ExportSandbox, tmp_path: Path):
    candidates = sb.world.existing_user_ids(50, start=5000)
    model = next(u for u in candidates if sb.world.user_score_count(u, "best") == _BESTS)
    small = export_peak_kb(sb, 1_000, model, tmp_path / "small")
    large = export_peak_kb(sb, 5_000, model, tmp_path / "large")
    # Five times the users, 200,000 rows against 1,000,000: the same ceiling.
    assert large / small < 1.2, (small, large)
    # The sandbox was asked for the model player's two pages once per export.
    assert sb.stats.requests("/api/v2/users") == 4

"""Streaming memory: an export's peak RSS does not grow with the number of users.

A ratio, not a figure, so that the test holds on any machine; the figures for 1,000 to
10,000 users are in `benchmarks/export_bench.py` and the README.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.export.conftest import ExportSandbox, write_ids

_PEAK = textwrap.dedent(
    """
    import resource, sys
    import osuframes as of
    ids = [int(line) for line in open(sys.argv[1]) if line.strip().isdigit()]
    of.export("user-bests", sys.argv[2], ids=ids, chunk_size=20, progress=False, say=str)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def peak_rss_kb(sb: ExportSandbox, ids: list[int], folder: Path) -> int:
    ids_file = write_ids(folder.with_suffix(".txt"), ids)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **sb.environment(folder.parent / "c")}
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, str(ids_file), str(folder)],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux")
def test_peak_memory_of_an_export_does_not_grow_with_the_users(
    sandbox: ExportSandbox, tmp_path: Path
):
    small = peak_rss_kb(sandbox, sandbox.world.existing_user_ids(40, start=5000), tmp_path / "a")
    large = peak_rss_kb(sandbox, sandbox.world.existing_user_ids(200, start=6000), tmp_path / "b")
    # Five times the users (about 30,000 rows against 6,000): the same ceiling.
    assert large / small < 1.2, (small, large)

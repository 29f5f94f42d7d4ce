"""A sandbox for the export tests, the environment a subprocess needs to reach it, and
readers that compare datasets."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from osuframes import SyncClient
from osuframes.sandbox import SandboxInfo, run
from tests.conftest import sandbox_client


@dataclass
class ExportSandbox:
    """The sandbox, a client for in-process exports, and settings for subprocesses."""

    info: SandboxInfo
    client: SyncClient
    cache_dir: Path

    @property
    def world(self) -> Any:
        return self.info.world

    @property
    def stats(self) -> Any:
        return self.info.server.stats

    def environment(
        self, cache_dir: Path | None = None, rate_limit: str = "1200/60"
    ) -> dict[str, str]:
        """What `osuframes export` in a subprocess (or `cli.main`) needs to use the sandbox."""
        return {
            "OSU_CLIENT_ID": str(self.info.client_id),
            "OSU_CLIENT_SECRET": self.info.client_secret,
            "OSUFRAMES_BASE_URL": self.info.base_url,
            "OSUFRAMES_RATE_LIMIT": rate_limit,
            "OSUFRAMES_CACHE_DIR": str(cache_dir or self.cache_dir),
        }

    def best_count(self, ids: Sequence[int], mode: str = "osu") -> int:
        return sum(self.world.user_score_count(u, "best", mode) for u in ids)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExportSandbox]:
    with run(rate_limit=1200) as info:
        cache = tmp_path_factory.mktemp("export-cache")
        client = sandbox_client(info, cache, max_retries=10)
        yield ExportSandbox(info, client, cache)
        client.close()


@pytest.fixture
def sb(sandbox: ExportSandbox) -> Iterator[ExportSandbox]:
    """The module's sandbox with its counters zeroed and no faults."""
    sandbox.stats.reset()
    yield sandbox
    sandbox.info.server.set_fault_rate(0.0)


def export_command(
    sb: ExportSandbox, *args: str, cache_dir: Path | None = None, rate_limit: str = "1200/60"
) -> subprocess.Popen[str]:
    """`python -m osuframes export ARGS` in a subprocess, using the sandbox (with the
    response cache and the limiter's ledger in `cache_dir`)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        **sb.environment(cache_dir, rate_limit),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "osuframes", "export", *args, "--no-progress"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def rows_of(folder: Path) -> pd.DataFrame:
    """A dataset's rows, sorted by user and score id, index reset."""
    frame = pd.read_parquet(folder)
    return frame.sort_values(["user_id", "id"], kind="stable").reset_index(drop=True)


def digest(frame: pd.DataFrame) -> str:
    """A hash of every value of every row, in order."""
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def write_ids(path: Path, ids: Sequence[int]) -> Path:
    path.write_text("# ids for a test\n" + "\n".join(map(str, ids)) + "\n")
    return path

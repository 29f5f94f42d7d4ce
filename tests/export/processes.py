"""Exports in subprocesses: waiting for them, and killing them at moments counted in
requests at the sandbox (so a loaded machine moves a kill no further into the work)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.export.conftest import ExportSandbox, export_command

Moment = Callable[[random.Random, Path], tuple[int, float]]
"""Where to kill a run, given the seeded randomness and the folder as the run starts:
once the server has received the run's n-th API request, and s seconds after that."""


def anywhere_in_a_long_export(moments: random.Random, folder: Path) -> tuple[int, float]:
    """A moment among the first 30 requests of an export of many more requests."""
    return moments.randint(3, 30), moments.uniform(0.0, 0.3)


def completed(process: subprocess.Popen[str]) -> int:
    """Wait for an export to end (its pipes closed); its exit code, its stderr shown if not 0."""
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return process.returncode


def kill_at(
    sandbox: ExportSandbox,
    process: subprocess.Popen[str],
    requests_before: int,
    moment: tuple[int, float],
) -> None:
    """SIGKILL a running export at `moment` (its n-th API request, counted from
    `requests_before` at the server, then s seconds); fails if it ended first."""
    requests, delay = moment
    deadline = time.monotonic() + 300
    while sandbox.stats.requests("/api/v2/") < requests_before + requests:
        if process.poll() is not None:
            pytest.fail(f"the export ended before its kill: {process.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail("the export sent too few requests to be killed")
        time.sleep(0.005)
    time.sleep(delay)
    assert process.poll() is None, "the export ended before its kill"
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()


def killed_three_times_then_completed(
    sandbox: ExportSandbox,
    tmp_path: Path,
    arguments: list[str],
    moment: Moment = anywhere_in_a_long_export,
    latency_ms: float = 0.0,
) -> tuple[Path, Path]:
    """An export SIGKILLed at three random moments, then run to its end; and the same
    export uninterrupted. Returns both folders (killed, whole).

    `latency_ms` delays the server's answers while the killed runs go, for an export
    of few requests.
    """
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    moments = random.Random(13)
    sandbox.info.server.set_latency(latency_ms)
    try:
        for attempt in range(3):
            chosen = moment(moments, killed)
            before = sandbox.stats.requests("/api/v2/")
            process = export_command(
                sandbox, *arguments, "--out", str(killed), cache_dir=tmp_path / f"cache{attempt}"
            )
            kill_at(sandbox, process, before, chosen)
    finally:
        sandbox.info.server.set_latency(0.0)
    finish = export_command(sandbox, *arguments, "--out", str(killed), cache_dir=tmp_path / "c")
    assert completed(finish) == 0
    full = export_command(sandbox, *arguments, "--out", str(whole), cache_dir=tmp_path / "c2")
    assert completed(full) == 0
    assert not list(killed.rglob(".*partial"))
    return killed, whole

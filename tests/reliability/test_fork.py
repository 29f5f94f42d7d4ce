"""A forked child fetches like its parent: no hang on the parent's portal loop."""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import time
import warnings
from collections.abc import Iterator

import pytest

import osuframes
import osuframes.api as of
from osuframes.sandbox import SandboxInfo, run

CHILD_TIMEOUT_S = 60


@pytest.fixture
def sandbox_defaults() -> Iterator[SandboxInfo]:
    """The notebook functions pointed at a sandbox, and used once in this process."""
    with run(rate_limit=10**6) as info:
        settings = {
            "base_url": info.base_url,
            "client_id": info.client_id,
            "client_secret": info.client_secret,
            "rate_limit": (100_000, 60),
        }
        osuframes.configure(**settings)
        assert len(of.user_bests(2, mode="osu").to_frame()) > 0  # portal, token, connections
        yield info
        osuframes.configure()  # closes the default clients of this sandbox


def _bests(user_id: int) -> int:
    return len(of.user_bests(user_id, mode="osu").to_frame())


def _bests_after_configure(user_id: int) -> int:
    osuframes.configure(**osuframes.get_settings().__dict__)
    return _bests(user_id)


def _expected(info: SandboxInfo, ids: list[int]) -> list[int]:
    return [info.world.user_score_count(user_id, "best", "osu") for user_id in ids]


@pytest.mark.parametrize("work", [_bests, _bests_after_configure])
def test_a_fork_pool_fetches_after_the_parent_did(sandbox_defaults: SandboxInfo, work) -> None:
    ids = sandbox_defaults.world.existing_user_ids(4, start=30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
        with multiprocessing.get_context("fork").Pool(2) as pool:
            counts = pool.map_async(work, ids).get(timeout=CHILD_TIMEOUT_S)
    assert counts == _expected(sandbox_defaults, ids)


def test_a_plain_fork_fetches_after_the_parent_did(sandbox_defaults: SandboxInfo) -> None:
    user_id = sandbox_defaults.world.existing_user_ids(1, start=40)[0]
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report the row count, then leave without pytest's teardown
        try:
            os.write(write, str(_bests(user_id)).encode())
        finally:
            os._exit(0)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], CHILD_TIMEOUT_S)
        answer = os.read(read, 100).decode() if ready else "no answer: the child hangs"
    finally:
        os.close(read)
        if not os.waitpid(pid, os.WNOHANG)[0]:
            time.sleep(1)
            if not os.waitpid(pid, os.WNOHANG)[0]:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    assert answer == str(_expected(sandbox_defaults, [user_id])[0])

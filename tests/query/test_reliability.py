"""Faults on the wire do not change the data: retried pages give the exact ground truth."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import osuframes.api as of
from osuframes import SyncClient
from osuframes.sandbox import SandboxInfo, run
from tests.conftest import sandbox_client

FAULTS = ("500", "502", "503", "reset", "truncate")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxInfo, SyncClient]]:
    with run(rate_limit=10**6, fault_rate=0.2) as info:
        info.server.set_fault_rate(0.2, FAULTS)
        client = sandbox_client(info, tmp_path_factory.mktemp("faulty-cache"), max_retries=10)
        yield info, client
        client.close()


def test_a_fan_out_through_faults_gives_the_exact_rows(faulty, tmp_path: Path):
    info, client = faulty
    ids = info.world.existing_user_ids(12, start=300)
    query = of.user_bests(ids, mode="osu", client=client, progress=False)
    frame = query.to_frame()
    assert query.errors == []
    assert len(frame) == sum(info.world.user_score_count(u, "best", "osu") for u in ids)
    assert not frame.duplicated(subset=["user_id", "id"]).any()
    assert sum(info.server.stats.faults.values()) > 0


def test_a_cursor_walk_through_faults_gives_the_exact_rows(faulty):
    info, client = faulty
    frame = of.rankings("osu", "performance", country="JP", client=client).to_frame()
    assert len(frame) == info.world.ranking_total("osu", "performance", "JP")
    assert frame["user.id"].is_unique

"""Score frames carry a `ruleset` column in either score format (fan-outs mix rulesets)."""

from __future__ import annotations

import pytest

import osuframes.api as of
from osuframes import SyncClient
from osuframes.sandbox import SandboxInfo


@pytest.fixture(scope="module")
def sync_client(sandbox: SandboxInfo, tmp_path_factory: pytest.TempPathFactory) -> SyncClient:
    client = SyncClient(
        base_url=sandbox.base_url,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        limiter=(100_000, 60),
        cache_dir=tmp_path_factory.mktemp("ruleset-cache"),
    )
    yield client  # type: ignore[misc]
    client.close()


@pytest.mark.parametrize("new_format", [False, True])
def test_a_fan_out_without_mode_says_each_rows_ruleset(
    sandbox: SandboxInfo, sync_client: SyncClient, new_format: bool
) -> None:
    users = sandbox.world.users
    ids = [u for u in range(100, 400) if users.exists(u)][:40]
    frame = of.user_bests(ids, new_format=new_format, client=sync_client).limit(3).to_frame()
    assert frame["ruleset"].dtype == "category"
    expected = frame["user_id"].map(lambda u: users.core(u).playmode)
    assert (frame["ruleset"].astype(str) == expected).all()
    assert frame["ruleset"].nunique() > 1  # the users' own rulesets differ


def test_a_lazer_score_frame_has_both_totals_and_the_grade(
    sandbox: SandboxInfo, sync_client: SyncClient
) -> None:
    frame = of.user_bests(104, mode="osu", new_format=True, client=sync_client).to_frame()
    columns = {"total_score", "legacy_total_score", "classic_total_score", "rank",
               "legacy_score_id", "ruleset"}  # fmt: skip
    assert columns <= set(frame.columns) and len(frame)
    assert frame["total_score"].notna().all() and frame["rank"].notna().all()
    legacy = of.user_bests(104, mode="osu", client=sync_client).to_frame()
    assert {"score", "rank", "ruleset"} <= set(legacy.columns)
    assert len(legacy) == len(frame)

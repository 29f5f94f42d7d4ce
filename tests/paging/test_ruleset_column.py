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

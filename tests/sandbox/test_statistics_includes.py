"""A user's statistics carry `country_rank` and `rank` only where osu-web includes them.

osu-web's `UserStatisticsTransformer` sends both only as includes, which the profile
(`GET users/{user}`, `GET me`) asks for on `statistics`. Each ruleset of
`statistics_rulesets` (`GET users?ids[]=`, `GET me`), a friend's `statistics` and a
ranking row come without them, as the recorded responses show. The sandbox sends the
same keys as the recordings, no fewer (tests/sandbox/test_fixture_structure.py) and no
more (here), so a client cannot come to rely on a field the real API never sends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from osuframes.sandbox import SandboxInfo

from .conftest import api_client

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "osu-api-v2"
FRIENDS_VERSION = 20241022  # the x-api-version of get_own_friends_200.json's shape
PROFILE_ONLY = {"country_rank", "rank"}


def _recorded(name: str) -> Any:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"recorded fixtures not found at {FIXTURES}")
    return json.loads(path.read_bytes())


def test_statistics_rulesets_hold_the_recorded_keys_and_no_more(
    sandbox: SandboxInfo, client: httpx.Client, user_client: httpx.Client
) -> None:
    recorded = set(_recorded("get_me_200.json")["statistics_rulesets"]["osu"])
    assert not recorded & PROFILE_ONLY
    me = user_client.get("me").json()
    ids = [("ids[]", user_id) for user_id in sandbox.world.existing_user_ids(5)]
    listed = client.get("users", params=ids).json()["users"]
    rulesets = [me["statistics_rulesets"], *(user["statistics_rulesets"] for user in listed)]
    assert len(rulesets) == 6
    for by_ruleset in rulesets:
        assert set(by_ruleset) == {"osu", "taiko", "fruits", "mania"}
        for stats in by_ruleset.values():
            assert set(stats) == recorded


def test_only_the_profile_statistics_add_country_rank_and_rank(
    sandbox: SandboxInfo, client: httpx.Client
) -> None:
    profile = set(_recorded("get_user_200.json")["statistics"])
    friend = set(_recorded("get_own_friends_200.json")[0]["target"]["statistics"])
    ranking = set(_recorded("get_rankings_200.json")["ranking"][0])
    assert profile >= PROFILE_ONLY and not PROFILE_ONLY & (friend | ranking)

    row = client.get("rankings/osu/performance").json()["ranking"][0]
    assert set(row) == ranking
    shown = client.get(f"users/{row['user']['id']}/osu").json()["statistics"]
    assert set(shown) == profile
    assert shown["country_rank"] == shown["rank"]["country"] >= 1
    with api_client(sandbox, user=True, version=FRIENDS_VERSION) as user:
        friends = user.get("friends").json()
    assert friends and all(set(f["target"]["statistics"]) == friend for f in friends)

"""Maps keyed by ruleset are columns per ruleset: `statistics_rulesets.osu.pp`, …"""

from __future__ import annotations

import osuframes.api as of
from osuframes import frames
from osuframes.models import User
from tests.query.conftest import Sandbox

RULESETS = ("osu", "taiko", "fruits", "mania")


def test_the_user_schema_declares_statistics_for_each_ruleset():
    names = {column.name for column in frames.frame_schema(User).columns}
    for ruleset in RULESETS:
        assert f"statistics_rulesets.{ruleset}.pp" in names
        assert f"statistics_rulesets.{ruleset}.rank.global" in names
    assert "statistics.pp" in names  # the single-ruleset include stays beside them


def test_users_frames_carry_pp_of_ranked_users_in_every_ruleset(sb: Sandbox):
    ids = sb.world.existing_user_ids(40)
    frame = of.users(ids, client=sb.client).to_frame().set_index("id")
    for user in of.users(ids, client=sb.client).to_list():
        for ruleset in RULESETS:
            stats = getattr(user.statistics_rulesets, ruleset)
            column = frame.loc[user.id, f"statistics_rulesets.{ruleset}.pp"]
            if stats.is_ranked:
                assert column == stats.pp, (user.id, ruleset)
    assert frame["statistics_rulesets.osu.pp"].notna().any()

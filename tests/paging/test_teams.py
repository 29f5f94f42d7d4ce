"""`GET teams/{team}/{ruleset?}`: the request, the sandbox route and a strict model read."""

from __future__ import annotations

import pytest

from osuframes import Client
from osuframes.models import TeamExtended
from tests.paging.conftest import Walker


def test_the_request_matches_the_route() -> None:
    build = Client.get_team.endpoint.build  # type: ignore[attr-defined]
    assert build(object(), 12).path == "/api/v2/teams/12"
    assert build(object(), "@T12", "mania").path == "/api/v2/teams/@T12/mania"
    with pytest.raises(ValueError, match=r"get_team\(team=0\)"):
        build(object(), 0)
    with pytest.raises(ValueError, match=r"get_team\(ruleset='std!'\)"):
        build(object(), 12, "std!")


async def test_a_team_reads_strictly_with_its_members_and_statistics(walker: Walker) -> None:
    teams = walker.world.teams
    team_id = walker.world.ranking_team_ids("osu")[0]
    spec = Client.get_team.endpoint  # type: ignore[attr-defined]
    pages = await walker.pages("get_team", team_id, "taiko")
    team = spec.parse(pages[0].data, strict=True)
    assert isinstance(team, TeamExtended) and team.id == team_id
    assert team.leader is not None and team.leader.id == teams.leader(team_id)
    assert sorted(m.id for m in team.members) == [
        u for u in teams.members(team_id) if u != team.leader.id
    ]
    assert team.statistics is not None and team.statistics.ruleset_id == 1


async def test_a_short_name_is_redirected_to_the_id(walker: Walker) -> None:
    team_id = walker.world.ranking_team_ids("osu")[3]
    by_name = await walker.client.get_team(f"@T{team_id}", "mania")
    assert by_name.id == team_id and by_name.statistics.ruleset_id == 3  # type: ignore[union-attr]

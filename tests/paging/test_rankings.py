"""Rankings: performance and score both read country, filter and variant; the team type."""

from __future__ import annotations

import pytest

from osuframes.models import TeamStatistics, UserStatistics
from osuframes.sandbox import TEST_USER_ID
from tests.paging.conftest import Walker


def user_ids(rows: list[dict[str, object]]) -> list[int]:
    return [row["user"]["id"] for row in rows]  # type: ignore[index]


@pytest.mark.parametrize("kind", ["performance", "score"])
async def test_country_filters_both_user_rankings(walker: Walker, kind: str) -> None:
    got = user_ids(await walker.records("get_rankings", "taiko", kind, country="SE"))
    truth = walker.world.ranking_user_ids("taiko", kind, "SE")
    assert got == truth and 50 < len(truth) < walker.world.ranking_total("taiko", kind)


@pytest.mark.parametrize("kind", ["performance", "score"])
async def test_a_mania_variant_keeps_its_players(walker: Walker, kind: str) -> None:
    rows = await walker.records("get_rankings", "mania", kind, variant="7k", country="SE")
    truth = walker.world.ranking_user_ids("mania", kind, "SE", variant="7k")
    assert user_ids(rows) == truth and 0 < len(truth) < len(
        walker.world.ranking_user_ids("mania", kind, "SE")
    )


async def test_friends_are_the_logins_friends_and_itself(walker: Walker) -> None:
    rows = await walker.records("get_rankings", "osu", "score", filter="friends")
    truth = walker.world.ranking_user_ids("osu", "score", friends_of=TEST_USER_ID)
    assert user_ids(rows) == truth and 1 < len(truth) <= 31
    assert walker.requests("/api/v2/rankings") == 1
    for row in rows:
        UserStatistics.model_validate(row, context={"strict": True})


async def test_the_team_ranking_gives_every_team_best_first(walker: Walker) -> None:
    rows = await walker.records("get_rankings", "osu", "team")
    assert [row["team_id"] for row in rows] == walker.world.ranking_team_ids("osu")
    assert walker.requests("/api/v2/rankings") == -(-len(rows) // 50)
    team = TeamStatistics.model_validate(rows[0], context={"strict": True})
    assert team.team is not None and team.member_count and team.performance

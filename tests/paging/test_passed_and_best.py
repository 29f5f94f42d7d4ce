"""beatmaps-passed (cost = beatmapset ids) and a user's best score on a beatmap."""

from __future__ import annotations

import pytest

from osuframes import Client, NotFound
from osuframes.models import Beatmap, BeatmapUserScore
from tests.paging.conftest import Walker


def test_beatmaps_passed_requests_match_the_route_and_cost_one_per_set() -> None:
    build = Client.get_user_beatmaps_passed.endpoint.build  # type: ignore[attr-defined]
    call = build(object(), 2, [10, 11, 12], ruleset="mania", is_legacy=False)
    assert call.path == "/api/v2/users/2/beatmaps-passed" and call.cost == 3
    sent = {k: v for k, v in call.params.items() if v is not None}
    assert sent == {"beatmapset_ids": [10, 11, 12], "ruleset_id": 3, "is_legacy": False}
    with pytest.raises(ValueError, match=r"at most 50 per request"):
        build(object(), 2, range(1, 52))
    with pytest.raises(ValueError, match=r"\(is_legacy='no'\)"):
        build(object(), 2, [1], is_legacy="no")


async def test_beatmaps_passed_gives_the_worlds_passes_and_reads_strictly(walker: Walker) -> None:
    sets = list(range(1, 51))
    truth = walker.world.passed_beatmap_ids(2, sets, is_legacy=True)
    assert truth
    pages = await walker.pages("get_user_beatmaps_passed", 2, sets, is_legacy=True)
    assert [b["id"] for b in pages[0].records] == truth
    spec = Client.get_user_beatmaps_passed.endpoint  # type: ignore[attr-defined]
    passed = spec.parse(pages[0].data["beatmaps_passed"], strict=True)
    assert all(isinstance(b, Beatmap) for b in passed)
    assert walker.requests("/api/v2/users/2/beatmaps-passed") == 1


async def test_a_users_best_score_on_a_beatmap_reads_strictly(walker: Walker) -> None:
    world = walker.world
    beatmap_id = world.ranked_beatmap_ids("osu")[0]
    sid = next(
        (u, s)
        for u in range(4, 3000)
        if world.user_exists(u) and (s := world.scores.user_on_beatmap(beatmap_id, 0, u))
    )
    user = sid[0]
    for new_format in (False, True):
        pages = await walker.pages(
            "get_user_beatmap_score", user, beatmap_id, new_format=new_format
        )
        spec = Client.get_user_beatmap_score.endpoint  # type: ignore[attr-defined]
        best = spec.parse(pages[0].data, strict=True)
        assert isinstance(best, BeatmapUserScore) and best.score.user_id == user
        assert best.position is not None
    nobody = next(
        u for u in range(4, 3000)
        if world.user_exists(u) and not world.scores.user_on_beatmap(beatmap_id, 0, u)
    )  # fmt: skip
    with pytest.raises(NotFound):
        await walker.client.get_user_beatmap_score(nobody, beatmap_id)

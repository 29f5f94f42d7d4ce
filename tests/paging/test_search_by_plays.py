"""Search's `played`/`r` filters and beatmaps-passed come from the world's plays.

As osu-web (`BeatmapsetSearch::getPlayedBeatmapIds`, `BeatmapsPassedSearch`): `played`
keeps sets with a difficulty the user has a score on, `unplayed` sets with none, `r`
sets with a difficulty whose top score (by total) has one of the grades; both only for
an osu!supporter (`shouldReturnEmptyResponse`). The truth here is read from
`Scores.user_plays`, not from the sandbox's search.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from osuframes.sandbox import SandboxInfo
from tests.paging.conftest import Walker, client_of

#: The filters besides the plays: ranked osu! sets, explicit ones too.
BASE = {"mode": "osu", "category": "ranked", "show_explicit": True}
SENT = {"m": 0, "s": "ranked", "nsfw": "true"}


def a_supporter(sandbox: SandboxInfo) -> int:
    world = sandbox.world
    return next(
        u for u in range(4, 400)
        if world.user_exists(u) and world.users.core(u).is_supporter
        and world.plays.play_set(u, 0) is not None
    )  # fmt: skip


@pytest.fixture
async def supporter(sandbox: SandboxInfo) -> AsyncIterator[Walker]:
    async with client_of(sandbox, a_supporter(sandbox), ("public", "identify")) as client:
        walker = Walker(sandbox, client)
        walker.reset()
        yield walker


async def searched(walker: Walker, **kwargs: Any) -> list[int]:
    """The set ids of a whole search walk, checking it took the fewest requests."""
    pages = await walker.pages("search_beatmapsets", **BASE, **kwargs)
    ids = [s["id"] for page in pages for s in page.records]
    assert len(ids) == len(set(ids))
    assert walker.requests("/api/v2/beatmapsets/search") == max(1, -(-len(ids) // 50))
    return sorted(ids)


def sets_of_plays(walker: Walker, grades: set[str] | None = None) -> set[int]:
    user = walker.client.session_id
    plays = walker.world.scores.user_plays(user, 0)
    return {p.beatmap_id // 10 for p in plays if grades is None or p.rank in grades}


async def test_played_finds_the_sets_the_user_played(supporter: Walker) -> None:
    found = await searched(supporter, played="played")
    assert found and found == sorted(sets_of_plays(supporter))


async def test_unplayed_finds_every_other_set(supporter: Walker) -> None:
    found = await searched(supporter, played="unplayed", genre="anime")
    user = supporter.client.session_id
    everything = supporter.world.beatmapset_search_ids({**SENT, "g": 3}, user_id=user)
    assert found and found == sorted(set(everything) - sets_of_plays(supporter))


async def test_rank_finds_the_sets_with_a_top_score_of_those_grades(supporter: Walker) -> None:
    found = await searched(supporter, rank=["S", "SH"])
    assert found and found == sorted(sets_of_plays(supporter, {"S", "SH"}))
    assert set(found) < sets_of_plays(supporter)


@pytest.mark.parametrize("kwargs", [{"played": "played"}, {"played": "unplayed"}, {"rank": "A"}])
async def test_a_user_without_supporter_gets_nothing(
    walker: Walker, kwargs: dict[str, Any]
) -> None:
    assert not walker.world.users.core(walker.client.session_id).is_supporter
    assert await searched(walker, **kwargs) == []


def passes(walker: Walker, user: int, sets: list[int], reduced: bool) -> list[int]:
    plays = [p for mode in range(4) for p in walker.world.scores.user_plays(user, mode)]
    return sorted(
        p.beatmap_id for p in plays
        if p.beatmap_id // 10 in sets and (reduced or not {"EZ", "NF", "HT"} & set(p.mods))
    )  # fmt: skip


async def test_beatmaps_passed_are_the_users_plays_without_easier_mods(walker: Walker) -> None:
    plays = [p for mode in range(4) for p in walker.world.scores.user_plays(2, mode)]
    easier = [p.beatmap_id // 10 for p in plays if {"EZ", "NF", "HT"} & set(p.mods)][:5]
    sets = sorted({*easier, *range(1, 46)})
    for reduced in (False, True):
        walker.reset()
        pages = await walker.pages(
            "get_user_beatmaps_passed", 2, sets, no_diff_reduction=not reduced
        )
        assert [b["id"] for b in pages[0].records] == passes(walker, 2, sets, reduced)
        assert walker.requests("/api/v2/users/2/beatmaps-passed") == 1
    assert len(passes(walker, 2, sets, True)) > len(passes(walker, 2, sets, False)) > 0
    # Every score of the world's plays has a legacy id: they are all osu!stable's.
    assert await walker.records("get_user_beatmaps_passed", 2, sets, is_legacy=False) == []

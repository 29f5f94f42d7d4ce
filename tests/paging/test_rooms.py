"""Rooms: a bare list, paged past 250 by `cursor[...]` = the last room's sort values."""

from __future__ import annotations

from typing import Any

import pytest

from tests.paging.conftest import Walker


async def rooms(walker: Walker, **kwargs: Any) -> list[int]:
    got = [room["id"] for room in await walker.records("get_multiplayer_rooms", **kwargs)]
    assert len(set(got)) == len(got)
    return got


@pytest.mark.parametrize("sort", [None, "ended"])
async def test_every_room_past_250_comes_back_once(walker: Walker, sort: str | None) -> None:
    truth = walker.world.listed_room_ids(mode="all", sort=sort)
    assert len(truth) > 250
    assert await rooms(walker, mode="all", sort=sort) == truth
    assert walker.requests("/api/v2/rooms") == 2


async def test_pinned_rooms_come_first_when_sorted_by_creation(walker: Walker) -> None:
    got = await rooms(walker, mode="all")
    pinned = [r for r in got if walker.world.multiplayer.room_pinned(r)]
    assert pinned and got[: len(pinned)] == pinned


@pytest.mark.parametrize(
    "search",
    [
        {"mode": "ended"},
        {"mode": "all", "category": "daily_challenge"},
        {"mode": "all", "category": "spotlight"},
        {"mode": "all", "season_id": 2},
        {"mode": "all", "type": "ranked-play"},
        {"mode": "all", "type": "realtime"},
    ],
    ids=str,
)
async def test_each_filter_gives_exactly_its_rooms(walker: Walker, search: dict[str, Any]) -> None:
    sent = dict(search)
    if "type" in sent:
        sent["type_group"] = sent.pop("type")
    truth = walker.world.listed_room_ids(**sent)
    assert 0 < len(truth) < len(walker.world.listed_room_ids(mode="all"))
    assert await rooms(walker, **search) == truth

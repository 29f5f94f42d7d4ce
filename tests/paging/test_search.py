"""Beatmapset search: every parameter the server reads filters, `q` terms included."""

from __future__ import annotations

from typing import Any

import pytest

from tests.paging.conftest import Walker


async def walk(walker: Walker, **kwargs: Any) -> list[dict[str, Any]]:
    sets = await walker.records("search_beatmapsets", **kwargs)
    assert len({s["id"] for s in sets}) == len(sets)
    return sets


async def test_query_terms_hold_on_one_difficulty(walker: Walker) -> None:
    query = "stars>6 ar<9 status=ranked"
    sets = await walk(walker, query=query, category="any", mode="taiko")
    truth = walker.world.beatmapset_search_ids({"q": query, "s": "any", "m": 1})
    assert sorted(s["id"] for s in sets) == sorted(truth)
    assert 0 < len(truth) < walker.world.beatmapset_search_total(mode=1, status="any") / 4
    for found in sets:
        assert found["status"] == "ranked"
        assert any(b["difficulty_rating"] > 6 and b["ar"] < 9 for b in found["beatmaps"])


FILTERS: list[tuple[dict[str, Any], Any]] = [
    ({"genre": "anime"}, lambda s: s["genre_id"] == 3),
    ({"language": "japanese"}, lambda s: s["language_id"] == 3),
    ({"only_video": True}, lambda s: s["video"]),
    ({"only_storyboard": True}, lambda s: s["storyboard"]),
    ({"only_spotlights": True}, lambda s: s["spotlight"]),
    ({"only_featured_artists": True}, lambda s: s["track_id"] is not None),
]


@pytest.mark.parametrize(("kwargs", "holds"), FILTERS, ids=[str(f[0]) for f in FILTERS])
async def test_each_filter_the_server_reads_filters(
    walker: Walker, kwargs: dict[str, Any], holds: Any
) -> None:
    sets = await walk(walker, category="ranked", mode="mania", **kwargs)
    everything = walker.world.beatmapset_search_total(mode=3, status="ranked")
    assert sets and len(sets) < everything and all(holds(s) for s in sets)


async def test_explicit_sets_are_hidden_unless_asked_for(walker: Walker) -> None:
    shown = await walk(walker, category="ranked", show_explicit=True, mode="taiko")
    hidden = await walk(walker, category="ranked", mode="taiko")
    assert {s["id"] for s in hidden} < {s["id"] for s in shown}
    assert {s["id"] for s in shown} - {s["id"] for s in hidden} == {
        s["id"] for s in shown if s["nsfw"]
    }


async def test_converts_widen_a_ruleset(walker: Walker) -> None:
    own = await walk(walker, mode="mania", category="loved")
    widened = await walk(walker, mode="mania", category="loved", include_converts=True)
    assert {s["id"] for s in own} < {s["id"] for s in widened}


@pytest.mark.parametrize("sort", ["creator_asc", "nominations_desc"])
async def test_creator_and_nominations_sorts_page_through_everything(
    walker: Walker, sort: str
) -> None:
    sets = await walk(walker, category="qualified", sort=sort)
    assert len(sets) == walker.world.beatmapset_search_total(status="qualified")
    if sort == "creator_asc":
        names = [s["creator"].lower() for s in sets]
        assert names == sorted(names)


def test_there_is_no_bundled_filter_on_the_server() -> None:
    from osuframes import Client

    with pytest.raises(TypeError, match="bundled"):
        Client.search_beatmapsets.endpoint.build(object(), bundled="never")

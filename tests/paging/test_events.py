"""Legacy match events: `after` ascending; a user's `before` bounds the walk."""

from __future__ import annotations

from tests.paging.conftest import Walker


async def test_a_users_before_bounds_the_match_event_walk(walker: Walker) -> None:
    world = walker.world
    match = next(m for m in world.match_ids() if world.match_event_count(m) > 250)
    events = world.match_event_ids(match)
    before = events[230]
    pages = await walker.pages("get_multiplayer_match", match, before=before)
    got = [event["id"] for page in pages for event in page.records]
    assert got == [e for e in events if e < before]
    assert len(pages) == 3  # 101 + 101 + the page holding `before`, cut there
    assert all(b'"id":%d,' % before not in page.body for page in pages)

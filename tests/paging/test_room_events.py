"""`GET rooms/{room}/events`: realtime rooms only, walked with `after` to `last_event_id`."""

from __future__ import annotations

import pytest

from osuframes import APIError, Client
from osuframes.models import RoomEventsResponse
from tests.paging.conftest import Walker


def realtime_room(walker: Walker, events: int) -> int:
    mp = walker.world.multiplayer
    return next(
        r for r in range(1, 601)
        if mp.room_type(r) == "head_to_head" and len(mp.room_events(r)) > events
    )  # fmt: skip


def test_the_request_matches_the_route() -> None:
    build = Client.get_room_events.endpoint.build  # type: ignore[attr-defined]
    call = build(object(), 5, after=10, limit=101)
    sent = {k: v for k, v in call.params.items() if v is not None}
    assert call.path == "/api/v2/rooms/5/events" and sent == {"limit": 101, "after": 10}
    with pytest.raises(ValueError, match="give before or after, not both"):
        build(object(), 5, after=1, before=9)


async def test_every_event_once_in_the_fewest_requests_and_a_strict_read(walker: Walker) -> None:
    room = realtime_room(walker, 101)
    truth = [e["id"] for e in walker.world.multiplayer.room_events(room)]
    pages = await walker.pages("get_room_events", room, limit=101)
    assert [e["id"] for p in pages for e in p.records] == truth
    assert len(pages) == -(-len(truth) // 101)
    spec = Client.get_room_events.endpoint  # type: ignore[attr-defined]
    answer = spec.parse(pages[0].data, strict=True)
    assert isinstance(answer, RoomEventsResponse) and answer.last_event_id == truth[-1]


async def test_a_playlists_room_has_no_events(walker: Walker) -> None:
    mp = walker.world.multiplayer
    room = next(r for r in range(1, 601) if mp.room_type(r) == "playlists")
    with pytest.raises(APIError) as info:
        await walker.client.get_room_events(room)
    assert info.value.status == 422

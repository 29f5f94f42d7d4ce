"""Discussions, posts and votes: `{page, limit}` cursors over offset paging capped at 10,000."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from osuframes import Client
from osuframes.sandbox import SandboxInfo, run
from osuframes.sandbox.world.discussions import BEATMAPSET_STATUSES
from tests.paging.conftest import Walker
from tests.sandbox.conftest import api_client

VOTES = "/api/v2/beatmapsets/discussions/votes"


@pytest.fixture(scope="module")
def crowded() -> Iterator[SandboxInfo]:
    """A sandbox whose discussions got 10,050 votes and 1,100 beatmapset events."""
    with run(seed=1, rate_limit=10**6) as info:
        found = info.world.discussions
        found.build()
        for rows, count in ((found.votes, 10_050), (found.set_events, 1_100)):
            last = rows[-1]
            rows += [
                dataclasses.replace(last, id=last.id + k) for k in range(1, count - len(rows) + 1)
            ]
            assert len(rows) == count
        yield info


def public_client(info: SandboxInfo) -> Client:
    return Client(
        base_url=info.base_url,
        client_id=info.client_id,
        client_secret=info.client_secret,
        limiter=(100_000, 60),
    )


async def test_a_vote_walk_over_10050_rows_gives_10000_and_stops(crowded: SandboxInfo) -> None:
    async with public_client(crowded) as client:
        walk = Walker(crowded, client)
        walk.reset()
        got = [vote["id"] for vote in await walk.records("get_beatmapset_discussion_votes")]
    truth = [vote.id for vote in crowded.world.discussions.find_votes()][:10_000]
    assert got == truth
    assert walk.requests(VOTES) == 200  # page 201 would answer page 200 again


def test_the_sandbox_answers_the_last_page_again_past_the_cap(crowded: SandboxInfo) -> None:
    with api_client(crowded) as http:
        last = http.get("beatmapsets/discussions/votes", params={"page": 200}).json()
        past = http.get("beatmapsets/discussions/votes", params={"cursor[page]": 201}).json()
    assert last["cursor"] == past["cursor"] == {"page": 201, "limit": 50}
    assert [v["id"] for v in past["votes"]] == [v["id"] for v in last["votes"]]


@pytest.mark.parametrize("status", BEATMAPSET_STATUSES)
async def test_each_beatmapset_status_the_server_knows_filters(walker: Walker, status: str) -> None:
    found = walker.world.discussions
    truth = [d.id for d in found.find_discussions(beatmapset_status=status)]
    assert truth or status == "ranked"  # the sandbox discusses no ranked set
    assert len(truth) < len(found.find_discussions())
    got = await walker.records("get_beatmapset_discussions", beatmapset_status=status)
    assert [d["id"] for d in got] == truth


async def test_posts_default_to_replies_as_on_the_server(walker: Walker) -> None:
    got = await walker.records("get_beatmapset_discussion_posts")
    truth = walker.world.discussions.find_posts(types=["reply"])
    assert [p["id"] for p in got] == [p.id for p in truth]


async def test_events_with_a_small_limit_go_on_past_page_200(crowded: SandboxInfo) -> None:
    async with public_client(crowded) as client:
        walk = Walker(crowded, client)
        walk.reset()
        got = [event["id"] for event in await walk.records("get_beatmapset_events", limit=5)]
    assert got == [event.id for event in crowded.world.discussions.find_set_events()]
    assert walk.requests("/api/v2/beatmapsets/events") == 1_100 // 5 + 1  # the last is empty

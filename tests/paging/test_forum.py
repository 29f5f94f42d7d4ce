"""Forum topic posts: the effective sort on every page, a short page ends the walk."""

from __future__ import annotations

import pytest

from tests.paging.conftest import Walker


def topic_with_posts(walker: Walker, at_least: int) -> int:
    world = walker.world
    return next(t for t in range(1, 151) if world.forum_topic_post_count(t) > at_least)


async def test_a_walk_with_end_gives_the_posts_up_to_end_newest_first(walker: Walker) -> None:
    topic = topic_with_posts(walker, 60)
    posts = walker.world.forum.topic(topic).post_ids
    end = posts[45]
    got = [p["id"] for p in await walker.records("get_forum_topic", topic, end=end, limit=20)]
    assert got == sorted((i for i in posts if i <= end), reverse=True)
    # 46 posts: 20 + 20 + 6; the short page is the last, though its cursor is not null
    assert walker.requests(f"/api/v2/forums/topics/{topic}") == 3


async def test_a_walk_with_start_goes_up_from_start(walker: Walker) -> None:
    topic = topic_with_posts(walker, 60)
    posts = walker.world.forum.topic(topic).post_ids
    got = [p["id"] for p in await walker.records("get_forum_topic", topic, start=posts[7])]
    assert got == posts[7:]
    assert walker.requests(f"/api/v2/forums/topics/{topic}") == -(-len(got) // 50)


async def test_the_server_ignores_start_and_end_once_a_cursor_is_sent(walker: Walker) -> None:
    topic = topic_with_posts(walker, 60)
    posts = walker.world.forum.topic(topic).post_ids
    pages = await walker.pages("get_forum_topic", topic, end=posts[45], limit=20)
    # the sandbox, like osu-web, reads the sort from the request once a cursor is given
    assert all(page.call.params["sort"] == "id_desc" for page in pages)


def test_start_or_end_against_the_sort_or_a_cursor_is_refused() -> None:
    from osuframes import Client

    with pytest.raises(ValueError, match=r"get_forum_topic\(sort='id_asc'\): end walks id_desc"):
        Client.get_forum_topic.endpoint.build(object(), 1, end=5, sort="id_asc")
    with pytest.raises(ValueError, match="ignores start/end with a cursor"):
        Client.get_forum_topic.endpoint.build(object(), 1, start=5, cursor_string="abc")

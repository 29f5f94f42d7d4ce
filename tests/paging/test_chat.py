"""Chat history: the server filters a page after its limit, so only an empty page ends it."""

from __future__ import annotations

from osuframes.sandbox import TEST_USER_ID
from tests.paging.conftest import Walker

MESSAGES = "/api/v2/chat/channels"


def ids(records: list[dict[str, object]]) -> list[int]:
    return [int(str(record["message_id"])) for record in records]


async def test_a_public_channel_gives_exactly_the_messages_of_the_last_24_hours(
    walker: Walker,
) -> None:
    channel = walker.world.chat.channels[5]
    assert len(channel.messages) == 300
    truth = walker.world.visible_message_ids(5, TEST_USER_ID)
    assert len(truth) == 100  # the oldest 200 are more than a day old
    got = ids(await walker.records("get_channel_messages", 5))
    assert sorted(got) == truth and len(set(got)) == len(got)
    # 50 + 50 shown, then a page whose 50 are all hidden: empty, the end.
    assert walker.requests(MESSAGES) == 3


async def test_other_users_commands_are_hidden_but_the_walk_goes_on(walker: Walker) -> None:
    channel = walker.world.chat.channels[7]
    truth = walker.world.visible_message_ids(7, TEST_USER_ID)
    assert 0 < len(channel.messages) - len(truth) < len(channel.messages)
    assert any(m["content"].startswith("!") for m in channel.messages if m["message_id"] in truth)
    got = ids(await walker.records("get_channel_messages", 7, limit=50))
    assert sorted(got) == truth and len(set(got)) == len(got)


async def test_a_users_since_and_until_bound_the_walk(walker: Walker) -> None:
    truth = walker.world.visible_message_ids(5, TEST_USER_ID)
    since, until = truth[10], truth[-20]
    got = ids(await walker.records("get_channel_messages", 5, since=since, until=until))
    assert sorted(got) == [i for i in truth if since < i < until]
    assert len(set(got)) == len(got)
    # the last page is cut at `since` in its body too, so frames agree with the records
    pages = await walker.pages("get_channel_messages", 5, since=since)
    assert all(b'"message_id":%d,' % since not in page.body for page in pages)

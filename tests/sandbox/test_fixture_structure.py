"""Every recorded osu! API response has the same structure in the sandbox.

For each recorded fixture the equivalent request goes to the sandbox (same endpoint,
same kind of parameters, same x-api-version and token kind), and the key structure is
compared recursively: every key of a fixture object must exist in the sandbox object
with the same JSON type (null on either side matches anything; lists are compared by
their first elements, tagged unions by the first element of the same `type`; empty
fixture lists constrain nothing).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from osuframes.sandbox import SandboxInfo, World, run
from osuframes.sandbox.world.scores import LEGACY_OFFSET

from .conftest import api_client

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "osu-api-v2"
LAZER = 20220705
#: Lazer hit-result maps: their keys depend on the ruleset, so only shared keys are compared.
_FREE_FORM = {"statistics", "maximum_statistics"}

pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"recorded fixtures not found at {FIXTURES}"
)


@dataclass
class Clients:
    """The clients a fixture request may need."""

    world: World
    info: SandboxInfo
    cc: httpx.Client
    cc_lazer: httpx.Client
    user: httpx.Client
    user_friends: httpx.Client


def _jtype(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", dict: "object", list: "array"}.get(type(value), "?")


def compare(fixture: Any, got: Any, path: str = "$") -> list[str]:
    """Differences in key structure between a fixture value and a sandbox value."""
    if fixture is None or got is None:
        return []
    if _jtype(fixture) != _jtype(got):
        return [f"{path}: {_jtype(fixture)} in fixture, {_jtype(got)} in sandbox"]
    if isinstance(fixture, dict):
        errors = []
        free = path.rsplit(".", 1)[-1] in _FREE_FORM and any(
            k in fixture for k in ("great", "perfect")
        )
        for key, value in fixture.items():
            if key not in got:
                if not free:
                    errors.append(f"{path}.{key}: missing in sandbox")
                continue
            errors += compare(value, got[key], f"{path}.{key}")
        return errors
    if isinstance(fixture, list):
        if not fixture:
            return []
        if not got:
            # An empty list of scalars (mods, tags) is ordinary; objects would go unchecked.
            return (
                [f"{path}: empty in sandbox, not in fixture"]
                if isinstance(fixture[0], dict)
                else []
            )
        first = fixture[0]
        candidates = got[:50]
        if isinstance(first, dict) and "type" in first:
            same = [g for g in candidates if isinstance(g, dict) and g.get("type") == first["type"]]
            candidates = same or candidates
        # The closest of the first sandbox elements: optional sub-lists (groups, badges)
        # are empty for most real users too.
        return min((compare(first, g, f"{path}[0]") for g in candidates), key=len)
    return []


# -- the equivalent request of each fixture ------------------------------------------------------
def _ranked_beatmap(w: World, mode: str = "osu") -> int:
    return next(b for b in w.ranked_beatmap_ids(mode) if w.beatmap_score_count(b, mode) >= 10)


def _user_with(w: World, kind: str, mode: str = "osu") -> int:
    users = w.existing_user_ids(3000)
    return next(
        u
        for u in users
        if w.users.core(u).playmode == mode and w.user_score_count(u, kind, mode) > 0
    )


def _pair(w: World) -> tuple[int, int]:
    beatmap = _ranked_beatmap(w)
    user = next(u for u in w.existing_user_ids(3000) if w.scores.user_on_beatmap(beatmap, 0, u))
    return beatmap, user


def _legacy_best(w: World) -> int:
    return w.scores.user_list(2, "best", 0)[0] - LEGACY_OFFSET


def _own_topic(c: Clients) -> dict[str, Any]:
    response = c.user.post(
        "forums/topics", json={"title": "Test topic", "body": "Test body", "forum_id": 74}
    )
    assert response.status_code == 200, response.text
    return response.json()


def _room_item(w: World) -> tuple[int, int]:
    for room in w.room_ids():
        for item in w.playlist_item_ids(room):
            if w.playlist_score_count(room, item) > 0:
                return room, item
    raise AssertionError("no playlist with scores")


def _changelog_build(w: World) -> str:
    build = w.community.stream_builds("lazer")[-2]
    return f"changelog/lazer/{build.version}"


def _user_set_owner(w: World, kind: str) -> int:
    return next(u for u in w.existing_user_ids(3000) if w.user_beatmapset_count(u, kind) > 0)


def _activity_user(w: World) -> int:
    return next(u for u in w.existing_user_ids(3000) if w.recent_activity_count(u) > 0)


def _kudosu_user(w: World) -> int:
    return next(u for u in w.existing_user_ids(5000) if w.kudosu_history_count(u) > 0)


def _search_word(w: World) -> str:
    return w.beatmaps.core(w.beatmapset_search_ids({})[0]).title.split()[0]


Request = Callable[[Clients], httpx.Response]
MODES = {"osu": 0, "taiko": 1, "fruits": 2, "mania": 3}

REQUESTS: dict[str, Request] = {
    "create_chat_channel_200.json": lambda c: c.user.post(
        "chat/channels",
        json={"type": "PM", "message": "Test", "target_id": c.world.existing_user_ids(1, 10)[0]},
    ),
    "create_forum_topic_200.json": lambda c: c.user.post(
        "forums/topics", json={"title": "Test topic", "body": "Test body", "forum_id": 74}
    ),
    "edit_forum_post_200.json": lambda c: c.user.put(
        f"forums/posts/{_own_topic(c)['post']['id']}", json={"body": "Test body"}
    ),
    "edit_forum_topic_title_200.json": lambda c: c.user.put(
        f"forums/topics/{_own_topic(c)['topic']['id']}",
        json={"forum_topic": {"topic_title": "Test topic"}},
    ),
    "reply_forum_topic_200.json": lambda c: c.user.post(
        f"forums/topics/{_own_topic(c)['topic']['id']}/reply", json={"body": "Test body"}
    ),
    "get_beatmap_200.json": lambda c: c.cc.get(f"beatmaps/{_ranked_beatmap(c.world)}"),
    "get_beatmap_attributes_200.json": lambda c: c.cc.post(
        f"beatmaps/{_ranked_beatmap(c.world)}/attributes"
    ),
    "get_beatmap_pack_200.json": lambda c: c.user.get("beatmaps/packs/L1"),
    "get_beatmap_packs_200.json": lambda c: c.cc.get("beatmaps/packs"),
    "get_beatmap_scores_200.json": lambda c: c.cc.get(
        f"beatmaps/{_ranked_beatmap(c.world)}/scores"
    ),
    "get_beatmaps_200.json": lambda c: c.cc.get(
        "beatmaps", params=[("ids[]", b) for b in c.world.ranked_beatmap_ids()[:2]]
    ),
    "get_beatmapset_200.json": lambda c: c.cc.get(f"beatmapsets/{_ranked_beatmap(c.world) // 10}"),
    "get_beatmapset_discussion_posts_200.json": lambda c: c.cc.get("beatmapsets/discussions/posts"),
    "get_beatmapset_discussion_votes_200.json": lambda c: c.cc.get("beatmapsets/discussions/votes"),
    "get_beatmapset_discussions_200.json": lambda c: c.cc.get("beatmapsets/discussions"),
    "get_beatmapset_events_200.json": lambda c: c.cc.get("beatmapsets/events"),
    "get_changelog_build_200.json": lambda c: c.cc.get(_changelog_build(c.world)),
    "get_changelog_listing_200.json": lambda c: c.cc.get(
        "changelog", params=[("message_formats[]", "html"), ("message_formats[]", "markdown")]
    ),
    "get_channel_200.json": lambda c: c.user.get("chat/channels/5"),
    "get_channel_messages_200.json": lambda c: c.user.get("chat/channels/5/messages"),
    "get_channels_200.json": lambda c: c.user.get("chat/channels"),
    "get_chat_ack_200.json": lambda c: c.user.post("chat/ack"),
    "get_comment_200.json": lambda c: c.cc.get("comments/1"),
    "get_comments_200.json": lambda c: c.cc.get("comments"),
    "get_events_200.json": lambda c: c.cc.get("events"),
    "get_featured_artists_200.json": lambda c: httpx.get(
        c.info.base_url + "/beatmaps/artists/tracks"
    ),
    "get_featured_tracks_200.json": lambda c: httpx.get(
        c.info.base_url + "/beatmaps/artists/tracks"
    ),
    "get_forum_topic_200.json": lambda c: c.cc.get("forums/topics/7", params={"limit": 20}),
    "get_matches_200.json": lambda c: c.cc.get("matches"),
    "get_me_200.json": lambda c: c.user.get("me"),
    "get_multiplayer_leaderboard_200.json": lambda c: c.cc.get("rooms/1/leaderboard"),
    "get_multiplayer_match_200.json": lambda c: c.cc.get(f"matches/{c.world.match_ids()[0]}"),
    "get_multiplayer_matches_200.json": lambda c: c.cc.get("matches"),
    "get_multiplayer_room_200.json": lambda c: c.user.get("rooms/1"),
    "get_multiplayer_rooms_200.json": lambda c: c.cc.get("rooms"),
    "get_multiplayer_scores_200.json": lambda c: c.cc.get(
        "rooms/{}/playlist/{}/scores".format(*_room_item(c.world))
    ),
    "get_news_listing_200.json": lambda c: c.cc.get("news"),
    "get_news_post_200.json": lambda c: c.cc.get("news/1", params={"key": "id"}),
    "get_own_friends_200.json": lambda c: c.user_friends.get("friends"),
    "get_rankings_200.json": lambda c: c.cc.get("rankings/osu/performance"),
    "get_rankings_kudosu_200.json": lambda c: c.cc.get("rankings/kudosu"),
    "get_score_200.json": lambda c: c.cc.get(f"scores/osu/{_legacy_best(c.world)}"),
    "get_score_lazer_200.json": lambda c: c.cc_lazer.get(f"scores/osu/{_legacy_best(c.world)}"),
    "get_seasonal_backgrounds_200.json": lambda c: c.cc.get("seasonal-backgrounds"),
    "get_spotlights_200.json": lambda c: c.cc.get("spotlights"),
    "get_user_200.json": lambda c: c.cc.get(f"users/@{c.world.username(2)}"),
    "get_user_beatmap_scores_200.json": lambda c: c.cc.get(
        "beatmaps/{}/scores/users/{}/all".format(*_pair(c.world))
    ),
    "get_user_beatmaps_200.json": lambda c: c.cc.get(
        f"users/{_user_set_owner(c.world, 'favourite')}/beatmapsets/favourite"
    ),
    "get_user_bests_200.json": lambda c: c.cc.get(
        f"users/{_user_with(c.world, 'best')}/scores/best"
    ),
    "get_user_firsts_200.json": lambda c: c.cc.get(
        f"users/{_user_with(c.world, 'firsts')}/scores/firsts"
    ),
    "get_user_kudosu_200.json": lambda c: c.cc.get(f"users/{_kudosu_user(c.world)}/kudosu"),
    "get_user_most_played_200.json": lambda c: c.cc.get(
        f"users/{_user_set_owner(c.world, 'most_played')}/beatmapsets/most_played"
    ),
    "get_user_pinned_200.json": lambda c: c.cc.get(
        f"users/{_user_with(c.world, 'pinned')}/scores/pinned"
    ),
    "get_user_recent_activity_200.json": lambda c: c.cc.get(
        f"users/{_activity_user(c.world)}/recent_activity"
    ),
    "get_user_recents_200.json": lambda c: c.cc.get(
        f"users/{_user_with(c.world, 'recent')}/scores/recent"
    ),
    "get_users_200.json": lambda c: c.cc.get(
        "users", params=[("ids[]", u) for u in c.world.existing_user_ids(2)]
    ),
    "get_wiki_page_200.json": lambda c: c.cc.get("wiki/en/Main_page"),
    "join_channel_200.json": lambda c: c.user.put(f"chat/channels/6/users/{c.info.user_id}"),
    "lookup_beatmap_200.json": lambda c: c.cc.get(
        "beatmaps/lookup", params={"id": _ranked_beatmap(c.world)}
    ),
    "lookup_beatmaps_200.json": lambda c: c.cc.get(
        "beatmaps/lookup", params={"id": _ranked_beatmap(c.world)}
    ),
    "lookup_beatmapset_200.json": lambda c: c.cc.get(
        "beatmapsets/lookup", params={"beatmap_id": _ranked_beatmap(c.world)}
    ),
    "lookup_changelog_build_200.json": lambda c: c.cc.get("changelog/lazer"),
    "search_200.json": lambda c: c.cc.get("search", params={"query": "e"}),
    "search_beatmapsets_200.json": lambda c: c.cc.get(
        "beatmapsets/search", params={"q": _search_word(c.world)}
    ),
    "send_message_200.json": lambda c: c.user.post(
        "chat/channels/5/messages", json={"message": "Test"}
    ),
    "send_private_message_200.json": lambda c: c.user.post(
        "chat/new", json={"message": "Test", "target_id": c.world.existing_user_ids(1, 20)[0]}
    ),
}
for _mode, _id in MODES.items():
    REQUESTS[f"difficulty_attributes_{_mode}.json"] = lambda c, _id=_id: c.cc.post(
        f"beatmaps/{_ranked_beatmap(c.world)}/attributes", json={"ruleset_id": _id}
    )
    REQUESTS[f"score_{_mode}.json"] = lambda c, _mode=_mode: c.cc.get(
        f"users/{_user_with(c.world, 'best', _mode)}/scores/best",
        params={"mode": _mode, "limit": 1},
    )


def _fixture_files() -> list[str]:
    if not FIXTURES.is_dir():
        return []
    names = [p.name for p in FIXTURES.glob("*_200.json")]
    names += [p.name for p in FIXTURES.glob("score_*.json")]
    names += [p.name for p in FIXTURES.glob("difficulty_attributes_*.json")]
    return sorted(names)


@pytest.fixture(scope="module")
def clients() -> Iterator[Clients]:
    """One sandbox with every kind of client a fixture needs."""
    with run(seed=1) as info:
        info.world.chat.flood_s = 0  # the chat writes follow each other within a second
        with (
            api_client(info) as cc,
            api_client(info, version=LAZER) as cc_lazer,
            api_client(info, user=True) as user,
            api_client(info, user=True, version=20241022) as friends,
        ):
            yield Clients(info.world, info, cc, cc_lazer, user, friends)
        assert info.server.errors == [], info.server.errors[0]


def test_every_fixture_has_a_sandbox_request() -> None:
    missing = [name for name in _fixture_files() if name not in REQUESTS]
    print("fixtures the sandbox does not serve:", missing or "none")
    assert missing == []


@pytest.mark.parametrize("name", _fixture_files())
def test_sandbox_response_has_the_fixture_structure(name: str, clients: Clients) -> None:
    fixture = json.loads((FIXTURES / name).read_text())
    response = REQUESTS[name](clients)
    assert response.status_code == 200, response.text[:300]
    errors = compare(fixture, response.json())
    assert errors == [], "\n".join(errors[:40])

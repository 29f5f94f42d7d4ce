"""Request tests of the routes added since aiosu: each sends what its osu-web route reads.

The bodies are the sandbox's, which its tests check against osu-web's transformers.
"""

from __future__ import annotations

import pytest

from osuframes.sandbox import World
from tests.endpoints.harness import query_of, user_token

WORLD = World(1)


async def test_beatmaps_passed_sends_the_ids_and_the_filters(api, make_client):
    passed = [WORLD.beatmaps.beatmap_compact(b) for b in WORLD.passed_beatmap_ids(2, [8, 11, 26])]
    api.json_route("GET", "/api/v2/users/2/beatmaps-passed", {"beatmaps_passed": passed})
    got = await make_client().get_user_beatmaps_passed(
        2, [8, 11, 26], ruleset="taiko", exclude_converts=True, no_diff_reduction=False
    )
    assert [b.id for b in got] == [b["id"] for b in passed]
    assert query_of(api.api_requests()[0]) == {
        "beatmapset_ids[]": ["8", "11", "26"],
        "ruleset_id": "1",
        "exclude_converts": "true",
        "no_diff_reduction": "false",
    }


async def test_a_users_best_score_sends_mode_and_mods(api, make_client):
    beatmap_id = WORLD.ranked_beatmap_ids("osu")[0]
    found = next(s for u in range(4, 3000) if (s := WORLD.scores.user_on_beatmap(beatmap_id, 0, u)))
    score = WORLD.scores.render(WORLD.scores.core(found), True)
    api.json_route(
        "GET", f"/api/v2/beatmaps/{beatmap_id}/scores/users/4", {"position": 7, "score": score}
    )
    best = await make_client().get_user_beatmap_score(
        4, beatmap_id, mode="osu", mods="HDDT", new_format=True
    )
    assert best.position == 7
    request = api.api_requests()[0]
    assert query_of(request) == {"mode": "osu", "mods[]": ["HD", "DT"]}
    assert request.headers["x-api-version"] == "20220705"


async def test_room_events_page_with_after(api, make_client):
    room = next(r for r in range(1, 601) if WORLD.multiplayer.room_type(r) == "head_to_head")
    events = WORLD.multiplayer.room_events(room)
    body = {
        "events": events[:3],
        "first_event_id": events[0]["id"],
        "last_event_id": events[-1]["id"],
    }
    api.json_route("GET", f"/api/v2/rooms/{room}/events", body)
    answer = await make_client().get_room_events(room, after=5, limit=3)
    assert [e.id for e in answer.events] == [e["id"] for e in events[:3]]
    assert query_of(api.api_requests()[0]) == {"limit": "3", "after": "5"}


async def test_tags_and_favourites(api, make_client):
    from osuframes.sandbox.world.community import tags

    api.json_route("GET", "/api/v2/tags", {"tags": tags()})
    api.json_route("GET", "/api/v2/me/beatmapset-favourites", {"beatmapset_ids": [3, 1]})
    assert [t.name for t in await make_client().get_tags()][:1] == ["skillset/aim"]
    login = make_client(token=user_token(), session_id=2)
    assert await login.get_favourite_beatmapset_ids() == [3, 1]


async def test_playlist_scores_by_id_and_by_user_need_a_lazer_token(api, make_client):
    from osuframes import MissingScopeError, OAuthToken

    mp = WORLD.multiplayer
    item = next(i for i in mp.items(1) if i.score_count)
    first = mp.playlist_score_ids(item)[0]
    body = mp.playlist_score(item, first)
    api.json_route("GET", f"/api/v2/rooms/1/playlist/{item.id}/scores/{first}", body)
    api.json_route(
        "GET", f"/api/v2/rooms/1/playlist/{item.id}/scores/users/{body['user_id']}", body
    )
    lazer = OAuthToken(access_token="lazer", refresh_token="r", expires_in=86400, scopes=("*",))
    client = make_client(token=lazer, session_id=2)
    assert (await client.get_multiplayer_score(1, item.id, first)).id == first
    by_user = await client.get_multiplayer_user_score(1, item.id, body["user_id"])
    assert by_user.id == first
    with pytest.raises(MissingScopeError):
        await make_client(token=user_token(), session_id=2).get_multiplayer_score(1, item.id, first)
    assert len(api.api_requests()) == 2


async def test_beatmapset_ratings_send_nothing_but_the_set(api, make_client):
    from osuframes import OAuthToken

    # The body of osu-web's own controller test (testIndexWithUserRating).
    body = {"disallow_rating_reason": None, "total_rating": 7.43, "user_rating": 7}
    api.json_route("GET", "/api/v2/beatmapsets/1/ratings", body)
    lazer = OAuthToken(access_token="lazer", refresh_token="r", expires_in=86400, scopes=("*",))
    got = await make_client(token=lazer, session_id=2).get_beatmapset_ratings(1)
    assert (got.disallow_rating_reason, got.total_rating, got.user_rating) == (None, 7.43, 7)
    assert query_of(api.api_requests()[0]) == {}

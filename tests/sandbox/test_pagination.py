"""Each pagination family, walked over HTTP, against the world's ground truth (spec §1.3, §2)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import httpx

from osuframes.sandbox import SandboxInfo, World
from osuframes.sandbox.pagination import decode_cursor_string, encode_cursor


def follow(
    client: httpx.Client, path: str, key: str, params: dict[str, Any] | None = None
) -> list[Any]:
    """Collect `key` from every page, sending cursor_string back until it is null."""
    params = dict(params or {})
    rows: list[Any] = []
    for _ in range(500):
        body = client.get(path, params=params).json()
        rows += body[key]
        assert (body["cursor"] is None) == (body["cursor_string"] is None)
        if body["cursor_string"] is None:
            return rows
        assert decode_cursor_string(body["cursor_string"]) == body["cursor"]
        params["cursor_string"] = body["cursor_string"]
    raise AssertionError("cursor never became null")


def test_cursor_string_is_urlsafe_base64_of_php_json_without_padding() -> None:
    assert encode_cursor({"event_id": 8}) == "eyJldmVudF9pZCI6OH0"
    assert encode_cursor({"match_id": 114428685}) == "eyJtYXRjaF9pZCI6MTE0NDI4Njg1fQ"
    assert decode_cursor_string("eyJwYWdlIjoyfQ") == {"page": 2}
    assert decode_cursor_string("not base64 json") is None
    raw = base64.urlsafe_b64decode(encode_cursor({"u": "a/b"}) + "==")  # type: ignore[operator]
    assert raw == b'{"u":"a\\/b"}'


# -- cursor_string families ---------------------------------------------------------------------
def test_country_rankings_follow_the_cursor_until_null(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    rows = follow(client, "rankings/taiko/performance", "ranking", {"country": "SE"})
    assert [r["user"]["id"] for r in rows] == world.ranking_user_ids("taiko", "performance", "SE")
    first = client.get("rankings/taiko/performance", params={"country": "SE"}).json()
    assert first["total"] == world.ranking_total("taiko", "performance", "SE") == len(rows)


def test_global_rankings_stop_at_page_200_and_clamp_pages(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    assert sandbox.world.ranking_total("osu") == 10000
    last = client.get("rankings/osu/performance", params={"cursor[page]": 200}).json()
    assert last["cursor"] is None and len(last["ranking"]) == 50 and last["total"] == 10000
    clamped = client.get("rankings/osu/performance", params={"page": 999}).json()
    assert clamped["ranking"] == last["ranking"]
    low = client.get("rankings/osu/performance", params={"page": -3}).json()
    assert low["cursor"] == {"page": 2} and low["cursor_string"] == "eyJwYWdlIjoyfQ"


def test_kudosu_ranking_is_50_per_page_up_to_page_20(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    total = sandbox.world.kudosu_ranking_total()
    pages = [
        client.get("rankings/kudosu", params={"page": p}).json()["ranking"] for p in range(1, 22)
    ]
    assert sum(len(p) for p in pages[:20]) == total == 1000
    assert pages[20] == pages[19]  # page clamps at 20
    assert set(client.get("rankings/kudosu").json()) == {"ranking"}


def test_beatmapset_search_follows_the_cursor(client: httpx.Client, sandbox: SandboxInfo) -> None:
    params = {"s": "loved", "m": 0, "sort": "plays_desc"}
    rows = follow(client, "beatmapsets/search", "beatmapsets", params)
    assert len(rows) == sandbox.world.beatmapset_search_total(mode=0, status="loved")
    assert len({r["id"] for r in rows}) == len(rows)
    plays = [r["play_count"] for r in rows]
    assert plays == sorted(plays, reverse=True)
    body = client.get("beatmapsets/search", params=params).json()
    assert body["total"] == len(rows) and len(body["beatmapsets"]) == 50


def test_beatmapset_search_rejects_a_cursor_of_another_sort(client: httpx.Client) -> None:
    cursor = encode_cursor({"approved_date": 1, "id": 1})
    response = client.get(
        "beatmapsets/search", params={"sort": "plays_desc", "cursor_string": cursor}
    )
    assert response.status_code == 422
    assert response.json() == {"error": "Cursor parameters do not match sort parameters."}


def test_events_follow_the_cursor(client: httpx.Client, sandbox: SandboxInfo) -> None:
    rows = follow(client, "events", "events")
    ids = [r["id"] for r in rows]
    assert len(ids) == sandbox.world.events_total() and ids == sorted(ids, reverse=True)
    asc = follow(client, "events", "events", {"sort": "id_asc"})
    assert [r["id"] for r in asc] == ids[::-1]


def test_news_limit_clamps_to_21_and_the_compound_cursor_sees_every_post(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    assert len(client.get("news", params={"limit": 100}).json()["news_posts"]) == 21
    assert len(client.get("news").json()["news_posts"]) == 12
    rows = follow(client, "news", "news_posts", {"limit": 7})
    assert len(rows) == sandbox.world.news_total() == len({r["id"] for r in rows})
    year = rows[0]["published_at"][:4]
    in_year = follow(client, "news", "news_posts", {"year": year})
    assert len(in_year) == sandbox.world.news_total(int(year))


def test_matches_follow_the_cursor(client: httpx.Client, sandbox: SandboxInfo) -> None:
    rows = follow(client, "matches", "matches", {"limit": 50})
    assert len(rows) == sandbox.world.matches_total() == len(sandbox.world.match_ids())
    active = follow(client, "matches", "matches", {"active": "true"})
    assert len(active) == sandbox.world.matches_total(active=True)


def test_beatmap_packs_follow_the_cursor(client: httpx.Client, sandbox: SandboxInfo) -> None:
    rows = follow(client, "beatmaps/packs", "beatmap_packs")
    assert len(rows) == sandbox.world.beatmap_pack_count("standard") == 300
    loved = follow(client, "beatmaps/packs", "beatmap_packs", {"type": "loved"})
    assert len(loved) == sandbox.world.beatmap_pack_count("loved")
    assert client.get("beatmaps/packs", params={"type": "nope"}).status_code == 404


def test_playlist_scores_follow_the_total_score_cursor(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    room, item = next(
        (r, i)
        for r in world.room_ids()
        for i in world.playlist_item_ids(r)
        if world.playlist_score_count(r, i) > 120
    )
    rows = follow(client, f"rooms/{room}/playlist/{item}/scores", "scores", {"limit": 50})
    totals = [r["total_score"] for r in rows]
    assert len(rows) == world.playlist_score_count(room, item) and totals == sorted(
        totals, reverse=True
    )
    asc = follow(client, f"rooms/{room}/playlist/{item}/scores", "scores", {"sort": "score_asc"})
    assert [r["id"] for r in asc] == [r["id"] for r in rows][::-1]


def test_forum_topic_posts_follow_the_id_cursor(client: httpx.Client, sandbox: SandboxInfo) -> None:
    topic = next(t for t in range(1, 151) if sandbox.world.forum_topic_post_count(t) > 60)
    rows = follow(client, f"forums/topics/{topic}", "posts", {"limit": 20})
    assert len(rows) == sandbox.world.forum_topic_post_count(topic)


def test_featured_tracks_follow_the_cursor(sandbox: SandboxInfo) -> None:
    with httpx.Client(base_url=sandbox.base_url) as web:
        rows = follow(web, "/beatmaps/artists/tracks", "artist_tracks")
    assert len(rows) == sandbox.world.featured_track_count() == len({r["id"] for r in rows})


def test_discussions_posts_and_votes_page_by_page_limit_cursor(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    cases = [
        ("beatmapsets/discussions", "discussions", world.discussions_total()),
        ("beatmapsets/discussions/posts", "posts", world.discussion_posts_total()),
        ("beatmapsets/discussions/votes", "votes", world.discussion_votes_total()),
    ]
    for path, key, total in cases:
        rows = follow(client, path, key)
        assert len(rows) == total, path
        page2 = client.get(path, params={"page": 2, "limit": 50}).json()[key]
        assert [r["id"] for r in page2] == [r["id"] for r in rows[50:100]], path
    first = client.get("beatmapsets/discussions", params={"limit": 1}).json()
    assert len(first["discussions"]) == 5 and first["cursor"] == {"page": 2, "limit": 5}


def test_discussion_filters_match_the_ground_truth(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    user = world.discussions.find_discussions()[0].user_id
    rows = follow(
        client,
        "beatmapsets/discussions",
        "discussions",
        {"user": user, "message_types[]": "problem"},
    )
    assert len(rows) == world.discussions_total(user=user, message_types=["problem"])


# -- page and offset families -------------------------------------------------------------------
def test_beatmapset_events_page_without_a_cursor(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    rows: list[Any] = []
    for page in range(1, 100):
        body = client.get("beatmapsets/events", params={"page": page, "limit": 50}).json()
        assert "cursor" not in body
        rows += body["events"]
        if len(body["events"]) < 50:
            break
    assert len(rows) == sandbox.world.beatmapset_events_total()
    typed = client.get(
        "beatmapsets/events", params={"types[]": ["rank", "love"], "limit": 50}
    ).json()
    expected = sandbox.world.beatmapset_events_total(types=["rank", "love"])
    assert len(typed["events"]) == min(50, expected)
    capped = client.get("beatmapsets/events", params={"page": 10**6, "limit": 50}).json()
    assert capped["events"] == []  # offset is capped at 10000 - limit, past the 700 events


def _user(world: World, pred: Callable[[int], bool]) -> int:
    return next(u for u in world.existing_user_ids(4000) if pred(u))


def _offset_walk(
    client: httpx.Client, path: str, params: dict[str, Any] | None = None
) -> list[Any]:
    rows: list[Any] = []
    for offset in range(0, 1000, 100):
        page = client.get(path, params={**(params or {}), "limit": 100, "offset": offset}).json()
        rows += page
        if len(page) < 100:
            return rows
    return rows


def test_best_scores_stop_at_200(client: httpx.Client, sandbox: SandboxInfo) -> None:
    world = sandbox.world
    uid = _user(world, lambda u: world.user_score_count(u, "best", "osu") == 200)
    rows = _offset_walk(client, f"users/{uid}/scores/best", {"mode": "osu"})
    assert len(rows) == 200
    tail = client.get(
        f"users/{uid}/scores/best", params={"mode": "osu", "offset": 190, "limit": 100}
    ).json()
    assert len(tail) == 10
    assert (
        len(client.get(f"users/{uid}/scores/best", params={"mode": "osu"}).json()) == 5
    )  # default limit
    assert (
        len(client.get(f"users/{uid}/scores/best", params={"mode": "osu", "limit": 0}).json()) == 1
    )


def test_recent_scores_cap_offset_plus_limit_at_100(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    uid = _user(world, lambda u: world.user_score_count(u, "recent", "osu", reachable=False) > 120)
    rows = _offset_walk(client, f"users/{uid}/scores/recent", {"mode": "osu"})
    assert len(rows) == world.user_score_count(uid, "recent", "osu") == 100
    fails = _offset_walk(
        client, f"users/{uid}/scores/recent", {"mode": "osu", "include_fails": "1"}
    )
    assert len(fails) == 100 and any(not r["passed"] for r in fails)
    past = client.get(f"users/{uid}/scores/recent", params={"mode": "osu", "offset": 100}).json()
    assert past == []


def test_firsts_are_walked_to_the_end_in_small_pages(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    # Firsts have no offset cap in osu-web; the world's most have fewer than 100 (the
    # plays that lead their leaderboards), so small pages walk past several offsets.
    world = sandbox.world
    top = world.users.order("osu")[:10]
    uid = max(top, key=lambda u: world.user_score_count(u, "firsts", "osu"))
    rows: list[Any] = []
    while page := client.get(
        f"users/{uid}/scores/firsts", params={"mode": "osu", "limit": 7, "offset": len(rows)}
    ).json():
        rows += page
    assert len(rows) == world.user_score_count(uid, "firsts", "osu") == 28  # measured (seed 1)
    assert len({row["id"] for row in rows}) == len(rows)


def test_kudosu_and_recent_activity_cap_at_100(client: httpx.Client, sandbox: SandboxInfo) -> None:
    world = sandbox.world
    uid = _user(world, lambda u: world.recent_activity_count(u, reachable=False) > 100)
    assert len(_offset_walk(client, f"users/{uid}/recent_activity")) == 100
    kudosu_user = _user(world, lambda u: world.kudosu_history_count(u) > 0)
    rows = _offset_walk(client, f"users/{kudosu_user}/kudosu")
    assert len(rows) == world.kudosu_history_count(kudosu_user)


def test_user_beatmapsets_match_the_profile_counts(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    uid = _user(world, lambda u: world.user_beatmapset_count(u, "most_played") > 120)
    assert len(
        _offset_walk(client, f"users/{uid}/beatmapsets/most_played")
    ) == world.user_beatmapset_count(uid, "most_played")
    profile = client.get(f"users/{uid}").json()
    for kind in ("favourite", "graveyard", "ranked"):
        rows = _offset_walk(client, f"users/{uid}/beatmapsets/{kind}")
        assert (
            len(rows)
            == profile[f"{kind}_beatmapset_count"]
            == world.user_beatmapset_count(uid, kind)
        )


def test_search_users_is_20_per_page_and_100_reachable(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    total = sandbox.world.search_user_total("a")
    assert total > 100
    pages = [
        client.get("search", params={"mode": "user", "query": "a", "page": p}).json()
        for p in range(1, 8)
    ]
    assert pages[0]["user"]["total"] == total and set(pages[0]) == {"user"}
    assert sum(len(p["user"]["data"]) for p in pages[:5]) == 100
    assert pages[6]["user"]["data"] == pages[4]["user"]["data"]  # page clamps at 5


# -- comments, match events, changelog, chat, the score feed ------------------------------------
def test_comments_page_by_cursor_params_only(client: httpx.Client, sandbox: SandboxInfo) -> None:
    world = sandbox.world
    params: dict[str, Any] = {"commentable_type": "news_post", "limit": 20}
    total = world.comments_total(commentable_type="news_post")
    rows: list[Any] = []
    body = client.get("comments", params=params).json()
    assert "cursor_string" not in body
    while True:
        rows += body["comments"]
        if not body["has_more"]:
            assert body["cursor"] is None
            break
        cursor = {f"cursor[{k}]": v for k, v in body["cursor"].items()}
        body = client.get("comments", params={**params, **cursor}).json()
    assert len(rows) == total == body["total"] and len({r["id"] for r in rows}) == total
    ignored = client.get(
        "comments", params={**params, "cursor_string": encode_cursor({"id": 1})}
    ).json()
    assert ignored["comments"][0]["id"] == rows[0]["id"]


def test_comments_sorted_old_and_top_see_every_comment(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    for sort in ("old", "top"):
        params: dict[str, Any] = {"sort": sort, "limit": 100}
        seen: list[int] = []
        body = client.get("comments", params=params).json()
        while True:
            seen += [c["id"] for c in body["comments"]]
            if not body["has_more"]:
                break
            cursor = {f"cursor[{k}]": v for k, v in body["cursor"].items()}
            body = client.get("comments", params={**params, **cursor}).json()
        assert len(seen) == len(set(seen)) == sandbox.world.comments_total(), sort


def test_match_events_walk_after_until_latest(client: httpx.Client, sandbox: SandboxInfo) -> None:
    world = sandbox.world
    match_id = world.match_ids()[0]
    first = client.get(f"matches/{match_id}", params={"after": 0, "limit": 500}).json()
    assert len(first["events"]) == 101  # limit clamps to 101
    seen = [e["id"] for e in first["events"]]
    while seen[-1] != first["latest_event_id"]:
        body = client.get(f"matches/{match_id}", params={"after": seen[-1], "limit": 100}).json()
        seen += [e["id"] for e in body["events"]]
    assert seen == world.match_event_ids(match_id) and seen[0] == first["first_event_id"]
    newest = client.get(f"matches/{match_id}").json()
    assert [e["id"] for e in newest["events"]] == seen[-100:]  # default: newest 100, oldest first
    before = client.get(f"matches/{match_id}", params={"before": seen[50], "limit": 10}).json()
    assert [e["id"] for e in before["events"]] == seen[40:50]


def test_changelog_pages_back_with_max_id(client: httpx.Client, sandbox: SandboxInfo) -> None:
    seen: list[int] = []
    body = client.get("changelog", params={"stream": "lazer"}).json()
    while body["builds"]:
        assert len(body["builds"]) <= 21 and "cursor" not in body
        seen += [b["id"] for b in body["builds"]]
        body = client.get("changelog", params={"stream": "lazer", "max_id": seen[-1] - 1}).json()
    assert len(seen) == sandbox.world.changelog_build_count("lazer")


def test_chat_messages_since_and_until(user_client: httpx.Client, sandbox: SandboxInfo) -> None:
    latest = user_client.get("chat/channels/5/messages").json()
    assert len(latest) == 50
    ids = [m["message_id"] for m in latest]
    assert ids == sorted(ids)
    older = user_client.get(
        "chat/channels/5/messages", params={"until": ids[0], "limit": 10}
    ).json()
    assert [m["message_id"] for m in older] == list(range(ids[0] - 10, ids[0]))
    newer = user_client.get("chat/channels/5/messages", params={"since": ids[0], "limit": 5}).json()
    assert [m["message_id"] for m in newer] == ids[1:6]
    assert user_client.get("chat/channels/6/messages").status_code == 404  # not a member


def test_score_feed_is_oldest_first_and_returns_the_same_cursor_when_idle(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    ids = sandbox.world.score_feed_ids()
    latest = client.get("scores").json()
    assert [s["id"] for s in latest["scores"]] == ids[-1000:]
    start = encode_cursor({"id": ids[0] - 1})
    seen: list[int] = []
    body = client.get("scores", params={"cursor_string": start}).json()
    while body["scores"]:
        seen += [s["id"] for s in body["scores"]]
        body = client.get("scores", params={"cursor_string": body["cursor_string"]}).json()
    assert seen == ids
    assert body["cursor"] == {"id": ids[-1]}  # nothing new: the same cursor comes back
    old = client.get("scores", params={"cursor_string": encode_cursor({"id": 1})})
    assert old.status_code == 422 and old.json() == {"error": "cursor is too old"}
    taiko = client.get("scores", params={"ruleset": "taiko"}).json()["scores"]
    assert {s["ruleset_id"] for s in taiko} == {1} and len(taiko) == len(
        sandbox.world.score_feed_ids("taiko")
    )


def test_cursor_params_work_when_cursor_string_is_absent_or_broken(client: httpx.Client) -> None:
    by_string = client.get(
        "rankings/osu/performance", params={"cursor_string": encode_cursor({"page": 3})}
    ).json()
    by_params = client.get("rankings/osu/performance", params={"cursor[page]": 3}).json()
    broken = client.get(
        "rankings/osu/performance", params={"cursor_string": "%%%", "cursor[page]": 3}
    ).json()
    assert by_string["ranking"] == by_params["ranking"] == broken["ranking"]
    assert json.dumps(by_params["cursor"]) == '{"page": 4}'

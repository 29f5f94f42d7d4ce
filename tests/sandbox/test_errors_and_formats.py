"""404/422 bodies, PHP-style params, x-api-version formats, determinism and counters."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from osuframes.sandbox import SandboxInfo, World

from .conftest import api_client


def test_unknown_routes_and_methods_are_404_invalid_url(client: httpx.Client) -> None:
    body = {"error": "Invalid url or incorrect request method."}
    for method, path in (
        ("GET", "nope"),
        ("POST", "users/2"),
        ("GET", "users/2/scores/best/extra/x"),
    ):
        response = client.request(method, path)
        assert (response.status_code, response.json()) == (404, body), path


def test_unknown_route_without_a_token_is_401_first(sandbox: SandboxInfo) -> None:
    assert httpx.get(sandbox.base_url + "/api/v2/nope").status_code == 401


def test_missing_and_restricted_users_are_404_error_null(
    client: httpx.Client, sandbox: SandboxInfo
) -> None:
    world = sandbox.world
    for uid in world.missing_user_ids(3) + world.restricted_user_ids(3) + [0, 99999]:
        response = client.get(f"users/{uid}")
        assert (response.status_code, response.json()) == (404, {"error": None}), uid
        assert client.get(f"users/{uid}/scores/best").json() == {"error": None}
    assert client.get("users/2/scores/nope").status_code == 404


def test_model_not_found_texts(client: httpx.Client) -> None:
    cases = {
        "beatmaps/3": "Specified beatmap difficulty couldn't be found.",
        "beatmapsets/999999": "Specified beatmap couldn't be found.",
        "beatmaps/packs/X9": "Specified BeatmapPack couldn't be found.",
        "matches/1": "Specified LegacyMatch\\LegacyMatch couldn't be found.",
        "rooms/0": "Specified Multiplayer\\Room couldn't be found.",
        "forums/topics/0": "Specified Forum\\Topic couldn't be found.",
        "news/0?key=id": "Specified NewsPost couldn't be found.",
        "comments/0": "Specified Comment couldn't be found.",
        "changelog/nope": "Specified Build couldn't be found.",
        "scores/osu/0": "Invalid score id.",
        "rankings/osu/nope": "invalid type specified",
    }
    for path, message in cases.items():
        response = client.get(path)
        assert (response.status_code, response.json()) == (404, {"error": message}), path


def test_wiki_miss_is_404_with_an_empty_body(client: httpx.Client) -> None:
    response = client.get("wiki/en/thiswill404")
    assert response.status_code == 404 and response.content == b""


def test_users_lookup_over_50_ids_is_422(client: httpx.Client, sandbox: SandboxInfo) -> None:
    response = client.get("users/lookup", params=[("ids[]", i) for i in range(1, 52)])
    assert response.status_code == 422
    name = sandbox.world.username(2)
    found = client.get(
        "users/lookup", params=[("ids[]", "@" + name), ("ids[]", 2), ("ids[]", "4")]
    ).json()
    assert [u["id"] for u in found["users"]] == [2] + ([4] if sandbox.world.user_exists(4) else [])


def test_php_array_params_need_brackets(client: httpx.Client, sandbox: SandboxInfo) -> None:
    ids = sandbox.world.existing_user_ids(3)
    with_brackets = client.get("users", params=[("ids[]", i) for i in ids]).json()["users"]
    plain = client.get("users", params={"ids": ",".join(map(str, ids))}).json()["users"]
    assert [u["id"] for u in with_brackets] == ids and plain == []
    sixty = client.get(
        "users", params=[("ids[]", i) for i in sandbox.world.existing_user_ids(60)]
    ).json()
    assert len(sixty["users"]) == 50  # extra ids are dropped silently


def test_booleans_accept_true_false_1_0(client: httpx.Client, sandbox: SandboxInfo) -> None:
    counts = {
        v: len(client.get("matches", params={"active": v}).json()["matches"])
        for v in ("true", "1", "0")
    }
    assert counts["true"] == counts["1"] == sandbox.world.matches_total(active=True)
    assert counts["0"] == 50


def test_score_format_follows_x_api_version(sandbox: SandboxInfo) -> None:
    uid = 2
    with api_client(sandbox) as legacy, api_client(sandbox, version=20220705) as lazer:
        old = legacy.get(f"users/{uid}/scores/best", params={"mode": "osu", "limit": 1}).json()[0]
        new = lazer.get(f"users/{uid}/scores/best", params={"mode": "osu", "limit": 1}).json()[0]
        assert "score" in old and "statistics" in old and "count_300" in old["statistics"]
        assert new["type"] == "solo_score" and new["legacy_score_id"] == old["id"]
        feed = legacy.get("scores").json()["scores"][0]  # /scores is always lazer
        assert feed["type"] == "solo_score"


def test_friends_format_follows_x_api_version(sandbox: SandboxInfo) -> None:
    with (
        api_client(sandbox, user=True) as old,
        api_client(sandbox, user=True, version=20241022) as new,
    ):
        assert "username" in old.get("friends").json()[0]
        assert set(new.get("friends").json()[0]) == {
            "target_id",
            "relation_type",
            "mutual",
            "target",
        }


def test_rooms_is_a_bare_array_below_version_99999999(sandbox: SandboxInfo) -> None:
    with api_client(sandbox) as old, api_client(sandbox, version=99999999) as new:
        assert isinstance(old.get("rooms").json(), list)
        assert set(new.get("rooms").json()) == {"rooms", "cursor", "cursor_string"}


def test_the_same_seed_gives_the_same_world() -> None:
    a, b, c = World(5), World(5), World(6)
    assert a.users.extended(2, "osu", {k: 0 for k in _COUNTS}) == b.users.extended(
        2, "osu", {k: 0 for k in _COUNTS}
    )
    assert (
        a.ranking_user_ids("osu")[:50]
        == b.ranking_user_ids("osu")[:50]
        != c.ranking_user_ids("osu")[:50]
    )


_COUNTS = (
    "favourite",
    "graveyard",
    "guest",
    "loved",
    "most_played",
    "nominated",
    "pending",
    "ranked",
    "best",
    "firsts",
    "pinned",
    "recent",
)


def test_counters_count_requests_per_path(fresh: Callable[..., SandboxInfo]) -> None:
    info = fresh()
    with api_client(info) as c:
        for _ in range(3):
            c.get("users/2")
        c.get("spotlights")
    stats = info.server.stats
    assert stats.requests("/api/v2/users/2") == 3 and stats.requests("/api/v2/") == 4
    assert stats.per_route["GET users/{user}"] == 3 and stats.token_requests == 1
    stats.reset()
    assert stats.total == 0


def test_chat_writes_and_the_flood_limit(user_client: httpx.Client, sandbox: SandboxInfo) -> None:
    sent = user_client.post("chat/channels/7/messages", json={"message": "hello"})
    assert sent.status_code == 200 and sent.json()["content"] == "hello"
    flood = user_client.post("chat/channels/7/messages", json={"message": "again"})
    assert flood.status_code == 429 and "too quickly" in flood.json()["error"]
    assert sandbox.world.channel_message_count(7) == 41


def test_concurrent_first_requests_see_one_consistent_world(
    fresh: Callable[..., SandboxInfo],
) -> None:
    info = fresh()
    with api_client(info) as c:
        paths = ["beatmapsets/discussions", "comments", "rankings/osu/performance", "events"] * 4
        with ThreadPoolExecutor(8) as pool:
            bodies = list(pool.map(lambda p: (p, c.get(p).json()), paths))
    first = {}
    for path, body in bodies:
        assert first.setdefault(path, body) == body, path
    assert info.server.errors == []

"""The response cache: hits cost no request and no rate budget; keys hold no secret."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from osuframes import (
    Client,
    ConfigError,
    InvalidResponseError,
    NotFound,
    OfflineCacheMiss,
    RateLimit,
    RateLimiter,
    ResponseCache,
    Settings,
    configure,
)
from osuframes.endpoints._base import endpoint_of
from osuframes.http.lifetimes import CacheRule, Lifetime
from osuframes.http.ratelimit import Slot
from tests.conftest import FakeClock, MockAPI

USER = {"id": 2, "username": "peppy"}


class CountingLimiter(RateLimiter):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(RateLimit(1000, 1), clock=clock)
        self.acquired = 0

    async def acquire(self, cost: int = 1) -> Slot:
        self.acquired += 1
        return await super().acquire(cost)


async def test_cache_hit_spends_no_request_and_no_rate_limit_budget(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    limiter = CountingLimiter(clock)
    client = make_client(cache=ResponseCache(tmp_path), limiter=limiter)
    assert await client.get_user(2) == await client.get_user(2)
    assert len(api.api_requests()) == 1
    assert limiter.acquired == 1


async def test_a_cache_is_shared_by_clients_with_other_tokens(
    api: MockAPI, make_client, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    cache = ResponseCache(tmp_path)
    await make_client(cache=cache).get_user(2)
    await make_client(cache=cache, client_secret="another-secret-entirely").get_user(2)
    assert len(api.api_requests()) == 1


async def test_the_same_request_under_two_tokens_has_the_same_cache_key(
    api: MockAPI, make_client, tmp_path: Path
):
    from osuframes import OAuthToken

    api.json_route("GET", "/api/v2/users/2", USER)
    caches = [ResponseCache(tmp_path / "a"), ResponseCache(tmp_path / "b")]
    for access, cache in zip(["token-a", "token-b"], caches, strict=True):
        token = OAuthToken(
            access_token=access, expires_in=86400, expires_on=datetime(2100, 1, 1, tzinfo=UTC)
        )
        await make_client(cache=cache, token=token).get_user(2)
    sent = [r.headers["authorization"] for r in api.api_requests()]
    assert sent == ["Bearer token-a", "Bearer token-b"]
    keys = [[file.name for _, file in cache.entries()] for cache in caches]
    assert len(keys[0]) == 1 and keys[0] == keys[1]


async def test_user_scoped_and_write_calls_are_never_cached(api: MockAPI, make_client, tmp_path):
    from osuframes import OAuthToken

    api.json_route("GET", "/api/v2/me", USER)
    token = OAuthToken(
        access_token="t",
        expires_in=86400,
        scopes=("public", "identify"),
        expires_on=datetime(2100, 1, 1, tzinfo=UTC),
    )
    client = make_client(cache=ResponseCache(tmp_path), token=token, session_id=2)
    await client.get_me()
    await client.get_me()
    assert len(api.api_requests()) == 2


async def test_an_answer_past_its_lifetime_is_fetched_again(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    client = make_client(cache=ResponseCache(tmp_path, clock=clock))
    await client.get_user(2)
    clock.t += Lifetime.SHORT.value - 1
    await client.get_user(2)
    assert len(api.api_requests()) == 1
    clock.t += 2
    await client.get_user(2)
    assert len(api.api_requests()) == 2


async def test_a_family_override_replaces_the_declared_lifetime(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", USER)
    cache = ResponseCache(tmp_path, ttl_s={"users": 3600}, clock=clock)
    client = make_client(cache=cache)
    await client.get_user(2)
    clock.t += 3000  # past the declared 10 minutes, inside the hour
    await client.get_user(2)
    assert len(api.api_requests()) == 1


async def test_a_ranked_beatmapset_keeps_long_and_a_pending_one_short(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/beatmapsets/1", {"id": 1, "status": "ranked"})
    api.json_route("GET", "/api/v2/beatmapsets/2", {"id": 2, "status": "pending"})
    client = make_client(cache=ResponseCache(tmp_path, clock=clock))
    for beatmapset in (1, 2):
        await client.get_beatmapset(beatmapset)
    clock.t += 29 * 24 * 3600
    for beatmapset in (1, 2):
        await client.get_beatmapset(beatmapset)
    assert [r.url.path for r in api.api_requests()] == [
        "/api/v2/beatmapsets/1",
        "/api/v2/beatmapsets/2",
        "/api/v2/beatmapsets/2",
    ]


@pytest.mark.parametrize(
    ("spoilt", "dropped"),
    [
        (b'{"id": 2, "usern', 1),  # not JSON any more: cut short, as by a full disk
        (b'{"id": "not a number"}', 0),  # JSON that an osuframes with other models wrote
    ],
)
async def test_a_cached_body_that_no_longer_reads_is_replaced_not_served(
    api: MockAPI, make_client, tmp_path: Path, spoilt: bytes, dropped: int
):
    api.json_route("GET", "/api/v2/users/2", USER)
    cache = ResponseCache(tmp_path)
    client = make_client(cache=cache)
    await client.get_user(2)
    ((_, file),) = cache.entries()
    file.write_bytes(spoilt)
    assert (await client.get_user(2)).username == "peppy"
    assert len(api.api_requests()) == 2
    assert json.loads(file.read_bytes()) == USER
    assert cache.tally().dropped == dropped


async def test_an_answer_that_does_not_read_as_the_model_is_fetched_once_more_at_most(
    api: MockAPI, make_client, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/2", {"id": "not a number"})
    client = make_client(cache=ResponseCache(tmp_path))
    with pytest.raises(InvalidResponseError, match="does not read as UserExtended"):
        await client.get_user(2)
    assert len(api.api_requests()) == 2


async def test_bodies_are_stored_as_the_raw_json_the_server_sent(
    api: MockAPI, make_client, tmp_path: Path
):
    body = b'{"id": 2,   "username": "peppy", "new_field": [1, 2]}'
    api.route("GET", "/api/v2/users/2", httpx.Response(200, content=body))
    cache = ResponseCache(tmp_path)
    await make_client(cache=cache).get_user(2)
    ((family, file),) = cache.entries()
    assert (family, file.read_bytes()) == ("users", body)
    assert file.relative_to(tmp_path).parts[0] == "v1"


async def test_fresh_calls_skip_the_cache_and_replace_the_answer(
    api: MockAPI, make_client, tmp_path: Path
):
    api.route(
        "GET",
        "/api/v2/users/2",
        httpx.Response(200, json=USER),
        httpx.Response(200, json={**USER, "username": "peppy2"}),
    )
    client = make_client(cache=ResponseCache(tmp_path))
    spec = endpoint_of(Client.get_user)
    await client.get_user(2)
    renewed = await spec.send(client, spec.build(client, 2).refetched())
    assert renewed.username == "peppy2"
    assert (await client.get_user(2)).username == "peppy2"
    assert len(api.api_requests()) == 2


async def test_hits_and_misses_are_kept_for_the_next_run(api: MockAPI, make_client, tmp_path: Path):
    api.json_route("GET", "/api/v2/users/2", USER)
    client = make_client(cache=ResponseCache(tmp_path))
    for _ in range(3):
        await client.get_user(2)
    await client.aclose()
    (run,) = ResponseCache(tmp_path).runs()
    assert (run["hits"], run["misses"]) == (2, 1)


def test_every_cacheable_endpoint_declares_a_family_and_user_scoped_ones_none():
    declared = {}
    for klass in Client.__mro__:
        for name, method in vars(klass).items():
            spec = getattr(method, "endpoint", None)
            if spec is not None:
                declared[name] = spec.cache
    for name in ("get_me", "get_own_friends", "get_channels", "get_score_replay"):
        assert declared[name] is None, name
    assert declared["get_rankings"] == CacheRule("rankings", Lifetime.SHORT)
    assert declared["get_score"] == CacheRule("scores", Lifetime.LONG)
    assert declared["get_wiki_page"] == CacheRule("wiki", Lifetime.LONG)
    assert declared["get_multiplayer_match"].family == "matches"


async def test_offline_sends_no_write_and_asks_for_no_token(
    api: MockAPI, make_client, tmp_path: Path
):
    offline = Settings.resolve({"offline": True}, environ={})
    client = make_client(settings=offline, cache=ResponseCache(tmp_path))
    with pytest.raises(OfflineCacheMiss, match=r"get_user \(GET /api/v2/users/2\)"):
        await client.get_user(2)
    with pytest.raises(OfflineCacheMiss, match="get_beatmap_attributes .* never cached"):
        await client.get_beatmap_attributes(1)
    with pytest.raises(OfflineCacheMiss, match="a token"):
        await client.get_current_token()
    assert api.requests == []


def test_offline_with_the_cache_turned_off_is_refused():
    with pytest.raises(ConfigError, match="offline=True answers from the response cache"):
        Settings.resolve({"offline": True, "cache": False}, environ={})


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"OSUFRAMES_CACHE": "maybe"}, "OSUFRAMES_CACHE='maybe' is neither on nor off"),
        ({"OSUFRAMES_OFFLINE": "2"}, "OSUFRAMES_OFFLINE='2' is neither on nor off"),
    ],
)
def test_a_switch_that_is_neither_on_nor_off_is_refused(environ: dict[str, str], message: str):
    with pytest.raises(ConfigError, match=message):
        Settings.resolve(environ=environ)


def test_an_unknown_cache_family_is_refused_with_the_list_of_families():
    with pytest.raises(ConfigError, match=r"'ranking' is not a cache family; .*rankings"):
        configure(cache_ttl={"ranking": 60})
    with pytest.raises(ConfigError, match="at least 0"):
        configure(cache_ttl={"rankings": -1})
    assert configure(cache_ttl={"rankings": 60}).cache_ttl == (("rankings", 60.0),)


def test_the_cache_is_on_by_default_and_off_by_setting():
    assert Settings.resolve(environ={}).cache is True
    assert Settings.resolve(environ={"OSUFRAMES_CACHE": "off"}).cache is False
    assert Settings.resolve(environ={"OSUFRAMES_OFFLINE": "yes"}).offline is True


async def test_a_404_is_kept_so_the_next_run_and_an_offline_one_fail_the_same_way(
    api: MockAPI, make_client, clock: FakeClock, tmp_path: Path
):
    api.json_route("GET", "/api/v2/users/3", {"error": None}, status=404)
    cache = ResponseCache(tmp_path, clock=clock)
    client = make_client(cache=cache)
    for _ in range(2):
        with pytest.raises(NotFound, match="/api/v2/users/3"):
            await client.get_user(3)
    assert len(api.api_requests()) == 1
    clock.t += Lifetime.SHORT.value  # past its lifetime: asked again online ...
    offline = make_client(settings=Settings.resolve({"offline": True}, environ={}), cache=cache)
    with pytest.raises(NotFound):  # ... but offline still the same answer, not a miss
        await offline.get_user(3)
    assert len(api.api_requests()) == 1
    with pytest.raises(NotFound):
        await client.get_user(3)
    assert len(api.api_requests()) == 2
    assert [file.suffix for _, file in cache.entries()] == [".404"]

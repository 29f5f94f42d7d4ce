"""A beatmapset's ratings: osu!lazer's tokens only (scope `*`, a user's), strict reads.

osu-web: `routes/web.php` (api v2 group, `Beatmapsets` namespace: `{beatmapset}/ratings`
index and store), `Beatmapsets/BeatmapsetRatingsController@index`.
"""

from __future__ import annotations

import pytest

from osuframes import Client, MissingScopeError, NotFound
from osuframes.models import BeatmapsetRatings
from osuframes.sandbox import SandboxInfo
from tests.paging.conftest import Walker, client_of


def test_the_request_matches_the_route() -> None:
    call = Client.get_beatmapset_ratings.endpoint.build(object(), 1107500)  # type: ignore[attr-defined]
    assert (call.method, call.path) == ("GET", "/api/v2/beatmapsets/1107500/ratings")
    assert call.scopes == {"*"} and call.needs_user and not call.cacheable
    with pytest.raises(ValueError, match=r"get_beatmapset_ratings\(beatmapset_id=0\)"):
        Client.get_beatmapset_ratings.endpoint.build(object(), 0)  # type: ignore[attr-defined]


async def read(client: Client, set_id: int) -> BeatmapsetRatings:
    spec = Client.get_beatmapset_ratings.endpoint  # type: ignore[attr-defined]
    ratings = spec.parse(await client._send(spec.build(client, set_id)), strict=True)
    assert isinstance(ratings, BeatmapsetRatings)
    return ratings


async def test_a_lazer_token_reads_the_rating_and_why_it_may_not_rate(
    sandbox: SandboxInfo,
) -> None:
    beatmaps = sandbox.world.beatmaps
    ranked = next(c for c in beatmaps.all_cores() if c.status == "ranked" and c.creator_id != 2)
    graveyard = next(c for c in beatmaps.all_cores() if c.status == "graveyard")
    async with client_of(sandbox) as client:
        open_to_rate = await read(client, ranked.id)
        assert open_to_rate.disallow_rating_reason is None
        assert open_to_rate.total_rating == beatmaps.set_extended(ranked.id)["rating"] > 0
        assert open_to_rate.user_rating is None
        unrated = await read(client, graveyard.id)
        assert unrated.disallow_rating_reason == "You cannot rate a beatmap set with this status."
        with pytest.raises(NotFound):
            await client.get_beatmapset_ratings(10**8)
    async with client_of(sandbox, ranked.creator_id) as mapper:
        own = await mapper.get_beatmapset_ratings(ranked.id)
        assert own.disallow_rating_reason == "You cannot rate a beatmap set you are involved with."


async def test_an_ordinary_login_is_refused_before_sending(walker: Walker) -> None:
    with pytest.raises(MissingScopeError):
        await walker.client.get_beatmapset_ratings(1)
    assert walker.requests("/api/v2/beatmapsets") == 0

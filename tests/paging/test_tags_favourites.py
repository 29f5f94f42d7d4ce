"""`GET tags` and `GET me/beatmapset-favourites`: requests, sandbox routes, strict reads."""

from __future__ import annotations

import pytest

from osuframes import Client, MissingScopeError
from osuframes.models import BeatmapTag
from osuframes.sandbox import TEST_USER_ID
from tests.paging.conftest import Walker


def test_the_requests_match_the_routes() -> None:
    tags = Client.get_tags.endpoint.build(object())  # type: ignore[attr-defined]
    assert (tags.path, tags.extract) == ("/api/v2/tags", "tags")
    favourites = Client.get_favourite_beatmapset_ids.endpoint.build(object())  # type: ignore[attr-defined]
    assert favourites.path == "/api/v2/me/beatmapset-favourites"
    assert favourites.needs_user and favourites.scopes == {"identify"} and not favourites.cacheable


async def test_tags_read_strictly(walker: Walker) -> None:
    pages = await walker.pages("get_tags")
    spec = Client.get_tags.endpoint  # type: ignore[attr-defined]
    tags = spec.parse(pages[0].data["tags"], strict=True)
    assert tags and all(isinstance(t, BeatmapTag) for t in tags)
    assert {t.id for t in tags} >= {30 + k for k in range(20)}


async def test_favourites_are_the_logins_favourite_sets(walker: Walker) -> None:
    got = await walker.client.get_favourite_beatmapset_ids()
    assert got == walker.world.activity.user_set_ids(TEST_USER_ID, "favourite")


async def test_favourites_need_a_login(sandbox: object) -> None:
    from osuframes.sandbox import SandboxInfo

    assert isinstance(sandbox, SandboxInfo)
    async with Client(
        base_url=sandbox.base_url, client_id=sandbox.client_id,
        client_secret=sandbox.client_secret, limiter=(1000, 60),
    ) as app:  # fmt: skip
        with pytest.raises(MissingScopeError):
            await app.get_favourite_beatmapset_ids()

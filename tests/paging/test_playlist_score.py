"""Playlist score by id and by user: osu!lazer's tokens only (scope `*`), strict reads."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from osuframes import Client, MissingScopeError
from osuframes.models import MultiplayerScore
from osuframes.sandbox import SandboxInfo
from tests.paging.conftest import Walker, client_of


@pytest.fixture
async def lazer(sandbox: SandboxInfo) -> AsyncIterator[Client]:
    async with client_of(sandbox) as client:
        yield client


def test_the_requests_match_the_routes() -> None:
    by_id = Client.get_multiplayer_score.endpoint.build(object(), 1, 10, 7)  # type: ignore[attr-defined]
    by_user = Client.get_multiplayer_user_score.endpoint.build(object(), 1, 10, 2)  # type: ignore[attr-defined]
    assert by_id.path == "/api/v2/rooms/1/playlist/10/scores/7"
    assert by_user.path == "/api/v2/rooms/1/playlist/10/scores/users/2"
    assert by_id.scopes == by_user.scopes == {"*"} and by_id.needs_user


async def test_a_lazer_token_reads_a_score_by_id_and_by_user(lazer: Client, walker: Walker) -> None:
    mp = walker.world.multiplayer
    item = next(i for i in mp.items(1) if i.score_count)
    first = mp.playlist_score_ids(item)[0]
    user = mp.playlist_core(item, first).user_id
    spec = Client.get_multiplayer_score.endpoint  # type: ignore[attr-defined]
    raw = await lazer._send(spec.build(lazer, 1, item.id, first))
    score = spec.parse(raw, strict=True)
    assert isinstance(score, MultiplayerScore) and score.id == first
    best = await lazer.get_multiplayer_user_score(1, item.id, user)
    assert best.user_id == user and best.total_score == score.total_score


async def test_an_ordinary_login_is_refused_before_sending(walker: Walker) -> None:
    walker.reset()
    with pytest.raises(MissingScopeError):
        await walker.client.get_multiplayer_score(1, 10, 7)
    assert walker.requests("/api/v2/rooms") == 0

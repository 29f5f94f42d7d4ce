"""Playlist score by id and by user: osu!lazer's tokens only (scope `*`), strict reads."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from osuframes import Client, MissingScopeError, OAuthToken
from osuframes.models import MultiplayerScore
from osuframes.sandbox import TEST_USER_ID, SandboxInfo
from tests.paging.conftest import Walker


@pytest.fixture
async def lazer(sandbox: SandboxInfo) -> AsyncIterator[Client]:
    """A client holding a token with scope `*`, as osu!lazer's own."""
    issued = sandbox.server.tokens.issue(frozenset({"*"}), TEST_USER_ID, refresh=False)
    token = OAuthToken(access_token=issued.access_token, expires_in=86400, scopes=("*",))
    async with Client(
        base_url=sandbox.base_url, client_id=sandbox.client_id,
        client_secret=sandbox.client_secret, token=token, session_id=TEST_USER_ID,
        limiter=(1000, 60),
    ) as client:  # fmt: skip
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

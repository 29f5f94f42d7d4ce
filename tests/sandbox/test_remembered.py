"""Remembered answers (the benchmarks' mode) are the bytes and headers the server sends."""

from __future__ import annotations

from collections.abc import Callable

from osuframes.sandbox import SandboxInfo

from .conftest import api_client


def test_a_remembered_answer_is_what_the_server_answers(
    fresh: Callable[..., SandboxInfo],
) -> None:
    info = fresh()
    (user,) = info.world.existing_user_ids(1)
    paths = [f"users/{user}/scores/best", "users/0/scores/best"]  # a 200 and a 404
    with api_client(info) as c:
        answered = [c.get(path, params={"mode": "osu", "limit": 5}) for path in paths]
        info.server.remember_answers()
        for _ in range(2):
            remembered = [c.get(path, params={"mode": "osu", "limit": 5}) for path in paths]
            assert [r.status_code for r in remembered] == [200, 404]
            assert [r.content for r in remembered] == [r.content for r in answered]
            assert [r.headers["Content-Type"] for r in remembered] == [
                r.headers["Content-Type"] for r in answered
            ]
    assert info.server.remembered is not None and len(info.server.remembered) == 2

"""Nonsense settings and arguments are refused before any request, naming what was given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import osuframes
from osuframes import Client, ConfigError, Settings
from tests.conftest import MockAPI

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"rate_limit": (10, NAN)}, "rate_limit=(10, nan)"),
        ({"rate_limit": (10, INF)}, "rate_limit=(10, inf)"),
        ({"rate_limit": (1.9, 1)}, "rate_limit=(1.9, 1)"),
        ({"rate_limit": (True, 1)}, "rate_limit=(True, 1)"),
        ({"client_id": 1.9}, "client_id=1.9"),
        ({"client_id": True}, "client_id=True"),
        ({"cache_dir": 123}, "cache_dir=123"),
        ({"cache_dir": "/dev/null"}, "cache_dir='/dev/null'"),
        ({"timeout_s": 0}, "timeout_s=0"),
        ({"timeout_s": -2}, "timeout_s=-2"),
        ({"timeout_s": NAN}, "timeout_s=nan"),
        ({"max_retries": 2.5}, "max_retries=2.5"),
        ({"base_url": "osu.ppy.sh"}, "base_url='osu.ppy.sh'"),
        ({"base_url": "ftp://osu.ppy.sh"}, "base_url='ftp://osu.ppy.sh'"),
        ({"base_url": "https://osu.ppy.sh/api/v2"}, "base_url='https://osu.ppy.sh/api/v2'"),
        ({"base_url": "https://osu.ppy.sh/api/v2/"}, "base_url='https://osu.ppy.sh/api/v2/'"),
    ],
)
def test_configure_refuses_nonsense_naming_it(settings: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError) as refused:
        osuframes.configure(**settings)
    assert named in str(refused.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OSUFRAMES_RATE_LIMIT", "10/nan"),
        ("OSUFRAMES_RATE_LIMIT", "10/inf"),
        ("OSUFRAMES_RATE_LIMIT", "1.9/1"),
        ("OSUFRAMES_CACHE_DIR", "/dev/null"),
        ("OSUFRAMES_BASE_URL", "https://osu.ppy.sh/api/v2"),
        ("OSU_CLIENT_ID", "1.9"),
    ],
)
def test_the_environment_is_checked_like_arguments(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Settings.resolve({}, {variable: value})
    assert f"{variable}={value!r}" in str(refused.value)


def test_a_base_url_with_the_api_path_says_what_to_give() -> None:
    with pytest.raises(ConfigError, match=r"like 'https://osu\.ppy\.sh'"):
        Client(client_id=1, client_secret="s", base_url="https://osu.ppy.sh/api/v2")


def test_what_is_right_still_passes(tmp_path: Path) -> None:
    settings = Settings.resolve(
        {"client_id": "12", "rate_limit": (600, 60.5), "timeout_s": "2.5", "cache_dir": tmp_path},
        {"OSUFRAMES_BASE_URL": "http://127.0.0.1:9/"},
    )
    assert (settings.client_id, str(settings.rate_limit)) == (12, "600/60.5")
    assert (settings.timeout_s, settings.base_url) == (2.5, "http://127.0.0.1:9")


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda c: c.get_beatmap_scores(75, mods="HDXX"), "XX"),
        (lambda c: c.get_beatmap_scores(75, mods=["HD", "QQ"]), "QQ"),
        (lambda c: c.get_user_bests(2, new_format="yes"), "new_format='yes'"),
        (lambda c: c.get_score(1, "osu", new_format=1), "new_format=1"),
        (lambda c: c.get_multiplayer_match(1, new_format="no"), "new_format='no'"),
    ],
)
async def test_endpoint_arguments_are_refused_before_any_request(
    make_client: Callable[..., Client],
    api: MockAPI,
    call: Callable[[Client], Any],
    named: str,
) -> None:
    client = make_client()
    with pytest.raises(ValueError) as refused:
        await call(client)
    assert named in str(refused.value)
    assert api.requests == []

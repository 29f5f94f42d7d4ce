"""Settings: arguments, then the environment, then the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

import osuframes
from osuframes import ConfigError, RateLimit, Settings
from osuframes.config import default_cache_dir


def test_arguments_win_over_the_environment():
    settings = Settings.resolve(
        {"client_id": 5}, {"OSU_CLIENT_ID": "7", "OSU_CLIENT_SECRET": "from-env"}
    )
    assert settings.client_id == 5
    assert settings.client_secret is not None and settings.client_secret.reveal() == "from-env"


def test_environment_fills_every_documented_setting(tmp_path: Path):
    settings = Settings.resolve(
        {},
        {
            "OSU_CLIENT_ID": "12",
            "OSU_CLIENT_SECRET": "abc",
            "OSUFRAMES_BASE_URL": "http://127.0.0.1:9/",
            "OSUFRAMES_CACHE_DIR": str(tmp_path),
            "OSUFRAMES_RATE_LIMIT": "600/60",
        },
    )
    assert settings.client_id == 12
    assert settings.base_url == "http://127.0.0.1:9"
    assert settings.cache_dir == tmp_path
    assert settings.rate_limit == RateLimit(600, 60)


def test_defaults_follow_the_osu_docs():
    settings = Settings.resolve({}, {})
    assert settings.rate_limit == RateLimit(60, 60)
    assert settings.base_url == "https://osu.ppy.sh"
    assert settings.api_version == 20241022
    assert not settings.has_credentials


@pytest.mark.parametrize("value", ["60", "a/b", "0/60", "60/0"])
def test_a_bad_rate_limit_names_the_variable_and_the_form(value: str):
    with pytest.raises(ConfigError, match="60/60"):
        Settings.resolve({}, {"OSUFRAMES_RATE_LIMIT": value})


def test_missing_credentials_say_exactly_what_to_set():
    with pytest.raises(ConfigError) as info:
        Settings.resolve({}, {}).require_credentials()
    message = str(info.value)
    assert "OSU_CLIENT_ID and OSU_CLIENT_SECRET" in message
    assert "configure(client_id=..., client_secret=...)" in message
    assert isinstance(info.value, ValueError)


def test_unknown_setting_is_refused():
    with pytest.raises(ConfigError, match="unknown setting"):
        osuframes.configure(client_secret_file="x")


def test_configure_sets_the_default_settings(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OSU_CLIENT_SECRET", "env-secret")
    osuframes.configure(client_id=99, rate_limit=(600, 60))
    settings = osuframes.get_settings()
    assert settings.client_id == 99
    assert settings.rate_limit == RateLimit(600, 60)
    assert settings.client_secret is not None and settings.client_secret.reveal() == "env-secret"


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {}, "/home/u/.cache/osuframes"),
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/osuframes"),
        ("linux", {"XDG_CACHE_HOME": "relative"}, "/home/u/.cache/osuframes"),
        ("darwin", {}, "/home/u/Library/Caches/osuframes"),
        ("win32", {"LOCALAPPDATA": "/appdata"}, "/appdata/osuframes/Cache"),
    ],
)
def test_default_cache_dir_follows_the_os_convention(platform, environ, expected):
    assert default_cache_dir(platform, environ, Path("/home/u")) == Path(expected)

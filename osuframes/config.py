"""Settings: where osuframes finds credentials, the API, its cache and its rate limit.

Each setting is taken from the first source that has it, in this order:

1. arguments (`osuframes.configure(...)`, or the keywords of `Client(...)`),
2. the environment: `OSU_CLIENT_ID`, `OSU_CLIENT_SECRET`, `OSUFRAMES_BASE_URL`,
   `OSUFRAMES_CACHE_DIR`, `OSUFRAMES_RATE_LIMIT` (like `60/60`: requests/seconds),
   `OSUFRAMES_CACHE` and `OSUFRAMES_OFFLINE` (`1`/`0`, `true`/`false`, `on`/`off`),
   `OSUFRAMES_LIMITER_MODE` (`sliding` or `smooth`),
3. the defaults at the end of this module.

`configure()` only sets the default used by the notebook functions; every `Client` may
take its own settings.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from osuframes.errors import ConfigError
from osuframes.http.lifetimes import FAMILIES

# How the limiter spends its budget: `sliding` sends as soon as the window has room
# (bursts), `smooth` spaces requests evenly.
LimiterMode = Literal["sliding", "smooth"]

__all__ = [
    "RateLimit",
    "Secret",
    "Settings",
    "configure",
    "default_cache_dir",
    "get_settings",
    "switch",
]


class Secret:
    """A string that never shows itself in a repr, str, log line or exception."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` requests in any window of `seconds` seconds."""

    requests: int
    seconds: float

    def __post_init__(self) -> None:
        requests_ok = isinstance(self.requests, int) and not isinstance(self.requests, bool)
        seconds_ok = isinstance(self.seconds, int | float) and not isinstance(self.seconds, bool)
        if not (requests_ok and seconds_ok and self.requests >= 1 and self.seconds > 0) or (
            not math.isfinite(self.seconds)
        ):
            raise ConfigError(
                f"rate limit {self.requests!r}/{self.seconds!r}: need a whole number of at "
                "least 1 request per a finite, positive number of seconds, like 60/60"
            )

    @classmethod
    def parse(cls, value: RateLimit | tuple[int, float] | str, *, name: str) -> RateLimit:
        """Read `(600, 60)`, `"600/60"` or a `RateLimit`; `name` says where it came from.

        The request count must be a whole number (`1.9` is refused, not rounded) and the
        window a finite, positive number of seconds (`nan` and `inf` are refused).
        """
        if isinstance(value, RateLimit):
            return value
        try:
            requests, seconds = value.split("/") if isinstance(value, str) else value
            return cls(_integer(requests, name, minimum=1), _seconds(seconds, name))
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"{name}={value!r} is not a rate limit; write requests/seconds like "
                "'60/60' or a tuple like (600, 60): a whole number of requests (at least 1) "
                "per a finite, positive number of seconds"
            ) from exc

    def __str__(self) -> str:
        return f"{self.requests}/{self.seconds:g}"


@dataclass(frozen=True)
class Settings:
    """Everything a `Client` needs to know besides its token.

    `client_secret` is a `Secret`, so printing settings never shows it. `cache` turns
    the response cache of the notebook functions, `SyncClient` and the CLI on or off;
    `offline` answers from the cache only; `cache_ttl` holds lifetimes (seconds) by
    cache family, replacing those the endpoints declare; `cache_size_limit` is the most
    bytes the response cache keeps (`"2GB"`; None: no limit), never applied offline.
    """

    client_id: int | None = None
    client_secret: Secret | None = None
    base_url: str = field(default_factory=lambda: DEFAULT_BASE_URL)
    cache_dir: Path = field(default_factory=lambda: default_cache_dir())
    rate_limit: RateLimit = field(default_factory=lambda: DEFAULT_RATE_LIMIT)
    api_version: int = field(default_factory=lambda: DEFAULT_API_VERSION)
    timeout_s: float = field(default_factory=lambda: DEFAULT_TIMEOUT_S)
    max_retries: int = field(default_factory=lambda: DEFAULT_MAX_RETRIES)
    cache: bool = True
    offline: bool = False
    cache_ttl: tuple[tuple[str, float], ...] = ()
    cache_size_limit: int | None = None
    limiter_mode: LimiterMode = field(default_factory=lambda: DEFAULT_LIMITER_MODE)

    @classmethod
    def resolve(
        cls, arguments: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Settings from the arguments, then the environment, then the defaults."""
        environ = os.environ if environ is None else environ
        merged: dict[str, Any] = {}
        for source in _sources(arguments or {}, environ):
            for key, value in source.items():
                if value is not None:
                    merged.setdefault(key, value)
        return cls._coerce(merged)

    @classmethod
    def _coerce(cls, values: Mapping[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {unknown}; known: {sorted(known)}")
        out: dict[str, Any] = dict(values)
        if "client_id" in out:
            out["client_id"] = _integer(out["client_id"], "client_id", minimum=1)
        if "client_secret" in out and not isinstance(out["client_secret"], Secret):
            out["client_secret"] = Secret(str(out["client_secret"]))
        if "cache_dir" in out:
            out["cache_dir"] = _folder(out["cache_dir"], "cache_dir")
        if "rate_limit" in out:
            out["rate_limit"] = RateLimit.parse(out["rate_limit"], name="rate_limit")
        if "base_url" in out:
            out["base_url"] = _base_url(out["base_url"], "base_url")
        for name in ("api_version", "max_retries"):
            if name in out:
                out[name] = _integer(out[name], name, minimum=0)
        for name in ("cache", "offline"):
            if name in out:
                out[name] = switch(out[name], name)
        if "cache_ttl" in out:
            out["cache_ttl"] = _lifetimes(out["cache_ttl"])
        if "cache_size_limit" in out:
            out["cache_size_limit"] = _size(out["cache_size_limit"], "cache_size_limit")
        if out.get("offline") and out.get("cache") is False:
            raise ConfigError(
                "offline=True answers from the response cache, so cache=False cannot go "
                "with it; drop one of them"
            )
        if "timeout_s" in out:
            out["timeout_s"] = _seconds(out["timeout_s"], "timeout_s")
        if "limiter_mode" in out:
            out["limiter_mode"] = _limiter_mode(out["limiter_mode"], "limiter_mode")
        return cls(**out)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with some settings replaced (None means keep)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        coerced = Settings._coerce(given)
        return replace(self, **{k: getattr(coerced, k) for k in given})

    @property
    def has_credentials(self) -> bool:
        """Whether a client id and secret are set."""
        return self.client_id is not None and bool(self.client_secret)

    def require_credentials(self) -> tuple[int, Secret]:
        """The client id and secret, or a `ConfigError` saying how to set them."""
        if self.client_id is None or not self.client_secret:
            missing = [
                name
                for name, value in (
                    ("OSU_CLIENT_ID", self.client_id),
                    ("OSU_CLIENT_SECRET", self.client_secret),
                )
                if not value
            ]
            raise ConfigError(
                f"no osu! API credentials: {' and '.join(missing)} not set. Register an OAuth "
                "application at https://osu.ppy.sh/home/account/edit#oauth, then set "
                "OSU_CLIENT_ID and OSU_CLIENT_SECRET in the environment or call "
                "osuframes.configure(client_id=..., client_secret=...). "
                "To try osuframes offline, run `osuframes sandbox`."
            )
        return self.client_id, self.client_secret


def _integer(value: Any, name: str, *, minimum: int) -> int:
    """`value` as an int of at least `minimum`, or a `ConfigError` naming `name`.

    Ints and strings of digits are accepted; `True`, `1.9` (even `2.0`) are not, so a
    setting never silently becomes another number.
    """
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if text.lstrip("+-").isdigit() else None
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        number = None
    if number is None:
        raise ConfigError(
            f"{name}={value!r} ({type(value).__name__}) is not a whole number; "
            f"give an integer of at least {minimum}"
        )
    if number < minimum:
        raise ConfigError(f"{name}={value!r} must be an integer of at least {minimum}")
    return number


def _limiter_mode(value: Any, name: str) -> LimiterMode:
    """`value` if it names a limiter mode, or a `ConfigError` naming `name`."""
    if value == "sliding" or value == "smooth":
        return "sliding" if value == "sliding" else "smooth"
    raise ConfigError(
        f"{name}={value!r} is not a limiter mode; give 'sliding' (the default: the budget "
        "at once, then a request as each old one leaves the window) or 'smooth' (evenly "
        "spaced)"
    )


def _seconds(value: Any, name: str) -> float:
    """`value` as a finite, positive number of seconds, or a `ConfigError` naming `name`."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number <= 0:
        raise ConfigError(
            f"{name}={value!r} is not a number of seconds; give a finite number above 0"
        )
    return number


def _folder(value: Any, name: str) -> Path:
    """`value` as a folder path (str or path-like) that is a folder or can become one."""
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        raise ConfigError(
            f"{name}={value!r} ({type(value).__name__}) is not a folder; give a path as a "
            "str or pathlib.Path"
        )
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name}={str(value)!r} exists and is not a folder; give a folder path")
    return path


def _base_url(value: Any, name: str) -> str:
    """`value` as the API host: `http(s)://host[:port]`, without `/api/v2`."""
    text = str(value).strip().rstrip("/") if isinstance(value, str) else ""
    parts = urlsplit(text)
    allowed = "give the scheme and host of the API, like 'https://osu.ppy.sh'"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}={value!r} is not an http(s) URL; {allowed}")
    path = parts.path.rstrip("/")
    if path.split("/")[-2:] == ["api", "v2"] or path.endswith("/api") or "/oauth" in path:
        raise ConfigError(
            f"{name}={value!r} includes the API path {path!r}; {allowed} (osuframes adds "
            "/api/v2 and /oauth itself)"
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"{name}={value!r} has a query or fragment; {allowed}")
    return text


_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)b?")


def _size(value: Any, name: str) -> int:
    """`value` as a positive number of bytes: an int, or text like `500MB` or `2 GB`
    (KB, MB, GB, TB are 1024 of the one below, as `osuframes cache info` counts)."""
    found = _SIZE.fullmatch(value.strip().lower()) if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif found is not None:
        number = int(float(found[1]) * 1024 ** " kmgt".index(found[2] or " "))
    else:
        number = 0
    if number < 1:
        raise ConfigError(
            f"{name}={value!r} is not a size; give a number of bytes above 0, or a "
            "number and a unit, like 500MB or 2GB"
        )
    return number


def switch(value: Any, name: str) -> bool:
    """`value` as on or off: a bool, or one of 1/0, true/false, yes/no, on/off."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _ON or text in _OFF:
        return text in _ON
    raise ConfigError(
        f"{name}={value!r} is neither on nor off; use True/False, or one of "
        f"{'/'.join(_ON)} to turn it on and {'/'.join(_OFF)} to turn it off"
    )


def _lifetimes(value: Any) -> tuple[tuple[str, float], ...]:
    """`{"rankings": 3600}` as sorted (family, seconds) pairs, each family one declared."""
    pairs = value.items() if isinstance(value, Mapping) else value
    try:
        lifetimes = dict(pairs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"cache_ttl={value!r}: give a mapping of cache family to seconds, "
            'like {"rankings": 3600}'
        ) from exc
    out: dict[str, float] = {}
    for family, seconds in lifetimes.items():
        if family not in FAMILIES:
            raise ConfigError(
                f"cache_ttl: {family!r} is not a cache family; the families are "
                f"{', '.join(sorted(FAMILIES))}"
            )
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ConfigError(
                f"cache_ttl[{family!r}]={seconds!r}: give a number of seconds, at least 0"
            )
        out[family] = float(seconds)
    return tuple(sorted(out.items()))


# The environment variables read, and the setting each one fills.
ENVIRONMENT_VARIABLES: dict[str, str] = {
    "OSU_CLIENT_ID": "client_id",
    "OSU_CLIENT_SECRET": "client_secret",
    "OSUFRAMES_BASE_URL": "base_url",
    "OSUFRAMES_CACHE_DIR": "cache_dir",
    "OSUFRAMES_RATE_LIMIT": "rate_limit",
    "OSUFRAMES_CACHE": "cache",
    "OSUFRAMES_CACHE_SIZE": "cache_size_limit",
    "OSUFRAMES_OFFLINE": "offline",
    "OSUFRAMES_LIMITER_MODE": "limiter_mode",
}


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for variable, setting in ENVIRONMENT_VARIABLES.items():
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        if setting == "rate_limit":
            values[setting] = RateLimit.parse(raw, name=variable)
        elif setting == "client_id":
            values[setting] = _integer(raw, variable, minimum=1)
        elif setting == "cache_dir":
            values[setting] = _folder(raw, variable)
        elif setting == "base_url":
            values[setting] = _base_url(raw, variable)
        elif setting in ("cache", "offline"):
            values[setting] = switch(raw, variable)
        elif setting == "limiter_mode":
            values[setting] = _limiter_mode(raw, variable)
        elif setting == "cache_size_limit":
            values[setting] = _size(raw, variable)
        else:
            values[setting] = raw
    return values


def _sources(arguments: Mapping[str, Any], environ: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The sources in priority order; the dataclass defaults come last."""
    return [arguments, _from_environment(environ)]


def default_cache_dir(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The cache folder by the OS's convention.

    Linux and other Unix: `$XDG_CACHE_HOME/osuframes`, else `~/.cache/osuframes`;
    macOS: `~/Library/Caches/osuframes`; Windows: `%LOCALAPPDATA%\\osuframes\\Cache`.
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if platform == "darwin":
        return home / "Library" / "Caches" / "osuframes"
    if platform.startswith("win"):
        local = environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(local) / "osuframes" / "Cache"
    xdg = environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "osuframes"


_configured: Settings | None = None
_listeners: list[Callable[[Settings], None]] = []


def configure(**settings: Any) -> Settings:
    """Set the default settings used by the notebook functions.

    Any keyword of `Settings` may be given (`client_id`, `client_secret`, `base_url`,
    `cache_dir`, `rate_limit`, `limiter_mode`, `api_version`, `timeout_s`, `max_retries`,
    `cache`, `offline`, `cache_ttl`, `cache_size_limit`); the rest come from the
    environment, then the defaults. The default client is rebuilt on next use.

    Example:
        >>> import osuframes as of
        >>> of.configure(client_id=123, client_secret="...", rate_limit="600/60")
        >>> of.configure(cache_ttl={"rankings": 3600})   # rankings kept an hour
        >>> of.configure(offline=True)   # answer from the cache only, send nothing
        >>> of.configure(cache_size_limit="2GB")   # forget the oldest answers past 2 GB
    """
    global _configured
    _configured = Settings.resolve(settings)
    for listener in _listeners:
        listener(_configured)
    return _configured


def get_settings() -> Settings:
    """The settings given to `configure()`, or else those of the environment."""
    return _configured if _configured is not None else Settings.resolve()


def on_configure(listener: Callable[[Settings], None]) -> None:
    """Call `listener` whenever `configure()` changes the defaults."""
    _listeners.append(listener)


# The osu! API docs ask third-party clients for "no more than 60 requests per minute"
# (osu-api-v2-spec.md §3.1); the server itself allows 1200/min per token and may revoke
# tokens that abuse it. Raise this only if you know your use is welcome:
# `Client(limiter=(600, 60))` or `OSUFRAMES_RATE_LIMIT=600/60`.
DEFAULT_RATE_LIMIT: RateLimit = RateLimit(60, 60.0)
# A sliding window: never more than the limit in any window of its seconds (which is what
# the docs' "60 requests per minute" asks, and what keeps the server's fixed window too),
# so a short job goes at once instead of one request a second.
DEFAULT_LIMITER_MODE: LimiterMode = "sliding"
DEFAULT_BASE_URL = "https://osu.ppy.sh"
# `x-api-version` sent by default: lazer-format scores and UserRelation friends (spec §6).
DEFAULT_API_VERSION = 20241022
DEFAULT_TIMEOUT_S = 30.0
# Retries after the first attempt; with backoff capped at 60 s this outlasts the server's
# fixed 60 s rate-limit window (429 carries no Retry-After, spec §3.3).
DEFAULT_MAX_RETRIES = 5

"""osuframes: the osu! API v2 as pandas DataFrames, Arrow tables and Parquet datasets.

Under the data layer sits a complete async client of the API (`Client`, with aiosu's
method names), a blocking face over it (`SyncClient`), token repositories, a rate
limiter shared across processes, and a response cache.
"""

from osuframes._version import __version__
from osuframes.auth import (
    BaseTokenRepository,
    DiskTokenRepository,
    OAuthToken,
    SimpleTokenRepository,
    TokenNotFoundError,
    TokenStoreError,
)
from osuframes.client import Client
from osuframes.clientstorage import ClientStorage
from osuframes.config import RateLimit, Settings, configure, get_settings
from osuframes.errors import (
    APIError,
    ConfigError,
    Forbidden,
    InvalidClientRequestedError,
    InvalidResponseError,
    LoginError,
    MissingScopeError,
    NetworkError,
    NotFound,
    OsuframesError,
    RateLimited,
    RefreshTokenExpiredError,
    ServerError,
    Unauthorized,
)
from osuframes.events import ClientAddEvent, ClientUpdateEvent
from osuframes.http.cache import ResponseCache
from osuframes.http.ratelimit import RateLimiter
from osuframes.sync import SyncClient

__all__ = [
    "APIError",
    "BaseTokenRepository",
    "Client",
    "ClientAddEvent",
    "ClientStorage",
    "ClientUpdateEvent",
    "ConfigError",
    "DiskTokenRepository",
    "Forbidden",
    "InvalidClientRequestedError",
    "InvalidResponseError",
    "LoginError",
    "MissingScopeError",
    "NetworkError",
    "NotFound",
    "OAuthToken",
    "OsuframesError",
    "RateLimit",
    "RateLimited",
    "RateLimiter",
    "RefreshTokenExpiredError",
    "ResponseCache",
    "ServerError",
    "Settings",
    "SimpleTokenRepository",
    "SyncClient",
    "TokenNotFoundError",
    "TokenStoreError",
    "Unauthorized",
    "__version__",
    "configure",
    "get_settings",
]

for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("osuframes."):
        _obj.__module__ = "osuframes"
del _name, _obj

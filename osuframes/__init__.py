"""osuframes: the osu! API v2 as pandas DataFrames, Arrow tables and Parquet datasets.

Under the data layer sits a complete async client of the API (`Client`, with aiosu's
method names), a blocking face over it (`SyncClient`), token repositories, a rate
limiter shared across processes, and a response cache.
"""

from osuframes._version import __version__
from osuframes.api import (
    beatmap,
    beatmap_packs,
    beatmap_scores,
    beatmaps,
    beatmapset,
    beatmapset_discussion_posts,
    beatmapset_discussion_votes,
    beatmapset_discussions,
    beatmapset_events,
    changelog,
    comments,
    default_client,
    events,
    forum_posts,
    kudosu_rankings,
    match,
    match_events,
    match_scores,
    me,
    multiplayer_matches,
    multiplayer_rooms,
    multiplayer_scores,
    news,
    rankings,
    room,
    score,
    score_feed,
    search_beatmapsets,
    use_sandbox,
    user,
    user_beatmap_scores,
    user_beatmaps,
    user_bests,
    user_firsts,
    user_kudosu,
    user_most_played,
    user_pinned,
    user_recent_activity,
    user_recents,
    users,
)
from osuframes.api.columns import columns
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
    FetchError,
    Forbidden,
    InvalidClientRequestedError,
    InvalidResponseError,
    LoginError,
    MissingScopeError,
    NetworkError,
    NotFound,
    OfflineCacheMiss,
    OsuframesError,
    PartialResultWarning,
    RateLimited,
    RefreshTokenExpiredError,
    ServerError,
    Unauthorized,
)
from osuframes.events import ClientAddEvent, ClientUpdateEvent
from osuframes.exporting import ExportInputError, export
from osuframes.fetching import FailedFetch
from osuframes.http.cache import ResponseCache
from osuframes.http.ratelimit import RateLimiter
from osuframes.query import Query
from osuframes.sync import SyncClient
from osuframes.tournament import MatchCosts, MatchCostWarning, match_costs

__all__ = [
    "APIError",
    "BaseTokenRepository",
    "Client",
    "ClientAddEvent",
    "ClientStorage",
    "ClientUpdateEvent",
    "ConfigError",
    "DiskTokenRepository",
    "ExportInputError",
    "FailedFetch",
    "FetchError",
    "Forbidden",
    "InvalidClientRequestedError",
    "InvalidResponseError",
    "LoginError",
    "MatchCostWarning",
    "MatchCosts",
    "MissingScopeError",
    "NetworkError",
    "NotFound",
    "OAuthToken",
    "OfflineCacheMiss",
    "OsuframesError",
    "PartialResultWarning",
    "Query",
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
    "beatmap",
    "beatmap_packs",
    "beatmap_scores",
    "beatmaps",
    "beatmapset",
    "beatmapset_discussion_posts",
    "beatmapset_discussion_votes",
    "beatmapset_discussions",
    "beatmapset_events",
    "changelog",
    "columns",
    "comments",
    "configure",
    "default_client",
    "events",
    "export",
    "forum_posts",
    "get_settings",
    "kudosu_rankings",
    "match",
    "match_costs",
    "match_events",
    "match_scores",
    "me",
    "multiplayer_matches",
    "multiplayer_rooms",
    "multiplayer_scores",
    "news",
    "rankings",
    "room",
    "score",
    "score_feed",
    "search_beatmapsets",
    "use_sandbox",
    "user",
    "user_beatmap_scores",
    "user_beatmaps",
    "user_bests",
    "user_firsts",
    "user_kudosu",
    "user_most_played",
    "user_pinned",
    "user_recent_activity",
    "user_recents",
    "users",
]

for _name in __all__:
    _obj = globals()[_name]
    if (isinstance(_obj, type) or callable(_obj)) and getattr(_obj, "__module__", "").startswith(
        "osuframes."
    ):
        _obj.__module__ = "osuframes"
del _name, _obj

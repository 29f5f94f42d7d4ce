"""The exceptions osuframes raises.

Every error raised on purpose by osuframes derives from `OsuframesError`:

    OsuframesError
    ├── ConfigError (also a ValueError)          settings missing or malformed
    ├── LoginError(reason)                       a user login did not complete
    ├── NetworkError                             no HTTP answer after every retry
    ├── OfflineCacheMiss                         offline, and the cache has no answer
    ├── FetchError(errors)                       every id of a fan-out failed
    └── APIError(status, message, url)           the API answered with an error
        ├── NotFound                             404
        ├── Unauthorized                         401
        │   ├── InvalidClientRequestedError      401 invalid_client from /oauth/token
        │   └── RefreshTokenExpiredError         the token could not be refreshed
        ├── Forbidden                            403
        │   └── MissingScopeError                the token lacks a scope, caught before sending
        ├── RateLimited                          429 after every retry
        ├── ServerError                          5xx after every retry
        └── InvalidResponseError                 a body that is not the JSON promised

`APIError.url` is the path and query only: never a host secret, token or client secret.

`PartialResultWarning` (a `UserWarning`) is warned, not raised, when some ids of a
fan-out failed and the Query returns the others.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APIError",
    "ConfigError",
    "FetchError",
    "Forbidden",
    "InvalidClientRequestedError",
    "InvalidResponseError",
    "LoginError",
    "MissingScopeError",
    "NetworkError",
    "NotFound",
    "OfflineCacheMiss",
    "OsuframesError",
    "PartialResultWarning",
    "RateLimited",
    "RefreshTokenExpiredError",
    "ServerError",
    "Unauthorized",
]


class OsuframesError(Exception):
    """Base class of every error osuframes raises on purpose."""


class ConfigError(OsuframesError, ValueError):
    """A setting is missing or malformed; the message names what to set."""


class LoginError(OsuframesError):
    """A login did not complete: denied, cancelled, timed out, or a forged answer.

    Attributes:
        reason: what went wrong, for code to branch on: the OAuth `error` the server
            sent back (`access_denied`, ...), `state_mismatch`, `timeout`, `no_code`,
            `unknown_owner` or `not_logged_in`.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class NetworkError(OsuframesError):
    """The API could not be reached (connection refused or reset, timeout) after every retry."""


class OfflineCacheMiss(OsuframesError):
    """Offline mode (`configure(offline=True)`, `OSUFRAMES_OFFLINE=1`) has no cached
    answer for a request, so it could not be served; nothing was sent.

    Attributes:
        endpoint: the endpoint method (or what was asked for, like `a token`).
        request: the method, path and query (never a host, token or secret).
    """

    def __init__(self, endpoint: str, request: str, *, cached: bool) -> None:
        self.endpoint = endpoint
        self.request = request
        why = (
            "the cache holds no answer for it; run it once online to cache it"
            if cached
            else "its answers are never cached (user-scoped, a write or a token)"
        )
        super().__init__(f"offline: cannot serve {endpoint} ({request}): {why}")


class FetchError(OsuframesError):
    """Every id of a fan-out failed: nothing to return.

    Attributes:
        errors: the failed ids with their errors (`FailedFetch`), in the order given.
    """

    def __init__(self, message: str, errors: list[Any]) -> None:
        super().__init__(message)
        self.errors = errors


class PartialResultWarning(UserWarning):
    """Some ids of a fan-out failed; the result holds only the others (see `query.errors`)."""


class APIError(OsuframesError):
    """The API answered with an error status.

    Attributes:
        status: the HTTP status code.
        message: the server's own message (`{"error": ...}`), or a short description.
        url: the request's path and query, without host or credentials.
    """

    def __init__(self, status: int, message: str | None, url: str, *, hint: str = "") -> None:
        self.status = status
        self.message = message
        self.url = url
        self.hint = hint
        text = f"{status} {message!r} from {url}" if message else f"{status} from {url}"
        super().__init__(f"{text}; {hint}" if hint else text)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its fields, so it pickles (from a multiprocessing worker to its
        # parent) and copies; the default would call __init__ with the message alone.
        return (_api_error, (type(self), self.status, self.message, self.url, self.hint))


def _api_error(kind: type[APIError], status: int, message: str | None, url: str, hint: str) -> Any:
    return kind(status, message, url, hint=hint)


class NotFound(APIError):
    """404: the resource does not exist (or is hidden, as restricted users are)."""


class Unauthorized(APIError):
    """401: the token is missing, invalid, expired or revoked, or the route needs a user."""


class InvalidClientRequestedError(Unauthorized):
    """401 `invalid_client`: the client id or secret was refused by /oauth/token."""


def refused_client(status: int, client_id: int) -> InvalidClientRequestedError:
    """The error for client credentials /oauth/token refused; names what to check."""
    return InvalidClientRequestedError(
        status,
        "client authentication failed",
        "/oauth/token",
        hint=(
            f"osu! refused client id {client_id} and its secret; check OSU_CLIENT_ID and "
            "OSU_CLIENT_SECRET (or the client_id= and client_secret= given to configure() "
            "or Client())"
        ),
    )


class RefreshTokenExpiredError(Unauthorized):
    """The token expired and could not be refreshed; it was removed from the repository."""


class Forbidden(APIError):
    """403: the token lacks a scope or the account may not do this."""


class MissingScopeError(Forbidden):
    """The method needs a scope (or a user login) the current token does not have.

    Raised before any request is sent, so `status` is 403 by analogy with the server.
    """


class RateLimited(APIError):
    """429: too many requests, still refused after every retry."""


class ServerError(APIError):
    """5xx: the server failed, still failing after every retry."""


class InvalidResponseError(APIError):
    """The server answered 2xx but the body is truncated or not JSON, after every retry."""


_BY_STATUS: dict[int, type[APIError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    429: RateLimited,
}


def error_for_status(status: int) -> type[APIError]:
    """The most specific `APIError` subclass for an HTTP status."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, APIError)

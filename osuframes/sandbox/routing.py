"""Routes of the sandbox API: path templates, scopes, request context and error types."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .oauth import Token
from .pagination import Params

if TYPE_CHECKING:
    from .world import World

#: GET paths under these prefixes need no token (spec §1.2, `RequireScopes::NO_TOKEN_REQUIRED`).
NO_TOKEN_PREFIXES = ("changelog", "comments", "news", "seasonal-backgrounds", "wiki")
#: Scopes whose routes need a user behind the token (401 for client-credentials tokens).
USER_SCOPES = frozenset(
    {"identify", "friends.read", "chat.read", "chat.write", "chat.write_manage", "forum.write"}
)
LAZER_VERSION = 20220705
FRIENDS_RELATION_VERSION = 20241022
ROOMS_OBJECT_VERSION = 99999999


class ApiError(Exception):
    """An error response: status plus JSON body (or None for an empty body)."""

    def __init__(self, status: int, body: Any = None, *, empty: bool = False) -> None:
        super().__init__(status)
        self.status = status
        self.body = None if empty else ({"error": None} if body is None else body)
        self.empty = empty


def not_found(model: str | None = None) -> ApiError:
    """404 `{"error":null}`, or Eloquent's "Specified X couldn't be found." (spec §5)."""
    return ApiError(404, {"error": f"Specified {model} couldn't be found." if model else None})


def unprocessable(message: str) -> ApiError:
    """422 with a message."""
    return ApiError(422, {"error": message})


@dataclass
class Response:
    """A handler result other than a plain 200 JSON body."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    empty: bool = False


@dataclass
class Ctx:
    """Everything a handler may look at."""

    world: World
    method: str
    path: dict[str, str]
    params: Params
    api_version: int
    token: Token | None
    headers: dict[str, str]
    #: How many of the world's feed scores are processed (None: all); see `scores`.
    feed_processed: int | None = None

    @property
    def user_id(self) -> int | None:
        """The token's user, if any."""
        return self.token.user_id if self.token else None

    @property
    def lazer(self) -> bool:
        """Whether scores use the new format (x-api-version >= 20220705, spec §6)."""
        return self.api_version >= LAZER_VERSION

    def int_path(self, name: str, model: str | None = None) -> int:
        """A numeric path parameter, or 404."""
        value = self.path[name]
        if not value.lstrip("-").isdigit():
            raise not_found(model)
        return int(value)


Handler = Callable[[Ctx], Any]
CostFn = Callable[[Params], int]


@dataclass
class Route:
    """One API route."""

    method: str
    template: str
    handler: Handler
    scope: str
    regex: re.Pattern[str]
    cost: CostFn | None = None

    @property
    def needs_user(self) -> bool:
        """Routes with Laravel's `auth` middleware: the token needs a resource owner."""
        return self.scope in USER_SCOPES


class Router:
    """Matches method + path (relative to /api/v2/) to a route; first match wins."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(
        self, method: str, template: str, scope: str = "public", *, cost: CostFn | None = None
    ) -> Callable[[Handler], Handler]:
        """Decorator registering a handler; `{name}` matches a segment, `{name*}` the rest."""

        def wrap(handler: Handler) -> Handler:
            pattern = re.sub(r"\{(\w+)\*\}", r"(?P<\1>.+)", template)
            pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern)
            self.routes.append(
                Route(method, template, handler, scope, re.compile(f"^{pattern}$"), cost)
            )
            return handler

        return wrap

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The route and path parameters for a request, or None."""
        for route in self.routes:
            if route.method != method:
                continue
            found = route.regex.match(path)
            if found:
                return route, found.groupdict()
        return None


def no_token_allowed(method: str, path: str) -> bool:
    """GET routes under the no-token prefixes work without a token."""
    return method == "GET" and path.split("/", 1)[0] in NO_TOKEN_PREFIXES

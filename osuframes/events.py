"""Events a client or a client storage fires, and the small registry that fires them."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from osuframes.auth.token import OAuthToken
    from osuframes.client import BaseClient

__all__ = ["ClientAddEvent", "ClientUpdateEvent", "EventHandler", "Listeners"]


@dataclass(frozen=True, repr=False)
class ClientUpdateEvent:
    """A client's token changed (fetched, refreshed or replaced after a 401)."""

    client: BaseClient
    old_token: OAuthToken | None
    new_token: OAuthToken

    def __repr__(self) -> str:
        return f"ClientUpdateEvent(client={self.client!r}, tokens masked)"


@dataclass(frozen=True)
class ClientAddEvent:
    """A client storage added a client for a session."""

    client: BaseClient
    session_id: int


Handler = Callable[[Any], Awaitable[None] | None]
EventHandler = TypeVar("EventHandler", bound=Callable[..., Any])


class Listeners:
    """Handlers for one kind of event; sync and async handlers both work."""

    def __init__(self) -> None:
        self._handlers: list[Handler] = []

    def register(self, handler: EventHandler) -> EventHandler:
        """Add `handler`; returns it, so this works as a decorator."""
        self._handlers.append(handler)
        return handler

    async def fire(self, event: object) -> None:
        """Call every handler with `event`, in the order they were added."""
        for handler in list(self._handlers):
            result = handler(event)
            if inspect.isawaitable(result):
                await result

    def __len__(self) -> int:
        return len(self._handlers)

"""`ClientStorage`: many clients of one OAuth application, one per session (user).

A bot or a web service serving many users keeps one `Client` per logged-in user plus
the application's own client (session 0). Every client of the storage shares the token
repository and one rate budget (the limiter is shared per `client_id`).
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from osuframes.auth.repository import BaseTokenRepository, SimpleTokenRepository
from osuframes.auth.token import OAuthToken
from osuframes.client import Client
from osuframes.config import Settings, get_settings
from osuframes.errors import InvalidClientRequestedError
from osuframes.events import ClientAddEvent, ClientUpdateEvent, EventHandler, Listeners

__all__ = ["ClientStorage"]


class ClientStorage:
    """Clients of one OAuth application, keyed by session id.

    Args:
        token_repository: shared by every client; in memory by default.
        client_id: OAuth application id (else `OSU_CLIENT_ID`).
        client_secret: OAuth application secret (else `OSU_CLIENT_SECRET`).
        base_url: the API host.
        create_app_client: whether `app_client` may create the application's own client.
        client_options: more keywords for every `Client` made (e.g. `limiter`, `transport`).
    """

    def __init__(
        self,
        *,
        token_repository: BaseTokenRepository | None = None,
        client_id: int | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        create_app_client: bool = True,
        **client_options: Any,
    ) -> None:
        base: Settings = client_options.pop("settings", None) or get_settings()
        self.settings = base.with_overrides(
            client_id=client_id, client_secret=client_secret, base_url=base_url
        )
        self.token_repository = token_repository or SimpleTokenRepository()
        self.create_app_client = create_app_client
        self.clients: dict[int, Client] = {}
        self._options = client_options
        self._add_listeners = Listeners()
        self._update_listeners = Listeners()

    @property
    def client_id(self) -> int | None:
        """The OAuth application id."""
        return self.settings.client_id

    @property
    def base_url(self) -> str:
        """The API host."""
        return self.settings.base_url

    def on_client_add(self, handler: EventHandler) -> EventHandler:
        """Register `handler(event: ClientAddEvent)`, called when a client is added."""
        return self._add_listeners.register(handler)

    def on_client_update(self, handler: EventHandler) -> EventHandler:
        """Register `handler(event: ClientUpdateEvent)`, called when any client's token changes."""
        return self._update_listeners.register(handler)

    @property
    async def app_client(self) -> Client:
        """The application's own client (session 0, client-credentials token).

        Raises:
            ValueError: when the storage was made with `create_app_client=False`.
        """
        if not self.create_app_client:
            raise ValueError("this ClientStorage was made with create_app_client=False")
        if 0 not in self.clients:
            await self._add(0, None)
        return self.clients[0]

    def client_exists(self, client_uid: int) -> bool:
        """Whether a client for session `client_uid` is in the storage."""
        return client_uid in self.clients

    async def add_client(self, token: OAuthToken, *, id: int | None = None) -> Client:
        """Add a client for a user's token; the session id is `id`, else the token's owner."""
        session_id = token.owner_id if id is None else id
        return await self._add(session_id, token)

    async def get_client(self, *, id: int | None = None, token: OAuthToken | None = None) -> Client:
        """The client of session `id`: existing, made from `token`, or from the repository.

        Raises:
            InvalidClientRequestedError: when there is no such client, no token is given
                and the repository has none for `id`.
        """
        if id is not None and id in self.clients:
            return self.clients[id]
        if token is not None:
            return await self.add_client(token, id=id)
        if id is not None and await self.token_repository.exists(id):
            return await self._add(id, await self.token_repository.get(id))
        raise InvalidClientRequestedError(
            401,
            f"no client for session {id!r}",
            "ClientStorage.get_client",
            hint="pass a token, or the id of a session whose token is in the repository",
        )

    async def revoke_client(self, client_uid: int) -> None:
        """Revoke the session's token with the server, forget it and close its client."""
        client = await self.get_client(id=client_uid)
        await client.revoke_token()
        self.clients.pop(client_uid, None)

    async def _add(self, session_id: int, token: OAuthToken | None) -> Client:
        client = Client(
            token_repository=self.token_repository,
            session_id=session_id,
            token=token,
            settings=self.settings,
            **self._options,
        )
        client.on_client_update(self._forward_update)
        old = self.clients.get(session_id)
        self.clients[session_id] = client
        if old is not None:
            await old.aclose()
        await self._add_listeners.fire(ClientAddEvent(client, session_id))
        return client

    async def _forward_update(self, event: ClientUpdateEvent) -> None:
        await self._update_listeners.fire(event)

    async def aclose(self) -> None:
        """Close every client."""
        for client in list(self.clients.values()):
            await client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"ClientStorage(base_url={self.base_url!r}, client_id={self.client_id}, "
            f"sessions={sorted(self.clients)})"
        )

"""The sandbox's test user logged in, as `osuframes login` would, without a browser."""

from __future__ import annotations

from osuframes.auth.login import login_repository, remember_login
from osuframes.client import Client
from osuframes.config import Settings
from osuframes.models import UserExtended

__all__ = ["SANDBOX_REDIRECT_URI", "log_in_test_user"]

SANDBOX_REDIRECT_URI = "http://127.0.0.1/callback"
"""The redirect URI sent with the test code (the sandbox does not check it)."""


async def log_in_test_user(settings: Settings) -> int:
    """Exchange the sandbox's test code and make its user the current login; its id.

    `settings` must point at a sandbox (`use_sandbox` does this); the token goes to the
    login store of its cache folder, like a real login's.
    """
    from osuframes.sandbox import AUTH_CODE

    repository = login_repository(settings)
    try:
        client = await Client.from_authorization_code(
            AUTH_CODE, SANDBOX_REDIRECT_URI, token_repository=repository, settings=settings
        )
        async with client:
            me: UserExtended = await client.get_me()
            token = await client.get_current_token()
    finally:
        repository.close()
    remember_login(client.session_id, username=me.username, scopes=token.scopes, settings=settings)
    return client.session_id

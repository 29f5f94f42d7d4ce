"""OAuth tokens and the repositories that keep them."""

from osuframes.auth.repository import (
    BaseTokenRepository,
    DiskTokenRepository,
    SimpleTokenRepository,
    TokenNotFoundError,
    TokenStoreError,
)
from osuframes.auth.token import OAuthToken

__all__ = [
    "BaseTokenRepository",
    "DiskTokenRepository",
    "OAuthToken",
    "SimpleTokenRepository",
    "TokenNotFoundError",
    "TokenStoreError",
]

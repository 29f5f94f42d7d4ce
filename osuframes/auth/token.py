"""`OAuthToken`: an osu! OAuth token whose repr never shows the secret parts."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["OAuthToken"]

_MASK = "**********"


def _jwt_claims(access_token: str) -> dict[str, Any]:
    """The claims of a JWT access token (osu! issues JWTs), unverified; {} if not a JWT."""
    parts = access_token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except ValueError:
        return {}
    return claims if isinstance(claims, dict) else {}


class OAuthToken(BaseModel):
    """A token from `POST /oauth/token`, with its expiry as an aware UTC datetime.

    `expires_on` is derived from `expires_in` when the token is first read from the
    server, and stored from then on, so a token loaded from disk keeps its real expiry.
    Client-credentials tokens have no `refresh_token` (an empty string).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    token_type: str = "Bearer"
    access_token: str = Field(default="", repr=False)
    refresh_token: str = Field(default="", repr=False)
    expires_in: int = 0
    scopes: tuple[str, ...] = ("public",)
    expires_on: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @model_validator(mode="before")
    @classmethod
    def _derive_expiry(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("expires_on") is None:
            data = dict(data)
            data["expires_on"] = datetime.now(UTC) + timedelta(
                seconds=int(data.get("expires_in") or 0)
            )
        if isinstance(data, dict) and "scopes" not in data:
            data = dict(data)
            scope = data.pop("scope", None)
            claims = _jwt_claims(str(data.get("access_token") or ""))
            scopes = scope if scope is not None else claims.get("scopes")
            if scopes is not None:
                data["scopes"] = scopes
        return data

    @field_validator("scopes", mode="before")
    @classmethod
    def _split_scopes(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(value.split())
        if isinstance(value, Iterable):
            return tuple(str(scope) for scope in value)
        return value

    @field_validator("expires_on")
    @classmethod
    def _as_utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    @property
    def owner_id(self) -> int:
        """The user the token acts for (the JWT's `sub`), or 0 for an application token."""
        sub = _jwt_claims(self.access_token).get("sub")
        try:
            return int(sub) if sub else 0
        except (TypeError, ValueError):
            return 0

    @property
    def can_refresh(self) -> bool:
        """Whether the token carries a refresh token (user logins do)."""
        return bool(self.refresh_token)

    @property
    def has_user(self) -> bool:
        """Whether the token acts for a user (a login, or a bot's delegated token)."""
        return bool({"identify", "delegate", "*"} & set(self.scopes)) or self.owner_id != 0

    def expires_within(self, seconds: float, now: datetime | None = None) -> bool:
        """Whether the token is expired, or will be within `seconds`."""
        now = datetime.now(UTC) if now is None else now
        return self.expires_on - now <= timedelta(seconds=seconds)

    @property
    def is_expired(self) -> bool:
        """Whether the token's lifetime is over."""
        return self.expires_within(0)

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            yield name, value
            if name == "token_type":
                yield "access_token", _MASK if self.access_token else ""
                yield "refresh_token", _MASK if self.refresh_token else ""

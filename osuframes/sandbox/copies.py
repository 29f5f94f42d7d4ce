"""Copies of one player's score pages for any player: the client measured at scale.

The sandbox works out each player's plays when asked, a good part of a second a page on
a busy machine, so 5,000 players' bests (10,000 pages, a million rows) would spend most
of an hour in the server. `CopiedScores` is an httpx transport in front of the sandbox:
it asks the sandbox once for each page of a model player (the same path, query and
headers) and answers every player's request for that page with it, the player's id and
the score ids rewritten. The client's work per row (decoding, Arrow, Parquet) is the
same as against the sandbox; the server's is gone. Anything else (the token, other
endpoints) goes to the sandbox as it is.

`Unmetered` is a rate-limiter ledger that lets every request go at once and records
nothing, so that tens of thousands of requests a minute cost the limiter nothing
either. Both are for measuring the client alone, never for the real API.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence
from typing import Any

import httpx

from osuframes.config import LimiterMode, RateLimit
from osuframes.http.ledger import Reservation, Usage

__all__ = ["CopiedScores", "Unmetered"]

_SCORES = re.compile(r"^/api/v2/users/(\d+)/scores/(\w+)$")
# A score id is the player's id followed by the score's place in the player's list,
# always this many digits, so that no two players' score ids meet.
_PLACE_DIGITS = 4
_USER = "@user@"
_SCORE = re.compile(rb'"@score(\d+)@"')


class CopiedScores(httpx.AsyncBaseTransport):
    """Every player's score pages are the model player's, with ids rewritten.

    Args:
        model_user: the player whose pages are copied (pick one with full pages).
        without: keys taken out of every score, to make pages smaller (`beatmapset`):
            their columns are then null.
        inner: the transport to the sandbox (a plain HTTP transport by default).
    """

    def __init__(
        self,
        model_user: int,
        *,
        without: Sequence[str] = (),
        inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.model_user = model_user
        self.without = tuple(without)
        self.inner = inner if inner is not None else httpx.AsyncHTTPTransport()
        self._pages: dict[tuple[str, str], bytes] = {}
        self._lock = asyncio.Lock()
        self.copied = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """A score page of any player from the model player's, the rest sent on."""
        found = _SCORES.match(request.url.path)
        if found is None:
            return await self.inner.handle_async_request(request)
        user, kind = int(found[1]), found[2]
        key = (kind, str(request.url.params))
        async with self._lock:
            page = self._pages.get(key)
            if page is None:
                model = await self._model_page(request, kind)
                if isinstance(model, httpx.Response):
                    return model
                page = self._pages[key] = model
        self.copied += 1
        return httpx.Response(
            200, content=page % {b"user": user}, headers={"content-type": "application/json"}
        )

    async def _model_page(self, request: httpx.Request, kind: str) -> bytes | httpx.Response:
        """The model player's page as a template, or the sandbox's answer if not a 200."""
        path = f"/api/v2/users/{self.model_user}/scores/{kind}"
        asked = httpx.Request(
            request.method, request.url.copy_with(path=path), headers=request.headers
        )
        response = await self.inner.handle_async_request(asked)
        body = await response.aread()
        if response.status_code != 200:
            return httpx.Response(response.status_code, content=body, headers=response.headers)
        scores = json.loads(body)
        for score in scores:
            for key in self.without:
                score.pop(key, None)
        return _template(scores, int(request.url.params.get("offset", 0)))

    async def aclose(self) -> None:
        await self.inner.aclose()


def _template(scores: list[dict[str, Any]], offset: int) -> bytes:
    """A page with `%(user)d` where the player's id goes (bytes %-formatting)."""
    for place, score in enumerate(scores, start=offset):
        score["id"] = f"@score{place:0{_PLACE_DIGITS}d}@"
        score["user_id"] = _USER
        if isinstance(score.get("user"), dict):
            score["user"]["id"] = _USER
    text = json.dumps(scores, separators=(",", ":")).encode().replace(b"%", b"%%")
    text = text.replace(f'"{_USER}"'.encode(), b"%(user)d")
    return _SCORE.sub(rb"%(user)d\1", text)


class Unmetered:
    """A ledger that lets every request go at once and keeps no record of them."""

    def reserve(
        self, now: float, rate: RateLimit, cost: int, mode: LimiterMode, *, wait: bool = True
    ) -> Reservation:
        return Reservation(1, 0.0)

    def settle(self, ticket: int, at: float, rate: RateLimit, *, wait: bool = True) -> Usage:
        return Usage(0, 0)

    def back_off(
        self, now: float, sent: float, length: float, longest: float, *, wait: bool = True
    ) -> None:
        """No pause: the sandbox behind `CopiedScores` is asked a handful of times."""

    def close(self) -> None:
        """Nothing to release."""

"""The sandbox's route table, one module per domain (order matters: specific paths first)."""

from __future__ import annotations

from typing import Any

from ..routing import Ctx, Router
from . import beatmaps, chat, community, discussions, forum, multiplayer, scores, users
from .community import website_tracks

__all__ = ["build_router", "website_tracks"]


def build_router() -> Router:
    """Every API route of the sandbox."""
    router = Router()

    @router.add("DELETE", "oauth/tokens/current", "any")
    def revoke(ctx: Ctx) -> Any:  # answered by the server, which owns the token store
        return None

    users.register(router)
    discussions.register(router)  # beatmapsets/events|discussions before beatmapsets/{id}
    beatmaps.register(router)
    scores.register(router)
    multiplayer.register(router)
    community.register(router)
    chat.register(router)
    forum.register(router)
    return router

"""Small derived facts that several route modules need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._rng import rng

if TYPE_CHECKING:
    from . import World


def friends_of(world: World, user_id: int) -> list[int]:
    """The friend list of a user (sorted ids)."""
    r = rng(world.seed, "friends", user_id)
    pool = world.users.order("osu")[:5000]
    return sorted(r.sample(pool, 30))

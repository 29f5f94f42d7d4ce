"""Small derived facts that several route modules need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._rng import rng

if TYPE_CHECKING:
    from . import World
    from .users import Users


def friends_of(world: World, user_id: int) -> list[int]:
    """The friend list of a user (sorted ids)."""
    return friend_ids(world.seed, world.users, user_id)


def friend_ids(seed: int, users: Users, user_id: int) -> list[int]:
    """The friend list of a user in the world of `seed` (sorted ids)."""
    r = rng(seed, "friends", user_id)
    pool = users.order("osu")[:5000]
    return sorted(r.sample(pool, 30))

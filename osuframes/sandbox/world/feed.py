"""The `/scores` feed: the plays of the last hour by each ruleset's most active players.

The feed is the world's own plays (`plays.py`), oldest first, each under a feed id
`FEED_BASE + n` (osu-web's feed pages by score id in time order, and the ids of
plays encode where they live, not when) with the `legacy_score_id` of the same play
in the player's lists. Only the `FEED_PLAYERS` best ranked players of each ruleset
feed it, which keeps it cheap to build; it is built on first use.
"""

from __future__ import annotations

import threading

import numpy as np

from ._rng import MODES
from .plays import Plays

__all__ = ["FEED_BASE", "FEED_HOURS", "FEED_PLAYERS", "Feed"]

FEED_BASE = 20_000_000_000
FEED_HOURS = 1.0
FEED_PLAYERS = 60


class Feed:
    """(user, beatmap, ruleset) of every feed score, oldest first."""

    def __init__(self, plays: Plays) -> None:
        self.plays = plays
        self._lock = threading.Lock()
        self._entries: list[tuple[int, int, int]] | None = None

    def entries(self) -> list[tuple[int, int, int]]:
        """Every feed score as (user, beatmap, ruleset); entry n-1 has id FEED_BASE + n."""
        with self._lock:
            if self._entries is None:
                dated: list[tuple[float, int, int, int]] = []
                for mode_int, mode in enumerate(MODES):
                    ids = self.plays.maps(mode_int).ids
                    for user in self.plays.users.order(mode)[:FEED_PLAYERS]:
                        found = self.plays.play_set(user, mode_int)
                        assert found is not None
                        age = found.columns["age"]
                        for i in np.flatnonzero(age < FEED_HOURS / 24):
                            beatmap = int(ids[found.columns["what"][i]])
                            dated.append((-float(age[i]), user, beatmap, mode_int))
                self._entries = [(u, b, m) for _, u, b, m in sorted(dated)]
            return self._entries

    def ids(self, mode_int: int | None = None) -> list[int]:
        """Feed score ids, oldest first (of one ruleset when given)."""
        return [
            FEED_BASE + n
            for n, (_, _, mode) in enumerate(self.entries(), 1)
            if mode_int is None or mode == mode_int
        ]

    def entry(self, solo_id: int) -> tuple[int, int, int] | None:
        """(user, beatmap, ruleset) of a feed id, or None when it is not one."""
        n = solo_id - FEED_BASE
        entries = self.entries()
        return entries[n - 1] if 1 <= n <= len(entries) else None

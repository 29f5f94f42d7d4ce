"""How long the sandbox's world takes to start, and to answer its first questions.

    python benchmarks/world_start.py [--runs 5]

Each run builds a fresh `World(seed=1)` (nothing is generated until asked) and times,
in milliseconds: the construction, then the first answer of each kind a notebook asks
for (a player's bests, a profile, a bracket match, the /scores feed). Prints the median
of the runs; the world is lazy, so only the construction is the start time proper.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from osuframes.sandbox import World


def _steps(world: World) -> dict[str, Callable[[], Any]]:
    mp = world.multiplayer
    return {
        "first bests (user 2)": lambda: world.scores.user_list(2, "best", 0),
        "first profile counts (user 2)": lambda: world.scores.count(2, "firsts", 0),
        "first bracket match (105019274)": lambda: mp.planned_games(mp.match(105019274)),
        "first /scores feed": lambda: world.score_feed_ids(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    timings: dict[str, list[float]] = {}
    for _ in range(runs):
        start = time.perf_counter()
        world = World(seed=1)
        timings.setdefault("World(seed=1)", []).append(time.perf_counter() - start)
        for name, step in _steps(world).items():
            start = time.perf_counter()
            step()
            timings.setdefault(name, []).append(time.perf_counter() - start)
    for name, values in timings.items():
        print(f"{name:34} {1000 * statistics.median(values):9.1f} ms")


if __name__ == "__main__":
    main()

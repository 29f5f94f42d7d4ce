"""Ready-made jobs the command line runs: the README's main job, `top-plays`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from osuframes.api import rankings, use_sandbox, user_bests
from osuframes.config import get_settings

__all__ = ["top_plays"]


def top_plays(
    *,
    players: int = 50,
    mode: str = "osu",
    out: str | Path = "data",
    say: Callable[[str], None] = print,
) -> dict[str, Path]:
    """The top plays of the best `players` of a ruleset, written as Parquet under `out`.

    Runs against the real API when credentials are set (`OSU_CLIENT_ID`,
    `OSU_CLIENT_SECRET`), otherwise against the offline sandbox; offline
    (`OSUFRAMES_OFFLINE=1`), from the response cache only. Returns the files written.
    """
    if not 1 <= players <= 10_000:
        raise ValueError(f"players={players!r}: give a number from 1 to 10000")
    settings = get_settings()
    if settings.offline:
        say(f"Offline: answering from the response cache of {settings.base_url} only.")
    elif settings.has_credentials:
        say(f"Using the osu! API at {settings.base_url} as client {settings.client_id}.")
    else:
        sandbox = use_sandbox()
        say(
            "No credentials set (OSU_CLIENT_ID, OSU_CLIENT_SECRET): using the offline "
            f"sandbox at {sandbox.base_url}, a synthetic osu! world."
        )
    limit = get_settings().rate_limit
    folder = Path(out)
    started = time.perf_counter()

    ranking = rankings(mode, "performance").limit(players)
    ranking_path = ranking.to_parquet(folder / f"rankings_{mode}_top{players}.parquet")
    ids = [int(user_id) for user_id in ranking.to_frame()["user.id"].head(players)]
    say(f"Wrote the top {len(ids)} of the {mode} performance ranking to {ranking_path}")

    say(f"Fetching their top plays ({limit.requests} requests per {limit.seconds:g} s) …")
    bests = user_bests(ids, mode=mode)
    bests_path = bests.to_parquet(folder / f"top_plays_{mode}_top{players}.parquet")
    frame = bests.to_frame()
    say(
        f"Wrote {len(frame):,} top plays of {frame['user_id'].nunique()} players "
        f"({len(frame.columns)} columns) to {bests_path}"
    )
    for failed in bests.errors:
        say(f"  skipped {failed}")
    say(f"Done in {time.perf_counter() - started:.0f} s.")
    return {"rankings": ranking_path, "top_plays": bests_path}

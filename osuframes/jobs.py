"""Ready-made jobs the command line runs: the README's main job, `top-plays`."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from osuframes.api import rankings, use_sandbox
from osuframes.config import get_settings
from osuframes.exporting import export
from osuframes.exporting.options import country_code

__all__ = ["top_plays"]


def top_plays(
    *,
    players: int = 50,
    mode: str = "osu",
    country: str | None = None,
    out: str | Path = "data",
    say: Callable[[str], None] = print,
) -> dict[str, Path]:
    """The top plays of the best `players` of a ruleset (or of one country), under `out`.

    The ranking is one Parquet file; the top plays are an export (`osuframes.export`), a
    dataset folder that resumes where a stopped run left off and is served from the
    response cache when run again. A ranking file already in `out` is reused, so a
    resumed run fetches the same players (delete it for today's ranking).

    Runs against the real API when credentials are set (`OSU_CLIENT_ID`,
    `OSU_CLIENT_SECRET`), otherwise against the offline sandbox; offline
    (`OSUFRAMES_OFFLINE=1`), from the response cache only. Returns what it wrote.
    """
    if not 1 <= players <= 10_000:
        raise ValueError(f"players={players!r}: give a number from 1 to 10000")
    if country is not None:
        country = country_code(country, "country=")
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
    where = f"{mode}_{country}" if country else mode
    ranking_name = f"{mode} performance ranking" + (f" of {country}" if country else "")
    ranking_path = folder / f"rankings_{where}_top{players}.parquet"
    if ranking_path.exists():
        say(f"Using the players of {ranking_path} (delete it for today's ranking)")
    else:
        ranking = rankings(mode, "performance", country=country).limit(players).fetch()
        ranking.to_parquet(ranking_path)
        say(f"Wrote the top {len(ranking)} of the {ranking_name} to {ranking_path}")
    ids = [int(i) for i in pd.read_parquet(ranking_path, columns=["user.id"])["user.id"]]

    say(f"Fetching their top plays ({limit.requests} requests per {limit.seconds:g} s) …")
    plays_path = folder / f"top_plays_{where}_top{players}"
    summary = export("user-bests", plays_path, ids=ids[:players], mode=mode, say=say)
    for key, error in summary.failed:
        say(f"  skipped {key}: {error}")
    say(f"Done in {time.perf_counter() - started:.0f} s.")
    return {"rankings": ranking_path, "top_plays": plays_path}

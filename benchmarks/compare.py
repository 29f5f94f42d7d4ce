"""osuframes against aiosu, ossapi and plain httpx on the same jobs: fetch, parse, cache.

- Fetch: the top 100 plays of 300 users into one DataFrame, against the sandbox with
  100 ms of latency and a fixed window of 100 requests per 5 s. Every client gets that
  budget: aiosu `limiter=(100, 5)`; osuframes `limiter=(100, 5)`; ossapi has no limiter
  and runs sequentially; the plain loop is sequential httpx + `pd.json_normalize`. The
  peers are pointed at the loopback sandbox: aiosu by its `base_url`, ossapi by a
  subclass whose TOKEN_URL/BASE_URL name the sandbox (and OAUTHLIB_INSECURE_TRANSPORT=1,
  as the sandbox speaks plain http). Reported: wall time, requests, 429s, ids lost and
  the ratio to the fixed-window floor ((requests / 100 − 1) × 5 s + one latency).
- Parse: 100,000 best scores from the same JSON bytes (`frames_bench.make_pages`) to a
  DataFrame: osuframes, aiosu models + `json_normalize`, ossapi models +
  `json_normalize`, `pd.json_normalize(json.loads(...))`: records/s (one run) and the
  peak memory traced while parsing 10,000 of them. ossapi builds its models so slowly
  (tens of records/s) that it parses 1,000.
- Cache: cold vs warm run of notebook 1's job (a profile and its 200 top plays).

Needs `pip install -e ".[bench]"`. Prints a table and writes benchmarks/compare.json.
Run: `python benchmarks/compare.py [--users 300] [--records 100000]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fanout_bench import Sandbox
from frames_bench import make_pages, with_json_normalize, with_osuframes

import osuframes as of
from osuframes import SyncClient
from osuframes.sandbox import run

OUT = Path(__file__).resolve().parent / "compare.json"
WINDOW, BUDGET, LATENCY_MS = 5.0, 100, 100.0


def _token(sandbox: Sandbox) -> str:
    form = {"client_id": sandbox.client_id, "client_secret": sandbox.client_secret}
    form |= {"grant_type": "client_credentials", "scope": "public"}
    return str(httpx.post(sandbox.base_url + "/oauth/token", data=form).json()["access_token"])


def fetch_osuframes(sandbox: Sandbox) -> tuple[pd.DataFrame, int]:
    with sandbox.fresh_client((BUDGET, WINDOW)) as client:
        query = of.user_bests(sandbox.ids, mode="osu", client=client, progress=False)
        frame = query.limit(100).to_frame()
    return frame, len(query.errors)


def fetch_aiosu(sandbox: Sandbox) -> tuple[pd.DataFrame, int]:
    import aiosu

    async def go() -> tuple[pd.DataFrame, int]:
        client = aiosu.v2.Client(
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            base_url=sandbox.base_url,
            limiter=(BUDGET, WINDOW),
        )
        async with client:
            await client.get_user(sandbox.ids[0])  # the token, outside the measurement
            sandbox.call("reset")
            got = await asyncio.gather(
                *(client.get_user_bests(u, mode="osu", limit=100) for u in sandbox.ids),
                return_exceptions=True,
            )
        rows = [s.model_dump() for page in got if isinstance(page, list) for s in page]
        return pd.json_normalize(rows), sum(isinstance(page, BaseException) for page in got)

    return asyncio.run(go())


def _local_ossapi(sandbox: Sandbox, token_dir: str) -> Any:
    from ossapi import Ossapi

    class Local(Ossapi):  # type: ignore[misc]
        TOKEN_URL = sandbox.base_url + "/oauth/token"
        AUTH_CODE_URL = sandbox.base_url + "/oauth/authorize"
        BASE_URL = sandbox.base_url + "/api/v2"

    os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
    return Local(sandbox.client_id, sandbox.client_secret, token_directory=token_dir)


def fetch_ossapi(sandbox: Sandbox) -> tuple[pd.DataFrame, int]:
    from ossapi.encoder import serialize_model

    with tempfile.TemporaryDirectory() as token_dir:
        api = _local_ossapi(sandbox, token_dir)
        api.user(sandbox.ids[0])  # the token, outside the measurement
        sandbox.call("reset")
        rows, lost = [], 0
        for user_id in sandbox.ids:
            try:
                scores = api.user_scores(user_id, "best", mode="osu", limit=100)
            except Exception:  # a lost id, counted
                lost += 1
                continue
            rows += [json.loads(serialize_model(s)) for s in scores]
    return pd.json_normalize(rows), lost


def fetch_httpx(sandbox: Sandbox) -> tuple[pd.DataFrame, int]:
    headers = {"Authorization": f"Bearer {_token(sandbox)}", "Accept": "application/json"}
    sandbox.call("reset")
    frames, lost = [], 0
    with httpx.Client(base_url=sandbox.base_url + "/api/v2/", headers=headers) as http:
        for user_id in sandbox.ids:
            page = http.get(f"users/{user_id}/scores/best", params={"mode": "osu", "limit": 100})
            if page.status_code != 200:
                lost += 1
                continue
            frames.append(pd.json_normalize(page.json()).assign(user_id=user_id))
    return pd.concat(frames, ignore_index=True), lost


FETCHERS: dict[str, Callable[[Sandbox], tuple[pd.DataFrame, int]]] = {
    "osuframes": fetch_osuframes,
    "aiosu": fetch_aiosu,
    "ossapi (sequential)": fetch_ossapi,
    "httpx loop": fetch_httpx,
}


def bench_fetch(users: int) -> dict[str, dict[str, Any]]:
    sandbox = Sandbox(users)
    out: dict[str, dict[str, Any]] = {}
    try:
        sandbox.call("set_rate_limit", 10**6, 1.0)
        fetch_osuframes(sandbox)  # build every answer once: measure clients, not the sandbox
        sandbox.call("set_latency", LATENCY_MS)
        sandbox.call("set_rate_limit", BUDGET, WINDOW)
        for name, fetch in FETCHERS.items():
            start = time.perf_counter()
            try:
                frame, lost = fetch(sandbox)
            except Exception as exc:  # reported; the others still run
                out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
                continue
            seconds = time.perf_counter() - start
            requests, refused = sandbox.call("counts")
            floor = (math.ceil(requests / BUDGET) - 1) * WINDOW + LATENCY_MS / 1000
            out[name] = {
                "seconds": round(seconds, 2),
                "requests": requests,
                "429s": refused,
                "ids_lost": lost,
                "rows": len(frame),
                "floor_s": round(floor, 2),
                "x_floor": round(seconds / floor, 2) if floor > 0 else None,
            }
            sandbox.call("set_rate_limit", BUDGET, WINDOW)  # a fresh window for the next
            time.sleep(WINDOW)
    finally:
        sandbox.close()
    return out


def parse_aiosu(pages: list[bytes]) -> pd.DataFrame:
    from aiosu.models import Score

    rows = [Score.model_validate(r).model_dump() for p in pages for r in json.loads(p)]
    return pd.json_normalize(rows)


def parse_ossapi(pages: list[bytes]) -> pd.DataFrame:
    from ossapi.encoder import serialize_model
    from ossapi.models import Score

    with tempfile.TemporaryDirectory() as token_dir:
        from ossapi import Ossapi

        api = Ossapi(1, "x", access_token="x", token_directory=token_dir)
        rows = [
            json.loads(serialize_model(api._instantiate_type(Score, r)))
            for p in pages
            for r in json.loads(p)
        ]
    return pd.json_normalize(rows)


PARSERS: dict[str, Callable[[list[bytes]], pd.DataFrame]] = {
    "osuframes": with_osuframes,
    "aiosu models + json_normalize": parse_aiosu,
    "ossapi models + json_normalize": parse_ossapi,
    "pd.json_normalize(json.loads)": with_json_normalize,
}


#: ossapi builds its models slowly (tens of records/s here): it parses a slice.
SLICES = {"ossapi models + json_normalize": 1_000}


def bench_parse(records: int) -> dict[str, dict[str, Any]]:
    """Records/s on the full pages (one run); peak memory traced on 10,000 records."""
    out: dict[str, dict[str, Any]] = {}
    for name, parse in PARSERS.items():
        pages = make_pages(min(records, SLICES.get(name, records)))
        try:
            start = time.perf_counter()
            frame = parse(pages)
            seconds = time.perf_counter() - start
            small = make_pages(min(10_000, SLICES.get(name, 10_000)))
            tracemalloc.start()
            parse(small)
            peak = tracemalloc.get_traced_memory()[1] * 10_000 / (len(small) * 100)
            tracemalloc.stop()
        except Exception as exc:  # reported; the others still run
            tracemalloc.stop()
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            continue
        out[name] = {
            "records": len(frame),
            "seconds": round(seconds, 2),
            "records_per_s": round(len(frame) / seconds),
            "peak_mb_per_10k": round(peak / 1e6),
            "columns": frame.shape[1],
        }
    return out


def bench_cache() -> dict[str, float]:
    user_id = 7562902
    with tempfile.TemporaryDirectory() as cache, run(latency_ms=LATENCY_MS) as sandbox:
        times = []
        for _ in range(2):
            with SyncClient(
                base_url=sandbox.base_url,
                client_id=sandbox.client_id,
                client_secret=sandbox.client_secret,
                cache_dir=cache,
                cache=True,
            ) as client:
                start = time.perf_counter()
                of.user(user_id, client=client)
                of.user_bests(user_id, mode="osu", client=client, progress=False).to_frame()
                times.append(time.perf_counter() - start)
    return {"cold_s": round(times[0], 3), "warm_s": round(times[1], 3)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def print_rows(
    rows: dict[str, dict[str, Any]], width: int, figures: Callable[[dict[str, Any]], str]
) -> None:
    """One line per contender, its name `width` wide: its figures, or what stopped it."""
    for name, row in rows.items():
        print(f"  {name:<{width}} {row['error'] if 'error' in row else figures(row)}")


def main() -> None:
    warnings.simplefilter("ignore")  # aiosu warns that 100 per 5 s is a high rate
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--records", type=int, default=100_000)
    options = parser.parse_args()
    result = {
        "machine": machine(),
        "fetch": bench_fetch(options.users),
        "parse": bench_parse(options.records),
        "cache": bench_cache(),
    }
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(f"machine: {result['machine']}")
    print(f"\nFetch: top 100 plays of {options.users} users, 100 ms latency, 100 requests / 5 s")
    print_rows(
        result["fetch"],
        22,
        lambda row: (
            f"{row['seconds']:7.2f} s  {row['x_floor']:5.2f}x floor  "
            f"{row['requests']:4d} requests  {row['429s']:3d} 429s  {row['ids_lost']:3d} lost"
        ),
    )
    print(f"\nParse: {options.records:,} best scores from the same JSON bytes")
    print_rows(
        result["parse"],
        32,
        lambda row: (
            f"{row['records_per_s']:9,} records/s  "
            f"{row['peak_mb_per_10k']:6,} MB peak per 10,000 ({row['records']:,} parsed)"
        ),
    )
    cache = result["cache"]
    print(f"\nCache: notebook 1's job cold {cache['cold_s']:.2f} s, warm {cache['warm_s']:.2f} s")
    print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()

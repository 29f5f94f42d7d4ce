"""Export benchmarks: a cold and a warm export, and the peak memory of long runs.

Each job runs in a fresh process, so that its peak RSS is its own:

1. Cold vs warm, against the sandbox with `--latency-ms` per answer: an export of N
   users' bests with an empty response cache (every page requested), then the same
   export into a new folder from the warm cache (every page a cache hit): requests,
   wall time, peak RSS. Then, in a fresh process like the export's, the same cached
   bytes are read again and turned into one DataFrame with `json.loads` and
   `pd.json_normalize`, timed the same way: the ratio is how much faster the export
   builds its dataset (Parquet parts included) than json_normalize builds a frame.
   With `--repeat N` the warm export (into a new folder each time) and json_normalize
   take turns N times, each in its own process, and the best of each is compared, so
   that a burst of load on the shared machine does not decide the ratio (both start
   from an empty heap: json_normalize run twice in one process is about twice as fast
   the second time, on the memory the first one left).
2. Streaming memory: peak RSS of an export for 1,000 / 5,000 / 10,000 users (200 bests
   each), and of `user_bests(ids).to_frame()` for 1,000 and 2,000: a frame holds every
   row, about 1 GB per 1,000 users of whole scores, too much to try 10,000 on a shared
   machine (the table carries the measured growth on). The pages are the sandbox's
   pages of one player, copied for every player by `osuframes.sandbox.copies.CopiedScores`
   (whole scores, ids rewritten): the sandbox itself would spend hours working out
   10,000 players' plays. No response cache and no limiter ledger, so that only the
   fetching, the conversion and the writing are measured.

Prints a table and writes the figures as JSON.

Run: `python benchmarks/export_bench.py [--users 1000] [--latency-ms 100] [--repeat 2]
[--memory-users 1000 5000 10000] [--frame-users 1000 2000]
[--json benchmarks/export_bench.json]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from osuframes.sandbox import run

_BESTS = 200
_JOB = textwrap.dedent(
    """
    import json, resource, sys, time
    import pandas as pd
    import osuframes as of
    from osuframes.config import RateLimit
    from osuframes.http.cache import ResponseCache
    from osuframes.http.ratelimit import RateLimiter
    from osuframes.sandbox.copies import CopiedScores, Unmetered

    what, out, ids_file, model, cache = sys.argv[1:6]
    ids = [int(line) for line in open(ids_file)]
    client = None
    if what.endswith("-copies"):
        limiter = RateLimiter(RateLimit(1200, 60), Unmetered())
        pages = CopiedScores(int(model))
        client = of.SyncClient(transport=pages, limiter=limiter, cache=False)
    started = time.perf_counter()
    figures = {}
    if what == "normalize":
        files = [f for _, f in ResponseCache(cache).entries() if f.suffix == ".json"]
        bodies = [f.read_bytes() for f in files]
        frame = pd.json_normalize([record for body in bodies for record in json.loads(body)])
        figures.update(rows=len(frame))
    elif what.startswith("export"):
        summary = of.export(
            "user-bests", out, ids=ids, client=client, progress=False, say=lambda _: None
        )
        figures.update(rows=summary.rows, requests=summary.requests,
                       cache_hits=summary.cache_hits)
    else:
        frame = of.user_bests(ids, mode="osu", client=client, progress=False).to_frame()
        figures.update(rows=len(frame))
    figures.update(wall_s=time.perf_counter() - started,
                   peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures))
    """
)


def ids(users: int) -> list[int]:
    """Ids for the copied pages: any will do."""
    return list(range(1, users + 1))


def job(what: str, out: Path, ids: list[int], model: int, env: dict[str, str]) -> Any:
    """Run one job in a fresh process; its figures."""
    ids_file = out.with_suffix(".ids")
    ids_file.write_text("".join(f"{i}\n" for i in ids))
    cache = Path(env["OSUFRAMES_CACHE_DIR"]) / "responses"
    args = [what, str(out), str(ids_file), str(model), str(cache)]
    result = subprocess.run(
        [sys.executable, "-c", _JOB, *args], capture_output=True, text=True, env=env, check=False
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000, help="users of the cold/warm runs")
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument(
        "--repeat", type=int, default=2, help="warm exports and json_normalize runs (best of)"
    )
    parser.add_argument("--memory-users", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--frame-users", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--json", type=Path, default=Path(__file__).with_suffix(".json"))
    args = parser.parse_args()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    report: dict[str, Any] = {"machine": machine, "latency_ms": args.latency_ms}
    with (
        run(rate_limit=10**6, latency_ms=args.latency_ms) as info,
        tempfile.TemporaryDirectory() as tmp,
    ):
        # The jobs get this environment without its osu! settings, then the sandbox's.
        own = {k: v for k, v in os.environ.items() if not k.startswith(("OSU_", "OSUFRAMES_"))}
        env = {
            **own,
            "OSU_CLIENT_ID": str(info.client_id),
            "OSU_CLIENT_SECRET": info.client_secret,
            "OSUFRAMES_BASE_URL": info.base_url,
            "OSUFRAMES_RATE_LIMIT": "100000/60",
            "OSUFRAMES_CACHE_DIR": str(Path(tmp) / "cache"),
        }
        users = info.world.existing_user_ids(args.users, start=2)
        model = next(u for u in users if info.world.user_score_count(u, "best") == _BESTS)
        cold = job("export-cold", Path(tmp) / "cold", users, model, env)
        runs = [
            (job("export-warm", Path(tmp) / f"warm{n}", users, model, env),
             job("normalize", Path(tmp) / f"normalize{n}", users, model, env))
            for n in range(args.repeat)
        ]  # fmt: skip
        warm = {
            **runs[0][0],
            "exports_s": [export["wall_s"] for export, _ in runs],
            "best_wall_s": min(export["wall_s"] for export, _ in runs),
            "json_normalize_runs_s": [normalize["wall_s"] for _, normalize in runs],
            "json_normalize_s": min(normalize["wall_s"] for _, normalize in runs),
            "json_normalize_rows": runs[0][1]["rows"],
        }
        report["cold_warm"] = {"users": args.users, "cold": cold, "warm": warm}
        info.server.set_latency(0.0)
        report["memory"] = [
            {"job": what, "users": n, **job(what, Path(tmp) / f"{what}{n}", ids(n), model, env)}
            for what, counts in (
                ("export-copies", args.memory_users),
                ("frame-copies", args.frame_users),
            )
            for n in counts
        ]
    args.json.write_text(json.dumps(report, indent=1) + "\n")
    print(_table(report))
    print(f"figures written to {args.json}")


def _table(report: dict[str, Any]) -> str:
    cold_warm = report["cold_warm"]
    warm = cold_warm["warm"]
    lines = [
        f"machine: {report['machine']}",
        f"{cold_warm['users']:,} users' bests, sandbox latency {report['latency_ms']:g} ms",
        f"{'run':<6} {'rows':>9} {'requests':>9} {'cache hits':>10} {'wall s':>8} {'peak MB':>8}",
    ]
    for name in ("cold", "warm"):
        run_ = cold_warm[name]
        lines.append(
            f"{name:<6} {run_['rows']:>9,} {run_['requests']:>9,} {run_['cache_hits']:>10,} "
            f"{run_['wall_s']:>8.1f} {run_['peak_mb']:>8.0f}"
        )
    lines += [
        f"warm export {warm['best_wall_s']:.1f} s; pd.json_normalize of the same cached bytes "
        f"{warm['json_normalize_s']:.1f} s ({warm['json_normalize_rows']:,} rows; best of "
        f"{len(warm['exports_s'])} each, in turns, each in a fresh process): the export is "
        f"{warm['json_normalize_s'] / warm['best_wall_s']:.1f}x faster",
        "",
        "streaming memory (peak RSS), whole scores copied from one player",
        f"{'users':>7} {'rows':>11} {'export MB':>10} {'export s':>9} {'to_frame() MB':>14}",
    ]
    peaks = {(row["job"], row["users"]): row for row in report["memory"]}
    frames = {n: row["peak_mb"] for (what, n), row in peaks.items() if what == "frame-copies"}
    for n in sorted({n for _, n in peaks}):
        export = peaks.get(("export-copies", n))
        rows = (export or peaks.get(("frame-copies", n)) or {}).get("rows", 0)
        exported = f"{export['peak_mb']:>10.0f} {export['wall_s']:>9.1f}" if export else f"{'':>20}"
        frame = f"{frames[n]:.0f}" if n in frames else f"~{_estimate(frames, n)}"
        lines.append(f"{n:>7,} {rows:>11,} {exported} {frame:>14}")
    lines.append(
        "~: not run (it would hold every row); the growth of the measured peaks, carried on"
    )
    return "\n".join(lines)


def _estimate(frames: dict[int, float], users: int) -> str:
    """A to_frame() peak (MB) for `users`, carried on from the two largest measured."""
    if len(frames) < 2:
        return "?"
    low, high = sorted(frames)[-2:]
    per_user = (frames[high] - frames[low]) / (high - low)
    return f"{frames[high] + per_user * (users - high):.0f}"


if __name__ == "__main__":
    main()

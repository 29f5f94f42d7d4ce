"""Export benchmarks: cold vs warm export, and peak memory of an export vs `to_frame()`.

Runs the sandbox in a process of its own (with `--latency-ms` per answer), then, each in
a fresh process so that its peak RSS is its own:

- a cold export of N users' bests (every page requested), then the same export again
  into a new folder from the warm response cache (no request): wall time, requests,
  peak RSS;
- `user_bests(ids).to_frame()` of the same users: peak RSS, for comparison.

Run: `python benchmarks/export_bench.py [--users 1000 5000 10000] [--latency-ms 100]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from osuframes.sandbox import run

_JOB = textwrap.dedent(
    """
    import json, resource, sys, time
    import osuframes as of
    what, out, users = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ids = list(range(2, 2 + users * 2))
    started = time.perf_counter()
    if what == "export":
        summary = of.export("user-bests", out, ids=ids[:users], progress=False, say=str)
        rows, requests = summary.rows, summary.requests
    else:
        frame = of.user_bests(ids[:users], mode="osu", progress=False).to_frame()
        rows, requests = len(frame), -1
    print(json.dumps({"rows": rows, "requests": requests,
                      "wall_s": time.perf_counter() - started,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def job(what: str, out: Path, users: int, env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _JOB, what, str(out), str(users)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(result.stderr)
    return dict(json.loads(result.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    with (
        run(rate_limit=10**6, latency_ms=args.latency_ms) as info,
        tempfile.TemporaryDirectory() as tmp,
    ):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "OSU_CLIENT_ID": str(info.client_id),
            "OSU_CLIENT_SECRET": info.client_secret,
            "OSUFRAMES_BASE_URL": info.base_url,
            "OSUFRAMES_RATE_LIMIT": "100000/60",
        }
        for users in args.users:
            env["OSUFRAMES_CACHE_DIR"] = str(Path(tmp) / f"cache{users}")
            cold = job("export", Path(tmp) / f"cold{users}", users, env)
            warm = job("export", Path(tmp) / f"warm{users}", users, env)
            frame = job("frame", Path(tmp) / "unused", users, env)
            print(
                f"{users:>6} users, {cold['rows']:,} rows: export cold {cold['wall_s']:.1f} s "
                f"({cold['requests']:,} requests, peak {cold['peak_mb']:.0f} MB), warm "
                f"{warm['wall_s']:.1f} s ({warm['requests']:,} requests, peak "
                f"{warm['peak_mb']:.0f} MB); to_frame() peak {frame['peak_mb']:.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()

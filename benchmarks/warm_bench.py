"""Warm re-run from the response cache: this tree against an older commit, in one run.

Fills a response cache with 300 users' best scores from the sandbox (`user_bests(ids)`:
up to 200 each, two pages of 100), then re-runs `user_bests(ids).to_frame()` from that
cache with this tree's osuframes and with the osuframes of `--against` (by default
623f132, the last commit before pages were kept as bytes: every body decoded into Python
objects), alternately, each run in a fresh process, and reports the best wall time of
each. The same child then measures what the fetched Query holds (tracemalloc) against
the bytes of its bodies.

Run: `python benchmarks/warm_bench.py [--users 300] [--repeat 5] [--against REV]`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import osuframes as of
from osuframes import SyncClient
from osuframes.sandbox import SandboxInfo, run

ROOT = Path(__file__).resolve().parents[1]
OLD_PATH = "623f132"

# One warm re-run in a fresh process: its wall time, then the memory a fetched Query holds.
_CHILD = """
import gc, json, sys, time, tracemalloc
import osuframes as of
from osuframes import SyncClient
base_url, client_id, secret, cache, ids = json.loads(sys.argv[1])
options = dict(base_url=base_url, client_id=client_id, client_secret=secret,
               cache_dir=cache, limiter=(100_000, 60))
with SyncClient(**options) as client:
    client.get_current_token()
    start = time.perf_counter()
    frame = of.user_bests(ids, mode="osu", client=client, progress=False).to_frame()
    seconds = time.perf_counter() - start
    del frame
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    query = of.user_bests(ids, mode="osu", client=client, progress=False).fetch()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    bodies = sum(len(page.body) for page in query.pages)
    rows = len(query)
print(json.dumps({"seconds": seconds, "held": held, "bodies": bodies, "rows": rows}))
"""


def old_tree(rev: str, folder: Path) -> Path:
    """The `osuframes` package of commit `rev`, unpacked into `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "osuframes"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def warm_run(tree: Path, sandbox: SandboxInfo, cache: str, ids: list[int]) -> dict[str, Any]:
    """One warm re-run by the osuframes in `tree`, in a process of its own."""
    argument = json.dumps([sandbox.base_url, sandbox.client_id, sandbox.client_secret, cache, ids])
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, argument],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5, help="warm runs of each tree")
    parser.add_argument("--against", default=OLD_PATH, help="the commit to compare with")
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as work,
        run(rate_limit=10**6) as sandbox,
    ):
        ids = sandbox.world.existing_user_ids(options.users, start=1)
        cache = str(Path(work) / "cache")
        with SyncClient(
            base_url=sandbox.base_url,
            client_id=sandbox.client_id,
            client_secret=sandbox.client_secret,
            cache_dir=cache,
            limiter=(100_000, 60),
        ) as client:
            cold = of.user_bests(ids, mode="osu", client=client, progress=False).to_frame()
        trees = {"this tree": ROOT, options.against: old_tree(options.against, Path(work) / "old")}
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
        for _ in range(options.repeat):
            for name, tree in trees.items():
                runs[name].append(warm_run(tree, sandbox, cache, ids))
    print(f"{len(ids)} users' bests, {len(cold):,} rows, from the response cache:")
    best = {}
    for name, results in runs.items():
        best[name] = min(r["seconds"] for r in results)
        held, bodies = results[-1]["held"], results[-1]["bodies"]
        assert results[-1]["rows"] == len(cold), (name, results[-1]["rows"], len(cold))
        print(
            f"{name:>12}: warm re-run {best[name]:.2f} s (best of {len(results)}); a fetched "
            f"Query holds {held / 1e6:.0f} MB for {bodies / 1e6:.0f} MB of bodies "
            f"({held / bodies:.2f}x)"
        )
    old = best[options.against]
    print(f"this tree is {old / best['this tree']:.2f}x faster than {options.against}")


if __name__ == "__main__":
    main()

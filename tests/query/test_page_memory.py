"""A fetched Query keeps its pages as the bytes that came, not decoded into Python objects.

Measured in a process of its own with tracemalloc (allocations, not timings), as the
ratio of what the fetched Query holds to the bytes of its bodies, so that it holds on
any machine and under any load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.query.conftest import Sandbox

_HELD = textwrap.dedent(
    """
    import gc, json, sys, tracemalloc
    import osuframes as of
    from osuframes import SyncClient

    def traced():
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    url, client_id, secret, ids = json.loads(sys.argv[1])
    client = SyncClient(base_url=url, client_id=client_id, client_secret=secret, cache=False,
                        limiter=(100_000, 60))
    client.get_current_token()
    tracemalloc.start()
    start = traced()
    query = of.user_bests(ids, mode="osu", client=client, progress=False).fetch()
    held = traced() - start
    print(json.dumps([held, sum(len(page.body) for page in query.pages), len(query)]))
    client.close()
    """
)


def test_a_fetched_query_holds_little_more_than_its_bodies(sb: Sandbox, tmp_path: Path):
    ids = sb.world.existing_user_ids(30, start=2000)
    info = sb.info
    argument = json.dumps([info.base_url, info.client_id, info.client_secret, ids])
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OSUFRAMES_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _HELD, argument],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    held, bodies, rows = json.loads(done.stdout.splitlines()[-1])
    assert rows > 3000 and bodies > 5_000_000, (rows, bodies)
    # Decoding every body into Python objects held about 3.9 times its bytes.
    assert held / bodies <= 1.5, (held, bodies)

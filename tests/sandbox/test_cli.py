"""`python -m osuframes.sandbox` serves real HTTP and prints where."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _ctrl_c_as_at_a_terminal() -> None:
    """Let the server see SIGINT even when the tests run in the background: a shell
    starts background jobs with SIGINT ignored, the child inherits that, and Python then
    never raises KeyboardInterrupt, so the server would never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_module_cli_serves_tokens_and_rankings() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    options = "--port 0 --seed 3 --rate-limit 100 --window-s 60 --latency-ms 0"
    options += " --fault-rate 0 --token-ttl 600"
    cmd = [sys.executable, "-m", "osuframes.sandbox", *options.split()]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("osuframes sandbox listening on http://127.0.0.1:"), line
        base_url = line.rsplit(" ", 1)[1].strip()
        credentials = proc.stdout.readline()
        assert "client_id=1" in credentials
        secret = credentials.split("client_secret=")[1].split()[0]
        data = {
            "client_id": 1,
            "client_secret": secret,
            "grant_type": "client_credentials",
            "scope": "public",
        }
        tok = httpx.post(base_url + "/oauth/token", data=data).json()
        assert tok["expires_in"] == 600
        headers = {"Authorization": f"Bearer {tok['access_token']}"}
        ranking = httpx.get(base_url + "/api/v2/rankings/osu/performance", headers=headers)
        assert ranking.status_code == 200 and len(ranking.json()["ranking"]) == 50
        assert ranking.headers["X-RateLimit-Limit"] == "100"
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)  # a loaded machine may take its time
    assert proc.returncode == 0, err

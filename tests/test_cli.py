"""The command line: the README's main job offline, and the sandbox answering curl-like calls."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyarrow.parquet as pq

from osuframes.cli import main


def env_without_credentials(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OSU_", "OSUFRAMES_"))}
    env["OSUFRAMES_CACHE_DIR"] = str(cache)
    return env


def test_top_plays_runs_offline_and_writes_parquet(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "osuframes", "top-plays", "--players", "5", "--out",
         str(tmp_path / "data")],
        capture_output=True, text=True, timeout=120, env=env_without_credentials(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "offline sandbox" in result.stdout
    ranking = pq.read_table(tmp_path / "data" / "rankings_osu_top5.parquet")
    plays = pq.read_table(tmp_path / "data" / "top_plays_osu_top5")
    assert ranking.num_rows == 5
    assert set(plays.column("user_id").to_pylist()) == set(ranking.column("user.id").to_pylist())
    assert str(tmp_path / "data" / "top_plays_osu_top5") in result.stdout


def test_top_plays_uses_the_api_when_credentials_are_set(tmp_path: Path):
    from osuframes.sandbox import run

    with run() as (base_url, client_id, client_secret):
        env = env_without_credentials(tmp_path)
        env |= {
            "OSU_CLIENT_ID": str(client_id),
            "OSU_CLIENT_SECRET": client_secret,
            "OSUFRAMES_BASE_URL": base_url,
            "OSUFRAMES_RATE_LIMIT": "1200/60",
        }
        result = subprocess.run(
            [sys.executable, "-m", "osuframes", "top-plays", "--players", "2", "--out",
             str(tmp_path / "data")],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Using the osu! API at {base_url} as client {client_id}" in result.stdout
    assert client_secret not in result.stdout + result.stderr


def test_python_m_osuframes_sandbox_answers_token_and_rankings(tmp_path: Path):
    with subprocess.Popen(
        [sys.executable, "-m", "osuframes", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE, text=True, env=env_without_credentials(tmp_path),
    ) as server:  # fmt: skip
        assert server.stdout is not None
        first = server.stdout.readline()
        base_url = first.split(" on ")[1].strip()
        printed = dict(part.split("=") for part in server.stdout.readline().split())
        credentials = {k: printed[k] for k in ("client_id", "client_secret")}
        token = httpx.post(
            f"{base_url}/oauth/token",
            data={"grant_type": "client_credentials", "scope": "public", **credentials},
        ).json()["access_token"]
        ranking = httpx.get(
            f"{base_url}/api/v2/rankings/osu/performance",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        assert len(ranking["ranking"]) == 50 and ranking["cursor"] == {"page": 2}
        server.terminate()


def test_help_lists_the_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("top-plays", "sandbox", "login", "logout"):
        assert command in out


def test_a_bad_argument_is_reported_not_raised(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("OSUFRAMES_CACHE_DIR", str(tmp_path))
    assert main(["top-plays", "--players", "0"]) == 2
    assert "--players: '0'" in capsys.readouterr().err

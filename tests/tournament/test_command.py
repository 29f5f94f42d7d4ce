"""`osuframes matchcost`: the table on sandbox matches, and bad input in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from osuframes.cli import main
from tests.test_cli import env_without_credentials

ONE_V_ONE = 110000203  # a head-to-head tournament match of the sandbox (seed 1)
TWO_V_TWO = 110000014  # a team-vs one


def test_matchcost_prints_the_table_offline(tmp_path: Path):
    csv = tmp_path / "out" / "costs.csv"
    result = subprocess.run(
        [sys.executable, "-m", "osuframes", "matchcost", str(TWO_V_TWO),
         f"https://osu.ppy.sh/mp/{ONE_V_ONE}", "--warmups", "1", "--csv", str(csv)],
        capture_output=True, text=True, timeout=120, env=env_without_credentials(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "using the offline sandbox" in result.stderr
    rows = pd.read_csv(csv)
    assert set(rows["match_id"]) == {TWO_V_TWO, ONE_V_ONE}
    out = result.stdout
    for match_id in (TWO_V_TWO, ONE_V_ONE):
        match = rows[rows["match_id"] == match_id].sort_values("rank")
        assert f"{match['match_name'].iloc[0]} (match {match_id})" in out
        # the players in order of cost, each with their cost to 3 decimals
        lines = [line for line in out.splitlines() if any(n in line for n in match["username"])]
        assert len(lines) >= len(match)
        shown = [line for line in lines if line.lstrip()[:1].isdigit()][: len(match)]
        for line, (_, row) in zip(shown, match.iterrows(), strict=True):
            assert row["username"] in line and f"{row['match_cost']:.3f}" in line
    assert "red 5 : 1 blue · 6 games counted" in out  # the team match less its warmup
    one = rows[rows["match_id"] == ONE_V_ONE].sort_values("rank")
    first, second = one["username"]
    assert f"{first} 5 : 1 {second} · 6 games counted" in out  # head-to-head, 2 players
    assert "#  team  player" in out and "perf  particip.   mods  tb bonus  games" in out
    assert "Across the matches" in out
    assert f"wrote {len(rows)} rows to {csv}" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["110000014", "https://osu.ppy.sh/beatmapsets/1"],
            "match_id='https://osu.ppy.sh/beatmapsets/1'",
        ),
        (["abc"], "match_id='abc': give a match id or a match URL like https://osu.ppy.sh/"),
        (["0"], "match_id='0': an id must be a positive integer"),
        (["110000014", "--warmups", "-1"], "warmups=-1: give a whole number of games"),
        (["110000014", "--warmups", "two"], "--warmups='two': give a whole number"),
        (["110000014", "--formula", "zscore"], "formula='zscore': use one of 'bathbot'"),
        (["110000014", "--ez-multiplier", "0"], "ez_multiplier=0.0: give a number above 0"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_without_a_request(argv, message, capsys, monkeypatch):
    def no_sandbox() -> None:
        raise AssertionError("nothing may be fetched for bad input")

    monkeypatch.setattr("osuframes.tournament.command._use_api_or_sandbox", no_sandbox)
    assert main(["matchcost", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("osuframes matchcost: ")
    assert message in captured.err

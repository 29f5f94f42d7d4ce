"""`osuframes matchcost`: match costs of one or more matches as a table in the terminal."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["add_arguments", "run"]

_PART_HEADINGS = {
    "performance": "perf",
    "participation_factor": "particip.",
    "mods_factor": "mods",
    "tiebreaker_bonus": "tb bonus",
    "mean_map_score": "map score",
    "lobby_bonus": "lobby",
}


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The command's arguments (numbers are checked by `match_costs`, in one line)."""
    parser.add_argument(
        "matches", nargs="+", metavar="MATCH", help="match ids or URLs (osu.ppy.sh/mp/…)"
    )
    parser.add_argument("--warmups", default="0", metavar="N", help="games to skip at the start")
    parser.add_argument("--skip-last", default="0", metavar="N", help="games to skip at the end")
    parser.add_argument("--formula", default="bathbot", help="bathbot (default) or otr")
    parser.add_argument(
        "--ez-multiplier", default="1.0", metavar="X", help="factor for EZ scores (default 1)"
    )
    parser.add_argument("--csv", metavar="FILE", help="also write the rows to this CSV file")
    return parser


def run(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    """Run `osuframes matchcost`; returns the exit status (2: bad input, 1: failure)."""
    from osuframes.errors import OsuframesError
    from osuframes.tournament.costs import MatchCostWarning, match_costs

    try:
        costs = match_costs(
            args.matches,
            formula=args.formula,
            warmups=_number(args.warmups, "--warmups", int),
            skip_last=_number(args.skip_last, "--skip-last", int),
            ez_multiplier=_number(args.ez_multiplier, "--ez-multiplier", float),
        )
    except ValueError as exc:
        return _fail(exc, 2)
    _use_api_or_sandbox()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MatchCostWarning)  # told below, one line each
            frame = costs.to_frame()
            results = costs.results()
    except OsuframesError as exc:
        return _fail(exc, 1)
    for note in costs.notes:
        print(f"osuframes matchcost: no rows for {note}", file=sys.stderr)
    for match in results.to_dict("records"):
        _print_match(match, frame[frame["match_id"] == match["match_id"]], out)
    if len(results) > 1:
        _print_summary(costs.summary(), out)
    if args.csv:
        print(f"wrote {len(frame)} rows to {_write_csv(frame, Path(args.csv))}", file=out)
    return 0


def _number(text: str, option: str, kind: type[int] | type[float]) -> Any:
    """`text` as an int or float, or a ValueError naming the option."""
    try:
        return kind(text)
    except ValueError:
        noun = "a whole number" if kind is int else "a number"
        raise ValueError(f"{option}={text!r}: give {noun}") from None


def _fail(error: Exception, status: int) -> int:
    print(f"osuframes matchcost: {error}", file=sys.stderr)
    return status


def _use_api_or_sandbox() -> None:
    """The osu! API with credentials, otherwise the offline sandbox (said on stderr)."""
    from osuframes.api import use_sandbox
    from osuframes.config import get_settings

    if not get_settings().has_credentials:
        sandbox = use_sandbox()
        print(
            "osuframes matchcost: no credentials set (OSU_CLIENT_ID, OSU_CLIENT_SECRET): "
            f"using the offline sandbox at {sandbox.base_url}",
            file=sys.stderr,
        )


def _print_match(match: dict[str, Any], rows: pd.DataFrame, out: TextIO) -> None:
    """One match: its name and result line, then its players by match cost."""
    parts = [name for name in _PART_HEADINGS if name in rows.columns]
    print(f"\n{match['match_name']} (match {match['match_id']})", file=out)
    print(f"{match['result']} · {match['games']} games counted", file=out)
    table = [["#", "team", "player", "cost", *(_PART_HEADINGS[p] for p in parts), "games"]]
    for row in rows.sort_values("rank", kind="stable").to_dict("records"):
        table.append(
            [
                str(row["rank"]),
                "" if row["team"] == "none" else str(row["team"]),
                str(row["username"] or row["user_id"]),
                f"{row['match_cost']:.3f}",
                *(f"{row[p]:.3f}" for p in parts),
                str(row["games"]),
            ]
        )
    _print_table(table, out)


def _print_summary(summary: pd.DataFrame, out: TextIO) -> None:
    print("\nAcross the matches", file=out)
    table = [["player", "matches", "games", "mean", "median", "wins", "best", "worst"]]
    for row in summary.to_dict("records"):
        table.append(
            [
                str(row["username"] or row["user_id"]),
                str(row["matches"]),
                str(row["games"]),
                f"{row['mean_cost']:.3f}",
                f"{row['median_cost']:.3f}",
                str(row["wins"]),
                f"{row['best_cost']:.3f}",
                f"{row['worst_cost']:.3f}",
            ]
        )
    _print_table(table, out)


def _print_table(table: list[list[str]], out: TextIO) -> None:
    """Text columns left-aligned, numbers right-aligned, two spaces apart."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    numeric = [all(_is_number(row[i]) for row in table[1:]) for i in range(len(widths))]
    for row in table:
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        print("  " + "  ".join(cells).rstrip(), file=out)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write `frame` as CSV atomically (a temporary file, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    frame.to_csv(partial, index=False)
    partial.replace(path)
    return path

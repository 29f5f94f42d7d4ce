"""`osuframes cache info` and `osuframes cache clear`: look at and prune the response cache."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter

from osuframes._argtypes import BAD_INPUT, OneLineParser
from osuframes.config import Settings, get_settings
from osuframes.errors import ConfigError
from osuframes.http.cache import ResponseCache
from osuframes.http.lifetimes import FAMILIES

__all__ = ["add_parser", "parse_age"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_AGE = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")
# Runs whose hit and miss counts `cache info` shows.
_RUNS_SHOWN = 5


def add_parser(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    """Add `cache info` and `cache clear` to the `osuframes` command's subcommands."""
    cache = commands.add_parser(
        "cache",
        help="show or clear the response cache",
        description="Show or clear the response cache (responses/ in the cache folder).",
    )
    cache.set_defaults(run=lambda _: _usage(cache))
    actions = cache.add_subparsers(dest="cache_command", metavar="ACTION")
    info = actions.add_parser(
        "info",
        help="where the cache is, its size and limit, entries, hits and misses of the last runs",
    )
    info.set_defaults(run=_info)
    clear = actions.add_parser(
        "clear",
        help="delete cached answers (all, or only old ones, or of one family)",
        description="Delete cached answers; with no option, all of them.",
    )
    clear.add_argument(
        "--older-than",
        metavar="AGE",
        help="only answers fetched longer ago than AGE, like 30m, 12h, 7d or 2w",
    )
    clear.add_argument(
        "--family",
        metavar="FAMILY",
        help=f"only answers of one family: {', '.join(sorted(FAMILIES))}",
    )
    clear.set_defaults(run=_clear)


def parse_age(text: str) -> float:
    """`7d` (or `30m`, `12h`, `2w`, `90s`) as seconds; a `ConfigError` otherwise."""
    match = _AGE.fullmatch(text.strip().lower())
    if match is None:
        raise ConfigError(
            f"--older-than {text!r} is not an age; give a number and a unit "
            "(s, m, h, d, w), like 7d or 12h"
        )
    return float(match.group(1)) * _UNITS[match.group(2)]


def _cache(settings: Settings) -> ResponseCache:
    return ResponseCache(settings.cache_dir / "responses", size_limit=settings.cache_size_limit)


def _info(_: argparse.Namespace) -> int:
    try:
        settings = get_settings()
        cache = _cache(settings)
    except ConfigError as exc:
        return _refuse("info", exc)
    held = cache.held()
    families = Counter(family for *_, family in held)
    size = sum(size for _, size, _, _ in held)
    print(f"location: {cache.path}")
    print(f"size:     {_bytes(size)} in {sum(families.values())} entries")
    print(f"limit:    {_limit(size, cache.size_limit, settings.offline)}")
    if families:
        listed = ", ".join(f"{name} {count}" for name, count in sorted(families.items()))
        print(f"families: {listed}")
    runs = cache.runs()[-_RUNS_SHOWN:]
    if not runs:
        print("runs:     none counted yet")
    for run in runs:
        print(
            f"run {run.get('started', '?')}: {run.get('hits', 0)} hits, "
            f"{run.get('misses', 0)} misses, {run.get('dropped', 0)} dropped"
        )
    return 0


def _clear(args: argparse.Namespace) -> int:
    try:
        older_than = None if args.older_than is None else parse_age(args.older_than)
        if args.family is not None and args.family not in FAMILIES:
            raise ConfigError(
                f"--family {args.family!r} is not a cache family; use one of "
                f"{', '.join(sorted(FAMILIES))}"
            )
        cache = _cache(get_settings())
    except ConfigError as exc:
        return _refuse("clear", exc)
    removed = cache.clear(older_than_s=older_than, family=args.family)
    which = " ".join(
        part
        for part in (
            f"of family {args.family}" if args.family else "",
            f"older than {args.older_than}" if args.older_than else "",
        )
        if part
    )
    print(f"removed {removed} cached answers{' ' + which if which else ''} from {cache.path}")
    return 0


def _refuse(action: str, exc: Exception) -> int:
    print(f"osuframes cache {action}: {exc}", file=sys.stderr)
    return BAD_INPUT


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _limit(size: int, limit: int | None, offline: bool) -> str:
    """The size limit and how much of it the cache fills, or how to set one."""
    if limit is None:
        return "none (set cache_size_limit or OSUFRAMES_CACHE_SIZE, like 2GB)"
    kept = "not applied offline" if offline else "past it the oldest answers are forgotten"
    return f"{_bytes(limit)}, {size / limit:.1%} full ({kept})"


def _bytes(size: int) -> str:
    amount, unit = float(size), "B"
    for bigger in ("KB", "MB", "GB"):
        if amount < 1024:
            break
        amount, unit = amount / 1024, bigger
    return f"{size} B" if unit == "B" else f"{amount:.1f} {unit}"

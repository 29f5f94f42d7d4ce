"""Command-line value types and a parser whose errors are one line.

Every command (`osuframes …`, `python -m osuframes.sandbox`) refuses bad input the same
way: one line on stderr naming the option, what was given and what is allowed, exit
status 2, no traceback.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import NoReturn

__all__ = ["OneLineParser", "count", "fail", "fraction", "non_negative", "port", "positive"]

BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """An `ArgumentParser` whose errors are one line (`--help` still shows the usage)."""

    def error(self, message: str) -> NoReturn:
        fail(self.prog, f"{message} (see --help)")


def fail(prog: str, message: str) -> NoReturn:
    """Print `prog: message` as one line on stderr and exit with status 2."""
    print(f"{prog}: {' '.join(message.split())}", file=sys.stderr)
    raise SystemExit(BAD_INPUT)


def port(text: str) -> int:
    """A TCP port, 0 to 65535 (0: any free port)."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give 0 to 65535 (0: any free)")
    return number


def count(text: str) -> int:
    """A whole number of at least 1 (requests, players)."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def _number(text: str, allowed: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give {allowed}")
    return number


def non_negative(text: str) -> float:
    """A finite number of at least 0 (a delay, a latency)."""
    number = _number(text, "a number of at least 0")
    if number < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative; give a number of at least 0")
    return number


def positive(text: str) -> float:
    """A finite number above 0 (a window, a lifetime, a timeout)."""
    number = _number(text, "a number above 0")
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not above 0; give a number above 0")
    return number


def fraction(text: str) -> float:
    """A fraction from 0 to 1 (a fault rate)."""
    number = _number(text, "a fraction from 0 to 1")
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not from 0 to 1; give a fraction")
    return number

"""A player's skill and profile pp as functions of their rank (no randomness).

Both fall strictly with the rank, so the ranking by profile pp is the rank order;
`plays.py` then makes every player's best scores add up to exactly that pp.
"""

from __future__ import annotations

import math

#: Mods of a play and their shares among plays (the mix a top-plays page shows).
MOD_MIX: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 33),
    (("HD",), 27),
    (("HD", "HR"), 10),
    (("HD", "DT"), 9),
    (("DT",), 6),
    (("HR",), 6),
    (("NF",), 2),
    (("HD", "DT", "HR"), 2),
    (("FL",), 1),
    (("NC",), 1),
    (("HD", "HR", "FL"), 1),
    (("EZ",), 1),
    (("HT",), 1),
)
#: How much a mod multiplies the star rating.
STAR_FACTOR = {"DT": 1.4, "NC": 1.4, "HR": 1.08, "FL": 1.05, "EZ": 0.75, "HT": 0.75}


def star_factor(mods: tuple[str, ...] | list[str]) -> float:
    """The factor the mods apply to a beatmap's star rating."""
    factor = 1.0
    for mod in mods:
        factor *= STAR_FACTOR.get(mod, 1.0)
    return factor


def skill(rank: int | float) -> float:
    """The modded star rating a player at this rank plays best at (8.8 at rank 1, ~2.2 last)."""
    return 2.0 + 5.2 * math.exp(-rank / 6000) + 1.6 * math.exp(-rank / 150)


PP_EXPONENT = 2.6


def pp_curve(stars: float) -> float:
    """pp of a 100% no-miss play at this modded star rating (before the player's form)."""
    return float(4.0 * stars**PP_EXPONENT)


def profile_pp(rank: int) -> float:
    """Total weighted pp of the player at a rank: strictly decreasing, about 17 top plays' worth."""
    return round(15.0 * pp_curve(skill(rank)) + 0.05 * (20_000 - rank), 3)


def expected_plays(rank: int) -> float:
    """Plays a player at this rank has made (about 650 at the top, 160 at the bottom)."""
    return 150 + 500 * math.exp(-rank / 5000)

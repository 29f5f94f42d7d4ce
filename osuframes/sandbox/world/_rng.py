"""Deterministic randomness and shared constants for the synthetic world.

Each entity draws from its own `random.Random` seeded by a stable hash of
(seed, kind, id), so any entity can be generated alone, in any order, and comes
out the same on every run and machine (Python's own `hash` is salted).
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

#: The world's "now": fixed so that generated dates never move between runs.
NOW = datetime(2026, 7, 1, 12, 0, 0, tzinfo=UTC)
MODES: tuple[str, ...] = ("osu", "taiko", "fruits", "mania")

COUNTRIES: tuple[tuple[str, str, int], ...] = (
    ("US", "United States", 18),
    ("JP", "Japan", 9),
    ("DE", "Germany", 7),
    ("RU", "Russian Federation", 7),
    ("PL", "Poland", 6),
    ("BR", "Brazil", 6),
    ("KR", "South Korea", 5),
    ("FR", "France", 5),
    ("CA", "Canada", 5),
    ("GB", "United Kingdom", 5),
    ("AU", "Australia", 4),
    ("CN", "China", 4),
    ("ID", "Indonesia", 3),
    ("PH", "Philippines", 3),
    ("CL", "Chile", 2),
    ("RO", "Romania", 2),
    ("SE", "Sweden", 2),
    ("FI", "Finland", 2),
    ("NZ", "New Zealand", 1),
    ("SH", "Saint Helena", 1),
)
COUNTRY_NAMES = {code: name for code, name, _ in COUNTRIES}

SYLLABLES = (
    "ka", "ri", "mo", "ne", "to", "shi", "ra", "yu", "ko", "mi", "sa", "no", "ze", "lu",
    "vi", "an", "el", "or", "ix", "um", "ba", "de", "fi", "go",
)  # fmt: skip
WORDS = (
    "star", "night", "blue", "echo", "neon", "pulse", "dream", "storm", "light", "rhythm",
    "circle", "spin", "moon", "fire", "drift", "frost", "sky", "wave", "cherry", "ghost",
)  # fmt: skip


def stable_int(*key: object) -> int:
    """A 64-bit integer from a stable hash of the key."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def rng(seed: int, kind: str, *ident: object) -> random.Random:
    """The private random stream of one entity."""
    return random.Random(stable_int(seed, kind, *ident))


def iso(moment: datetime) -> str:
    """`2026-07-01T12:00:00+00:00`, the format of most API timestamps."""
    return moment.replace(microsecond=0).isoformat()


def iso_z(moment: datetime) -> str:
    """`2026-07-01T12:00:00Z`, the format of score and beatmap timestamps."""
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_micro(moment: datetime) -> str:
    """`2026-07-01T12:00:00.000000Z`, Carbon's JSON form used inside cursors."""
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def days_ago(days: float) -> datetime:
    """NOW minus some days."""
    return NOW - timedelta(days=days)


def pick_country(r: random.Random) -> str:
    """A weighted country code."""
    codes = [c for c, _, _ in COUNTRIES]
    weights = [w for _, _, w in COUNTRIES]
    return r.choices(codes, weights)[0]


def name_from(r: random.Random, parts: int = 2) -> str:
    """A pronounceable name."""
    return "".join(r.choice(SYLLABLES) for _ in range(parts)).capitalize()

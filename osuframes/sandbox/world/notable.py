"""The ids and names the README and the docstrings use, placed into the generated world.

They live outside the generated id ranges (users 1..20000, sets 1..5000), so each
gets a compact index next to those ranges for the ids scores are encoded with.
"""

from __future__ import annotations

#: user id -> (username, country, {ruleset: rank}).
USERS: dict[int, tuple[str, str, dict[str, int]]] = {
    2: ("peppy", "AU", {"osu": 1200, "taiko": 300, "fruits": 400, "mania": 500}),
    7562902: ("Kazenomori", "AU", {"osu": 1, "taiko": 80, "fruits": 90, "mania": 120}),
    4787150: ("Velvetine", "US", {"osu": 2, "taiko": 50, "fruits": 60, "mania": 70}),
    7782553: ("Aoiro", "JP", {"osu": 30, "taiko": 200, "fruits": 250, "mania": 260}),
}
#: Compact indexes of notable users above the generated range.
USER_INDEX_BASE = 30_000

#: beatmapset id -> (artist, title, star rating of each difficulty).
SETS: dict[int, tuple[str, str, tuple[float, ...]]] = {
    290662: ("Camellia", "Ghost", (2.1, 3.0, 3.9, 4.6, 5.4, 6.2, 7.1)),
    239578: ("Camellia", "Exit This Earth's Atomosphere", (1.9, 2.7, 3.6, 4.4, 5.2, 5.9, 6.5, 7.4)),
    1107500: ("Camellia", "Quaoar", (2.4, 3.3, 4.5, 5.6, 6.8)),
}

#: (legacy score id, ruleset) -> (user id, position among their bests).
SCORES: dict[tuple[int, int], tuple[int, int]] = {(4220635589, 0): (7562902, 0)}

"""The record every score object of the world is rendered from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScoreCore:
    """Everything both score formats are rendered from."""

    id: int
    legacy_id: int | None
    user_id: int
    beatmap_id: int
    mode_int: int
    mods: tuple[str, ...]
    counts: tuple[int, int, int, int, int, int]  # 300, 100, 50, miss, geki, katu
    max_combo: int
    map_combo: int
    pp: float | None
    total_score: int
    legacy_score: int
    created: datetime
    passed: bool
    has_replay: bool
    kind: str

    @property
    def accuracy(self) -> float:
        """Accuracy in 0..1 from the hit counts."""
        n300, n100, n50, miss, _, _ = self.counts
        total = n300 + n100 + n50 + miss
        return (300 * n300 + 100 * n100 + 50 * n50) / (300 * total) if total else 0.0

    @property
    def rank(self) -> str:
        """Grade letter (silver with HD/FL)."""
        if not self.passed:
            return "F"
        acc, miss = self.accuracy, self.counts[3]
        silver = "HD" in self.mods or "FL" in self.mods
        if acc == 1.0:
            return "XH" if silver else "X"
        if acc > 0.93 and miss == 0:
            return "SH" if silver else "S"
        return "A" if acc > 0.9 else "B" if acc > 0.8 else "C" if acc > 0.7 else "D"

"""Scores in both formats the API serves, and the beatmap leaderboard wrappers.

Which format comes back depends on the ``x-api-version`` request header
(osu-api-v2-spec.md §6): below 20220705 the legacy ``Score`` (``mode``, ``mode_int``,
``mods`` as acronyms, ``statistics.count_300`` …, ``score``, ``created_at``); from it
on the lazer ``LazerScore`` (``ruleset_id``, ``mods`` as objects with settings,
``statistics.great`` …, ``total_score``, ``ended_at``). ``AnyScore`` reads either.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Discriminator, Field, Tag

from .base import OsuModel
from .beatmap import Beatmap, Beatmapset
from .common import CursorPage, Gamemode, ScoreRank, UTCDateTime
from .mods import LegacyMods, Mods
from .user import User

__all__ = [
    "AnyScore",
    "BeatmapScores",
    "BeatmapUserScore",
    "BeatmapUserScores",
    "LazerScore",
    "LazerScoreStatistics",
    "Score",
    "ScoreCurrentUserAttributes",
    "ScoreMatchInfo",
    "ScorePin",
    "ScoreStatistics",
    "ScoreWeight",
    "ScoresResponse",
]


class ScoreStatistics(OsuModel):
    """Hit counts of a legacy-format score; ``geki``/``katu`` are ``None`` where unused."""

    count_50: int | None = None
    """Hits judged 50 (osu!), or small droplets caught (catch)."""
    count_100: int | None = None
    """Hits judged 100 (osu!), good (taiko), or droplets (catch)."""
    count_300: int | None = None
    """Hits judged 300 (osu!), great (taiko), or fruits (catch)."""
    count_geki: int | None = None
    """Geki (rainbow 300 in mania); null where the ruleset has none."""
    count_katu: int | None = None
    """Katu (200 in mania); null where the ruleset has none."""
    count_miss: int | None = None
    """Misses."""


class LazerScoreStatistics(OsuModel):
    """Hit results of a lazer-format score (``statistics`` or ``maximum_statistics``).

    The server leaves out every result whose count is zero, so an absent key is a
    count of 0 (not "unknown") and each field defaults to 0.
    """

    miss: int = 0
    """Misses."""
    meh: int = 0
    """Hits judged 50 (osu!, mania)."""
    ok: int = 0
    """Hits judged 100 (osu!, mania) or ok (taiko), large droplets (catch)."""
    good: int = 0
    """Hits judged 200 (mania)."""
    great: int = 0
    """Hits judged 300 (osu!, mania) or great (taiko), fruits caught (catch)."""
    perfect: int = 0
    """Hits judged perfect (mania's rainbow 300)."""
    small_tick_miss: int = 0
    """Small ticks missed (catch droplets)."""
    small_tick_hit: int = 0
    """Small ticks hit (catch droplets, osu! slider ends in classic mode)."""
    large_tick_miss: int = 0
    """Large ticks missed (slider ticks, catch large droplets)."""
    large_tick_hit: int = 0
    """Large ticks hit (slider ticks and repeats, taiko drum rolls)."""
    small_bonus: int = 0
    """Small bonus hits (spinner spins, taiko swell ticks)."""
    large_bonus: int = 0
    """Large bonus hits (spinner bonus spins, taiko strong hits)."""
    ignore_miss: int = 0
    """Misses that break nothing (slider tails missed in lazer)."""
    ignore_hit: int = 0
    """Hits that count for nothing but combo (slider tails hit in lazer)."""
    combo_break: int = 0
    """Combo breaks that are not misses (mania hold notes released early)."""
    slider_tail_hit: int = 0
    """Slider tails hit (osu!, lazer scoring)."""
    legacy_combo_increase: int = 0
    """Combo an osu!stable score counted that lazer does not."""


class ScoreWeight(OsuModel):
    """How much a best score counts towards the user's total pp."""

    percentage: float
    """The weight in percent (100, 95, 90.25, …) of the score in the total."""
    pp: float
    """The pp the score adds to the total after weighting."""


class ScorePin(OsuModel):
    """Whether the token's owner pinned this score."""

    is_pinned: bool | None = None
    """Whether the token's owner pinned the score on their profile."""
    score_id: int | None = None
    """The id of the pinned score."""
    score_type: str | None = None
    """The kind of the pinned score (`solo_score`, …)."""


class ScoreCurrentUserAttributes(OsuModel):
    """What the token's owner did with this score."""

    pin: ScorePin | None = None
    """Whether the token's owner pinned the score."""


class ScoreMatchInfo(OsuModel):
    """Slot, team and pass flag of a score set in a legacy multiplayer match."""

    slot: int | None = None
    """The player's slot in the multiplayer room (0-15)."""
    team: str | None = None
    """The player's team: `none`, `red` or `blue`."""
    pass_: bool | None = Field(default=None, validation_alias="pass", serialization_alias="pass")
    """Whether the player passed the map in that game."""


class Score(OsuModel):
    """A score in the legacy format (no ``x-api-version`` header).

    ``id`` is ``None`` for scores inside legacy multiplayer games; ``pp`` is ``None``
    for unranked or not yet processed scores; ``weight`` only on best scores.
    """

    osu_ruleset_key: ClassVar[str | None] = "mode"

    id: int | None = None
    """The score's id; null for scores inside legacy multiplayer games."""
    user_id: int
    """The player's user id."""
    accuracy: float
    """Accuracy as a fraction (0.9876 is 98.76%)."""
    best_id: int | None = None
    """The id of the player's best score on this beatmap with these mods, if this is it."""
    created_at: UTCDateTime | None = None
    """When the score was set (UTC)."""
    max_combo: int | None = None
    """The longest combo of the play."""
    mode: Gamemode
    """The ruleset the score was set in (osu, taiko, fruits, mania)."""
    mode_int: int | None = None
    """The ruleset as a number (0 osu, 1 taiko, 2 fruits, 3 mania)."""
    mods: LegacyMods = Field(default_factory=Mods)
    """The mods of the play, as acronyms (`HD`, `DT`)."""
    passed: bool | None = None
    """Whether the play passed (did not fail or quit)."""
    perfect: bool | None = None
    """Whether the play has the beatmap's full combo."""
    pp: float | None = None
    """Performance points; null for unranked or not yet processed scores."""
    rank: ScoreRank | None = None
    """The grade (XH, X, SH, S, A, B, C, D, F)."""
    replay: bool | None = None
    """Whether the replay can be downloaded."""
    score: int | None = None
    """The score in the legacy (ScoreV1) scoring."""
    statistics: ScoreStatistics | None = None
    """Hit counts of the play."""
    type: str | None = None
    """The kind of score object (`score_best_osu`, `solo_score`, …)."""
    current_user_attributes: ScoreCurrentUserAttributes | None = None
    """What the token's owner did with the score (pins)."""
    rank_global: int | None = None
    """The score's rank on the beatmap's global leaderboard."""
    replay_views: int | None = None
    """How many times the replay was watched."""
    weight: ScoreWeight | None = None
    """How much the score counts towards the player's total pp (best scores)."""
    match: ScoreMatchInfo | None = None
    """Slot, team and pass of a score in a legacy multiplayer game."""
    beatmap: Beatmap | None = None
    """The beatmap (difficulty) the score was set on."""
    beatmapset: Beatmapset | None = None
    """The beatmapset of the beatmap."""
    user: User | None = None
    """The player."""


class LazerScore(OsuModel):
    """A score in the lazer ("solo score") format (``x-api-version`` ≥ 20220705).

    ``total_score`` is standardised scoring; ``legacy_total_score`` and
    ``legacy_score_id`` are set for scores imported from osu!stable.
    """

    osu_ruleset_key: ClassVar[str | None] = "ruleset_id"

    id: int
    """The score's id."""
    user_id: int
    """The player's user id."""
    accuracy: float
    """Accuracy as a fraction (0.9876 is 98.76%)."""
    beatmap_id: int | None = None
    """The id of the beatmap (difficulty) the score was set on."""
    best_id: int | None = None
    """The id of the player's best score on this beatmap, if this is it."""
    build_id: int | None = None
    """The osu!(lazer) build it was set with; null for osu!stable scores."""
    classic_total_score: int | None = None
    """The total in classic scoring (standardised, scaled like ScoreV1)."""
    ended_at: UTCDateTime | None = None
    """When the play ended (UTC)."""
    has_replay: bool | None = None
    """Whether a replay of the play is stored."""
    is_perfect_combo: bool | None = None
    """Whether the play has the beatmap's maximum combo."""
    legacy_perfect: bool | None = None
    """osu!stable's full-combo flag; null for scores set in lazer."""
    legacy_score_id: int | None = None
    """The score's id in osu!stable; null for scores set in lazer."""
    legacy_total_score: int | None = None
    """The score in osu!stable's scoring (ScoreV1); 0 for lazer scores."""
    max_combo: int | None = None
    """The longest combo of the play."""
    maximum_statistics: LazerScoreStatistics | None = None
    """The hit results a perfect play would have."""
    mods: Mods = Field(default_factory=Mods)
    """The mods of the play, as acronyms (their settings stay in `to_list()`)."""
    passed: bool | None = None
    """Whether the play passed (did not fail or quit)."""
    pp: float | None = None
    """Performance points; null for unranked or not yet processed scores."""
    preserve: bool | None = None
    """Whether the score is kept for good (a best, pinned or playlist score)."""
    processed: bool | None = None
    """Whether the server finished processing it (pp, ranks, medals)."""
    rank: ScoreRank | None = None
    """The grade (XH, X, SH, S, A, B, C, D, F)."""
    ranked: bool | None = None
    """Whether the score counts for pp and rankings."""
    replay: bool | None = None
    """Whether the replay can be downloaded."""
    ruleset_id: int
    """The ruleset as a number (0 osu, 1 taiko, 2 fruits, 3 mania)."""
    started_at: UTCDateTime | None = None
    """When the play started (UTC); null for osu!stable scores."""
    statistics: LazerScoreStatistics | None = None
    """Hit results of the play (zero counts are left out by the server)."""
    total_score: int | None = None
    """The total in standardised scoring (up to 1,000,000 without mods)."""
    total_score_without_mods: int | None = None
    """The standardised total before the mods' multiplier."""
    type: str | None = None
    """The kind of score object (`solo_score`, `multiplayer_score`, …)."""
    current_user_attributes: ScoreCurrentUserAttributes | None = None
    """What the token's owner did with the score (pins)."""
    rank_global: int | None = None
    """The score's rank on the beatmap's global leaderboard."""
    replay_views: int | None = None
    """How many times the replay was watched."""
    weight: ScoreWeight | None = None
    """How much the score counts towards the player's total pp (best scores)."""
    match: ScoreMatchInfo | None = None
    """Slot, team and pass of a score in a legacy multiplayer game."""
    beatmap: Beatmap | None = None
    """The beatmap (difficulty) the score was set on."""
    beatmapset: Beatmapset | None = None
    """The beatmapset of the beatmap."""
    user: User | None = None
    """The player."""

    @property
    def mode(self) -> Gamemode:
        """The ruleset of ``ruleset_id`` as a ``Gamemode``."""
        return Gamemode.from_id(self.ruleset_id)


def _score_format(data: Any) -> str:
    if isinstance(data, LazerScore):
        return "lazer"
    if isinstance(data, Score):
        return "legacy"
    if isinstance(data, dict) and ("ruleset_id" in data or "total_score" in data):
        return "lazer"
    return "legacy"


AnyScore = Annotated[
    Annotated[Score, Tag("legacy")] | Annotated[LazerScore, Tag("lazer")],
    Discriminator(_score_format),
]
"""A score in either format: lazer when it has ``ruleset_id`` / ``total_score``."""


class BeatmapUserScore(OsuModel):
    """A user's best score on a beatmap and its leaderboard ``position``."""

    position: int | None = None
    """The score's place on the beatmap's leaderboard."""
    score: AnyScore
    """The user's best score on the beatmap."""


class BeatmapScores(OsuModel):
    """``GET beatmaps/{beatmap}/scores``: the leaderboard and the token owner's score."""

    scores: list[AnyScore]
    score_count: int | None = None
    user_score: BeatmapUserScore | None = None


class BeatmapUserScores(OsuModel):
    """``GET beatmaps/{beatmap}/scores/users/{user}/all``: every score of one user."""

    scores: list[AnyScore]


class ScoresResponse(CursorPage):
    """``GET scores``: recently submitted lazer scores, oldest first."""

    scores: list[LazerScore]

"""Rankings (performance, score, country, charts, team), kudosu rankings, spotlights."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from .base import OsuModel
from .beatmap import Beatmapset
from .common import CursorPage, UTCDateTime
from .user import Country, Team, User, UserStatistics

__all__ = [
    "AnyRankingEntry",
    "CountryStatistics",
    "KudosuRanking",
    "Rankings",
    "Spotlight",
    "Spotlights",
    "TeamStatistics",
]


class CountryStatistics(OsuModel):
    """A row of the country ranking; ``performance`` is the country's total pp."""

    code: str
    active_users: int | None = None
    play_count: int | None = None
    ranked_score: int | None = None
    performance: float | None = None
    country: Country | None = None


class TeamStatistics(OsuModel):
    """A row of the team ranking."""

    team_id: int
    ruleset_id: int | None = None
    play_count: int | None = None
    ranked_score: int | None = None
    performance: float | None = None
    member_count: int | None = None
    team: Team | None = None


def _ranking_kind(data: Any) -> str:
    if isinstance(data, CountryStatistics | TeamStatistics | UserStatistics):
        return type(data).__name__
    if isinstance(data, dict):
        if "team_id" in data:
            return "TeamStatistics"
        if "code" in data and "active_users" in data:
            return "CountryStatistics"
    return "UserStatistics"


AnyRankingEntry = Annotated[
    Annotated[UserStatistics, Tag("UserStatistics")]
    | Annotated[CountryStatistics, Tag("CountryStatistics")]
    | Annotated[TeamStatistics, Tag("TeamStatistics")],
    Discriminator(_ranking_kind),
]
"""One ranking row: user statistics (with ``user``), a country, or a team."""


class Spotlight(OsuModel):
    """A spotlight (monthly charts, "best of" …) and its dates."""

    id: int
    name: str | None = None
    type: str | None = None
    mode_specific: bool | None = None
    start_date: UTCDateTime | None = None
    end_date: UTCDateTime | None = None
    participant_count: int | None = None


class Rankings(CursorPage):
    """``GET rankings/{mode}/{type}``: 50 rows per page; ``cursor`` is ``{page}``.

    ``beatmapsets`` and ``spotlight`` are only sent for ``charts`` rankings.
    """

    ranking: list[AnyRankingEntry]
    total: int | None = None
    beatmapsets: list[Beatmapset] | None = None
    spotlight: Spotlight | None = None


class KudosuRanking(OsuModel):
    """``GET rankings/kudosu``: users with their ``kudosu`` totals, 50 per page."""

    ranking: list[User]


class Spotlights(OsuModel):
    """``GET spotlights``: every spotlight."""

    spotlights: list[Spotlight]

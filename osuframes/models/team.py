"""A team's page: `GET teams/{team}/{ruleset?}` (TeamExtendedTransformer)."""

from __future__ import annotations

from .common import UTCDateTime
from .ranking import TeamStatistics
from .user import Team, User

__all__ = ["TeamExtended"]


class TeamExtended(Team):
    """A team with its leader, members and statistics in one ruleset.

    ``statistics`` are the team's totals in the ruleset asked for (the team's default
    ruleset without one); ``members`` leave out the leader.
    """

    cover_url: str | None = None
    created_at: UTCDateTime | None = None
    default_ruleset_id: int | None = None
    description: str | None = None
    is_open: bool | None = None
    empty_slots: int | None = None
    leader: User | None = None
    members: list[User] = []
    statistics: TeamStatistics | None = None

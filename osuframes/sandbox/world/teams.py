"""Teams: the users' `team_id`s grouped, with statistics per ruleset (rankings/team, teams/{id})."""

from __future__ import annotations

import threading
from typing import Any

from ._rng import MODES
from .users import Users, team_json


class Teams:
    """Who is in which team, and each team's totals in a ruleset (built on first use)."""

    def __init__(self, seed: int, users: Users) -> None:
        self.seed = seed
        self.users = users
        self._members: dict[int, list[int]] | None = None
        self._rankings: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def members(self, team_id: int) -> list[int]:
        """The visible members of a team, ascending ids (empty: no such team)."""
        with self._lock:
            if self._members is None:
                grouped: dict[int, list[int]] = {}
                for user_id in self.users.visible_ids():
                    team = self.users.core(user_id).team_id
                    if team is not None:
                        grouped.setdefault(team, []).append(user_id)
                self._members = grouped
            return self._members.get(team_id, [])

    def team_ids(self) -> list[int]:
        """Every team with members, ascending."""
        self.members(0)
        assert self._members is not None
        return sorted(self._members)

    def by_short_name(self, short_name: str) -> int | None:
        """The team whose short name is `short_name` (`teams/@T12`)."""
        digits = short_name[1:] if short_name[:1].upper() == "T" else ""
        return int(digits) if digits.isdigit() and self.members(int(digits)) else None

    def team(self, team_id: int) -> dict[str, Any]:
        """The team object."""
        return team_json(self.seed, team_id)

    def leader(self, team_id: int) -> int:
        """The team's leader: its first member."""
        return self.members(team_id)[0]

    def default_ruleset(self, team_id: int) -> str:
        """The ruleset a team page shows without one (osu! for most, every fifth taiko)."""
        return MODES[1] if team_id % 5 == 0 else MODES[0]

    def page(self, team_id: int, mode: str) -> dict[str, Any]:
        """`TeamExtendedTransformer`: the team with leader, members and statistics."""
        leader, members = self.leader(team_id), self.members(team_id)
        return {
            **self.team(team_id),
            "cover_url": f"https://assets.ppy.sh/teams/header/{team_id}/header.jpg",
            "created_at": "2025-01-28T08:00:00+00:00",
            "default_ruleset_id": MODES.index(self.default_ruleset(team_id)),
            "description": f"Team {team_id} plays together.",
            "is_open": team_id % 3 == 0,
            "empty_slots": max(0, 40 - len(members)),
            "leader": self.users.compact(leader, "country", "cover", "groups", "team"),
            "members": [
                self.users.compact(u, "country", "cover", "groups", "team")
                for u in members
                if u != leader
            ],
            "statistics": self.statistics(team_id, mode),
        }

    def statistics(self, team_id: int, mode: str) -> dict[str, Any]:
        """`TeamStatisticsTransformer`: the members' totals in one ruleset."""
        stats = [self.users.statistics(u, mode) for u in self.members(team_id)]
        return {
            "team_id": team_id,
            "ruleset_id": MODES.index(mode),
            "play_count": sum(s["play_count"] for s in stats),
            "ranked_score": sum(s["ranked_score"] for s in stats),
            "performance": round(sum(s["pp"] for s in stats), 3),
        }

    def ranking(self, mode: str) -> list[dict[str, Any]]:
        """`rankings/{mode}/team` rows: teams with ranked score, best performance first."""
        cached = self._rankings.get(mode)
        if cached is not None:
            return cached
        rows = []
        for team_id in self.team_ids():
            row = self.statistics(team_id, mode)
            if row["ranked_score"] > 0:
                row["member_count"] = len(self.members(team_id))
                row["team"] = self.team(team_id)
                rows.append(row)
        rows.sort(key=lambda row: (-row["performance"], row["team_id"]))
        self._rankings[mode] = rows
        return rows

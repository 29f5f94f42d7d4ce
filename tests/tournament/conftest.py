"""Small hand-made matches served by a mock API, a client for them, and the sandbox."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from osuframes import SyncClient
from tests.conftest import MockAPI, mock_sync_client
from tests.query.conftest import sandbox, sb  # noqa: F401  (the sandbox fixtures, shared)

NAMES = {1: "Alpha", 2: "Bravo", 3: "Charlie", 4: "Delta", 5: "Echo", 6: "Foxtrot", 7: "Golf"}
NAMES |= {8: "Hotel"}

# (user id, score, team, mods); team "none" in head-to-head.
Played = tuple[int, int, str, Sequence[str]]


def play(user: int, value: int, team: str = "none", mods: Sequence[str] = ()) -> Played:
    return (user, value, team, mods)


def game(*scores: Played, mods: Sequence[str] = (), ended: bool = True) -> dict[str, Any]:
    """A game of a legacy match (team-vs when any score has a team)."""
    teams = any(team != "none" for _, _, team, _ in scores)
    return {
        "id": 0,
        "start_time": "2026-01-01T10:00:00Z",
        "end_time": "2026-01-01T10:03:00Z" if ended else None,
        "mode": "osu",
        "mode_int": 0,
        "scoring_type": "scorev2",
        "team_type": "team-vs" if teams else "head-to-head",
        "mods": list(mods),
        "scores": [
            {
                "user_id": user,
                "score": value,
                "accuracy": 0.98,
                "mode": "osu",
                "mods": list(own),
                "match": {"slot": slot, "team": team, "pass": True},
            }
            for slot, (user, value, team, own) in enumerate(scores)
        ],
    }


def match_body(match_id: int, games: Sequence[dict[str, Any]], finished: bool) -> dict[str, Any]:
    """`GET matches/{id}` of a match with these games, one event each, in one page."""
    events = [{"id": 1, "detail": {"type": "match-created"}, "user_id": 1}]
    users: set[int] = set()
    for number, played in enumerate(games, 2):
        played = {**played, "id": match_id * 100 + number, "match_id": match_id}
        events.append({"id": number, "detail": {"type": "other"}, "game": played})
        users |= {score["user_id"] for score in played["scores"]}
    return {
        "match": {
            "id": match_id,
            "name": f"TEST: match {match_id}",
            "start_time": "2026-01-01T09:55:00+00:00",
            "end_time": "2026-01-01T11:00:00+00:00" if finished else None,
        },
        "events": events,
        "users": [{"id": user, "username": NAMES[user]} for user in sorted(users)],
        "first_event_id": 1,
        "latest_event_id": events[-1]["id"],
        "current_game_id": None,
    }


class Matches:
    """Serves hand-made matches; `client` talks to them."""

    def __init__(self, api: MockAPI, client: SyncClient) -> None:
        self.api = api
        self.client = client

    def add(self, match_id: int, *games: dict[str, Any], finished: bool = True) -> int:
        self.api.json_route(
            "GET", f"/api/v2/matches/{match_id}", match_body(match_id, games, finished)
        )
        return match_id

    def requests(self) -> int:
        return len(self.api.api_requests())


@pytest.fixture
def matches(api: MockAPI) -> Iterator[Matches]:
    with mock_sync_client(api) as client:
        yield Matches(api, client)

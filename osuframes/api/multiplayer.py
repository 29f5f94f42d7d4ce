"""Notebook functions about multiplayer: legacy matches (tournaments) and lazer rooms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from osuframes.api._build import ClientLike, Ids, collection, fan_out, single
from osuframes.client import Client
from osuframes.endpoints import _args as args
from osuframes.models import MatchScore, MultiplayerMatchResponse, MultiplayerScore, Room
from osuframes.query import ErrorPolicy, Query

__all__ = [
    "match",
    "match_events",
    "match_scores",
    "multiplayer_matches",
    "multiplayer_rooms",
    "multiplayer_score",
    "multiplayer_scores",
    "multiplayer_user_score",
    "room",
    "room_events",
]


def multiplayer_matches(
    *,
    active: bool | None = None,
    sort: str | None = None,
    progress: bool | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Legacy (osu!stable) multiplayer matches, newest first.

    >>> of.multiplayer_matches(active=False).head(100)

    Cursor pagination, 50 a page (use `head()` or `limit()`: there are millions).
    """
    return collection(Client.get_multiplayer_matches, locals(), name="multiplayer_matches")


def parse_match_ids(match_ids: Ids) -> list[int]:
    """One match id or many, as ints: ids, strings of digits or match URLs.

    >>> parse_match_ids(["https://osu.ppy.sh/community/matches/105019274", 105019275])
    [105019274, 105019275]

    Raises ValueError naming the first value that is none of these, before any request.
    """
    given = [match_ids] if isinstance(match_ids, int | str) else match_ids
    if not isinstance(given, Iterable):
        raise args.ArgumentError("match_ids", match_ids, "give a match id, URL or list of them")
    return [args.match_id(value) for value in given]


def match_events(
    match_ids: Ids,
    *,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Every event of one or more legacy matches (joins, host changes, games), oldest first.

    >>> of.match_events(105019274).to_frame()

    Event-window pagination: 101 events a request, from the first to `latest_event_id`.
    Matches are ids or URLs (`https://osu.ppy.sh/community/matches/105019274`).
    """
    ids = parse_match_ids(match_ids)
    return fan_out(Client.get_multiplayer_match, "match_id", ids, locals(), name="match_events")


def match_scores(
    match_ids: Ids,
    *,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """One row per player per game of one or more legacy matches: tournament results.

    >>> df = of.match_scores(105019274).to_frame()
    >>> df.groupby(["game.id", "match.team"])["score"].sum()

    Each row is a score (`user_id`, `score`, `accuracy`, `mods` (free mods),
    `match.team`, `match.slot`, `match.pass`, …) with its match and event ids, its game
    (`game.id`, `game.mods` (forced mods), `game.team_type`, `game.scoring_type`,
    times) and the game's `beatmap.*` and `beatmapset.*`. Same requests (and ids or
    URLs) as `match_events`.
    """
    ids = parse_match_ids(match_ids)
    return fan_out(
        Client.get_multiplayer_match, "match_id", ids, locals(), name="match_scores",
        rows=_game_scores, row_model=MatchScore,
    )  # fmt: skip


def _game_scores(match_id: Any, events: list[Any]) -> list[dict[str, Any]]:
    """The rows of `match_scores` in one page of match events."""
    rows = []
    for event in events:
        game = event.get("game")
        if not game:
            continue
        beatmap = game.get("beatmap")  # null when the beatmap was deleted
        info = {k: v for k, v in game.items() if k not in ("scores", "beatmap")}
        for score in game.get("scores") or []:
            rows.append(
                {
                    **score,
                    "match_id": match_id,
                    "event_id": event["id"],
                    "game": info,
                    "beatmap": beatmap,
                    "beatmapset": beatmap.get("beatmapset") if beatmap else None,
                }
            )
    return rows


def multiplayer_rooms(
    *,
    mode: str | None = None,
    category: str | None = None,
    type: str | None = None,
    sort: str | None = None,
    season_id: int | None = None,
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Lazer multiplayer and playlist rooms (active ones by default).

    >>> of.multiplayer_rooms(mode="ended").to_frame()

    250 rooms a request; the next page is asked with `cursor[...]` = the last room's
    sort values, until a page comes back short.
    """
    return collection(
        Client.get_multiplayer_rooms, locals(), name="multiplayer_rooms", pinned={"limit": 250}
    )


def room_events(
    room_ids: Ids,
    *,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Every event of one or more realtime rooms (joins, games, host changes), oldest first.

    >>> of.room_events(5).to_frame()

    101 events a request, paged with `after` until the room's `last_event_id`.
    """
    return fan_out(
        Client.get_room_events, "room_id", room_ids, locals(), name="room_events",
        pinned={"limit": 101},
    )  # fmt: skip


def multiplayer_scores(
    room_id: int,
    playlist_ids: Ids,
    *,
    sort: str | None = None,
    progress: bool | None = None,
    errors: ErrorPolicy = "collect",
    fresh: bool = False,
    client: ClientLike = None,
) -> Query:
    """Scores on one or more playlist items of a room, best first (lazer format).

    >>> of.multiplayer_scores(1, 10).to_frame()

    Cursor pagination, 50 a page.
    """
    return fan_out(
        Client.get_multiplayer_scores, "playlist_id", playlist_ids, locals(),
        name="multiplayer_scores", lead=(room_id,),
    )  # fmt: skip


def match(
    match_id: int, *, fresh: bool = False, client: ClientLike = None
) -> MultiplayerMatchResponse:
    """A legacy match with its latest 100 events (fetched now); see `match_events`.

    >>> of.match(105019274).match.name
    """
    result: MultiplayerMatchResponse = single(
        Client.get_multiplayer_match, match_id, client=client, fresh=fresh
    )
    return result


def room(room_id: int | str, *, fresh: bool = False, client: ClientLike = None) -> Room:
    """A lazer room with its playlist (fetched now); `"latest"` for the latest featured one.

    >>> of.room("latest").name
    """
    result: Room = single(Client.get_multiplayer_room, room_id, client=client, fresh=fresh)
    return result


def multiplayer_score(
    room_id: int, playlist_id: int, score_id: int, *, client: ClientLike = None
) -> MultiplayerScore:
    """One playlist score, by id (osu!lazer's tokens only: scope `*`)."""
    result: MultiplayerScore = single(
        Client.get_multiplayer_score, room_id, playlist_id, score_id, client=client
    )
    return result


def multiplayer_user_score(
    room_id: int, playlist_id: int, user_id: int, *, client: ClientLike = None
) -> MultiplayerScore:
    """A user's best score on a playlist item (osu!lazer's tokens only: scope `*`)."""
    result: MultiplayerScore = single(
        Client.get_multiplayer_user_score, room_id, playlist_id, user_id, client=client
    )
    return result

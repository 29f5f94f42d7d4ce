"""Multiplayer: legacy (osu!stable) matches with their events, games and scores, and
lazer rooms with playlist items, leaderboards and playlist scores."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from .base import OsuModel
from .beatmap import Beatmap, Beatmapset
from .common import CursorPage, Gamemode, UTCDateTime
from .mods import LegacyMods, Mods
from .score import AnyScore, LazerScore, Score
from .user import User

__all__ = [
    "MatchGameInfo",
    "MatchScore",
    "MultiplayerMatch",
    "MultiplayerMatchEvent",
    "MultiplayerMatchEventDetail",
    "MultiplayerMatchGame",
    "MultiplayerMatchResponse",
    "MultiplayerMatchesResponse",
    "MultiplayerScore",
    "MultiplayerScoresResponse",
    "PlaylistItem",
    "PlaylistItemAttempts",
    "Room",
    "RoomDifficultyRange",
    "RoomLeaderboard",
    "RoomPlaylistItemStats",
    "RoomUserScore",
    "RoomsResponse",
]


class MultiplayerMatch(OsuModel):
    """A legacy multiplayer match; ``end_time`` is ``None`` while it is open."""

    id: int
    """The match id."""
    name: str | None = None
    """The match's name (`OWC: (KR) vs (JP)`)."""
    start_time: UTCDateTime | None = None
    """When the match was opened (UTC)."""
    end_time: UTCDateTime | None = None
    """When the match was closed (UTC); null while it is open."""


class MultiplayerMatchEventDetail(OsuModel):
    """What happened: ``type`` (``match-created``, ``player-joined``, ``other`` …) and
    ``text`` (the match name, for ``other`` events that carry a game)."""

    type: str
    """What happened (`match-created`, `player-joined`, `other` for a game, …)."""
    text: str | None = None
    """The match's name at that time, on events that carry a game."""


class MultiplayerMatchGame(OsuModel):
    """One map played in a legacy match, with every player's score.

    ``mods`` are the mods forced on everyone (free mods are on each score).
    """

    id: int
    """The game id."""
    beatmap_id: int | None = None
    """The id of the beatmap played."""
    match_id: int | None = None
    """The id of the match it was played in."""
    start_time: UTCDateTime | None = None
    """When the game started (UTC)."""
    end_time: UTCDateTime | None = None
    """When the game ended (UTC); null while it is played or if aborted."""
    mode: Gamemode | None = None
    """The ruleset played."""
    mode_int: int | None = None
    """The ruleset as a number (0 osu, 1 taiko, 2 fruits, 3 mania)."""
    mods: LegacyMods = Field(default_factory=Mods)
    """The mods forced on every player (free mods are on each score)."""
    scoring_type: str | None = None
    """How the winner is decided (`score`, `accuracy`, `combo`, `scorev2`)."""
    team_type: str | None = None
    """How players are grouped (`head-to-head`, `team-vs`, …)."""
    scores: list[AnyScore] | None = None
    """Every player's score in the game."""
    beatmap: Beatmap | None = None
    """The beatmap played (compact)."""


class MatchGameInfo(OsuModel):
    """The game a match score belongs to: `MultiplayerMatchGame` without its scores."""

    id: int
    """The game id."""
    beatmap_id: int | None = None
    """The beatmap played."""
    start_time: UTCDateTime | None = None
    """When the game started."""
    end_time: UTCDateTime | None = None
    """When the game ended."""
    mode: Gamemode | None = None
    """The ruleset played."""
    scoring_type: str | None = None
    """How the winner is found (score, accuracy, combo, scorev2)."""
    team_type: str | None = None
    """head-to-head, tag-coop, team-vs or tag-team-vs."""
    mods: LegacyMods = Field(default_factory=Mods)
    """Mods forced on every player in the game."""


class MatchScore(Score):
    """One player's score in one game of a legacy match (a row of `match_scores`).

    The score's own fields (`user_id`, `score`, `accuracy`, `mods` (free mods),
    `match.slot`, `match.team`, `match.pass`, …) with the match, the event, the game
    (its forced `mods`, `team_type`, `scoring_type`, times) and the game's beatmap.
    """

    match_id: int
    """The legacy match id."""
    event_id: int
    """The id of the match event that holds the game."""
    game: MatchGameInfo
    """The game (map played) the score belongs to."""


class MultiplayerMatchEvent(OsuModel):
    """An event in a legacy match; events with a ``game`` are the maps played."""

    id: int
    """The event id (ascending in time)."""
    detail: MultiplayerMatchEventDetail | None = None
    """What happened."""
    timestamp: UTCDateTime | None = None
    """When it happened (UTC)."""
    user_id: int | None = None
    """The user it is about (who joined, left, became host …), if any."""
    game: MultiplayerMatchGame | None = None
    """The game played, on events that carry one."""


class MultiplayerMatchResponse(OsuModel):
    """``GET matches/{match}``: up to 100 events; page with ``before``/``after`` event ids
    until ``latest_event_id`` (osu-api-v2-spec.md §2.2)."""

    osu_repr_fields: ClassVar[tuple[str, ...]] = ("match.id", "match.name")

    match: MultiplayerMatch
    events: list[MultiplayerMatchEvent]
    users: list[User] | None = None
    first_event_id: int | None = None
    latest_event_id: int | None = None
    current_game_id: int | None = None


class MultiplayerMatchesResponse(CursorPage):
    """``GET matches``: legacy matches, newest first; ``params`` echoes the request."""

    matches: list[MultiplayerMatch]
    params: dict[str, Any] | None = None


class PlaylistItem(OsuModel):
    """A map in a room's playlist, with the mods required or allowed on it."""

    id: int
    """The playlist item's id."""
    room_id: int | None = None
    """The room it belongs to."""
    beatmap_id: int | None = None
    """The beatmap to play."""
    ruleset_id: int | None = None
    """The ruleset to play it in."""
    owner_id: int | None = None
    """Who added it."""
    allowed_mods: Mods = Field(default_factory=Mods)
    """Mods players may choose."""
    required_mods: Mods = Field(default_factory=Mods)
    """Mods everyone plays with."""
    created_at: UTCDateTime | None = None
    """When it was created (UTC)."""
    played_at: UTCDateTime | None = None
    """When it was played (UTC); null until then."""
    playlist_order: int | None = None
    """Its place in a host-rotation queue."""
    expired: bool | None = None
    """Whether it can no longer be played."""
    freestyle: bool | None = None
    """Whether players may pick their own beatmap and ruleset."""
    beatmap: Beatmap | None = None
    """The beatmap to play (compact)."""


class RoomDifficultyRange(OsuModel):
    """Lowest and highest star rating in a room's playlist."""

    min: float | None = None
    """The lowest star rating in the playlist."""
    max: float | None = None
    """The highest star rating in the playlist."""


class RoomPlaylistItemStats(OsuModel):
    """How many playlist items a room has, how many are unplayed, and their rulesets."""

    count_active: int | None = None
    """Playlist items still to play."""
    count_total: int | None = None
    """Playlist items in all."""
    ruleset_ids: list[int] | None = None
    """The rulesets of the playlist."""


class PlaylistItemAttempts(OsuModel):
    """How many times a user attempted one playlist item (``id``)."""

    id: int
    attempts: int | None = None


class RoomUserScore(OsuModel):
    """A user's aggregate over a room: a leaderboard row or ``current_user_score``."""

    user_id: int
    room_id: int | None = None
    accuracy: float | None = None
    attempts: int | None = None
    completed: int | None = None
    pp: float | None = None
    total_score: int | None = None
    position: int | None = None
    playlist_item_attempts: list[PlaylistItemAttempts] | None = None
    user: User | None = None


class Room(OsuModel):
    """A lazer multiplayer or playlists room (``type``: ``playlists``, ``head_to_head`` …)."""

    id: int
    """The room's id."""
    name: str | None = None
    """The room's name."""
    category: str | None = None
    """`normal`, `spotlight`, `featured_artist` or `daily_challenge`."""
    type: str | None = None
    """`playlists`, `head_to_head` or `team_versus`."""
    status: str | None = None
    """`idle` or `playing`."""
    queue_mode: str | None = None
    """Who picks the next item (`host_only`, …)."""
    active: bool | None = None
    """Whether the room is open."""
    auto_skip: bool | None = None
    """Whether the intro is skipped for everyone."""
    has_password: bool | None = None
    """Whether joining needs a password."""
    pinned: bool | None = None
    """Whether the site pins the room."""
    description: str | None = None
    """The room's description, if any."""
    channel_id: int | None = None
    """The room's chat channel."""
    user_id: int | None = None
    """The host's user id."""
    max_attempts: int | None = None
    """Attempts allowed per playlist item, if limited."""
    max_participants: int | None = None
    """Players allowed, if limited."""
    participant_count: int | None = None
    """How many players took part."""
    starts_at: UTCDateTime | None = None
    """When it opened (UTC)."""
    ends_at: UTCDateTime | None = None
    """When it closes (UTC); null for real-time rooms."""
    host: User | None = None
    """The host."""
    recent_participants: list[User] | None = None
    """Some of the latest players."""
    playlist: list[PlaylistItem] | None = None
    current_playlist_item: PlaylistItem | None = None
    """The item being played, or next."""
    playlist_item_stats: RoomPlaylistItemStats | None = None
    """How many items the playlist has."""
    difficulty_range: RoomDifficultyRange | None = None
    """The star ratings of the playlist."""
    current_user_score: RoomUserScore | None = None


class RoomsResponse(CursorPage):
    """``GET rooms`` with ``x-api-version`` ≥ 99999999 (the bare array is ``list[Room]``)."""

    rooms: list[Room]


class RoomLeaderboard(OsuModel):
    """``GET rooms/{room}/leaderboard``: aggregate scores and the token owner's row."""

    leaderboard: list[RoomUserScore]
    user_score: RoomUserScore | None = None


class RoomEvent(OsuModel):
    """One event of a realtime room (`RealtimeRoomEventTransformer`)."""

    id: int
    """The event's id (ascending in time)."""
    event_type: str
    """What happened (`room_created`, `player_joined`, `game_started`, …)."""
    created_at: UTCDateTime | None = None
    """When it happened (UTC)."""
    playlist_item_id: int | None = None
    """The playlist item it is about, if any."""
    user_id: int | None = None
    """The user it is about, if any."""


class RoomEventsResponse(OsuModel):
    """``GET rooms/{room}/events``: a window of a realtime room's events, oldest first."""

    events: list[RoomEvent]
    first_event_id: int | None = None
    last_event_id: int | None = None
    current_playlist_item_id: int | None = None
    playlist_items: list[PlaylistItem] = []
    users: list[User] = []
    beatmaps: list[Beatmap] = []
    beatmapsets: list[Beatmapset] = []
    room: Room | None = None


class MultiplayerScore(LazerScore):
    """A score set on a playlist item (always lazer format)."""

    playlist_item_id: int | None = None
    """The id of the playlist item the score was set on."""
    room_id: int | None = None
    """The id of the room (playlist) the score was set in."""
    solo_score_id: int | None = None
    """The id of the same play as a solo score."""
    position: int | None = None
    """The score's place on the playlist item's leaderboard."""


class MultiplayerScoresResponse(CursorPage):
    """``GET rooms/{room}/playlist/{playlist}/scores``; the cursor is
    ``{total_score, score_id}`` and ``params`` echoes the request."""

    scores: list[MultiplayerScore]
    params: dict[str, Any] | None = None
    total: int | None = None
    user_score: MultiplayerScore | None = None

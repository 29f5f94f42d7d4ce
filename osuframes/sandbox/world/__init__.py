"""The sandbox's synthetic osu! world, and the ground truth tests assert against.

Everything is derived from one integer seed: the same seed gives the same users,
beatmaps, scores and feeds on every run. Entities are generated on demand, so a
fresh World costs nothing until a request needs something.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from ..pagination import Params
from ._rng import MODES
from .activity import Activity
from .beatmaps import Beatmaps
from .chat import Chat
from .comments import Comments
from .community import Community
from .discussions import Discussions
from .forum import Forum
from .multiplayer import Multiplayer
from .plays import Plays
from .rankings import Rankings
from .rooms import ROOM_COUNT, TYPE_GROUPS
from .scores import Scores
from .search import PACK_TYPES, STATUS_FILTERS, Search
from .search_filters import filters_from
from .teams import Teams
from .users import Users

__all__ = ["MODES", "World"]

#: Mods of type DifficultyReduction in osu-web's database/mods.json, any ruleset.
DIFFICULTY_REDUCTION = frozenset({"DC", "EZ", "HT", "NF", "NR", "SR"})
#: Caps the API puts on offset-paginated user lists (spec §2.2).
_REACHABLE = {"best": 200, "recent": 100}


class World:
    """The generated world plus plain-Python ground truth (no HTTP)."""

    def __init__(self, seed: int = 1, *, test_user_id: int = 2) -> None:
        self.seed = seed
        self.test_user_id = test_user_id
        self.users = Users(seed)
        self.beatmaps = Beatmaps(seed, self.users)
        self.plays = Plays(seed, self.users, self.beatmaps)
        self.users.best_summary = self._best_summary
        self.scores = Scores(seed, self.users, self.beatmaps, self.plays)
        self.rankings = Rankings(seed, self.users, self.beatmaps)
        self.multiplayer = Multiplayer(seed, self.users, self.beatmaps, self.scores)
        self.discussions = Discussions(seed, self.users, self.beatmaps)
        self.activity = Activity(seed, self.users, self.beatmaps)
        self.community = Community(seed, self.users)
        self.comments = Comments(seed, self.users)
        self.search = Search(seed, self.beatmaps, self.scores)
        self.forum = Forum(seed, self.users)
        self.teams = Teams(seed, self.users)
        self._chat: Chat | None = None
        self._chat_lock = threading.Lock()

    @property
    def chat(self) -> Chat:
        """Chat state (created on first use: it needs the rank order)."""
        with self._chat_lock:
            if self._chat is None:
                self._chat = Chat(self.seed, self.users, self.test_user_id)
            return self._chat

    def _best_summary(self, user_id: int, mode: str) -> tuple[float, list[int], dict[str, int]]:
        """The profile facts that come from a user's plays: accuracy, rank history, grades."""
        mode_int = MODES.index(mode)
        plays = self.plays.play_set(user_id, mode_int)
        if plays is None:
            return 0.0, [], {}
        history = self.plays.rank_history(user_id, mode_int)
        return plays.weighted_accuracy(), history, plays.grade_counts()

    # -- users ----------------------------------------------------------------------
    def user_exists(self, user_id: int) -> bool:
        """Whether `GET users/{id}` answers 200."""
        return self.users.exists(user_id)

    def missing_user_ids(self, n: int = 10) -> list[int]:
        """Ids inside 1..20000 that never existed (404)."""
        return self.users.ids_with_status("gap", n)

    def restricted_user_ids(self, n: int = 10) -> list[int]:
        """Ids of restricted users (404 like missing ones)."""
        return self.users.ids_with_status("restricted", n)

    def existing_user_ids(self, n: int = 10, start: int = 1) -> list[int]:
        """The first n visible user ids from `start`."""
        return [u for u in self.users.visible_ids() if u >= start][:n]

    def username(self, user_id: int) -> str:
        """A user's name."""
        return self.users.core(user_id).username

    def user_score_count(
        self,
        user_id: int,
        type: str,
        mode: str = "osu",
        *,
        include_fails: bool = False,
        reachable: bool = True,
    ) -> int:
        """Rows `users/{id}/scores/{type}` yields in total (after the API's caps when reachable)."""
        n = self.scores.count(user_id, type, MODES.index(mode), include_fails)
        return min(n, _REACHABLE[type]) if reachable and type in _REACHABLE else n

    def user_beatmapset_count(self, user_id: int, type: str) -> int:
        """Rows of `users/{id}/beatmapsets/{type}`."""
        return len(self.activity.user_set_ids(user_id, type))

    def recent_activity_count(self, user_id: int, *, reachable: bool = True) -> int:
        """Rows of `users/{id}/recent_activity` (offset + limit is capped at 100)."""
        n = self.activity.recent_activity_count(user_id)
        return min(n, 100) if reachable else n

    def kudosu_history_count(self, user_id: int, *, reachable: bool = True) -> int:
        """Rows of `users/{id}/kudosu` (offset + limit is capped at 100)."""
        n = self.activity.kudosu_count(user_id)
        return min(n, 100) if reachable else n

    def search_user_total(self, query: str) -> int:
        """`total` of `search?mode=user&query=…`."""
        q = query.lower()
        return sum(1 for u in self.users.visible_ids() if q in self.users.core(u).username.lower())

    # -- rankings ------------------------------------------------------------------------
    def ranking_total(
        self, mode: str, type: str = "performance", country: str | None = None
    ) -> int:
        """`total` of `rankings/{mode}/{type}` (at most 10000)."""
        return self.rankings.total(mode, type, country)

    def ranking_user_ids(
        self,
        mode: str,
        type: str = "performance",
        country: str | None = None,
        *,
        variant: str | None = None,
        friends_of: int | None = None,
    ) -> list[int]:
        """User ids in ranking order, as far as the API lets you page."""
        order = self.rankings.order(mode, type, country, variant=variant, friends_of=friends_of)
        return order[: self.rankings.MAX_RESULTS]

    def ranking_team_ids(self, mode: str) -> list[int]:
        """Team ids of `rankings/{mode}/team`, best first."""
        return [row["team_id"] for row in self.teams.ranking(mode)]

    def kudosu_ranking_total(self) -> int:
        """Rows reachable in `rankings/kudosu` (at most 1000)."""
        return len(self.rankings.kudosu_order())

    def spotlight_ids(self) -> list[int]:
        """Every spotlight id."""
        return [s["id"] for s in self.rankings.spotlights()]

    # -- beatmaps --------------------------------------------------------------------
    def beatmapset_search_total(
        self, query: str = "", mode: int | None = None, status: str = "leaderboard"
    ) -> int:
        """`total` of `beatmapsets/search` with q, m, s."""
        return len(self.beatmapset_search_ids({"q": query, "m": mode, "s": status}))

    def beatmapset_search_ids(
        self, params: dict[str, Any], *, user_id: int | None = None
    ) -> list[int]:
        """Ids of the sets `beatmapsets/search` finds for these parameters (any order)."""
        sent = Params({k: str(v) for k, v in params.items() if v is not None})
        found = self.search.matches(filters_from(sent, user_id, tuple(STATUS_FILTERS)))
        return [core.id for core in found]

    def passed_beatmap_ids(
        self,
        user_id: int,
        beatmapset_ids: list[int],
        *,
        ruleset_id: int | None = None,
        is_legacy: bool | None = None,
        no_diff_reduction: bool = True,
    ) -> list[int]:
        """Beatmaps of these sets `user_id` passed (`users/{u}/beatmaps-passed`).

        As osu-web's BeatmapsPassedSearch: the user's plays (`Scores.user_plays`) in the
        ruleset or any, stable ones (a legacy id) only or none with `is_legacy`, and with
        `no_diff_reduction` (the default) none with a difficulty reduction mod nor
        without pp. The world's plays are never on converts (`exclude_converts` keeps
        all). Ordered as the terms aggregation: most scores first, then by id.
        """
        sets = {s for s in beatmapset_ids if self.beatmaps.set_exists(s)}
        counts: Counter[int] = Counter()
        for mode in range(4) if ruleset_id is None else (ruleset_id,):
            for score in self.scores.user_plays(user_id, mode):
                if score.beatmap_id // 10 not in sets:
                    continue
                if is_legacy is not None and (score.legacy_id is not None) != is_legacy:
                    continue
                reduced = not DIFFICULTY_REDUCTION.isdisjoint(score.mods)
                if no_diff_reduction and (reduced or (is_legacy is not True and score.pp is None)):
                    continue
                counts[score.beatmap_id] += 1
        return sorted(counts, key=lambda beatmap: (-counts[beatmap], beatmap))

    def beatmap_pack_count(self, type: str = "standard") -> int:
        """Packs of a type."""
        return PACK_TYPES[type][1]

    def beatmap_score_count(self, beatmap_id: int, mode: str = "osu") -> int:
        """`score_count` of a beatmap leaderboard."""
        return self.scores.board_count(beatmap_id, MODES.index(mode))

    def ranked_beatmap_ids(self, mode: str = "osu") -> list[int]:
        """Beatmaps with a leaderboard in a ruleset."""
        return self.beatmaps.ranked_beatmaps(MODES.index(mode))

    # -- multiplayer -------------------------------------------------------------------
    def match_ids(self) -> list[int]:
        """Every match id, ascending."""
        return self.multiplayer.match_ids()

    def matches_total(self, active: bool | None = None) -> int:
        """Matches listed by `GET matches` (optionally only active or ended)."""
        out = 0
        for mid in self.match_ids():
            m = self.multiplayer.match(mid)
            if m is not None and (active is None or active == (not m.ended)):
                out += 1
        return out

    def match_event_ids(self, match_id: int) -> list[int]:
        """Event ids of a match, ascending."""
        m = self.multiplayer.match(match_id)
        return self.multiplayer.event_ids(m) if m else []

    def match_event_count(self, match_id: int) -> int:
        """Events in a match."""
        return len(self.match_event_ids(match_id))

    def room_ids(self, active: bool | None = None, type_group: str | None = None) -> list[int]:
        """Room ids, optionally only active (or ended) ones of one type group."""
        mp = self.multiplayer
        return [
            r
            for r in range(1, ROOM_COUNT + 1)
            if (active is None or mp.room_is_active(r) == active)
            and (type_group is None or mp.room_type(r) in TYPE_GROUPS[type_group])
        ]

    def listed_room_ids(self, **search: Any) -> list[int]:
        """Room ids of `GET rooms` with these parameters, in listing order (every page)."""
        mp = self.multiplayer
        sort = search.pop("sort", None) or ("ended" if search.get("mode") == "ended" else "")
        return [r for _, r in mp.sorted_rooms(mp.search_rooms(**search), sort)]

    def playlist_item_ids(self, room_id: int) -> list[int]:
        """Playlist item ids of a room."""
        return [i.id for i in self.multiplayer.items(room_id)]

    def playlist_score_count(self, room_id: int, playlist_id: int) -> int:
        """`total` of a playlist item's scores."""
        item = self.multiplayer.item(room_id, playlist_id)
        return item.score_count if item else 0

    def room_leaderboard_count(self, room_id: int) -> int:
        """Rows of a room leaderboard."""
        return len(self.multiplayer.participants(room_id))

    # -- feeds ------------------------------------------------------------------------
    def events_total(self) -> int:
        """Events in `GET events`."""
        return len(self.activity.event_ids())

    def score_feed_ids(self, ruleset: str | None = None) -> list[int]:
        """Ids of `GET scores`, oldest first."""
        return self.scores.feed_ids(None if ruleset is None else MODES.index(ruleset))

    def news_total(self, year: int | None = None) -> int:
        """News posts (optionally of one year)."""
        return len(self.community.news_ids(year))

    def comments_total(self, **filters: Any) -> int:
        """Comments matching commentable_type, commentable_id, parent_id, user_id."""
        return len(self.comments.find(**filters))

    def changelog_build_count(self, stream: str | None = None) -> int:
        """Builds in the changelog (optionally one stream)."""
        builds = self.community.builds()
        return len(builds) if stream is None else len(self.community.stream_builds(stream))

    def featured_track_count(self) -> int:
        """Featured artist tracks."""
        from .community import TRACK_COUNT

        return TRACK_COUNT

    # -- discussions ------------------------------------------------------------------
    def discussions_total(self, **filters: Any) -> int:
        """Discussions matching the `beatmapsets/discussions` filters."""
        return len(self.discussions.find_discussions(**filters))

    def discussion_posts_total(self, **filters: Any) -> int:
        """Posts matching the `beatmapsets/discussions/posts` filters."""
        return len(self.discussions.find_posts(**filters))

    def discussion_votes_total(self, **filters: Any) -> int:
        """Votes matching the `beatmapsets/discussions/votes` filters."""
        return len(self.discussions.find_votes(**filters))

    def beatmapset_events_total(self, **filters: Any) -> int:
        """Events matching the `beatmapsets/events` filters."""
        return len(self.discussions.find_set_events(**filters))

    # -- forum and chat ------------------------------------------------------------------
    def forum_topic_post_count(self, topic_id: int) -> int:
        """Posts in a topic."""
        topic = self.forum.topic(topic_id)
        return len(topic.post_ids) if topic else 0

    def channel_message_count(self, channel_id: int) -> int:
        """Messages in a chat channel."""
        ch = self.chat.channels.get(channel_id)
        return len(ch.messages) if ch else 0

    def visible_message_ids(self, channel_id: int, user_id: int) -> list[int]:
        """The ids of a channel's messages the server would show `user_id`, ascending."""
        ch = self.chat.channels[channel_id]
        return [m["message_id"] for m in self.chat.visible(ch.messages, ch, user_id)]

"""Beatmap discussions, their posts and votes, and beatmapset events (modding history)."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import notable
from ._rng import NOW, iso, rng
from .beatmaps import Beatmaps
from .users import Users

DISCUSSION_COUNT = 600
VOTE_COUNT = 800
SET_EVENT_COUNT = 700
DISCUSSION_BASE = 5_600_000
POST_BASE = 14_800_000
VOTE_BASE = 3_440_000
SET_EVENT_BASE = 7_700_000
BEATMAPSET_STATUSES = ("ranked", "qualified", "disqualified", "never_qualified")
MESSAGE_TYPES = ("suggestion", "problem", "mapper_note", "praise", "hype", "review")
EVENT_TYPES = (
    "issue_resolve", "issue_reopen", "kudosu_gain", "kudosu_lost", "nominate", "qualify", "rank",
    "disqualify", "genre_edit", "language_edit", "nsfw_toggle", "beatmap_owner_change", "love",
)  # fmt: skip
_WITH_DISCUSSION = frozenset(
    {"issue_resolve", "issue_reopen", "kudosu_gain", "kudosu_lost", "disqualify"}
)


@dataclass(frozen=True)
class Discussion:
    """A discussion thread on a beatmapset."""

    id: int
    beatmapset_id: int
    beatmap_id: int | None
    user_id: int
    message_type: str
    resolved: bool
    created: datetime
    first_post: int
    post_count: int


@dataclass(frozen=True)
class Post:
    """A post inside a discussion."""

    id: int
    discussion_id: int
    user_id: int
    created: datetime
    system: bool
    first: bool


@dataclass(frozen=True)
class Vote:
    """A vote on a discussion."""

    id: int
    discussion_id: int
    user_id: int
    score: int
    created: datetime


@dataclass(frozen=True)
class SetEvent:
    """A beatmapset event."""

    id: int
    type: str
    beatmapset_id: int
    user_id: int
    discussion_id: int | None
    created: datetime


class Discussions:
    """All discussion data, built once on first use (a few thousand small records)."""

    def __init__(self, seed: int, users: Users, beatmaps: Beatmaps) -> None:
        self.seed = seed
        self.users = users
        self.beatmaps = beatmaps
        self._built = False
        self.discussions: list[Discussion] = []
        self.posts: list[Post] = []
        self.votes: list[Vote] = []
        self.set_events: list[SetEvent] = []
        self.by_id: dict[int, Discussion] = {}
        self._lock = threading.Lock()

    def _user(self, r: random.Random) -> int:
        order = self.users.order("osu")
        return order[r.randint(0, min(5000, len(order)) - 1)]

    def build(self) -> None:
        """Generate everything (idempotent and thread-safe)."""
        with self._lock:
            if not self._built:
                self._build()

    def _build(self) -> None:
        r = rng(self.seed, "discussions")
        sets = [
            c.id for c in self.beatmaps.all_cores() if c.status in ("pending", "wip", "qualified")
        ][:150]
        post_id = POST_BASE
        for i in range(DISCUSSION_COUNT):
            set_id = r.choice(sets)
            diffs = len(self.beatmaps.core(set_id).modes)
            n_posts = r.randint(1, 5)
            created = NOW - timedelta(hours=(DISCUSSION_COUNT - i) * 5 + r.uniform(0, 4))
            on_beatmap = r.random() < 0.8
            diff = r.randrange(diffs) if on_beatmap else 0
            user = self._user(r)
            if i % 40 == 0:  # the README's sets have discussions too
                set_id = list(notable.SETS)[i // 40 % len(notable.SETS)]
                diff %= len(self.beatmaps.core(set_id).modes)
            disc = Discussion(
                id=DISCUSSION_BASE + i,
                beatmapset_id=set_id,
                beatmap_id=set_id * 10 + diff if on_beatmap else None,
                user_id=user,
                message_type=r.choice(MESSAGE_TYPES),
                resolved=r.random() < 0.5,
                created=created,
                first_post=post_id,
                post_count=n_posts,
            )
            self.discussions.append(disc)
            for j in range(n_posts):
                system = j > 0 and r.random() < 0.15
                replier = 2 if i % 50 == 7 else self.beatmaps.core(set_id).creator_id  # peppy too
                author = disc.user_id if j == 0 else replier
                when = created + timedelta(minutes=j * 30)
                self.posts.append(Post(post_id, disc.id, author, when, system, j == 0))
                post_id += 1
        self.by_id = {d.id: d for d in self.discussions}
        for i in range(VOTE_COUNT):
            disc = r.choice(self.discussions)
            when = disc.created + timedelta(hours=r.uniform(0, 48))
            self.votes.append(
                Vote(VOTE_BASE + i, disc.id, self._user(r), r.choice((1, 1, 1, -1)), when)
            )
        for i in range(SET_EVENT_COUNT):
            # The newest event is an issue_resolve, like the recorded feed's head.
            kind = "issue_resolve" if i == SET_EVENT_COUNT - 1 else r.choice(EVENT_TYPES)
            picked = r.choice(self.discussions) if kind in _WITH_DISCUSSION else None
            set_id = picked.beatmapset_id if picked else r.choice(sets)
            when = NOW - timedelta(hours=(SET_EVENT_COUNT - i) * 3)
            disc_id = picked.id if picked else None
            self.set_events.append(
                SetEvent(SET_EVENT_BASE + i, kind, set_id, self._user(r), disc_id, when)
            )
        self._built = True

    def set_state(self, beatmapset_id: int) -> str | None:
        """The `beatmapset_status` a set matches (`Beatmapset` scopes in osu-web).

        Disqualified is pending with a past queue; the sandbox says every fourth pending
        set was disqualified once.
        """
        status = self.beatmaps.core(beatmapset_id).status
        if status in ("ranked", "qualified"):
            return status
        if status == "pending" and beatmapset_id % 4 == 0:
            return "disqualified"
        return "never_qualified" if status in ("pending", "wip") else None

    # -- filters (ground truth and routes share them) -----------------------------------
    def find_discussions(
        self,
        *,
        beatmap_id: int | None = None,
        beatmapset_id: int | None = None,
        user: int | None = None,
        message_types: list[str] | None = None,
        only_unresolved: bool = False,
        beatmapset_status: str | None = None,
        sort: str = "id_desc",
    ) -> list[Discussion]:
        """Discussions matching the filters of `GET beatmapsets/discussions`.

        `beatmapset_status` other than the four the server knows is dropped, as osu-web
        drops it: the answer is then unfiltered.
        """
        self.build()
        if beatmapset_status not in BEATMAPSET_STATUSES:
            beatmapset_status = None
        out = [
            d
            for d in self.discussions
            if (beatmapset_status is None or self.set_state(d.beatmapset_id) == beatmapset_status)
            and (beatmap_id is None or d.beatmap_id == beatmap_id)
            and (beatmapset_id is None or d.beatmapset_id == beatmapset_id)
            and (user is None or d.user_id == user)
            and (not message_types or d.message_type in message_types)
            and (
                not only_unresolved
                or (not d.resolved and d.message_type in ("suggestion", "problem"))
            )
        ]
        return out if sort == "id_asc" else out[::-1]

    def find_posts(
        self,
        *,
        discussion_id: int | None = None,
        user: int | None = None,
        types: list[str] | None = None,
        sort: str = "id_desc",
    ) -> list[Post]:
        """Posts matching the filters of `GET beatmapsets/discussions/posts`."""
        self.build()
        kinds = set(types or ("reply",))  # the server's default (BeatmapDiscussionPost)

        def kind(p: Post) -> str:
            return "system" if p.system else "first" if p.first else "reply"

        out = [
            p
            for p in self.posts
            if (discussion_id is None or p.discussion_id == discussion_id)
            and (user is None or p.user_id == user)
            and kind(p) in kinds
        ]
        return out if sort == "id_asc" else out[::-1]

    def find_votes(
        self,
        *,
        discussion_id: int | None = None,
        user: int | None = None,
        receiver: int | None = None,
        score: int | None = None,
        sort: str = "id_desc",
    ) -> list[Vote]:
        """Votes matching the filters of `GET beatmapsets/discussions/votes`."""
        self.build()
        out = [
            v
            for v in self.votes
            if (discussion_id is None or v.discussion_id == discussion_id)
            and (user is None or v.user_id == user)
            and (receiver is None or self.by_id[v.discussion_id].user_id == receiver)
            and (score is None or v.score == score)
        ]
        return out if sort == "id_asc" else out[::-1]

    def find_set_events(
        self,
        *,
        user: int | None = None,
        types: list[str] | None = None,
        beatmapset_id: int | None = None,
        min_date: datetime | None = None,
        max_date: datetime | None = None,
        sort: str = "id_desc",
    ) -> list[SetEvent]:
        """Events matching the filters of `GET beatmapsets/events`."""
        self.build()
        out = [
            e
            for e in self.set_events
            if (user is None or e.user_id == user)
            and (not types or e.type in types)
            and (beatmapset_id is None or e.beatmapset_id == beatmapset_id)
            and (min_date is None or e.created >= min_date)
            and (max_date is None or e.created <= max_date)
        ]
        return out if sort == "id_asc" else out[::-1]

    # -- rendering --------------------------------------------------------------------
    def discussion_json(self, d: Discussion, *, starting_post: bool = False) -> dict[str, Any]:
        """A discussion object."""
        r = rng(self.seed, "discussion", d.id)
        last = self.posts[d.first_post - POST_BASE + d.post_count - 1].created
        out: dict[str, Any] = {
            "id": d.id,
            "beatmapset_id": d.beatmapset_id,
            "beatmap_id": d.beatmap_id,
            "user_id": d.user_id,
            "deleted_by_id": None,
            "message_type": d.message_type,
            "parent_id": None,
            "timestamp": r.randint(0, 300000) if d.beatmap_id else None,
            "resolved": d.resolved,
            "can_be_resolved": d.message_type in ("suggestion", "problem"),
            "can_grant_kudosu": d.message_type in ("suggestion", "problem"),
            "created_at": iso(d.created),
            "updated_at": iso(last),
            "deleted_at": None,
            "last_post_at": iso(last),
            "kudosu_denied": False,
        }
        if starting_post:
            out["starting_post"] = self.post_json(self.posts[d.first_post - POST_BASE])
        return out

    def post_json(self, p: Post) -> dict[str, Any]:
        """A discussion post."""
        return {
            "beatmapset_discussion_id": p.discussion_id,
            "created_at": iso(p.created),
            "deleted_at": None,
            "deleted_by_id": None,
            "id": p.id,
            "last_editor_id": None,
            "message": "resolved"
            if p.system
            else f"{p.id % 60:02d}:{p.id % 1000:03d} - check this",
            "system": p.system,
            "updated_at": iso(p.created),
            "user_id": p.user_id,
        }

    def vote_json(self, v: Vote) -> dict[str, Any]:
        """A discussion vote."""
        return {
            "beatmapset_discussion_id": v.discussion_id,
            "created_at": iso(v.created),
            "id": v.id,
            "score": v.score,
            "updated_at": iso(v.created),
            "user_id": v.user_id,
        }

    def set_event_json(self, e: SetEvent) -> dict[str, Any]:
        """A beatmapset event with its beatmapset and discussion."""
        out: dict[str, Any] = {"id": e.id, "type": e.type}
        if e.discussion_id is not None:
            disc = self.by_id[e.discussion_id]
            out["comment"] = {
                "beatmap_discussion_id": disc.id,
                "beatmap_discussion_post_id": disc.first_post + disc.post_count - 1,
            }
        elif e.type in ("genre_edit", "language_edit"):
            out["comment"] = {"old": "Unspecified", "new": "Pop"}
        else:
            out["comment"] = None
        out["created_at"] = iso(e.created)
        out["user_id"] = e.user_id
        out["beatmapset"] = self.beatmaps.set_compact(e.beatmapset_id, "user")
        if e.discussion_id is not None:
            out["discussion"] = self.discussion_json(
                self.by_id[e.discussion_id], starting_post=True
            )
        return out

"""Comments on news posts, beatmapsets and builds; listed by `cursor[...]` params only."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import notable
from ._rng import NOW, iso_z, rng
from .users import Users

COMMENT_COUNT = 500
COMMENT_BASE = 4_100_000
#: Comment 1 exists too, like the first comment ever (a news post comment).
_TARGETS = (("news_post", 1, 80), ("beatmapset", 1, 60), ("build", 8000, 8040))


@dataclass(frozen=True)
class Comment:
    """A comment."""

    id: int
    parent_id: int | None
    user_id: int
    commentable_type: str
    commentable_id: int
    created: datetime
    votes: int
    replies: int


class Comments:
    """All comments, built once on first use."""

    def __init__(self, seed: int, users: Users) -> None:
        self.seed = seed
        self.users = users
        self.all: list[Comment] = []
        self.by_id: dict[int, Comment] = {}
        self._lock = threading.Lock()

    def build(self) -> None:
        """Generate every comment (idempotent and thread-safe)."""
        with self._lock:
            if not self.all:
                self._build()

    def _build(self) -> None:
        r = rng(self.seed, "comments")
        pool = self.users.order("osu")[:6000]
        raw: list[dict[str, Any]] = []
        ids = [1] + [COMMENT_BASE + i for i in range(1, COMMENT_COUNT)]
        for i, cid in enumerate(ids):
            parent = None
            if i > 5 and r.random() < 0.4:
                parent = raw[r.randrange(max(0, i - 40), i)]
                while parent["parent_id"] is not None:
                    parent = next(x for x in raw if x["id"] == parent["parent_id"])
            if parent:
                kind, target = parent["type"], parent["target"]
            else:
                kind, low, high = r.choice(_TARGETS)
                target = r.randint(low, high)
                if i % 30 == 1:  # the README's sets are commented on too
                    kind, target = "beatmapset", list(notable.SETS)[i // 30 % len(notable.SETS)]
            created = NOW - timedelta(hours=(COMMENT_COUNT - i) * 6)
            if i % 25 == 0 and raw:
                created = raw[-1]["created"]  # equal timestamps: the id breaks the tie
            raw.append(
                {
                    "id": cid,
                    "parent_id": parent["id"] if parent else None,
                    "user": r.choice(pool),
                    "type": kind,
                    "target": target,
                    "created": created,
                    "votes": int(r.paretovariate(1.5)) - 1,
                }
            )
        replies: dict[int, int] = {}
        for x in raw:
            if x["parent_id"] is not None:
                replies[x["parent_id"]] = replies.get(x["parent_id"], 0) + 1
        everything = [
            Comment(
                x["id"],
                x["parent_id"],
                x["user"],
                x["type"],
                x["target"],
                x["created"],
                x["votes"],
                replies.get(x["id"], 0),
            )
            for x in raw
        ]
        self.by_id = {c.id: c for c in everything}
        self.all = everything  # published last: `if not self.all` is the built flag

    def find(
        self,
        *,
        commentable_type: str | None = None,
        commentable_id: int | None = None,
        parent_id: int | None = None,
        user_id: int | None = None,
        sort: str = "new",
    ) -> list[Comment]:
        """Comments matching the filters, in the order of `sort` (new/old/top)."""
        self.build()
        out = [
            c
            for c in self.all
            if (commentable_type is None or c.commentable_type == commentable_type)
            and (commentable_id is None or c.commentable_id == commentable_id)
            and (parent_id is None or (c.parent_id or 0) == parent_id)
            and (user_id is None or c.user_id == user_id)
        ]
        return sorted(out, key=lambda c: sort_key(c, sort))

    def comment_json(self, c: Comment) -> dict[str, Any]:
        """A comment object."""
        r = rng(self.seed, "comment", c.id)
        text = r.choice(("nice map", "first!", "when", "great news", "gg"))
        return {
            "id": c.id,
            "parent_id": c.parent_id,
            "user_id": c.user_id,
            "pinned": False,
            "replies_count": c.replies,
            "votes_count": c.votes,
            "commentable_type": c.commentable_type,
            "commentable_id": c.commentable_id,
            "legacy_name": None,
            "created_at": iso_z(c.created),
            "updated_at": iso_z(c.created),
            "deleted_at": None,
            "edited_at": None,
            "edited_by_id": None,
            "message": text,
            "message_html": (
                "<div class='osu-md osu-md--comment'>"
                f'<p class="osu-md__paragraph">{text}</p></div>'
            ),
        }

    def meta(self, kind: str, target: int) -> dict[str, Any]:
        """commentable_meta for one commentable."""
        url = {
            "news_post": f"https://osu.ppy.sh/home/news/{target}",
            "beatmapset": f"https://osu.ppy.sh/beatmapsets/{target}",
            "build": f"https://osu.ppy.sh/home/changelog/{target}",
        }[kind]
        return {
            "current_user_attributes": {"can_new_comment_reason": None},
            "id": target,
            "type": kind,
            "title": f"{kind.replace('_', ' ').title()} {target}",
            "url": url,
            "owner_id": None,
            "owner_title": None,
            "locked": False,
        }


def sort_key(c: Comment, sort: str) -> tuple[Any, ...]:
    """The ordering of each comment sort; cursors hold these values."""
    stamp = c.created.timestamp()
    if sort == "old":
        return (stamp, c.id)
    if sort == "top":
        return (-c.votes, -stamp, -c.id)
    return (-stamp, -c.id)

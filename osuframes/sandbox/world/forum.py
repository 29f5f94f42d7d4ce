"""Forum topics and posts, with the writes (new topic, reply, edits) kept in memory."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ._rng import NOW, WORDS, iso, rng
from .users import Users

TOPIC_COUNT = 150
POST_STRIDE = 1000
NEW_TOPIC_BASE = 100_000
NEW_POST_BASE = 900_000_000
FORUMS = (2, 5, 14, 52, 74)


@dataclass
class Topic:
    """A forum topic; posts are generated, new ones appended."""

    id: int
    forum_id: int
    user_id: int
    title: str
    created: Any
    post_ids: list[int] = field(default_factory=list)
    locked: bool = False
    views: int = 0


class Forum:
    """Forum state: generated topics plus in-memory writes."""

    def __init__(self, seed: int, users: Users) -> None:
        self.seed = seed
        self.users = users
        self.lock = threading.RLock()
        self._topics: dict[int, Topic] = {}
        self._posts: dict[int, dict[str, Any]] = {}
        self._next_topic = NEW_TOPIC_BASE
        self._next_post = NEW_POST_BASE

    def topic(self, topic_id: int) -> Topic | None:
        """A topic, generated on first access."""
        with self.lock:
            if topic_id in self._topics:
                return self._topics[topic_id]
            if not 1 <= topic_id <= TOPIC_COUNT:
                return None
            r = rng(self.seed, "topic", topic_id)
            pool = self.users.order("osu")[:4000]
            created = NOW - timedelta(days=(TOPIC_COUNT - topic_id) * 20)
            n = r.randint(1, 120)
            topic = Topic(
                id=topic_id,
                forum_id=r.choice(FORUMS),
                user_id=r.choice(pool),
                title=" ".join(w.capitalize() for w in r.sample(WORDS, 3)),
                created=created,
                post_ids=[topic_id * POST_STRIDE + k for k in range(n)],
                locked=r.random() < 0.2,
                views=r.randint(10, 10000),
            )
            for k, pid in enumerate(topic.post_ids):
                author = topic.user_id if k == 0 else r.choice(pool)
                when = created + timedelta(hours=k * 3)
                self._posts[pid] = self._post(
                    pid, topic, author, when, f"Post {k} of {topic.title}"
                )
            self._topics[topic_id] = topic
            return topic

    def _post(self, pid: int, topic: Topic, author: int, when: Any, text: str) -> dict[str, Any]:
        return {
            "created_at": iso(when),
            "deleted_at": None,
            "edited_at": None,
            "edited_by_id": None,
            "forum_id": topic.forum_id,
            "id": pid,
            "topic_id": topic.id,
            "user_id": author,
            "body": {"html": f"<div class='bbcode'>{text}</div>", "raw": text},
        }

    def post(self, post_id: int) -> dict[str, Any] | None:
        """A post (its topic is generated if needed)."""
        with self.lock:
            if post_id not in self._posts and post_id < NEW_POST_BASE:
                self.topic(post_id // POST_STRIDE)
            return self._posts.get(post_id)

    def topic_json(self, topic: Topic) -> dict[str, Any]:
        """A topic object."""
        last = self._posts[topic.post_ids[-1]]
        return {
            "created_at": iso(topic.created),
            "deleted_at": None,
            "first_post_id": topic.post_ids[0],
            "forum_id": topic.forum_id,
            "id": topic.id,
            "is_locked": topic.locked,
            "last_post_id": topic.post_ids[-1],
            "post_count": len(topic.post_ids),
            "title": topic.title,
            "type": "normal",
            "updated_at": last["created_at"],
            "user_id": topic.user_id,
            "views": topic.views,
            "poll": None,
        }

    def create_topic(
        self, forum_id: int, user_id: int, title: str, body: str
    ) -> tuple[Topic, dict[str, Any]]:
        """Create a topic with its first post."""
        with self.lock:
            self._next_topic += 1
            topic = Topic(self._next_topic, forum_id, user_id, title, NOW)
            self._topics[topic.id] = topic
        return topic, self.reply(topic, user_id, body)

    def reply(self, topic: Topic, user_id: int, body: str) -> dict[str, Any]:
        """Append a post to a topic."""
        with self.lock:
            self._next_post += 1
            post = self._post(self._next_post, topic, user_id, NOW, body)
            self._posts[post["id"]] = post
            topic.post_ids.append(post["id"])
            return post

    def edit_post(self, post: dict[str, Any], user_id: int, body: str) -> dict[str, Any]:
        """Replace a post's body."""
        with self.lock:
            post["body"] = {"html": f"<div class='bbcode'>{body}</div>", "raw": body}
            post["edited_at"] = iso(NOW)
            post["edited_by_id"] = user_id
            return post

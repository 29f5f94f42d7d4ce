"""Chat: public channels with seeded history, PMs and announcements; mutable per server."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ._rng import NOW, iso, iso_z, rng
from .users import Users

# (id, name, description, messages, how many of the oldest are past the public backlog)
PUBLIC_CHANNELS = (
    (5, "#osu", "The official osu! channel (english only).", 300, 200),
    (6, "#lobby", "Advertise your Multiplayer game.", 60, 0),
    (7, "#english", "English speakers.", 40, 0),
    (8, "#japanese", "日本語で会話をしましょう。", 20, 0),
    (9, "#help", "Ask for help here.", 10, 0),
    (10, "#announce", "Automated announcements.", 0, 0),
)
#: `chat.public_backlog_limit` (config/osu.php): public messages older than this are hidden.
PUBLIC_BACKLOG = timedelta(hours=24)
#: In #english every seventh message is a `!command` (one of them the test user's own).
COMMAND_CHANNEL, COMMAND_EVERY = 7, 7
NEW_MESSAGE_BASE = 50_000_000
NEW_CHANNEL_BASE = 60_000


@dataclass
class Channel:
    """A chat channel and its messages (ascending ids)."""

    id: int
    name: str
    description: str
    type: str
    members: set[int] = field(default_factory=set)
    messages: list[dict[str, Any]] = field(default_factory=list)
    last_read: dict[int, int] = field(default_factory=dict)
    icon: str | None = None


def _is_command(text: str) -> bool:
    """`Message::isUserCommand`: `!` followed by anything but a space or another `!`."""
    return len(text) > 1 and text[0] == "!" and text[1] not in " !"


class Chat:
    """The chat state of one sandbox (starts the same for every seed, then changes)."""

    def __init__(self, seed: int, users: Users, me: int) -> None:
        self.seed = seed
        self.users = users
        self.me = me
        self.lock = threading.RLock()
        self.channels: dict[int, Channel] = {}
        self._next_message = NEW_MESSAGE_BASE
        self._next_channel = NEW_CHANNEL_BASE
        self.last_sent: dict[int, float] = {}
        #: Chat flood limit: one message per `flood_s` seconds per user (spec §3.4); 0 disables.
        self.flood_s = 1.0
        pool = self.users.order("osu")[:3000]
        for cid, name, desc, count, old in PUBLIC_CHANNELS:
            ch = Channel(cid, name, desc, "PUBLIC")
            r = rng(seed, "chat", cid)
            for k in range(count):
                sender, text = r.choice(pool), f"message {k}"
                when = NOW - timedelta(minutes=(count - k) * 2)
                if k < old:  # past the backlog: a day and more ago
                    when -= PUBLIC_BACKLOG
                if cid == COMMAND_CHANNEL and k % COMMAND_EVERY == 0:
                    text = f"!roll {k}"
                    sender = me if k == COMMAND_EVERY else sender
                ch.messages.append(self._message(cid * 100_000 + k, cid, sender, text, False, when))
            if cid in (5, 7):
                ch.members.add(me)
            self.channels[cid] = ch

    def _message(
        self, mid: int, cid: int, sender: int, text: str, action: bool, when: Any
    ) -> dict[str, Any]:
        return {
            "channel_id": cid,
            "content": text,
            "is_action": action,
            "message_id": mid,
            "sender_id": sender,
            "timestamp": iso_z(when),
            "type": "action" if action else "plain",
            "uuid": None,
        }

    def visible(
        self, messages: list[dict[str, Any]], ch: Channel, user_id: int | None
    ) -> list[dict[str, Any]]:
        """`Message::filter`: what the server leaves of a page, after its SQL limit.

        Public channels hide messages older than the backlog limit, and everyone's
        `!commands` but the reader's own are hidden everywhere.
        """
        oldest = iso_z(NOW - PUBLIC_BACKLOG)
        return [
            m
            for m in messages
            if (ch.type != "PUBLIC" or m["timestamp"] > oldest)
            and (m["sender_id"] == user_id or not _is_command(m["content"]))
        ]

    def with_sender(self, message: dict[str, Any]) -> dict[str, Any]:
        """A message with its sender object."""
        out = {k: v for k, v in message.items() if k != "uuid" or v is not None}
        out["sender"] = self.users.compact(message["sender_id"])
        return out

    def post(self, ch: Channel, sender: int, text: str, action: bool) -> dict[str, Any]:
        """Append a message; returns it with its sender."""
        with self.lock:
            self._next_message += 1
            msg = self._message(self._next_message, ch.id, sender, text, action, NOW)
            ch.messages.append(msg)
            ch.last_read[sender] = msg["message_id"]
        return self.with_sender(msg)

    def pm_channel(self, target: int) -> Channel:
        """The PM channel between the test user and target (created on demand)."""
        with self.lock:
            for ch in self.channels.values():
                if ch.type == "PM" and ch.members == {self.me, target}:
                    return ch
            self._next_channel += 1
            ch = Channel(self._next_channel, self.users.core(target).username, "", "PM")
            ch.members = {self.me, target}
            ch.icon = f"https://a.ppy.sh/{target}?1600000000.png"
            self.channels[ch.id] = ch
            return ch

    def announce_channel(self, name: str, description: str, targets: list[int]) -> Channel:
        """A new announcement channel."""
        with self.lock:
            self._next_channel += 1
            ch = Channel(self._next_channel, name, description, "ANNOUNCE")
            ch.members = {self.me, *targets}
            self.channels[ch.id] = ch
            return ch

    def channel_json(self, ch: Channel, *, user_id: int | None, full: bool) -> dict[str, Any]:
        """A channel; `full` adds current_user_attributes, last ids and users."""
        out: dict[str, Any] = {
            "channel_id": ch.id,
            "description": ch.description,
            "icon": ch.icon,
            "message_length_limit": 450,
            "moderated": False,
            "name": ch.name,
            "type": ch.type,
            "uuid": None,
        }
        if full:
            last = ch.messages[-1]["message_id"] if ch.messages else None
            read = ch.last_read.get(user_id or 0, last)
            out["current_user_attributes"] = {
                "can_list_users": False,
                "can_message": True,
                "can_message_error": None,
                "last_read_id": read,
            }
            out["last_message_id"] = last
            out["last_read_id"] = read
            out["users"] = sorted(ch.members) if ch.type != "PUBLIC" else []
        return out

    def silences(self) -> list[dict[str, Any]]:
        """Recent silences (none in the sandbox)."""
        return []

    def created_at(self) -> str:
        """Timestamp used for new objects."""
        return iso(NOW)

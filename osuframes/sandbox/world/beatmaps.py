"""Beatmapsets and beatmaps: cores, compact/extended objects, difficulty attributes.

Set ids are 1..SET_COUNT plus those of `notable.SETS`; beatmap ids are
`set_id * 10 + k` for the set's k-th difficulty, so a beatmap id names its set
without any lookup table.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from . import notable
from ._rng import MODES, NOW, WORDS, iso_z, name_from, rng
from .skill import star_factor
from .users import Users

SET_COUNT = 5000
STATUSES = {
    "graveyard": -2,
    "wip": -1,
    "pending": 0,
    "ranked": 1,
    "approved": 2,
    "qualified": 3,
    "loved": 4,
}
_STATUS_WEIGHTS = {
    "ranked": 55,
    "approved": 3,
    "loved": 6,
    "qualified": 3,
    "pending": 10,
    "wip": 5,
    "graveyard": 18,
}
LEADERBOARD = frozenset({"ranked", "approved", "qualified", "loved"})
GENRES = {
    1: "Unspecified",
    2: "Video Game",
    3: "Anime",
    4: "Rock",
    5: "Pop",
    9: "Hip Hop",
    10: "Electronic",
}
LANGUAGES = {1: "Unspecified", 2: "English", 3: "Japanese", 5: "Instrumental", 6: "Korean"}
_VERSIONS = ("Easy", "Normal", "Hard", "Insane", "Expert", "Extra", "Extreme", "Another")
_EPOCH = datetime(2008, 1, 1, tzinfo=NOW.tzinfo)


@dataclass(frozen=True)
class SetCore:
    """What search and every beatmapset object are built from."""

    id: int
    status: str
    artist: str
    title: str
    creator_id: int
    submitted: datetime
    ranked: datetime | None
    updated: datetime
    bpm: int
    play_count: int
    favourite_count: int
    genre_id: int
    language_id: int
    nsfw: bool
    video: bool
    tags: str
    modes: tuple[int, ...]  # ruleset of each difficulty
    stars: tuple[float, ...]


class Beatmaps:
    """Lazy generator of beatmapsets and beatmaps."""

    def __init__(self, seed: int, users: Users) -> None:
        self.seed = seed
        self.users = users
        self._lock = threading.Lock()
        self._all: list[SetCore] | None = None
        self._ranked: dict[int, list[int]] = {}
        self.core = lru_cache(maxsize=None)(self._core)

    # -- cores --------------------------------------------------------------------
    def set_exists(self, set_id: int) -> bool:
        """Set ids 1..SET_COUNT and the notable ones exist."""
        return 1 <= set_id <= SET_COUNT or set_id in notable.SETS

    def index(self, beatmap_id: int) -> int:
        """A compact index of the beatmap (below 60000), for ids that encode beatmaps."""
        set_id, k = divmod(beatmap_id, 10)
        if set_id <= SET_COUNT:
            return beatmap_id
        return (SET_COUNT + 1 + list(notable.SETS).index(set_id)) * 10 + k

    def from_index(self, index: int) -> int | None:
        """The beatmap id of a compact index (None when out of range)."""
        set_index, k = divmod(index, 10)
        if set_index <= SET_COUNT:
            return index
        known = list(notable.SETS)
        pos = set_index - SET_COUNT - 1
        return known[pos] * 10 + k if pos < len(known) else None

    def beatmap_exists(self, beatmap_id: int) -> bool:
        """A beatmap id is valid when its set exists and has that many difficulties."""
        set_id, k = divmod(beatmap_id, 10)
        return self.set_exists(set_id) and k < len(self.core(set_id).modes)

    def _core(self, set_id: int) -> SetCore:
        r = rng(self.seed, "set", set_id)
        status = r.choices(list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values()))[0]
        age = min(set_id, SET_COUNT - 300) * 6700 / SET_COUNT
        submitted = _EPOCH + timedelta(days=age + r.uniform(0, 30))
        ranked = submitted + timedelta(days=r.uniform(7, 120)) if status in LEADERBOARD else None
        if ranked and ranked > NOW:
            ranked = NOW - timedelta(hours=set_id % 500)
        base_mode = r.choices((0, 1, 2, 3), (70, 10, 8, 12))[0]
        n = r.randint(1, 6)
        stars = tuple(
            sorted(round(r.uniform(1.0, 3.0) + i * r.uniform(0.6, 1.4), 5) for i in range(n))
        )
        artist = name_from(r, r.randint(2, 3)) + (" " + name_from(r, 2) if r.random() < 0.5 else "")
        title_words = r.sample(WORDS, r.randint(1, 3))
        core = SetCore(
            id=set_id,
            status=status,
            artist=artist,
            title=" ".join(w.capitalize() for w in title_words),
            creator_id=self._some_user(r),
            submitted=submitted,
            ranked=ranked,
            updated=(ranked or submitted) - timedelta(days=r.uniform(0, 5)),
            bpm=r.randint(80, 260),
            play_count=int(r.paretovariate(1.1) * 300)
            if status in LEADERBOARD
            else r.randint(0, 300),
            favourite_count=int(r.paretovariate(1.3) * 10),
            genre_id=r.choice(tuple(GENRES)),
            language_id=r.choice(tuple(LANGUAGES)),
            nsfw=r.random() < 0.03,
            video=r.random() < 0.2,
            tags=" ".join(r.sample(WORDS, 3)),
            modes=tuple(base_mode for _ in range(n)),
            stars=stars,
        )
        if set_id not in notable.SETS:
            return core
        artist, title, known_stars = notable.SETS[set_id]
        return dataclasses.replace(
            core,
            status="ranked",
            ranked=core.submitted + timedelta(days=40),
            artist=artist,
            title=title,
            modes=(0,) * len(known_stars),
            stars=known_stars,
        )

    def _some_user(self, r: random.Random) -> int:
        for _ in range(20):
            uid = r.randint(4, 20000)
            if self.users.exists(uid):
                return uid
        return 2

    def all_cores(self) -> list[SetCore]:
        """Every set core (built once, for search and indexes)."""
        with self._lock:
            if self._all is None:
                ids = [*range(1, SET_COUNT + 1), *notable.SETS]
                self._all = [self.core(i) for i in ids]
            return self._all

    def ranked_beatmaps(self, mode_int: int) -> list[int]:
        """Beatmap ids with a leaderboard in a ruleset, ascending (cached)."""
        cached = self._ranked.get(mode_int)
        if cached is None:
            cached = []
            for core in self.all_cores():
                if core.status in ("ranked", "approved", "loved"):
                    cached.extend(
                        core.id * 10 + k for k, m in enumerate(core.modes) if m == mode_int
                    )
            self._ranked[mode_int] = cached
        return cached

    # -- objects ------------------------------------------------------------------
    def covers(self, set_id: int) -> dict[str, str]:
        """The covers object."""
        base = f"https://assets.ppy.sh/beatmaps/{set_id}/covers"
        out = {}
        for name in ("cover", "card", "list", "slimcover"):
            out[name] = f"{base}/{name}.jpg?1600000000"
            out[f"{name}@2x"] = f"{base}/{name}@2x.jpg?1600000000"
        return out

    def set_compact(self, set_id: int, *extra: str) -> dict[str, Any]:
        """BeatmapsetCompact plus includes (`user`, `beatmaps`, `ratings`, …)."""
        c = self.core(set_id)
        out: dict[str, Any] = {
            "anime_cover": c.genre_id == 3,
            "artist": c.artist,
            "artist_unicode": c.artist,
            "covers": self.covers(set_id),
            "creator": self.users.core(c.creator_id).username,
            "favourite_count": c.favourite_count,
            "genre_id": c.genre_id,
            "hype": {"current": set_id % 12, "required": 5}
            if c.status in ("pending", "wip")
            else None,
            "id": set_id,
            "language_id": c.language_id,
            "nsfw": c.nsfw,
            "offset": 0,
            "play_count": c.play_count,
            "preview_url": f"https://b.ppy.sh/preview/{set_id}.mp3",
            "source": "",
            "spotlight": set_id % 97 == 0,
            "status": c.status,
            "title": c.title,
            "title_unicode": c.title,
            "track_id": set_id // 3 if set_id % 17 == 0 else None,
            "user_id": c.creator_id,
            "video": c.video,
        }
        for name in extra:
            out[name] = self._set_include(set_id, name)
        return out

    def set_extended(self, set_id: int, *extra: str) -> dict[str, Any]:
        """BeatmapsetExtended (the form inside lists and searches)."""
        c = self.core(set_id)
        out = self.set_compact(set_id)
        out.update(
            {
                "bpm": c.bpm,
                "can_be_hyped": c.status in ("pending", "wip"),
                "deleted_at": None,
                "discussion_enabled": True,
                "discussion_locked": False,
                "is_scoreable": c.status in ("ranked", "approved", "loved", "qualified"),
                "last_updated": iso_z(c.updated),
                "legacy_thread_url": f"https://osu.ppy.sh/community/forums/topics/{10**5 + set_id}",
                "nominations_summary": {
                    "current": 2 if c.status in LEADERBOARD else set_id % 2,
                    "required": 2,
                    "eligible_main_rulesets": [MODES[c.modes[0]]],
                    "required_meta": {"main_ruleset": 2, "non_main_ruleset": 1},
                },
                "ranked": STATUSES[c.status],
                "ranked_date": iso_z(c.ranked) if c.ranked else None,
                "rating": round(6 + (set_id % 400) / 100, 5) if c.status in LEADERBOARD else 0,
                "storyboard": set_id % 5 == 0,
                "submitted_date": iso_z(c.submitted),
                "tags": c.tags,
                "availability": {"download_disabled": False, "more_information": None},
            }
        )
        for name in extra:
            out[name] = self._set_include(set_id, name)
        return out

    def set_full(self, set_id: int) -> dict[str, Any]:
        """The beatmapset as `GET beatmapsets/{id}` returns it."""
        c = self.core(set_id)
        r = rng(self.seed, "set-full", set_id)
        out = self.set_extended(set_id)
        beatmaps = [self.beatmap_full(set_id * 10 + k, with_set=False) for k in range(len(c.modes))]
        for bm in beatmaps:
            bm["current_user_tag_ids"] = []
            bm["top_tag_ids"] = [{"tag_id": 30 + bm["id"] % 20, "count": 1 + bm["id"] % 4}]
        converts = []
        if c.modes[0] == 0:
            for k in range(len(c.modes)):
                for mode_int in (1, 2, 3):
                    bm = self.beatmap_extended(set_id * 10 + k, mode_int=mode_int)
                    bm.update(
                        failtimes=self.failtimes(set_id * 10 + k),
                        owners=self.owners(set_id * 10 + k),
                        top_tag_ids=beatmaps[k]["top_tag_ids"],
                    )
                    converts.append(bm)
        favs = [u for u in (r.randint(4, 20000) for _ in range(20)) if self.users.exists(u)]
        out.update(
            {
                "beatmaps": beatmaps,
                "converts": converts,
                "current_nominations": [
                    {"beatmapset_id": set_id, "rulesets": None, "reset": False, "user_id": u}
                    for u in favs[:2]
                ]
                if c.status in LEADERBOARD
                else [],
                "description": {
                    "description": f"<div class='bbcode'>{c.title} by {c.artist}</div>"
                },
                "genre": {"id": c.genre_id, "name": GENRES[c.genre_id]},
                "language": {"id": c.language_id, "name": LANGUAGES[c.language_id]},
                "pack_tags": [f"S{1 + set_id // 10}"] if c.status in LEADERBOARD else [],
                "ratings": self.ratings(set_id),
                "recent_favourites": [self.users.compact(u) for u in favs[:10]],
                "related_users": [self.users.compact(u) for u in [c.creator_id, *favs[:2]]],
                "related_tags": [
                    {
                        "id": 30 + set_id % 20,
                        "name": "skillset/aim",
                        "ruleset_id": c.modes[0],
                        "description": "Maps that test aim.",
                        "created_at": None,
                        "updated_at": None,
                    }
                ],
                "user": self.users.compact(c.creator_id),
                "version_count": 0,
            }
        )
        return out

    def _set_include(self, set_id: int, name: str) -> Any:
        c = self.core(set_id)
        if name == "user":
            return self.users.compact(c.creator_id)
        if name == "beatmaps":
            return [self.beatmap_extended(set_id * 10 + k) for k in range(len(c.modes))]
        if name == "beatmaps_max_combo":
            return [
                {
                    **self.beatmap_extended(set_id * 10 + k),
                    "max_combo": self.max_combo(set_id * 10 + k),
                }
                for k in range(len(c.modes))
            ]
        if name == "ratings":
            return self.ratings(set_id)
        if name == "pack_tags":
            return [f"S{1 + set_id // 10}"] if c.status in LEADERBOARD else []
        raise KeyError(name)

    def ratings(self, set_id: int) -> list[int]:
        """Rating histogram (11 buckets)."""
        r = rng(self.seed, "ratings", set_id)
        return [0] + [r.randint(0, 40) for _ in range(10)]

    def checksum(self, beatmap_id: int) -> str:
        """A stable md5-looking checksum."""
        return hashlib.md5(f"{self.seed}:{beatmap_id}".encode()).hexdigest()

    def max_combo(self, beatmap_id: int) -> int:
        """Max combo of the difficulty."""
        return 100 + rng(self.seed, "combo", beatmap_id).randint(0, 2400)

    def beatmap_compact(self, beatmap_id: int, *extra: str) -> dict[str, Any]:
        """BeatmapCompact plus includes (`beatmapset`, `max_combo`, `checksum`)."""
        set_id, k = divmod(beatmap_id, 10)
        c = self.core(set_id)
        out: dict[str, Any] = {
            "beatmapset_id": set_id,
            "difficulty_rating": c.stars[k],
            "id": beatmap_id,
            "lazer_only": False,
            "mode": MODES[c.modes[k]],
            "status": c.status,
            "total_length": 60 + (beatmap_id * 37) % 300,
            "user_id": c.creator_id,
            "version": _VERSIONS[k],
        }
        for name in extra:
            if name == "beatmapset":
                out["beatmapset"] = self.set_compact(set_id)
            elif name == "max_combo":
                out["max_combo"] = self.max_combo(beatmap_id)
            elif name == "checksum":
                out["checksum"] = self.checksum(beatmap_id)
            else:
                raise KeyError(name)
        return out

    def beatmap_extended(self, beatmap_id: int, *, mode_int: int | None = None) -> dict[str, Any]:
        """BeatmapExtended (optionally as a convert to another ruleset)."""
        set_id, k = divmod(beatmap_id, 10)
        c = self.core(set_id)
        r = rng(self.seed, "beatmap", beatmap_id)
        own = c.modes[k]
        mode_int = own if mode_int is None else mode_int
        out = self.beatmap_compact(beatmap_id)
        length = out["total_length"]
        stars = c.stars[k] if mode_int == own else round(c.stars[k] * 0.8, 5)
        out.update(
            {
                "difficulty_rating": stars,
                "mode": MODES[mode_int],
                "accuracy": round(r.uniform(3, 10), 1),
                "ar": round(r.uniform(3, 10), 1),
                "bpm": c.bpm,
                "convert": mode_int != own,
                "count_circles": r.randint(50, 1200),
                "count_sliders": r.randint(20, 700),
                "count_spinners": r.randint(0, 3),
                "cs": round(r.uniform(2, 7), 1) if mode_int != 3 else 4 + k % 4,
                "deleted_at": None,
                "drain": round(r.uniform(2, 8), 1),
                "hit_length": max(30, length - r.randint(0, 20)),
                "is_scoreable": c.status in ("ranked", "approved", "loved", "qualified"),
                "last_updated": iso_z(c.updated),
                "mode_int": mode_int,
                "passcount": c.play_count // 8 // (k + 1),
                "playcount": c.play_count // (k + 1),
                "ranked": STATUSES[c.status],
                "url": f"https://osu.ppy.sh/beatmaps/{beatmap_id}",
                "checksum": self.checksum(beatmap_id),
            }
        )
        return out

    def failtimes(self, beatmap_id: int) -> dict[str, list[int]]:
        """Fail and exit histograms (100 buckets each)."""
        r = rng(self.seed, "failtimes", beatmap_id)
        return {
            "fail": [r.randint(0, 90) for _ in range(100)],
            "exit": [r.randint(0, 90) for _ in range(100)],
        }

    def owners(self, beatmap_id: int) -> list[dict[str, Any]]:
        """Difficulty owners."""
        uid = self.core(beatmap_id // 10).creator_id
        return [{"id": uid, "username": self.users.core(uid).username}]

    def beatmap_full(self, beatmap_id: int, *, with_set: bool = True) -> dict[str, Any]:
        """The beatmap as `GET beatmaps/{id}` / lookup returns it."""
        out = self.beatmap_extended(beatmap_id)
        if with_set:
            out["beatmapset"] = self.set_extended(beatmap_id // 10, "ratings")
        out["current_user_playcount"] = 0
        out["failtimes"] = self.failtimes(beatmap_id)
        out["max_combo"] = self.max_combo(beatmap_id)
        out["owners"] = self.owners(beatmap_id)
        return out

    def lookup_checksum(self, checksum: str) -> int | None:
        """Find a beatmap id by checksum (scans all difficulties)."""
        for core in self.all_cores():
            for k in range(len(core.modes)):
                if self.checksum(core.id * 10 + k) == checksum:
                    return core.id * 10 + k
        return None

    # -- difficulty attributes -----------------------------------------------------
    def can_convert(self, beatmap_id: int, mode_int: int) -> bool:
        """osu! maps convert to every ruleset; others only to themselves."""
        own = self.core(beatmap_id // 10).modes[beatmap_id % 10]
        return own == mode_int or own == 0

    def attributes(self, beatmap_id: int, mode_int: int, mods: list[str]) -> dict[str, Any]:
        """Difficulty attributes with the keys of each ruleset."""
        base = self.beatmap_extended(beatmap_id, mode_int=mode_int)["difficulty_rating"]
        stars = round(base * star_factor(mods), 6)
        r = rng(self.seed, "attributes", beatmap_id, mode_int)
        out: dict[str, Any] = {"star_rating": stars, "max_combo": self.max_combo(beatmap_id)}
        if mode_int == 0:
            out.update(
                aim_difficulty=round(stars * 0.52, 6),
                aim_difficult_slider_count=round(r.uniform(10, 200), 4),
                speed_difficulty=round(stars * 0.45, 6),
                speed_note_count=round(r.uniform(50, 1500), 4),
                slider_factor=round(r.uniform(0.9, 1.0), 6),
                aim_difficult_strain_count=round(r.uniform(20, 300), 4),
                speed_difficult_strain_count=round(r.uniform(20, 400), 4),
            )
        elif mode_int == 1:
            out["mono_stamina_factor"] = round(r.uniform(0, 0.01), 8)
        return out

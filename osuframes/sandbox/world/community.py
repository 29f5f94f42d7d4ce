"""News, changelog, wiki, search, seasonal backgrounds and featured artist tracks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ._rng import NOW, WORDS, iso, name_from, rng
from .users import Users

NEWS_COUNT = 80
BUILD_COUNT = 120
BUILD_BASE = 8000
TRACK_COUNT = 300
STREAMS = (
    (5, "stable40", "Stable", True),
    (6, "beta40", "Beta", False),
    (7, "lazer", "Lazer", True),
    (8, "web", "Web / Wiki", False),
    (9, "cuttingedge", "Cutting Edge", False),
)
WIKI_PATHS = (
    "Main_page", "Beatmap", "Beatmapping", "Game_mode/osu!", "Game_mode/osu!taiko",
    "Game_mode/osu!catch", "Game_mode/osu!mania", "Performance_points", "Score", "Accuracy",
    "Grade", "Mods", "Hit_object", "Ranking_criteria", "Beatmap_ranking_procedure",
    "People/peppy", "People/Beatmap_Nominators", "Help_centre", "FAQ", "Rules", "Skinning",
    "Storyboard", "Replay", "Multiplayer", "Chat", "Kudosu",
    "Medals", "Tournaments", "osu!_Program_Files", "Beatmap_Discussion",
)  # fmt: skip
LOCALES = ("en", "de", "fr", "ja", "ko", "pl", "ru", "zh")
GENRES = ("Electronic", "Rock", "Pop", "Hip Hop", "Metal", "Video Game")


@dataclass(frozen=True)
class Build:
    """A changelog build."""

    id: int
    stream: tuple[int, str, str, bool]
    version: str
    created: datetime
    entries: int


#: The user tags of `GET tags` (ids 30..49, the ids beatmaps' `top_tag_ids` use).
TAGS = (
    "skillset/aim", "skillset/tapping", "skillset/stamina", "skillset/reading",
    "skillset/precision", "skillset/alternate", "skillset/technical", "skillset/gimmick",
    "style/clean", "style/messy", "style/old-style", "style/simple", "style/complex",
    "song/instrumental", "song/vocal", "song/fast", "song/slow", "meta/tournament",
    "meta/featured", "meta/variety",
)  # fmt: skip


def tags() -> list[dict[str, object]]:
    """`TagTransformer` of every tag; the skillset tags are osu!'s (ruleset 0)."""
    return [
        {
            "id": 30 + k,
            "name": name,
            "ruleset_id": 0 if name.startswith("skillset/") else None,
            "description": f"Maps tagged {name.split('/')[1]}.",
        }
        for k, name in enumerate(TAGS)
    ]


class Community:
    """Lazy generator of the community pages."""

    def __init__(self, seed: int, users: Users) -> None:
        self.seed = seed
        self.users = users
        self._builds: list[Build] | None = None

    # -- news ---------------------------------------------------------------------------
    def news_published(self, news_id: int) -> datetime:
        """Publication time; every tenth post shares its predecessor's time (cursor ties)."""
        step = news_id - 1 if news_id % 10 == 0 else news_id
        return NOW - timedelta(days=(NEWS_COUNT - step) * 20, hours=-6)

    def news_ids(self, year: int | None = None) -> list[int]:
        """News ids in listing order: published_at desc, id desc."""
        ids = [
            i
            for i in range(1, NEWS_COUNT + 1)
            if year is None or self.news_published(i).year == year
        ]
        return sorted(ids, key=lambda i: (self.news_published(i), i), reverse=True)

    def news_slug(self, news_id: int) -> str:
        """The post's slug."""
        r = rng(self.seed, "news", news_id)
        return f"{self.news_published(news_id):%Y-%m-%d}-" + "-".join(r.sample(WORDS, 3))

    def news_by_slug(self, slug: str) -> int | None:
        """Resolve a slug to an id."""
        return next((i for i in range(1, NEWS_COUNT + 1) if self.news_slug(i) == slug), None)

    def news_post(
        self, news_id: int, *, preview: bool = True, content: bool = False
    ) -> dict[str, Any]:
        """A news post (listing form, or full with content and navigation)."""
        r = rng(self.seed, "news", news_id)
        slug = self.news_slug(news_id)
        published = self.news_published(news_id)
        image = f"https://i.ppy.sh/{slug}.jpg" if news_id % 3 else None
        out: dict[str, Any] = {
            "id": news_id,
            "author": self.users.core(2).username
            if news_id % 4 == 0
            else f"{name_from(r, 2)} team",
            "edit_url": f"https://github.com/ppy/osu-wiki/tree/master/news/{published:%Y}/{slug}.md",
            "first_image": image,
            "first_image@2x": image,
            "published_at": iso(published),
            "updated_at": iso(published + timedelta(days=1)),
            "slug": slug,
            "title": " ".join(w.capitalize() for w in slug.split("-")[3:]),
        }
        if preview:
            out["preview"] = f"News number {news_id}."
        if content:
            out["content"] = f"<div class='osu-md osu-md--news'><p>Post {news_id}</p></div>"
            order = self.news_ids()
            pos = order.index(news_id)
            newer = self.news_post(order[pos - 1], preview=False) if pos > 0 else None
            older = self.news_post(order[pos + 1], preview=False) if pos + 1 < len(order) else None
            out["navigation"] = {"newer": newer, "older": older}
        return out

    def news_years(self) -> list[int]:
        """Years with posts, newest first."""
        return sorted({self.news_published(i).year for i in range(1, NEWS_COUNT + 1)}, reverse=True)

    # -- changelog ----------------------------------------------------------------------
    def builds(self) -> list[Build]:
        """Every build, ascending id."""
        if self._builds is None:
            out = []
            for i in range(BUILD_COUNT):
                r = rng(self.seed, "build", i)
                stream = STREAMS[r.choices(range(5), (3, 1, 4, 3, 1))[0]]
                created = NOW - timedelta(days=(BUILD_COUNT - i) * 3, hours=r.randint(0, 20))
                if stream[1] in ("stable40", "beta40", "cuttingedge"):
                    version = f"{created:%Y%m%d}.{1 + i % 3}"
                else:
                    version = f"{created.year}.{created.month}{created.day:02d}.{i % 2}"
                out.append(Build(BUILD_BASE + i, stream, version, created, r.randint(1, 12)))
            self._builds = out
        return self._builds

    def build_json(self, b: Build, *, entries: bool) -> dict[str, Any]:
        """A build, optionally with its changelog entries."""
        sid, name, display, featured = b.stream
        out: dict[str, Any] = {
            "created_at": iso(b.created),
            "display_version": b.version,
            "id": b.id,
            "users": 0 if name in ("lazer", "web") else 100 + b.id % 900,
            "version": b.version,
            "youtube_id": None,
            "update_stream": {
                "id": sid,
                "name": name,
                "display_name": display,
                "is_featured": featured,
            },
        }
        if entries:
            out["changelog_entries"] = [self._entry(b, j) for j in range(b.entries)]
        return out

    def _entry(self, b: Build, j: int) -> dict[str, Any]:
        r = rng(self.seed, "entry", b.id, j)
        repo = "ppy/osu-web" if b.stream[1] == "web" else "ppy/osu"
        pr = 20000 + b.id + j
        gh = name_from(r, 2)
        return {
            "id": b.id * 20 + j,
            "repository": repo,
            "github_pull_request_id": pr,
            "github_url": f"https://github.com/{repo}/pull/{pr}",
            "url": None,
            "type": r.choice(("fix", "add", "misc")),
            "category": r.choice(("Gameplay", "Code Quality", "Wiki", "Performance")),
            "title": f"Change {pr}",
            "major": r.random() < 0.1,
            "created_at": iso(b.created - timedelta(days=1)),
            "github_user": {
                "display_name": gh,
                "github_url": f"https://github.com/{gh}",
                "github_username": gh,
                "id": 100 + b.id % 50,
                "osu_username": None,
                "user_id": None,
                "user_url": None,
            },
            "message": "",
            "message_html": None,
        }

    def stream_builds(self, stream: str) -> list[Build]:
        """Builds of one stream, ascending id."""
        return [b for b in self.builds() if b.stream[1] == stream]

    def streams_json(self) -> list[dict[str, Any]]:
        """Update streams with their latest build."""
        out = []
        for sid, name, display, featured in STREAMS:
            latest = self.stream_builds(name)[-1]
            out.append(
                {
                    "id": sid,
                    "name": name,
                    "display_name": display,
                    "is_featured": featured,
                    "latest_build": self.build_json(latest, entries=False),
                    "user_count": 1000 + sid * 37,
                }
            )
        return out

    # -- wiki ---------------------------------------------------------------------------
    def wiki_locales(self, path: str) -> list[str]:
        """Locales a page exists in (always English)."""
        r = rng(self.seed, "wiki", path)
        return ["en", *sorted(r.sample(LOCALES[1:], r.randint(0, 5)))]

    def wiki_page(self, locale: str, path: str) -> dict[str, Any] | None:
        """A wiki page, or None when it does not exist."""
        match = next((p for p in WIKI_PATHS if p.lower() == path.lower()), None)
        if match is None or locale not in self.wiki_locales(match):
            return None
        title = match.split("/")[-1].replace("_", " ")
        return {
            "available_locales": self.wiki_locales(match),
            "layout": "main_page" if match == "Main_page" else "markdown_page",
            "locale": locale,
            "markdown": f"---\ntags:\n  - {title.lower()}\n---\n\n# {title}\n\nAbout {title}.\n",
            "path": match,
            "subtitle": match.split("/")[0] if "/" in match else None,
            "tags": [title.lower()],
            "title": title,
        }

    def wiki_search(self, query: str) -> list[str]:
        """Wiki paths matching a query."""
        q = query.lower().replace(" ", "_")
        return [p for p in WIKI_PATHS if q in p.lower()]

    # -- seasonal backgrounds -------------------------------------------------------------
    def seasonal_backgrounds(self) -> dict[str, Any]:
        """The current season's menu backgrounds."""
        r = rng(self.seed, "seasonal")
        users = r.sample(self.users.order("osu")[:5000], 21)
        return {
            "ends_at": iso(NOW + timedelta(days=20)),
            "backgrounds": [
                {
                    "url": f"https://assets.ppy.sh/user-contest-entries/{18000 + i}/bg.jpg",
                    "user": self.users.compact(u),
                }
                for i, u in enumerate(users)
            ],
        }

    # -- featured artist tracks -----------------------------------------------------------
    def track(self, track_id: int) -> dict[str, Any]:
        """A featured artist track with album and artist."""
        r = rng(self.seed, "track", track_id)
        artist_id = 1 + track_id % 60
        album_id = 1000 + track_id // 3
        artist = name_from(rng(self.seed, "artist", artist_id), 3)
        genre = GENRES[artist_id % len(GENRES)]
        cover = f"https://assets.ppy.sh/artists/{artist_id}/cover.jpg"
        minutes, seconds = divmod(90 + r.randint(0, 200), 60)
        return {
            "album_id": album_id,
            "artist_id": artist_id,
            "bpm": r.randint(80, 220),
            "cover_url": cover,
            "exclusive": track_id % 7 == 0,
            "genre": genre,
            "id": track_id,
            "is_new": track_id > TRACK_COUNT - 10,
            "length": f"{minutes}:{seconds:02d}",
            "osz": f"https://assets.ppy.sh/artists/{artist_id}/{track_id}.osz",
            "preview": f"https://assets.ppy.sh/artists/{artist_id}/{track_id}.mp3",
            "title": " ".join(w.capitalize() for w in r.sample(WORDS, 2)),
            "updated_at": iso(self.track_updated(track_id)),
            "version": None,
            "album": {
                "id": album_id,
                "artist_id": artist_id,
                "title": f"Album {album_id}",
                "title_romanized": f"Album {album_id}",
                "genre": genre,
                "is_new": False,
                "cover_url": cover,
            },
            "artist": {"id": artist_id, "name": artist},
        }

    def track_updated(self, track_id: int) -> datetime:
        """Last update time (ties every fifth track, for the compound cursor)."""
        step = track_id - 1 if track_id % 5 == 0 else track_id
        return NOW - timedelta(days=(TRACK_COUNT - step) * 2)

"""Site content: featured artists' tracks, seasonal backgrounds, changelog, news, wiki, comments.

The `changelog/`, `comments/`, `news/`, `seasonal-backgrounds/` and `wiki/` GET routes need
no token at all (osu-api-v2-spec.md §1.2); they work with one too, so these methods send
the client's token like every other and their public answers may be cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._paging import CursorParams, CursorString, MaxId
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import (
    ArtistTrack,
    ArtistTracksResponse,
    BeatmapTag,
    Build,
    ChangelogListing,
    Comment,
    CommentBundle,
    NewsListing,
    NewsPost,
    SeasonalBackgrounds,
    WikiPage,
)

__all__ = ["ContentEndpoints"]

MESSAGE_FORMATS = ("html", "markdown")
COMMENTABLE_TYPES = ("beatmapset", "build", "news_post")
TRACK_SORT_FIELDS = ("album", "artist", "bpm", "genre", "length", "relevance", "title", "update")
TRACK_SORTS = tuple(f"{field}_{order}" for field in TRACK_SORT_FIELDS for order in ("asc", "desc"))
_LOCALE = re.compile(r"[A-Za-z]{2}(-[A-Za-z]{2,4})?")


def _segment(value: Any, argument: str) -> str:
    """One path segment (a stream name, build version, slug), percent-encoded."""
    segment = args.text(value, argument).strip()
    if "/" in segment:
        raise args.ArgumentError(argument, value, "must not contain '/'")
    return quote(segment, safe="")


def _message_formats(value: Any) -> list[str]:
    """`message_formats[]`: `html`, `markdown` or both (the server's default)."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Iterable) or not (values := list(values)):
        raise args.ArgumentError("message_formats", value, "give one or both of 'html', 'markdown'")
    formats: list[str] = []
    for item in values:
        chosen = args.choice(item, "message_formats", MESSAGE_FORMATS)
        if chosen not in formats:
            formats.append(chosen)
    return formats


def _by_id_or_name(query: Any, argument: str, is_id: bool) -> tuple[str, str | None]:
    """The path segment and `key` parameter for a lookup by id (`key=id`) or by name."""
    if is_id or (isinstance(query, int) and not isinstance(query, bool)):
        return str(args.positive_id(query, argument)), "id"
    return _segment(query, argument), None


def _range(value: Any, argument: str) -> dict[str, float] | None:
    """A `(low, high)` pair as `{"gte": low, "lte": high}`; None leaves a side open."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
        raise args.ArgumentError(
            argument, value, "give a (low, high) pair; None leaves a side open"
        )
    bounds: dict[str, float] = {}
    for key, bound in zip(("gte", "lte"), value, strict=True):
        if bound is None:
            continue
        if isinstance(bound, bool) or not isinstance(bound, int | float) or bound < 0:
            raise args.ArgumentError(argument, value, "the bounds must be numbers ≥ 0 or None")
        bounds[key] = bound
    if len(bounds) == 2 and bounds["gte"] > bounds["lte"]:
        raise args.ArgumentError(argument, value, "the low bound is above the high bound")
    return bounds or None


def _flag(value: Any, argument: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise args.ArgumentError(argument, value, "give True, False or None")
    return value


def _optional_text(value: Any, argument: str) -> str | None:
    return None if value is None else args.text(value, argument)


def _comment_cursor(cursor: Any) -> dict[str, str | int | float] | None:
    """The `cursor` object of the previous CommentBundle, sent back as `cursor[key]=value`."""
    if cursor is None:
        return None
    if not isinstance(cursor, Mapping) or not cursor:
        raise args.ArgumentError(
            "cursor", cursor, "pass the `cursor` object of the previous CommentBundle"
        )
    for key, value in cursor.items():
        if (
            not isinstance(key, str)
            or isinstance(value, bool)
            or not isinstance(value, str | int | float)
        ):
            raise args.ArgumentError(
                "cursor", cursor, "its keys must be strings and its values strings or numbers"
            )
    return dict(cursor)


class ContentEndpoints:
    """Endpoints about the site's content. Mixed into `Client`."""

    @endpoint(
        ArtistTracksResponse,
        paging=CursorString(page_size=50),
        items="artist_tracks",
        item=ArtistTrack,
        cache=cached("content", Lifetime.SHORT),
    )
    def get_featured_tracks(
        self,
        *,
        album: str | None = None,
        artist: str | None = None,
        genre: str | None = None,
        length: tuple[float | None, float | None] | None = None,
        bpm: tuple[float | None, float | None] | None = None,
        query: str | None = None,
        is_default_sort: bool | None = None,
        sort: str | None = None,
        exclusive_only: bool | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """Featured artists' tracks, 50 a page (`GET /beatmaps/artists/tracks`).

        A website route, not under `/api/v2`.

        Args:
            album: album name filter.
            artist: artist name filter.
            genre: genre filter.
            length: `(low, high)` track length in seconds, sent as `length[gte]`/`length[lte]`.
            bpm: `(low, high)` BPM, sent as `bpm[gte]`/`bpm[lte]`; None leaves a side open.
            query: free-text search.
            is_default_sort: use the site's default order (ignores `sort`).
            sort: `{album,artist,bpm,genre,length,relevance,title,update}_{asc,desc}`.
            exclusive_only: only tracks exclusive to osu!.
            cursor_string: the `cursor_string` of the previous page.
        """
        params = {
            "album": _optional_text(album, "album"),
            "artist": _optional_text(artist, "artist"),
            "genre": _optional_text(genre, "genre"),
            "length": _range(length, "length"),
            "bpm": _range(bpm, "bpm"),
            "query": _optional_text(query, "query"),
            "is_default_sort": _flag(is_default_sort, "is_default_sort"),
            "sort": None if sort is None else args.choice(sort, "sort", TRACK_SORTS),
            "exclusive_only": _flag(exclusive_only, "exclusive_only"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/beatmaps/artists/tracks", params)

    @endpoint(list[BeatmapTag], item=BeatmapTag, cache=cached("content", Lifetime.SHORT))
    def get_tags(self) -> Call:
        """Every user tag a beatmap can be given (`GET tags`), e.g. `skillset/aim`.

        A beatmap's own tags come with it (`top_tag_ids`, `related_tags` of its set);
        adding or removing one (`PUT`/`DELETE beatmaps/{b}/tags/{tag}`) is osu!lazer's.
        """
        return Call("GET", "/api/v2/tags", extract="tags")

    @endpoint(SeasonalBackgrounds, cache=cached("content", Lifetime.SHORT))
    def get_seasonal_backgrounds(self) -> Call:
        """This season's menu backgrounds and when the season ends (`GET seasonal-backgrounds`)."""
        return Call("GET", "/api/v2/seasonal-backgrounds")

    @endpoint(
        ChangelogListing,
        paging=MaxId(page_size=21),
        items="builds",
        item=Build,
        cache=cached("changelog", Lifetime.SHORT),
    )
    def get_changelog_listing(
        self,
        *,
        from_: str | None = None,
        to: str | None = None,
        max_id: int | None = None,
        stream: str | None = None,
        message_formats: Sequence[str] = MESSAGE_FORMATS,
    ) -> Call:
        """Up to 21 builds, newest first, and every update stream (`GET changelog`).

        Page back with `max_id` = one below the last build's id.

        Args:
            from_: the oldest build version to list (sent as `from`).
            to: the newest build version to list.
            max_id: list builds with an id ≤ this.
            stream: an update stream name (`stable40`, `lazer`, `web` …).
            message_formats: `html`, `markdown` or both, for each entry's message.
        """
        params = {
            "from": _optional_text(from_, "from_"),
            "to": _optional_text(to, "to"),
            "max_id": None if max_id is None else args.positive_id(max_id, "max_id"),
            "stream": _optional_text(stream, "stream"),
            "message_formats": _message_formats(message_formats),
        }
        return Call("GET", "/api/v2/changelog", params)

    @endpoint(Build, cache=cached("changelog", Lifetime.LONG))
    def get_changelog_build(self, stream: str, build: str) -> Call:
        """One build of an update stream with its entries (`GET changelog/{stream}/{build}`)."""
        path = f"{_segment(stream, 'stream')}/{_segment(build, 'build')}"
        return Call("GET", f"/api/v2/changelog/{path}")

    @endpoint(Build, cache=cached("changelog", Lifetime.SHORT))
    def lookup_changelog_build(
        self,
        changelog_query: str | int,
        *,
        message_formats: Sequence[str] = MESSAGE_FORMATS,
        is_id: bool = False,
    ) -> Call:
        """A build by version, stream name (its latest build) or id (`GET changelog/{q}`).

        An int `changelog_query`, or `is_id=True`, looks the build up by id (`key=id`).
        """
        segment, key = _by_id_or_name(changelog_query, "changelog_query", is_id)
        params = {"message_formats": _message_formats(message_formats), "key": key}
        return Call("GET", f"/api/v2/changelog/{segment}", params)

    @endpoint(
        NewsListing,
        paging=CursorString(page_size=21),
        items="news_posts",
        item=NewsPost,
        cache=cached("news", Lifetime.SHORT),
    )
    def get_news_listing(
        self, *, limit: int = 12, year: int | None = None, cursor_string: str | None = None
    ) -> Call:
        """News posts, newest first (`GET news`); `limit` 1..21 a page, 12 by default."""
        params = {
            "limit": args.in_range(limit, "limit", 1, 21),
            "year": None if year is None else args.in_range(year, "year", 2007, 9999),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/news", params)

    @endpoint(NewsPost, cache=cached("news", Lifetime.SHORT))
    def get_news_post(
        self,
        news_query: str | int,
        *,
        message_formats: Sequence[str] = MESSAGE_FORMATS,
        is_id: bool = False,
    ) -> Call:
        """One news post with its HTML content, by slug or id (`GET news/{news}`).

        An int `news_query`, or `is_id=True`, looks the post up by id (`key=id`).
        """
        segment, key = _by_id_or_name(news_query, "news_query", is_id)
        params = {"message_formats": _message_formats(message_formats), "key": key}
        return Call("GET", f"/api/v2/news/{segment}", params)

    @endpoint(WikiPage, cache=cached("wiki", Lifetime.LONG))
    def get_wiki_page(self, locale: str, path: str) -> Call:
        """A wiki page's markdown in one locale (`GET wiki/{locale}/{path}`).

        A missing page raises `NotFound` (the server answers 404 with an empty body).

        Args:
            locale: a locale like `en`, `fr`, `zh-tw`.
            path: the page path, e.g. `Main_page` or `People/The_Team`.
        """
        if not isinstance(locale, str) or not _LOCALE.fullmatch(locale.strip()):
            raise args.ArgumentError("locale", locale, "give a locale like 'en', 'fr' or 'zh-tw'")
        page = args.text(path, "path").strip().strip("/")
        if not page:
            raise args.ArgumentError("path", path, "give a wiki page path like 'Main_page'")
        return Call("GET", f"/api/v2/wiki/{locale.strip().lower()}/{quote(page, safe='/')}")

    @endpoint(
        CommentBundle, items="comments", item=Comment, cache=cached("comments", Lifetime.SHORT)
    )
    def get_comment(self, comment_id: int) -> Call:
        """One comment with its replies up to two levels deep (`GET comments/{comment}`).

        The route takes no paging parameters; page through more replies with
        `get_comments(parent_id=comment_id)`.
        """
        return Call("GET", f"/api/v2/comments/{args.positive_id(comment_id, 'comment_id')}")

    @endpoint(
        CommentBundle,
        paging=CursorParams(page_size=100),
        items="comments",
        item=Comment,
        cache=cached("comments", Lifetime.SHORT),
    )
    def get_comments(
        self,
        *,
        commentable_type: str | None = None,
        commentable_id: int | None = None,
        parent_id: int | None = None,
        sort: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        cursor: Mapping[str, Any] | None = None,
    ) -> Call:
        """Comments and their replies up to two levels deep (`GET comments`).

        Pages by the response's `cursor` object, sent back as `cursor[created_at]`,
        `cursor[id]` … (never a `cursor_string`); `has_more` says whether to go on.

        Args:
            commentable_type: `beatmapset`, `build` or `news_post` (with `commentable_id`).
            commentable_id: the id of the thing commented on (with `commentable_type`).
            parent_id: only replies to this comment; 0 for top-level comments only.
            sort: `new` (default), `old` or `top`.
            user_id: only comments by this user.
            limit: comments a page, 1..100 (the server's default is 50).
            cursor: the `cursor` of the previous page's CommentBundle.
        """
        if (commentable_type is None) != (commentable_id is None):
            raise args.ArgumentError(
                "commentable_type" if commentable_id is None else "commentable_id",
                commentable_type if commentable_id is None else commentable_id,
                "give commentable_type and commentable_id together",
            )
        params = {
            "commentable_type": None
            if commentable_type is None
            else args.choice(commentable_type, "commentable_type", COMMENTABLE_TYPES),
            "commentable_id": None
            if commentable_id is None
            else args.positive_id(commentable_id, "commentable_id"),
            "parent_id": None
            if parent_id is None
            else args.in_range(parent_id, "parent_id", 0, 2**63 - 1),
            "sort": None if sort is None else args.choice(sort, "sort", ("new", "old", "top")),
            "user_id": None if user_id is None else args.positive_id(user_id, "user_id"),
            "limit": None if limit is None else args.in_range(limit, "limit", 1, 100),
            "cursor": _comment_cursor(cursor),
        }
        return Call("GET", "/api/v2/comments", params)

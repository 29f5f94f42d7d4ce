"""Beatmapset discussions, their posts and votes, and beatmapset events."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._paging import CursorString, PageNumber
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import (
    BeatmapsetDiscussion,
    BeatmapsetDiscussionPost,
    BeatmapsetDiscussionPostsResponse,
    BeatmapsetDiscussionsResponse,
    BeatmapsetDiscussionVote,
    BeatmapsetDiscussionVotesResponse,
    BeatmapsetEvent,
    BeatmapsetEventsResponse,
)

__all__ = ["DiscussionEndpoints"]

# These four routes page by offset: `limit` is clamped to 5..50 and the offset to
# 10000 - limit (osu-api-v2-spec.md §2.2), so at most 10000 // limit pages exist.
_MIN_LIMIT, _MAX_LIMIT, _DEFAULT_LIMIT, _MAX_RESULTS = 5, 50, 50, 10_000

_SORTS = ("id_desc", "id_asc")
# `BeatmapDiscussion::VALID_BEATMAPSET_STATUSES`; any other value is dropped by the server.
_STATUSES = ("ranked", "qualified", "disqualified", "never_qualified")
_MESSAGE_TYPES = ("suggestion", "problem", "mapper_note", "praise", "hype", "review")
_POST_TYPES = ("first", "reply", "system")
_VOTE_SCORES = {"1": 1, "+1": 1, "-1": -1}
_EVENT_TYPE = re.compile(r"^[a-z][a-z_]*$")


def _limit_page(limit: int | None, page: int | None) -> dict[str, int | None]:
    """`limit` (5..50) and `page`, checked against the 10,000-result window."""
    if limit is not None:
        limit = args.in_range(limit, "limit", _MIN_LIMIT, _MAX_LIMIT)
    if page is not None:
        pages = _MAX_RESULTS // (limit or _DEFAULT_LIMIT)
        page = args.in_range(page, "page", 1, pages)
    return {"limit": limit, "page": page}


def _user(value: Any, argument: str) -> str | None:
    """A user id, or a username (sent bare: the server looks up ids, then names)."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip().lstrip("@").isdigit():
        name = value.strip().lstrip("@")
        if not name:
            raise args.ArgumentError(argument, value, "give a user id or a username")
        return name
    return str(args.positive_id(value, argument))


def _choices(values: Any, argument: str, allowed: Iterable[str]) -> list[str] | None:
    """A list of allowed strings (one string counts as a list of one), or None."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else values
    if not isinstance(items, Iterable) or not (chosen := list(items)):
        raise args.ArgumentError(argument, values, "give a list of values")
    options = tuple(allowed)
    return list(dict.fromkeys(args.choice(item, argument, options) for item in chosen))


def _event_types(values: Any) -> list[str] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else values
    if not isinstance(items, Iterable) or not (chosen := list(items)):
        raise args.ArgumentError("types", values, "give a list of event types")
    types = [str(getattr(item, "value", item)) for item in chosen]
    for item in types:
        # Checked for shape only: the server adds event types over time.
        if not _EVENT_TYPE.match(item):
            raise args.ArgumentError(
                "types", values, f"{item!r} is not an event type like 'nominate' or 'qualify'"
            )
    return types


def _sort(sort: str | None) -> str | None:
    return None if sort is None else args.choice(sort, "sort", _SORTS)


def _flag(value: bool | None, argument: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise args.ArgumentError(argument, value, "must be True or False")
    return value


class DiscussionEndpoints:
    """Endpoints about beatmapset modding: events, discussions, posts, votes.

    Mixed into `Client`.
    """

    @endpoint(
        BeatmapsetEventsResponse,
        paging=PageNumber(page_size=50, sends_limit=True, max_count=_MAX_RESULTS),
        items="events",
        item=BeatmapsetEvent,
        cache=cached("discussions", Lifetime.SHORT),
    )
    def get_beatmapset_events(
        self,
        *,
        limit: int | None = None,
        page: int | None = None,
        user: int | str | None = None,
        types: Any = None,
        beatmapset_id: int | None = None,
        min_date: Any = None,
        max_date: Any = None,
        sort: str | None = None,
    ) -> Call:
        """One page of beatmapset events (nominations, qualifications, kudosu, edits …).

        `GET beatmapsets/events`, newest first by default: the whole response (`events`,
        `users`, `reviewsConfig`). Pages by `page` + `limit` (5-50, default 50); the
        server stops at 10,000 events, so `page` ≤ 10000 // limit. No cursor.

        Args:
            limit: events per page, 5 to 50.
            page: the page, from 1.
            user: only events caused by this user (id or username).
            types: only these event types (`nominate`, `qualify`, `kudosu_gain`, …).
            beatmapset_id: only events of this beatmapset.
            min_date / max_date: a datetime or ISO 8601 string bounding `created_at`.
            sort: `id_desc` (default) or `id_asc`.
        """
        params = {
            **_limit_page(limit, page),
            "user": _user(user, "user"),
            "types": _event_types(types),
            "beatmapset_id": (
                None if beatmapset_id is None else args.positive_id(beatmapset_id, "beatmapset_id")
            ),
            "min_date": None if min_date is None else args.timestamp(min_date, "min_date"),
            "max_date": None if max_date is None else args.timestamp(max_date, "max_date"),
            "sort": _sort(sort),
        }
        return Call("GET", "/api/v2/beatmapsets/events", params)

    @endpoint(
        BeatmapsetDiscussionsResponse,
        paging=CursorString(page_size=50, max_count=_MAX_RESULTS, page_numbers=True),
        items="discussions",
        item=BeatmapsetDiscussion,
        cache=cached("discussions", Lifetime.SHORT),
    )
    def get_beatmapset_discussions(
        self,
        *,
        beatmap_id: int | None = None,
        beatmapset_id: int | None = None,
        beatmapset_status: str | None = None,
        limit: int | None = None,
        message_types: Any = None,
        only_unresolved: bool | None = None,
        page: int | None = None,
        sort: str | None = None,
        user: int | str | None = None,
        with_deleted: bool | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """One page of beatmapset discussions (`GET beatmapsets/discussions`).

        With the beatmaps, beatmapsets and users they reference. Follow
        `cursor_string` (it holds `{page, limit}`, offset paging in disguise) to the
        next page; 5-50 a page (default 50), at most 10,000 discussions in all.

        Args:
            beatmap_id / beatmapset_id: only discussions of this beatmap / beatmapset.
            beatmapset_status: ranked, qualified, disqualified or never_qualified
                (the set's state; None: any).
            limit: discussions per page, 5 to 50.
            message_types: suggestion, problem, mapper_note, praise, hype, review.
            only_unresolved: only open issues.
            page: the page, from 1 (instead of a cursor).
            sort: `id_desc` (default) or `id_asc`.
            user: only discussions started by this user (id or username).
            with_deleted: include deleted discussions; honoured for moderators only.
            cursor_string: the `cursor_string` of the previous page.
        """
        params = {
            "beatmap_id": None
            if beatmap_id is None
            else args.positive_id(beatmap_id, "beatmap_id"),
            "beatmapset_id": (
                None if beatmapset_id is None else args.positive_id(beatmapset_id, "beatmapset_id")
            ),
            "beatmapset_status": (
                None
                if beatmapset_status is None
                else args.choice(beatmapset_status, "beatmapset_status", _STATUSES)
            ),
            **_limit_page(limit, page),
            "message_types": _choices(message_types, "message_types", _MESSAGE_TYPES),
            "only_unresolved": _flag(only_unresolved, "only_unresolved"),
            "sort": _sort(sort),
            "user": _user(user, "user"),
            "with_deleted": _flag(with_deleted, "with_deleted"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/beatmapsets/discussions", params)

    @endpoint(
        BeatmapsetDiscussionPostsResponse,
        paging=CursorString(page_size=50, max_count=_MAX_RESULTS, page_numbers=True),
        items="posts",
        item=BeatmapsetDiscussionPost,
        cache=cached("discussions", Lifetime.SHORT),
    )
    def get_beatmapset_discussion_posts(
        self,
        *,
        beatmapset_discussion_id: int | None = None,
        limit: int | None = None,
        page: int | None = None,
        sort: str | None = None,
        types: Any = None,
        user: int | str | None = None,
        with_deleted: bool | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """One page of discussion posts (`GET beatmapsets/discussions/posts`).

        With their discussions, beatmapsets and users. Cursor paging as in
        `get_beatmapset_discussions` (5-50 a page, at most 10,000 posts).

        Args:
            beatmapset_discussion_id: only posts of this discussion.
            limit: posts per page, 5 to 50.
            page: the page, from 1 (instead of a cursor).
            sort: `id_desc` (default) or `id_asc`.
            types: `first`, `reply` and/or `system` posts (the server's default: `reply`).
            user: only posts by this user (id or username).
            with_deleted: include deleted posts; honoured for moderators only.
            cursor_string: the `cursor_string` of the previous page.
        """
        discussion = beatmapset_discussion_id
        params = {
            "beatmapset_discussion_id": (
                None
                if discussion is None
                else args.positive_id(discussion, "beatmapset_discussion_id")
            ),
            **_limit_page(limit, page),
            "sort": _sort(sort),
            "types": _choices(types, "types", _POST_TYPES),
            "user": _user(user, "user"),
            "with_deleted": _flag(with_deleted, "with_deleted"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/beatmapsets/discussions/posts", params)

    @endpoint(
        BeatmapsetDiscussionVotesResponse,
        paging=CursorString(page_size=50, max_count=_MAX_RESULTS, page_numbers=True),
        items="votes",
        item=BeatmapsetDiscussionVote,
        cache=cached("discussions", Lifetime.SHORT),
    )
    def get_beatmapset_discussion_votes(
        self,
        *,
        beatmapset_discussion_id: int | None = None,
        limit: int | None = None,
        page: int | None = None,
        receiver: int | str | None = None,
        score: int | str | None = None,
        sort: str | None = None,
        user: int | str | None = None,
        with_deleted: bool | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """One page of discussion votes (`GET beatmapsets/discussions/votes`).

        With the discussions voted on and the users. Cursor paging as in
        `get_beatmapset_discussions` (5-50 a page, at most 10,000 votes).

        Args:
            beatmapset_discussion_id: only votes on this discussion.
            limit: votes per page, 5 to 50.
            page: the page, from 1 (instead of a cursor).
            receiver: only votes on discussions by this user (id or username).
            score: `1` (up) or `-1` (down).
            sort: `id_desc` (default) or `id_asc`.
            user: only votes cast by this user (id or username).
            with_deleted: include votes on deleted discussions; honoured for moderators only.
            cursor_string: the `cursor_string` of the previous page.
        """
        if score is not None:
            key = str(score).strip()
            if isinstance(score, bool) or key not in _VOTE_SCORES:
                raise args.ArgumentError("score", score, "use 1 (up) or -1 (down)")
            score = _VOTE_SCORES[key]
        discussion = beatmapset_discussion_id
        params = {
            "beatmapset_discussion_id": (
                None
                if discussion is None
                else args.positive_id(discussion, "beatmapset_discussion_id")
            ),
            **_limit_page(limit, page),
            "receiver": _user(receiver, "receiver"),
            "score": score,
            "sort": _sort(sort),
            "user": _user(user, "user"),
            "with_deleted": _flag(with_deleted, "with_deleted"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/beatmapsets/discussions/votes", params)

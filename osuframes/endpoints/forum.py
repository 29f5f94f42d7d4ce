"""Forum: a topic's posts; creating topics (with polls), replying and editing (logins only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._paging import CursorString
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import ForumCreateTopicResponse, ForumPost, ForumTopic, ForumTopicResponse

__all__ = ["ForumEndpoints"]

FORUM_WRITE = frozenset({"forum.write"})


def _write(method: str, path: str, body: Any) -> Call:
    """A forum write: needs a login with `forum.write`, and is never cached."""
    return Call(method, path, json=body, scopes=FORUM_WRITE, needs_user=True)


def _poll_options(options: Any) -> str:
    """Poll answers as the server reads them: one per line, 2 to 10, no duplicates."""
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise args.ArgumentError("poll_options", options, "give a list of 2 to 10 answers")
    answers = [args.text(option, "poll_options").strip() for option in options]
    if any("\n" in answer for answer in answers):
        raise args.ArgumentError("poll_options", options, "an answer must be a single line")
    if not 2 <= len(answers) <= 10:
        raise args.ArgumentError("poll_options", options, "a poll has 2 to 10 answers")
    if len(set(answers)) != len(answers):
        raise args.ArgumentError("poll_options", options, "the answers must differ")
    return "\n".join(answers)


class ForumEndpoints:
    """Endpoints about the forums. Mixed into `Client`."""

    @endpoint(
        ForumTopicResponse,
        paging=CursorString(page_size=50, short_page_ends=True),
        items="posts",
        item=ForumPost,
        cache=cached("forum", Lifetime.SHORT),
    )
    def get_forum_topic(
        self,
        topic_id: int,
        *,
        limit: int = 50,
        sort: str | None = None,
        start: int | None = None,
        end: int | None = None,
        cursor_string: str | None = None,
    ) -> Call:
        """A forum topic and one page of its posts (`GET forums/topics/{topic}`).

        Args:
            topic_id: the topic.
            limit: posts a page, 1..50.
            sort: `id_asc` (oldest first, the default) or `id_desc`.
            start: begin at this post id and walk up (`id_asc`).
            end: begin at this post id and walk down to the first post (`id_desc`).
            cursor_string: the `cursor_string` of the previous page.
        """
        if start is not None and end is not None:
            raise args.ArgumentError("end", end, "give start or end, not both")
        if cursor_string is not None and (start, end) != (None, None):
            raise args.ArgumentError(
                "cursor_string", cursor_string, "the server ignores start/end with a cursor"
            )
        chosen = None if sort is None else args.choice(sort, "sort", ("id_asc", "id_desc"))
        # start forces id_asc and end id_desc, but only on a page without a cursor: the
        # effective sort is sent on every page, or page 2 would turn back to id_asc.
        forced = "id_asc" if start is not None else "id_desc" if end is not None else None
        if forced is not None and chosen not in (None, forced):
            edge = "start" if start is not None else "end"
            raise args.ArgumentError("sort", sort, f"{edge} walks {forced}; leave sort out")
        params = {
            "limit": args.in_range(limit, "limit", 1, 50),
            "sort": forced or chosen,
            "start": None if start is None else args.positive_id(start, "start"),
            "end": None if end is None else args.positive_id(end, "end"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call(
            "GET", f"/api/v2/forums/topics/{args.positive_id(topic_id, 'topic_id')}", params
        )

    @endpoint(ForumCreateTopicResponse)
    def create_forum_topic(
        self,
        forum_id: int,
        title: str,
        content: str,
        *,
        with_poll: bool = False,
        poll_title: str | None = None,
        poll_options: Sequence[str] | None = None,
        poll_length_days: int = 0,
        poll_vote_change: bool = False,
        poll_hide_results: bool = False,
        poll_max_votes: int = 1,
    ) -> Call:
        """Create a topic, optionally with a poll (`POST forums/topics`).

        Needs a login with scope `forum.write`. Returns the topic and its first post.

        Args:
            forum_id: the forum to post in.
            title: the topic's title.
            content: the first post's BBCode.
            with_poll: attach a poll (then `poll_title` and `poll_options` are required).
            poll_title: the poll's question.
            poll_options: 2 to 10 answers (BBCode, one line each).
            poll_length_days: days the poll runs; 0 runs forever.
            poll_vote_change: let voters change their vote.
            poll_hide_results: hide results until the poll ends (needs `poll_length_days`).
            poll_max_votes: answers each voter may pick, 1..number of answers
                (sent as `max_options`).
        """
        body: dict[str, Any] = {
            "forum_id": args.positive_id(forum_id, "forum_id"),
            "title": args.text(title, "title"),
            "body": args.text(content, "content"),
        }
        if not isinstance(with_poll, bool):
            raise args.ArgumentError("with_poll", with_poll, "give True or False")
        if not with_poll:
            if poll_title is not None or poll_options is not None:
                raise args.ArgumentError(
                    "with_poll", with_poll, "set with_poll=True to attach the poll"
                )
            return _write("POST", "/api/v2/forums/topics", body)
        if poll_title is None:
            raise args.ArgumentError("poll_title", poll_title, "a poll needs a title")
        options = _poll_options(poll_options)
        count = options.count("\n") + 1
        length_days = args.in_range(poll_length_days, "poll_length_days", 0, 36500)
        if poll_hide_results and length_days == 0:
            raise args.ArgumentError(
                "poll_hide_results", poll_hide_results, "hiding results needs poll_length_days ≥ 1"
            )
        body["with_poll"] = True
        body["forum_topic_poll"] = {
            "title": args.text(poll_title, "poll_title"),
            "options": options,
            "length_days": length_days,
            "max_options": args.in_range(poll_max_votes, "poll_max_votes", 1, count),
            "vote_change": bool(poll_vote_change),
            "hide_results": bool(poll_hide_results),
        }
        return _write("POST", "/api/v2/forums/topics", body)

    @endpoint(ForumPost)
    def reply_forum_topic(self, topic_id: int, content: str) -> Call:
        """Post a reply in a topic (`POST forums/topics/{topic}/reply`); needs `forum.write`."""
        topic = args.positive_id(topic_id, "topic_id")
        return _write(
            "POST", f"/api/v2/forums/topics/{topic}/reply", {"body": args.text(content, "content")}
        )

    @endpoint(ForumTopic)
    def edit_forum_topic_title(self, topic_id: int, new_title: str) -> Call:
        """Rename a topic (`PUT forums/topics/{topic}`); needs `forum.write`."""
        topic = args.positive_id(topic_id, "topic_id")
        body = {"forum_topic": {"topic_title": args.text(new_title, "new_title")}}
        return _write("PUT", f"/api/v2/forums/topics/{topic}", body)

    @endpoint(ForumPost)
    def edit_forum_post(self, post_id: int, new_content: str) -> Call:
        """Replace a post's BBCode (`PUT forums/posts/{post}`); needs `forum.write`."""
        post = args.positive_id(post_id, "post_id")
        return _write(
            "PUT", f"/api/v2/forums/posts/{post}", {"body": args.text(new_content, "new_content")}
        )

"""Which recorded response (../shared/fixtures/osu-api-v2) makes which notebook function's frame.

Every fixture of MANIFEST.tsv is either a `Case` (a frame is built from it) or named in
`NOT_A_FRAME` with the reason; tests/query/test_endpoint_columns.py checks both.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

import osuframes.api as of
from osuframes.query import Query
from tests.conftest import FIXTURES, MockAPI, mock_sync_client


@dataclass(frozen=True)
class Case:
    """A recorded response served as the only page of a notebook function's Query.

    Attributes:
        name: the notebook function.
        fixture: the recorded response.
        items: the key of the record list in it (None: the response is the list).
        query: the Query, from a client and the decoded response.
        nullable: the columns null in every row of the recorded frame, with the reason.
        degenerate: why the recording holds no records (then only the schema is tested).
        answer: the served body made from the recording, when it was recorded from
            another route whose records have the same shape (default: as recorded).
        path: then, the route template of the Query's requests.
    """

    name: str
    fixture: str
    items: str | None
    query: Callable[[Any, Any], Query]
    nullable: dict[str, str]
    degenerate: str = ""
    answer: Callable[[Any], Any] | None = None
    path: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}:{self.fixture.removesuffix('.json')}"


# Why a column may be null in every row of a recorded frame: the field is nullable for
# that endpoint and the recording happens to hold no row that has it.
_NO_GEKI = "osu! (standard) has no geki/katu judgements: null for every osu! score"
_NO_50 = "taiko has no 50 judgement: null for every taiko score"
_COLOUR = "profile_colour is set only for staff and some groups"
_DELETED = "set only on deleted, edited or reply items; none in the recording"
_HYPE = "only pending beatmapsets have hype; the recorded ones are ranked"
_TRACK = "only beatmapsets of a featured artist's track have a track id"
_AVAILABILITY = "set only when a beatmapset's download is disabled or parts were removed"
_RANK_EXP = "osu-web sends null for every user (a place kept for an experimental rank)"
_LAST_VISIT = "null for users who hide their online status"
_NOT_BEST = "null when the score is not (or no longer) the player's best on the beatmap"
_UNRANKED = "pp is null for scores on unranked beatmaps and not yet processed ones"
_EVENT_TYPE = "only some event types carry it (achievement, username change, beatmap events)"
_ZERO = "osu-web leaves out hit results whose count is 0 (the model reads them as 0)"
_LAZER_ONLY = "null for scores set in osu!lazer (no osu!stable score behind them)"
_SCORES = {
    "statistics.count_geki": _NO_GEKI,
    "statistics.count_katu": _NO_GEKI,
    "beatmap.deleted_at": _DELETED,
    "beatmapset.hype.current": _HYPE,
    "beatmapset.hype.required": _HYPE,
    "beatmapset.track_id": _TRACK,
    "user.profile_colour": _COLOUR,
}
_BEATMAPSETS = {
    "hype.current": _HYPE,
    "hype.required": _HYPE,
    "deleted_at": _DELETED,
    "availability.more_information": _AVAILABILITY,
}
_EVENTS = {
    name: _EVENT_TYPE
    for name in (
        "achievement.mode",
        "beatmapset.title",
        "beatmapset.url",
        "user.previousUsername",
        "count",
        "approval",
    )
}
_LAZER_STATISTICS = (
    "miss",
    "meh",
    "ok",
    "good",
    "great",
    "small_tick_miss",
    "small_tick_hit",
    "large_tick_miss",
    "large_tick_hit",
    "small_bonus",
    "large_bonus",
    "ignore_miss",
    "combo_break",
    "slider_tail_hit",
    "legacy_combo_increase",
)


def _without(reasons: dict[str, str], *names: str) -> dict[str, str]:
    return {name: reason for name, reason in reasons.items() if name not in names}


def _scores(name: str, fixture: str, nullable: dict[str, str], mode: str | None = None) -> Case:
    """A user's score list, for the user the recorded scores belong to."""
    function = getattr(of, name)
    return Case(
        name, fixture, None,
        lambda c, b: function(b[0]["user_id"] if b else 2, mode=mode, client=c), nullable,
    )  # fmt: skip


CASES: list[Case] = [
    Case("beatmap_scores", "get_beatmap_scores_200.json", "scores",
         lambda c, b: of.beatmap_scores(2906626, client=c),
         {"statistics.count_geki": _NO_GEKI, "statistics.count_katu": _NO_GEKI,
          "user.profile_colour": _COLOUR}),
    Case("beatmaps", "get_beatmaps_200.json", "beatmaps",
         lambda c, b: of.beatmaps([2906626, 2395787], client=c), {},
         degenerate="the recorder sent `ids` instead of `ids[]`: no beatmaps came back"),
    Case("beatmap_packs", "get_beatmap_packs_200.json", "beatmap_packs",
         lambda c, b: of.beatmap_packs(client=c), {}),
    Case("beatmapset_discussions", "get_beatmapset_discussions_200.json", "discussions",
         lambda c, b: of.beatmapset_discussions(client=c),
         {name: _DELETED for name in (
             "deleted_by_id", "parent_id", "deleted_at", "starting_post.last_editor_id",
             "starting_post.deleted_by_id", "starting_post.deleted_at")}),
    Case("beatmapset_discussion_posts", "get_beatmapset_discussion_posts_200.json", "posts",
         lambda c, b: of.beatmapset_discussion_posts(client=c),
         {name: _DELETED for name in ("last_editor_id", "deleted_by_id", "deleted_at")}),
    Case("beatmapset_discussion_votes", "get_beatmapset_discussion_votes_200.json", "votes",
         lambda c, b: of.beatmapset_discussion_votes(client=c), {}),
    Case("beatmapset_events", "get_beatmapset_events_200.json", "events",
         lambda c, b: of.beatmapset_events(client=c),
         {**{name: _DELETED for name in (
             "discussion.deleted_by_id", "discussion.deleted_at",
             "discussion.starting_post.deleted_by_id", "discussion.starting_post.deleted_at")},
          "comment.reason": "only disqualifications and nomination resets give a reason"}),
    Case("changelog", "get_changelog_listing_200.json", "builds",
         lambda c, b: of.changelog(client=c), {}),
    Case("comments", "get_comments_200.json", "comments",
         lambda c, b: of.comments(client=c),
         {"legacy_name": "set only on comments imported from the old site, by a guest",
          "deleted_at": _DELETED}),
    Case("events", "get_events_200.json", "events", lambda c, b: of.events(client=c), _EVENTS),
    Case("forum_posts", "get_forum_topic_200.json", "posts",
         lambda c, b: of.forum_posts(b["topic"]["id"], client=c), {"deleted_at": _DELETED}),
    Case("kudosu_rankings", "get_rankings_kudosu_200.json", "ranking",
         lambda c, b: of.kudosu_rankings(client=c), {}),
    Case("match_events", "get_multiplayer_match_200.json", "events",
         lambda c, b: of.match_events(b["match"]["id"], client=c), {}),
    Case("match_scores", "get_multiplayer_match_200.json", "events",
         lambda c, b: of.match_scores(b["match"]["id"], client=c),
         {"beatmapset.hype.current": _HYPE, "beatmapset.hype.required": _HYPE,
          "user.profile_colour": _COLOUR}),
    Case("multiplayer_matches", "get_multiplayer_matches_200.json", "matches",
         lambda c, b: of.multiplayer_matches(client=c), {}),
    Case("multiplayer_matches", "get_matches_200.json", "matches",
         lambda c, b: of.multiplayer_matches(client=c), {}),
    Case("multiplayer_rooms", "get_multiplayer_rooms_200.json", None,
         lambda c, b: of.multiplayer_rooms(client=c),
         {"description": "a room's host may leave the description empty",
          "max_participants": "null when the host set no limit",
          "current_playlist_item.played_at": "null until the item has been played",
          "current_playlist_item.playlist_order": "set only in host-rotation rooms"}),
    Case("multiplayer_scores", "get_multiplayer_scores_200.json", "scores",
         lambda c, b: of.multiplayer_scores(583093, 5307446, client=c),
         {"best_id": _NOT_BEST, "legacy_score_id": _LAZER_ONLY,
          "pp": "playlist scores are unranked: osu-web sends null pp",
          "user.profile_colour": _COLOUR,
          **{f"maximum_statistics.{name}": _ZERO for name in _LAZER_STATISTICS},
          **{f"statistics.{name}": _ZERO for name in _LAZER_STATISTICS[5:]
             if name not in ("ignore_miss", "combo_break")}}),
    Case("news", "get_news_listing_200.json", "news_posts", lambda c, b: of.news(client=c), {}),
    Case("rankings", "get_rankings_200.json", "ranking",
         lambda c, b: of.rankings("osu", "performance", client=c),
         {"global_rank_exp": _RANK_EXP}),
    Case("search_beatmapsets", "search_beatmapsets_200.json", "beatmapsets",
         lambda c, b: of.search_beatmapsets("doja cat say so", client=c), _BEATMAPSETS),
    Case("user_beatmap_scores", "get_user_beatmap_scores_200.json", "scores",
         lambda c, b: of.user_beatmap_scores(4819811, 2906626, client=c),
         {"statistics.count_geki": _NO_GEKI, "statistics.count_katu": _NO_GEKI}),
    Case("user_beatmaps", "get_user_beatmaps_200.json", None,
         lambda c, b: of.user_beatmaps(b[0]["user_id"], "favourite", client=c),
         {**_BEATMAPSETS, "track_id": _TRACK}),
    Case("user_kudosu", "get_user_kudosu_200.json", None,
         lambda c, b: of.user_kudosu(7782553, client=c),
         {"giver.username": "votes give kudosu without a giver; only moderators' grants "
                            "have one", "giver.url": "as giver.username"}),
    Case("user_most_played", "get_user_most_played_200.json", None,
         lambda c, b: of.user_most_played(7782553, client=c),
         {"beatmapset.hype.current": _HYPE, "beatmapset.hype.required": _HYPE}),
    Case("user_recent_activity", "get_user_recent_activity_200.json", None,
         lambda c, b: of.user_recent_activity(7562902, client=c),
         {**_EVENTS, **{f"achievement.{name}": _EVENT_TYPE for name in (
             "id", "name", "slug", "description", "instructions", "grouping", "ordering",
             "icon_url", "achieved_count", "achieved_percent")}}),
    # `GET me` answers the token owner as `GET users?ids[]` answers each user (with more).
    Case("users", "get_me_200.json", "users",
         lambda c, b: of.users([b["users"][0]["id"]], client=c),
         {"last_visit": _LAST_VISIT, "profile_colour": _COLOUR,
          "cover.id": "only preset covers have an id; this user uploaded one",
          **{f"statistics_rulesets.{r}.global_rank_exp": _RANK_EXP
             for r in ("osu", "taiko", "fruits", "mania")}},
         answer=lambda me: {"users": [me]}, path="/api/v2/users"),
    Case("users", "get_users_200.json", "users", lambda c, b: of.users([7782553, 2], client=c),
         {}, degenerate="the recorder sent `ids` instead of `ids[]`: no users came back"),
    _scores("user_bests", "get_user_bests_200.json",
            {**_without(_SCORES, "beatmapset.track_id"), "user.last_visit": _LAST_VISIT}),
    _scores("user_bests", "score_osu.json", {**_SCORES, "best_id": _NOT_BEST}, "osu"),
    _scores("user_bests", "score_taiko.json", {**_SCORES, "statistics.count_50": _NO_50},
            "taiko"),
    _scores("user_bests", "score_fruits.json",
            {**_without(_SCORES, "statistics.count_katu"),
             "statistics.count_geki": "catch has no geki judgement"}, "fruits"),
    _scores("user_bests", "score_mania.json",
            _without(_SCORES, "statistics.count_geki", "statistics.count_katu"), "mania"),
    _scores("user_firsts", "get_user_firsts_200.json", _SCORES),
    _scores("user_pinned", "get_user_pinned_200.json",
            {**_SCORES, "pp": _UNRANKED, "user.last_visit": _LAST_VISIT}),
    Case("user_recents", "get_user_recents_200.json", None,
         lambda c, b: of.user_recents(11367222, client=c), {},
         degenerate="the user had no recent plays when it was recorded"),
]  # fmt: skip

_SINGLE = "a single resource: its notebook function gives a model, not a Query's frame"
_NO_FUNCTION = "no notebook function reads this endpoint (only the Client method)"

NOT_A_FRAME: dict[str, str] = {
    **dict.fromkeys(
        ["get_beatmap_200.json", "get_beatmapset_200.json",
         "get_multiplayer_room_200.json", "get_score_200.json", "get_score_lazer_200.json",
         "get_user_200.json", "lookup_beatmap_200.json", "lookup_beatmaps_200.json",
         "lookup_beatmapset_200.json"],
        _SINGLE,
    ),
    **dict.fromkeys(
        ["get_beatmap_attributes_200.json", "get_beatmap_pack_200.json",
         "get_changelog_build_200.json", "get_channel_200.json", "get_channel_messages_200.json",
         "get_channels_200.json", "get_comment_200.json", "get_featured_artists_200.json",
         "get_featured_tracks_200.json", "get_multiplayer_leaderboard_200.json",
         "get_news_post_200.json", "get_own_friends_200.json",
         "get_seasonal_backgrounds_200.json", "get_spotlights_200.json",
         "get_wiki_page_200.json", "lookup_changelog_build_200.json", "search_200.json",
         *(f"difficulty_attributes_{mode}.json" for mode in ("osu", "taiko", "fruits", "mania"))],
        _NO_FUNCTION,
    ),
}  # fmt: skip
"""Fixtures that make no frame, with the reason (error bodies and writes are found by
their status and method in the manifest)."""


def manifest() -> list[dict[str, str]]:
    """The rows of MANIFEST.tsv."""
    with (FIXTURES / "MANIFEST.tsv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows, delimiter="\t"))


def body(case: Case) -> Any:
    """The case's recorded response, decoded (as `case.answer` makes it, if it says)."""
    recorded = json.loads((FIXTURES / case.fixture).read_bytes())
    return recorded if case.answer is None else case.answer(recorded)


@dataclass
class Served:
    """A case's Query on a client whose API requests are all answered with one body."""

    query: Query
    client: Any
    paths: list[str] = field(default_factory=list)


def serve(case: Case, answer: Any, cache_dir: Path) -> Served:
    """The case's Query, every API request answered with `answer` (close `client`).

    The paths asked for are kept in `paths`, to check against the fixture's route.
    """
    api = MockAPI()
    paths: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return api.handler(request)
        paths.append(request.url.path)
        return httpx.Response(200, json=answer)

    client = mock_sync_client(api, cache_dir=cache_dir, transport=httpx.MockTransport(respond))
    records = answer[case.items] if case.items else answer
    query = case.query(client, body(case)).limit(max(1, len(records)))
    return Served(query, client, paths)


def route(case: Case) -> re.Pattern[str]:
    """The path pattern of the case's route (by default the fixture's, from MANIFEST.tsv)."""
    template = case.path or next(r["api_path"] for r in manifest() if r["file"] == case.fixture)
    optional = re.sub(r"/\{\w+\?\}", "(?:/[^/]+)?", template)  # `/{mode?}`
    return re.compile(re.sub(r"\{\w+\}", "[^/]+", optional))

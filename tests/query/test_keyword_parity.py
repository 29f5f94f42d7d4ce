"""One declaration per parameter: each notebook function offers its endpoint's keywords.

A notebook function re-lists its endpoint's filters; this test fails when one side has
a keyword the other lacks, unless the difference is declared below with its reason.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import osuframes.api as of
from osuframes import Client

#: Keywords of every notebook function that are not the endpoint's (how to fetch).
QUERY_KEYWORDS = frozenset({"progress", "errors", "fresh", "client"})
#: Endpoint keywords the paginators set themselves, page after page.
PAGING_KEYWORDS = frozenset(
    {"limit", "offset", "page", "page_id", "cursor", "cursor_string", "after", "before",
     "since", "until", "max_id"}
)  # fmt: skip
USER_SCORE_LISTS = {"include_fails": "the server reads it for recent scores only"}

#: notebook function -> (endpoint method, {notebook keyword: endpoint keyword} for the
#: ids a fan-out takes, {endpoint keyword: why the notebook function leaves it out}).
PARITY: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "beatmap": ("get_beatmap", {}, {}),
    "beatmap_packs": ("get_beatmap_packs", {}, {}),
    "beatmap_scores": ("get_beatmap_scores", {"beatmap_ids": "beatmap_id"}, {}),
    "beatmaps": ("get_beatmaps", {}, {}),
    "beatmapset": ("get_beatmapset", {}, {}),
    "beatmapset_discussion_posts": ("get_beatmapset_discussion_posts", {}, {}),
    "beatmapset_discussion_votes": ("get_beatmapset_discussion_votes", {}, {}),
    "beatmapset_discussions": ("get_beatmapset_discussions", {}, {}),
    "beatmapset_events": ("get_beatmapset_events", {}, {}),
    "beatmapset_ratings": ("get_beatmapset_ratings", {}, {}),
    "changelog": (
        "get_changelog_listing",
        {},
        {"message_formats": "frames keep every format the server sends"},
    ),
    "comments": ("get_comments", {}, {}),
    "events": ("get_events", {}, {}),
    "forum_posts": ("get_forum_topic", {}, {}),
    "kudosu_rankings": ("get_rankings_kudosu", {}, {}),
    "match": ("get_multiplayer_match", {}, {"new_format": "the legacy format has slot/team"}),
    "match_events": (
        "get_multiplayer_match",
        {"match_ids": "match_id"},
        {"new_format": "match frames read the legacy score's slot/team/pass"},
    ),
    "match_scores": (
        "get_multiplayer_match",
        {"match_ids": "match_id"},
        {"new_format": "match frames read the legacy score's slot/team/pass"},
    ),
    "me": ("get_me", {}, {}),
    "multiplayer_matches": ("get_multiplayer_matches", {}, {}),
    "multiplayer_rooms": ("get_multiplayer_rooms", {}, {}),
    "multiplayer_score": ("get_multiplayer_score", {}, {}),
    "multiplayer_user_score": ("get_multiplayer_user_score", {}, {}),
    "multiplayer_scores": ("get_multiplayer_scores", {"playlist_ids": "playlist_id"}, {}),
    "news": ("get_news_listing", {}, {}),
    "rankings": ("get_rankings", {}, {}),
    "room": ("get_multiplayer_room", {}, {}),
    "room_events": ("get_room_events", {"room_ids": "room_id"}, {}),
    "score": ("get_score", {"score_id": "legacy_score_id"}, {}),
    "score_feed": ("get_scores", {}, {}),
    "search_beatmapsets": ("search_beatmapsets", {}, {}),
    "tags": ("get_tags", {}, {}),
    "team": ("get_team", {}, {}),
    "favourite_beatmapset_ids": ("get_favourite_beatmapset_ids", {}, {}),
    "user": (
        "get_user",
        {"user": "user_query"},
        {"qtype": "`user` takes an id or '@name' and sends the right key"},
    ),
    "user_beatmap_score": ("get_user_beatmap_score", {}, {}),
    "user_beatmap_scores": ("get_user_beatmap_scores", {"user_ids": "user_id"}, {}),
    "user_beatmaps_passed": ("get_user_beatmaps_passed", {"user_ids": "user_id"}, {}),
    "user_beatmaps": ("get_user_beatmaps", {"user_ids": "user_id"}, {}),
    "user_bests": ("get_user_bests", {"user_ids": "user_id"}, USER_SCORE_LISTS),
    "user_firsts": ("get_user_firsts", {"user_ids": "user_id"}, USER_SCORE_LISTS),
    "user_kudosu": ("get_user_kudosu", {"user_ids": "user_id"}, {}),
    "user_most_played": ("get_user_most_played", {"user_ids": "user_id"}, {}),
    "user_pinned": ("get_user_pinned", {"user_ids": "user_id"}, USER_SCORE_LISTS),
    "user_recent_activity": ("get_user_recent_activity", {"user_ids": "user_id"}, {}),
    "user_recents": ("get_user_recents", {"user_ids": "user_id"}, {}),
    "users": ("get_users", {}, {}),
}
NOT_ENDPOINTS = {"default_client", "use_sandbox"}


def keywords(function: Any) -> set[str]:
    return set(inspect.signature(function).parameters) - {"self"}


def test_every_notebook_function_is_declared() -> None:
    functions = {name for name in of.__all__ if callable(getattr(of, name))}
    assert functions - NOT_ENDPOINTS == set(PARITY)


@pytest.mark.parametrize("name", sorted(PARITY))
def test_a_notebook_function_offers_its_endpoints_keywords(name: str) -> None:
    method, renamed, left_out = PARITY[name]
    offered = {renamed.get(k, k) for k in keywords(getattr(of, name)) - QUERY_KEYWORDS}
    taken = keywords(getattr(Client, method)) - PAGING_KEYWORDS
    assert offered - taken == set(), f"{name} offers keywords {method} does not take"
    assert taken - offered == set(left_out), f"{name} lacks keywords of {method}"


@pytest.mark.parametrize("name", sorted(PARITY))
def test_each_keyword_filter_reaches_its_endpoint_by_name(name: str) -> None:
    # api/_build.endpoint_filters forwards the endpoint's keyword-only arguments only.
    method, renamed, _ = PARITY[name]
    taken = inspect.signature(getattr(Client, method)).parameters
    for keyword, parameter in inspect.signature(getattr(of, name)).parameters.items():
        wanted = taken.get(renamed.get(keyword, keyword))
        if parameter.kind is parameter.KEYWORD_ONLY and wanted is not None:
            assert wanted.kind is wanted.KEYWORD_ONLY, f"{name}({keyword}=) is not forwarded"

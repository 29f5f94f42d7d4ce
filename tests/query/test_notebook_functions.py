"""Every notebook function against the sandbox: exact rows, no repeats, fewest requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import osuframes.api as of
from osuframes.errors import NotFound
from osuframes.models import LazerScore
from tests.query.conftest import (
    Sandbox,
    cursor_requests,
    offset_requests,
    page_requests,
)


@dataclass(frozen=True)
class Expect:
    """What a notebook function must return against the sandbox's world."""

    name: str
    query: Callable[[Any], Any]
    rows: Callable[[Any], int]
    path: str
    requests: Callable[[int], int]
    unique: tuple[str, ...] = ("id",)


EXPECTATIONS = [
    Expect("user_bests", lambda c: of.user_bests(104, mode="osu", client=c),
           lambda w: w.user_score_count(104, "best", "osu"), "/api/v2/users/104/scores/best",
           lambda n: offset_requests(n, cap=200)),
    Expect("user_bests short", lambda c: of.user_bests(102, mode="osu", client=c),
           lambda w: w.user_score_count(102, "best", "osu"), "/api/v2/users/102/scores/best",
           lambda n: offset_requests(n, cap=200)),
    Expect("user_firsts", lambda c: of.user_firsts(7562902, mode="osu", client=c),
           lambda w: w.user_score_count(7562902, "firsts", "osu"),
           "/api/v2/users/7562902/scores/firsts",
           lambda n: offset_requests(n)),
    Expect("user_pinned", lambda c: of.user_pinned(104, mode="osu", client=c),
           lambda w: w.user_score_count(104, "pinned", "osu"), "/api/v2/users/104/scores/pinned",
           lambda n: offset_requests(n)),
    Expect("user_recents", lambda c: of.user_recents(2, mode="mania", client=c),
           lambda w: w.user_score_count(2, "recent", "mania"), "/api/v2/users/2/scores/recent",
           lambda n: offset_requests(n, cap=100)),
    Expect("user_beatmaps", lambda c: of.user_beatmaps(104, "favourite", client=c),
           lambda w: w.user_beatmapset_count(104, "favourite"),
           "/api/v2/users/104/beatmapsets/favourite", lambda n: offset_requests(n)),
    Expect("user_most_played", lambda c: of.user_most_played(105, client=c),
           lambda w: w.user_beatmapset_count(105, "most_played"),
           "/api/v2/users/105/beatmapsets/most_played", lambda n: offset_requests(n),
           unique=("beatmap_id",)),
    Expect("user_kudosu", lambda c: of.user_kudosu(103, client=c),
           lambda w: w.kudosu_history_count(103), "/api/v2/users/103/kudosu",
           lambda n: offset_requests(n, cap=100)),
    Expect("user_recent_activity", lambda c: of.user_recent_activity(105, client=c),
           lambda w: w.recent_activity_count(105), "/api/v2/users/105/recent_activity",
           lambda n: offset_requests(n, cap=100)),
    Expect("beatmap_scores", lambda c: of.beatmap_scores(82, mode="osu", client=c),
           lambda w: min(100, w.beatmap_score_count(82, "osu")), "/api/v2/beatmaps/82/scores",
           lambda n: 1),
    Expect("rankings", lambda c: of.rankings("osu", "performance", country="JP", client=c),
           lambda w: w.ranking_total("osu", "performance", "JP"),
           "/api/v2/rankings/osu/performance", lambda n: cursor_requests(n, 50),
           unique=("user.id",)),
    Expect("kudosu_rankings", lambda c: of.kudosu_rankings(client=c),
           lambda w: w.kudosu_ranking_total(), "/api/v2/rankings/kudosu",
           lambda n: page_requests(n, 50, 20)),
    Expect("search_beatmapsets", lambda c: of.search_beatmapsets(client=c),
           lambda w: w.beatmapset_search_total("", None, "leaderboard"),
           "/api/v2/beatmapsets/search", lambda n: cursor_requests(n, 50)),
    Expect("beatmap_packs", lambda c: of.beatmap_packs("tournament", client=c),
           lambda w: w.beatmap_pack_count("tournament"), "/api/v2/beatmaps/packs",
           lambda n: cursor_requests(n, 100), unique=("tag",)),
    Expect("beatmapset_events", lambda c: of.beatmapset_events(client=c),
           lambda w: w.beatmapset_events_total(), "/api/v2/beatmapsets/events",
           lambda n: page_requests(n, 50)),
    Expect("beatmapset_discussions", lambda c: of.beatmapset_discussions(client=c),
           lambda w: w.discussions_total(), "/api/v2/beatmapsets/discussions",
           lambda n: cursor_requests(n, 50)),
    Expect("beatmapset_discussion_posts", lambda c: of.beatmapset_discussion_posts(client=c),
           lambda w: w.discussion_posts_total(), "/api/v2/beatmapsets/discussions/posts",
           lambda n: cursor_requests(n, 50)),
    Expect("beatmapset_discussion_votes", lambda c: of.beatmapset_discussion_votes(client=c),
           lambda w: w.discussion_votes_total(), "/api/v2/beatmapsets/discussions/votes",
           lambda n: cursor_requests(n, 50)),
    Expect("multiplayer_matches", lambda c: of.multiplayer_matches(client=c),
           lambda w: w.matches_total(), "/api/v2/matches", lambda n: cursor_requests(n, 50)),
    Expect("match_events", lambda c: of.match_events(110000014, client=c),
           lambda w: w.match_event_count(110000014), "/api/v2/matches/110000014",
           lambda n: cursor_requests(n, 101)),
    Expect("multiplayer_rooms", lambda c: of.multiplayer_rooms(client=c),
           lambda w: len(w.room_ids(active=True, type_group="playlists")), "/api/v2/rooms",
           lambda n: 1),
    Expect("multiplayer_scores", lambda c: of.multiplayer_scores(1, 10, client=c),
           lambda w: w.playlist_score_count(1, 10), "/api/v2/rooms/1/playlist/10/scores",
           lambda n: cursor_requests(n, 50)),
    Expect("events", lambda c: of.events(client=c), lambda w: w.events_total(),
           "/api/v2/events", lambda n: cursor_requests(n, 50)),
    Expect("news", lambda c: of.news(client=c), lambda w: w.news_total(), "/api/v2/news",
           lambda n: cursor_requests(n, 21)),
    Expect("changelog", lambda c: of.changelog(client=c), lambda w: w.changelog_build_count(),
           "/api/v2/changelog", lambda n: offset_requests(n, 21)),
    Expect("comments", lambda c: of.comments(client=c), lambda w: w.comments_total(),
           "/api/v2/comments", lambda n: cursor_requests(n, 100)),
    Expect("forum_posts", lambda c: of.forum_posts(2, client=c),
           lambda w: w.forum_topic_post_count(2), "/api/v2/forums/topics/2",
           lambda n: cursor_requests(n, 50)),
    Expect("tags", lambda c: of.tags(client=c), lambda w: 20, "/api/v2/tags", lambda n: 1),
    Expect("room_events", lambda c: of.room_events(5, client=c),
           lambda w: len(w.multiplayer.room_events(5)), "/api/v2/rooms/5/events",
           lambda n: cursor_requests(n, 101)),
    Expect("user_beatmaps_passed",
           lambda c: of.user_beatmaps_passed(2, list(range(1, 51)), client=c),
           lambda w: len(w.passed_beatmap_ids(2, list(range(1, 51)))),
           "/api/v2/users/2/beatmaps-passed", lambda n: 1),
    # Without a cursor the feed starts at the latest 1000 and pages forward in time, so
    # the second request is the one that finds nothing newer.
    Expect("score_feed", lambda c: of.score_feed(client=c),
           lambda w: min(1000, len(w.score_feed_ids())), "/api/v2/scores", lambda n: 2),
]  # fmt: skip


@pytest.mark.parametrize("expect", EXPECTATIONS, ids=[e.name for e in EXPECTATIONS])
def test_rows_match_the_ground_truth_with_the_fewest_requests(sb: Sandbox, expect: Expect):
    frame = expect.query(sb.client).to_frame()
    rows = expect.rows(sb.world)
    assert len(frame) == rows
    assert not frame.duplicated(subset=list(expect.unique)).any()
    assert sb.requests(expect.path) == expect.requests(rows)


def test_users_come_in_batches_of_fifty(sb: Sandbox):
    ids = list(range(1, 131))
    frame = of.users(ids, client=sb.client).to_frame()
    assert sorted(frame["id"]) == [i for i in ids if sb.world.user_exists(i)]
    assert sb.requests("/api/v2/users") == 3


def test_beatmaps_come_in_batches_of_fifty(sb: Sandbox):
    ids = sb.world.ranked_beatmap_ids("osu")[:60]
    frame = of.beatmaps(ids, client=sb.client).to_frame()
    assert sorted(frame["id"]) == sorted(ids)
    assert sb.requests("/api/v2/beatmaps") == 2


def test_user_beatmap_scores_one_request_per_user(sb: Sandbox):
    users = sb.world.existing_user_ids(10)

    # The world's ground truth: at most one score per user and beatmap.
    def scored_on(beatmap: int) -> list[int]:
        return [u for u in users if sb.world.scores.user_on_beatmap(beatmap, 0, u) is not None]

    beatmap = next(b for b in sb.world.ranked_beatmap_ids("osu") if len(scored_on(b)) > 1)
    scored = scored_on(beatmap)
    assert 0 < len(scored) < len(users)
    query = of.user_beatmap_scores(users, beatmap, mode="osu", client=sb.client)
    frame = query.to_frame()
    assert query.errors == []
    assert len(frame) == len(scored)
    assert list(frame["user_id"]) == scored
    assert sb.requests(f"/api/v2/beatmaps/{beatmap}/scores/users") == len(users)


def test_user_beatmap_score_forwards_its_filters_to_the_endpoint(sb: Sandbox):
    """`mode` and `new_format` reach the request: the same score, in the format asked."""
    users = sb.world.existing_user_ids(10)
    beatmap, user = next(
        (b, u)
        for b in sb.world.ranked_beatmap_ids("osu")
        for u in users
        if sb.world.scores.user_on_beatmap(b, 0, u) is not None
    )
    legacy = of.user_beatmap_score(user, beatmap, mode="osu", client=sb.client)
    lazer = of.user_beatmap_score(user, beatmap, mode="osu", new_format=True, client=sb.client)
    assert not isinstance(legacy.score, LazerScore) and isinstance(lazer.score, LazerScore)
    assert legacy.position == lazer.position and legacy.score.user_id == user
    with pytest.raises(NotFound):  # no taiko score on it (mode is sent, not dropped)
        of.user_beatmap_score(user, beatmap, mode="taiko", client=sb.client)


def test_match_scores_has_one_row_per_player_per_game(sb: Sandbox):
    match_id = 110000014
    events = of.match_events(match_id, client=sb.client).to_list()
    games = [event.game for event in events if event.game is not None]
    frame = of.match_scores(match_id, client=sb.client).to_frame()
    assert len(frame) == sum(len(game.scores or []) for game in games)
    assert set(frame["game.id"]) == {game.id for game in games}
    assert {"match_id", "event_id", "user_id", "score", "mods", "mods_str", "match.team",
            "game.mods", "game.team_type", "beatmap.id"} <= set(frame.columns)  # fmt: skip
    assert (frame["match_id"] == match_id).all()


def test_single_resources_come_back_as_models(sb: Sandbox):
    assert of.user(104, client=sb.client).id == 104
    beatmap_id = sb.world.ranked_beatmap_ids("osu")[0]
    assert of.beatmap(beatmap_id, client=sb.client).id == beatmap_id
    assert of.beatmapset(of.beatmap(beatmap_id, client=sb.client).beatmapset_id,
                         client=sb.client).id  # fmt: skip
    assert of.match(110000014, client=sb.client).match.id == 110000014
    assert of.room(1, client=sb.client).id == 1
    score_id = int(of.user_bests(104, mode="osu", client=sb.client).to_frame()["id"][0])
    assert of.score(score_id, "osu", client=sb.client).id == score_id

"""Every recorded osu! API v2 response parses into its model, in strict mode.

The fixtures are read in place from ``../shared/fixtures/osu-api-v2/`` (see its
README.md and MANIFEST.tsv); the module is skipped when that folder is absent.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from osuframes.models import (
    ArtistTracksResponse,
    Beatmap,
    BeatmapAttributes,
    BeatmapPack,
    BeatmapPacksResponse,
    BeatmapPlaycount,
    BeatmapRankStatus,
    BeatmapScores,
    Beatmapset,
    BeatmapsetDiscussionPostsResponse,
    BeatmapsetDiscussionsResponse,
    BeatmapsetDiscussionVotesResponse,
    BeatmapsetEventsResponse,
    BeatmapsetSearch,
    BeatmapsResponse,
    BeatmapUserScores,
    Build,
    ChangelogListing,
    ChatAck,
    ChatChannel,
    ChatChannelResponse,
    ChatMessage,
    ChatPrivateMessageResponse,
    CommentBundle,
    DifficultyAttributes,
    Event,
    EventsResponse,
    ForumCreateTopicResponse,
    ForumPost,
    ForumTopic,
    ForumTopicResponse,
    Gamemode,
    KudosuHistory,
    KudosuRanking,
    LazerScore,
    MultiplayerMatchesResponse,
    MultiplayerMatchResponse,
    MultiplayerScoresResponse,
    NewsListing,
    NewsPost,
    OsuDifficultyAttributes,
    OsuModel,
    Rankings,
    RankingType,
    Room,
    RoomLeaderboard,
    Score,
    ScoreRank,
    SearchResponse,
    SeasonalBackgrounds,
    Spotlights,
    TaikoDifficultyAttributes,
    UserExtended,
    UserRelation,
    UsersResponse,
    UserStatistics,
    WikiPage,
    decode_cursor_string,
)

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "osu-api-v2"

if not FIXTURES.is_dir():
    pytest.skip(
        f"osu! API v2 fixtures not found at {FIXTURES} (expected ../shared beside the checkout)",
        allow_module_level=True,
    )


@dataclass(frozen=True)
class Parse:
    """The fixture's body parses as ``target`` (a model or e.g. ``list[Score]``)."""

    target: Any


@dataclass(frozen=True)
class Skip:
    """The fixture is not a model body; ``reason`` says where it is covered."""

    reason: str


ERROR_BODY = Skip("error body, covered by client tests")

# Every file in the fixtures folder, mapped to the type that parses its body.
FIXTURE_TABLE: dict[str, Parse | Skip] = {
    "create_chat_channel_200.json": Parse(ChatChannel),
    "create_forum_topic_200.json": Parse(ForumCreateTopicResponse),
    "difficulty_attributes_fruits.json": Parse(BeatmapAttributes),
    "difficulty_attributes_mania.json": Parse(BeatmapAttributes),
    "difficulty_attributes_osu.json": Parse(BeatmapAttributes),
    "difficulty_attributes_taiko.json": Parse(BeatmapAttributes),
    "edit_forum_post_200.json": Parse(ForumPost),
    "edit_forum_topic_title_200.json": Parse(ForumTopic),
    "get_beatmap_200.json": Parse(Beatmap),
    "get_beatmap_404.json": ERROR_BODY,
    "get_beatmap_attributes_200.json": Parse(BeatmapAttributes),
    "get_beatmap_attributes_404.json": ERROR_BODY,
    "get_beatmap_pack_200.json": Parse(BeatmapPack),
    "get_beatmap_pack_404.json": ERROR_BODY,
    "get_beatmap_packs_200.json": Parse(BeatmapPacksResponse),
    "get_beatmap_scores_200.json": Parse(BeatmapScores),
    "get_beatmap_scores_404.json": ERROR_BODY,
    "get_beatmaps_200.json": Parse(BeatmapsResponse),
    "get_beatmapset_200.json": Parse(Beatmapset),
    "get_beatmapset_404.json": ERROR_BODY,
    "get_beatmapset_discussion_posts_200.json": Parse(BeatmapsetDiscussionPostsResponse),
    "get_beatmapset_discussion_votes_200.json": Parse(BeatmapsetDiscussionVotesResponse),
    "get_beatmapset_discussions_200.json": Parse(BeatmapsetDiscussionsResponse),
    "get_beatmapset_events_200.json": Parse(BeatmapsetEventsResponse),
    "get_changelog_build_200.json": Parse(Build),
    "get_changelog_build_404.json": ERROR_BODY,
    "get_changelog_listing_200.json": Parse(ChangelogListing),
    "get_channel_200.json": Parse(ChatChannelResponse),
    "get_channel_404.json": ERROR_BODY,
    "get_channel_messages_200.json": Parse(list[ChatMessage]),
    "get_channel_messages_404.json": ERROR_BODY,
    "get_channels_200.json": Parse(list[ChatChannel]),
    "get_chat_ack_200.json": Parse(ChatAck),
    "get_comment_200.json": Parse(CommentBundle),
    "get_comment_404.json": ERROR_BODY,
    "get_comments_200.json": Parse(CommentBundle),
    "get_events_200.json": Parse(EventsResponse),
    "get_featured_artists_200.json": Parse(ArtistTracksResponse),
    "get_featured_tracks_200.json": Parse(ArtistTracksResponse),
    "get_forum_topic_200.json": Parse(ForumTopicResponse),
    "get_forum_topic_404.json": ERROR_BODY,
    "get_matches_200.json": Parse(MultiplayerMatchesResponse),
    "get_me_200.json": Parse(UserExtended),
    "get_multiplayer_leaderboard_200.json": Parse(RoomLeaderboard),
    "get_multiplayer_leaderboard_404.json": ERROR_BODY,
    "get_multiplayer_match_200.json": Parse(MultiplayerMatchResponse),
    "get_multiplayer_match_404.json": ERROR_BODY,
    "get_multiplayer_matches_200.json": Parse(MultiplayerMatchesResponse),
    "get_multiplayer_room_200.json": Parse(Room),
    "get_multiplayer_room_404.json": ERROR_BODY,
    "get_multiplayer_rooms_200.json": Parse(list[Room]),
    "get_multiplayer_scores_200.json": Parse(MultiplayerScoresResponse),
    "get_multiplayer_scores_404.json": ERROR_BODY,
    "get_news_listing_200.json": Parse(NewsListing),
    "get_news_post_200.json": Parse(NewsPost),
    "get_news_post_404.json": ERROR_BODY,
    "get_own_friends_200.json": Parse(list[UserRelation]),
    "get_rankings_200.json": Parse(Rankings),
    "get_rankings_404.json": ERROR_BODY,
    "get_rankings_kudosu_200.json": Parse(KudosuRanking),
    "get_score_200.json": Parse(Score),
    "get_score_404.json": ERROR_BODY,
    "get_score_lazer_200.json": Parse(LazerScore),
    "get_score_lazer_404.json": ERROR_BODY,
    "get_seasonal_backgrounds_200.json": Parse(SeasonalBackgrounds),
    "get_spotlights_200.json": Parse(Spotlights),
    "get_user_200.json": Parse(UserExtended),
    "get_user_404.json": ERROR_BODY,
    "get_user_beatmap_scores_200.json": Parse(BeatmapUserScores),
    "get_user_beatmap_scores_404.json": ERROR_BODY,
    "get_user_beatmaps_200.json": Parse(list[Beatmapset]),
    "get_user_beatmaps_404.json": ERROR_BODY,
    "get_user_bests_200.json": Parse(list[Score]),
    "get_user_bests_404.json": ERROR_BODY,
    "get_user_firsts_200.json": Parse(list[Score]),
    "get_user_firsts_404.json": ERROR_BODY,
    "get_user_kudosu_200.json": Parse(list[KudosuHistory]),
    "get_user_kudosu_404.json": ERROR_BODY,
    "get_user_most_played_200.json": Parse(list[BeatmapPlaycount]),
    "get_user_most_played_404.json": ERROR_BODY,
    "get_user_pinned_200.json": Parse(list[Score]),
    "get_user_pinned_404.json": ERROR_BODY,
    "get_user_recent_activity_200.json": Parse(list[Event]),
    "get_user_recent_activity_404.json": ERROR_BODY,
    "get_user_recents_200.json": Parse(list[Score]),
    "get_user_recents_404.json": ERROR_BODY,
    "get_users_200.json": Parse(UsersResponse),
    "get_wiki_page_200.json": Parse(WikiPage),
    "get_wiki_page_404.json": Skip(
        "empty body: the API answered this 404 without JSON; covered by client tests"
    ),
    "join_channel_200.json": Parse(ChatChannel),
    "lookup_beatmap_200.json": Parse(Beatmap),
    "lookup_beatmap_404.json": ERROR_BODY,
    "lookup_beatmaps_200.json": Parse(Beatmap),
    "lookup_beatmapset_200.json": Parse(Beatmapset),
    "lookup_beatmapset_404.json": ERROR_BODY,
    "lookup_changelog_build_200.json": Parse(Build),
    "lookup_changelog_build_404.json": ERROR_BODY,
    "reply_forum_topic_200.json": Parse(ForumPost),
    "score_fruits.json": Parse(list[Score]),
    "score_mania.json": Parse(list[Score]),
    "score_osu.json": Parse(list[Score]),
    "score_taiko.json": Parse(list[Score]),
    "search_200.json": Parse(SearchResponse),
    "search_beatmapsets_200.json": Parse(BeatmapsetSearch),
    "send_message_200.json": Parse(ChatMessage),
    "send_private_message_200.json": Parse(ChatPrivateMessageResponse),
}

# (model class, field) pairs that strict mode may report without failing, each with a
# one-line reason. Empty on purpose: every field seen in the fixtures is modelled.
STRICT_ALLOWLIST: dict[tuple[str, str], str] = {}

_UNEXPECTED = re.compile(r"(\w+) got unexpected field\(s\) (.+?) in strict mode")

PARSED = sorted(name for name, entry in FIXTURE_TABLE.items() if isinstance(entry, Parse))


def _body(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _parse(name: str, *, strict: bool = False) -> Any:
    entry = FIXTURE_TABLE[name]
    assert isinstance(entry, Parse)
    context = {"strict": True} if strict else None
    return TypeAdapter(entry.target).validate_python(_body(name), context=context)


def _not_allowlisted(error: Mapping[str, Any]) -> bool:
    match = _UNEXPECTED.search(error["msg"])
    if match is None:
        return True
    model, fields = match.group(1), re.findall(r"'([^']+)'", match.group(2))
    return any((model, field) not in STRICT_ALLOWLIST for field in fields)


def _walk(value: Any) -> Any:
    """Yield every value inside parsed models, lists and dicts."""
    yield value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


def test_every_fixture_file_is_accounted_for() -> None:
    on_disk = {path.name for path in FIXTURES.glob("*.json")}
    with (FIXTURES / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        in_manifest = {row["file"] for row in csv.DictReader(handle, delimiter="\t")}
    assert in_manifest == on_disk
    assert set(FIXTURE_TABLE) == on_disk
    assert len(on_disk) == 106


def test_every_skip_is_an_error_body_or_the_empty_wiki_404() -> None:
    for name, entry in FIXTURE_TABLE.items():
        if isinstance(entry, Skip):
            assert "_404" in name, name
            text = (FIXTURES / name).read_text(encoding="utf-8")
            assert text == "" or "error" in json.loads(text), name


def test_every_allowlisted_field_has_a_justification() -> None:
    for key, reason in STRICT_ALLOWLIST.items():
        assert reason.strip(), key


@pytest.mark.parametrize("name", PARSED)
def test_fixture_parses_in_strict_mode(name: str) -> None:
    try:
        _parse(name, strict=True)
    except ValidationError as exc:
        remaining = [error for error in exc.errors() if _not_allowlisted(error)]
        if remaining:
            raise


@pytest.mark.parametrize("name", PARSED)
def test_fixture_datetimes_are_aware_utc(name: str) -> None:
    for value in _walk(_parse(name)):
        if isinstance(value, datetime):
            assert value.utcoffset() == timedelta(0), (name, value)


@pytest.mark.parametrize("name", PARSED)
def test_fixture_models_make_one_row_frames(name: str) -> None:
    parsed = _parse(name)
    models = parsed if isinstance(parsed, list) else [parsed]
    for model in models[:3]:
        assert isinstance(model, OsuModel)
        assert len(model.to_frame()) == 1


@pytest.mark.parametrize("name", PARSED)
def test_fixture_models_have_short_reprs_and_keep_everything_in_to_dict(name: str) -> None:
    parsed = _parse(name)
    for model in parsed if isinstance(parsed, list) else [parsed]:
        assert len(repr(model)) < 300, (name, repr(model)[:400])
        assert repr(model).startswith(type(model).__name__ + "(")
        assert str(model) == repr(model)
        assert model.to_dict() == model.model_dump(mode="python", by_alias=True)


def test_legacy_score_reads_back() -> None:
    score = _parse("get_score_200.json")
    assert score.id == 4220635589
    assert score.pp == pytest.approx(272.905)
    assert score.mode is Gamemode.OSU
    assert score.mods.acronyms == ["HD"]
    assert score.rank is ScoreRank.SILVER_S
    assert score.created_at == datetime(2022, 7, 17, 13, 20, 7, tzinfo=UTC)
    assert score.statistics.count_300 == 1195
    assert score.statistics.count_geki is None
    assert score.user.username == "choke enough"
    assert score.user.team.short_name == "SDMC"
    assert score.beatmap.id == 3659392
    assert [owner.username for owner in score.beatmap.owners] == ["emilia", "tatemae", "schoolboy"]
    assert score.beatmapset.covers.card_2x == (
        "https://assets.ppy.sh/beatmaps/1786386/covers/card@2x.jpg?1656110821"
    )


def test_lazer_score_is_the_same_play_as_the_legacy_score() -> None:
    lazer = _parse("get_score_lazer_200.json")
    legacy = _parse("get_score_200.json")
    assert lazer.legacy_score_id == legacy.id == 4220635589
    assert lazer.id == 1581778626
    assert lazer.ruleset_id == 0 and lazer.mode is Gamemode.OSU
    assert lazer.mods.acronyms == ["HD", "CL"]
    assert lazer.mods.bitmask == legacy.mods.bitmask == 8
    assert lazer.statistics.great == legacy.statistics.count_300 == 1195
    assert lazer.statistics.ok == 17
    assert lazer.statistics.miss == 0  # absent in the body: the server omits zeros
    assert lazer.maximum_statistics.great == 1212
    assert lazer.legacy_total_score == legacy.score == 57074453
    assert lazer.total_score == 995603
    assert lazer.ended_at == legacy.created_at
    assert lazer.started_at is None


def test_user_best_scores_carry_weights_and_mods() -> None:
    bests = _parse("get_user_bests_200.json")
    assert len(bests) == 5
    assert all(score.weight is not None and score.pp is not None for score in bests)
    assert bests[0].weight.percentage == 100
    assert all(score.current_user_attributes.pin is not None for score in bests)


@pytest.mark.parametrize(
    ("name", "mode", "acronyms", "bitmask"),
    [
        ("score_osu.json", Gamemode.OSU, ["HD", "HR"], 24),
        ("score_taiko.json", Gamemode.TAIKO, ["EZ", "HD", "NC", "FL"], 2 + 8 + 64 + 512 + 1024),
        ("score_fruits.json", Gamemode.FRUITS, ["DT"], 64),
        ("score_mania.json", Gamemode.MANIA, [], 0),
    ],
)
def test_scores_of_each_ruleset_read_mode_and_mods(
    name: str, mode: Gamemode, acronyms: list[str], bitmask: int
) -> None:
    (score,) = _parse(name)
    assert score.mode is mode
    assert score.mode_int == mode.id
    assert score.mods.acronyms == acronyms
    assert score.mods.bitmask == bitmask
    assert score.user.username == "Woey"


def test_beatmap_scores_are_legacy_scores_with_users() -> None:
    leaderboard = _parse("get_beatmap_scores_200.json")
    assert len(leaderboard.scores) == 50
    assert leaderboard.score_count == 5291
    assert all(isinstance(score, Score) for score in leaderboard.scores)
    assert all(score.user is not None for score in leaderboard.scores)
    assert _parse("get_user_beatmap_scores_200.json").scores[0].pp == pytest.approx(388.308)


def test_me_reads_profile_and_session_fields() -> None:
    me = _parse("get_me_200.json")
    assert me.id == 7782553 and me.username == "aesth"
    assert me.session_verified is True
    assert me.statistics.pp == pytest.approx(7036.89)
    assert me.statistics.grade_counts.ssh == 8
    assert me.statistics.level.current == 100
    assert me.statistics_rulesets.mania.pp == pytest.approx(4143.7)
    assert me.rank_history.mode is Gamemode.OSU
    assert me.rank_history.data[:2] == [39621, 39644] and len(me.rank_history.data) == 90
    assert me.join_date == datetime(2016, 1, 18, 19, 42, tzinfo=UTC)
    assert me.monthly_playcounts[0].start_date.isoformat() == "2016-01-01"
    assert "rankHistory" not in me.to_dict()  # deprecated duplicate, dropped


def test_user_reads_groups_and_team() -> None:
    peppy = _parse("get_user_200.json")
    assert peppy.id == 2 and peppy.username == "peppy"
    assert {group.identifier for group in peppy.groups} == {"ppy", "dev"}
    assert peppy.team.id == 1
    assert peppy.playstyle == ["mouse", "touch"]


def test_friends_are_user_relations_with_their_target() -> None:
    friends = _parse("get_own_friends_200.json")
    assert len(friends) == 337
    assert all(friend.target.id == friend.target_id for friend in friends)
    assert {friend.relation_type for friend in friends} == {"friend"}


def test_rankings_rows_are_user_statistics_with_a_cursor() -> None:
    rankings = _parse("get_rankings_200.json")
    assert len(rankings.ranking) == 50
    assert all(isinstance(row, UserStatistics) and row.user for row in rankings.ranking)
    assert rankings.total == 10000
    assert rankings.cursor == {"page": 2}
    assert decode_cursor_string(rankings.cursor_string) == rankings.cursor
    assert rankings.has_next_page
    assert RankingType.parse("pp") is RankingType.PERFORMANCE


def test_kudosu_ranking_and_spotlights() -> None:
    kudosu = _parse("get_rankings_kudosu_200.json")
    assert len(kudosu.ranking) == 50
    assert all(user.kudosu.total is not None for user in kudosu.ranking)
    spotlights = _parse("get_spotlights_200.json").spotlights
    assert len(spotlights) == 132
    assert all(spot.start_date.tzinfo is not None for spot in spotlights)


def test_beatmap_and_beatmapset_read_back() -> None:
    beatmap = _parse("get_beatmap_200.json")
    assert beatmap.id == 2906626
    assert beatmap.status is BeatmapRankStatus.RANKED and beatmap.ranked == 1
    assert beatmap.mode is Gamemode.OSU
    assert beatmap.difficulty_rating == pytest.approx(5.10599)
    assert beatmap.beatmapset.id == 1354218
    assert beatmap.beatmapset.covers.card_2x is not None
    assert beatmap.owners[0].username == "Smug Nanachi"
    assert len(beatmap.failtimes.fail) == 100
    beatmapset = _parse("get_beatmapset_200.json")
    assert beatmapset.id == 1107500
    assert {b.mode for b in beatmapset.converts} <= set(Gamemode)
    assert all(b.convert for b in beatmapset.converts)
    assert beatmapset.genre.name == "Pop"
    assert beatmapset.nominations_summary.eligible_main_rulesets == [Gamemode.OSU]
    old = _parse("lookup_beatmaps_200.json")  # 2023 recording: nominations "required"
    assert old.beatmapset.nominations_summary.required is not None


def test_difficulty_attributes_pick_the_ruleset_model() -> None:
    osu = _parse("difficulty_attributes_osu.json").attributes
    assert isinstance(osu, OsuDifficultyAttributes)
    assert osu.star_rating == pytest.approx(7.27307, abs=1e-5)
    assert osu.aim_difficulty == pytest.approx(3.44384, abs=1e-5)
    taiko = _parse("difficulty_attributes_taiko.json").attributes
    assert isinstance(taiko, TaikoDifficultyAttributes)
    assert taiko.mono_stamina_factor is not None
    for name in ("difficulty_attributes_fruits.json", "difficulty_attributes_mania.json"):
        attributes = _parse(name).attributes
        assert type(attributes) is DifficultyAttributes
        assert attributes.max_combo is not None


def test_beatmap_packs_and_most_played() -> None:
    pack = _parse("get_beatmap_pack_200.json")
    assert pack.tag == "L1"
    assert len(pack.beatmapsets) == 9
    assert pack.date == datetime(2023, 6, 19, 5, 47, 42, tzinfo=UTC)
    packs = _parse("get_beatmap_packs_200.json")
    assert len(packs.beatmap_packs) == 100
    assert packs.cursor == {"pack_id": 4295}
    most_played = _parse("get_user_most_played_200.json")
    assert all(entry.beatmap_id == entry.beatmap.id for entry in most_played)


def test_legacy_match_games_hold_scores_with_match_slots() -> None:
    response = _parse("get_multiplayer_match_200.json")
    assert response.match.id == 105019274
    assert response.first_event_id == 2176974191
    assert response.current_game_id is None
    games = [event.game for event in response.events if event.game is not None]
    assert games
    score = next(score for game in games for score in game.scores or [])
    assert isinstance(score, Score) and score.id is None
    assert score.match.team in {"red", "blue"} and score.match.pass_ is True
    assert score.to_dict()["match"]["pass"] is True
    assert games[0].mode is Gamemode.OSU


def test_playlist_scores_are_lazer_scores_with_room_ids() -> None:
    response = _parse("get_multiplayer_scores_200.json")
    assert response.total == 2 and response.cursor is None and not response.has_next_page
    for score in response.scores:
        assert score.room_id == 583093 and score.playlist_item_id == 5307446
        assert score.mode is Gamemode.MANIA
        assert score.mods.acronyms == ["4K"]
        assert score.pp is None


def test_rooms_keep_mod_settings() -> None:
    rooms = _parse("get_multiplayer_rooms_200.json")
    assert len(rooms) == 228
    settings = [
        room.current_playlist_item.required_mods.settings_of("DT")
        for room in rooms
        if room.current_playlist_item is not None
    ]
    assert {"adjust_pitch": True, "speed_change": 1.15} in settings
    room = _parse("get_multiplayer_room_200.json")
    assert room.id == 1 and room.host.username == "peppy"
    assert room.playlist[0].beatmap.beatmapset.id == 1
    assert _parse("get_multiplayer_leaderboard_200.json").leaderboard[0].user.id == 2


def test_discussions_posts_votes_and_events() -> None:
    discussions = _parse("get_beatmapset_discussions_200.json")
    assert len(discussions.discussions) == 50
    assert discussions.cursor == {"page": 2, "limit": 50}
    assert discussions.reviews_config.max_blocks == 100
    posts = _parse("get_beatmapset_discussion_posts_200.json")
    assert len(posts.posts) == 50
    votes = _parse("get_beatmapset_discussion_votes_200.json")
    assert {vote.score for vote in votes.votes} <= {1, -1}
    events = _parse("get_beatmapset_events_200.json")
    assert len(events.events) == 50
    assert events.reviewsConfig.max_blocks == 100
    edits = [event.comment for event in events.events if event.type == "genre_edit"]
    assert edits and isinstance(edits[0].new, str)


def test_chat_forum_news_wiki_changelog_comments() -> None:
    assert _parse("get_channel_200.json").channel.channel_id == 5
    pm = _parse("send_private_message_200.json")
    assert pm.channel.users == [664, 665] and pm.message.sender.username == "NiceAesth"
    assert _parse("send_message_200.json").timestamp == datetime(2026, 7, 4, 0, 48, 5, tzinfo=UTC)
    assert _parse("get_chat_ack_200.json").silences == []
    topic = _parse("get_forum_topic_200.json")
    assert topic.topic.id == 7 and len(topic.posts) == 20
    assert _parse("create_forum_topic_200.json").post.body.raw == "Test body"
    news = _parse("get_news_listing_200.json")
    assert len(news.news_posts) == 12 and news.news_sidebar.current_year == 2026
    post = _parse("get_news_post_200.json")
    assert post.id == 1 and post.navigation.older.first_image_2x is not None
    assert _parse("get_wiki_page_200.json").path == "Main_page"
    listing = _parse("get_changelog_listing_200.json")
    assert len(listing.builds) == 21 and listing.search.from_ is None
    build = _parse("get_changelog_build_200.json")
    assert build.version == "2023.815.0" and build.versions.next.id == 7091
    comments = _parse("get_comments_200.json")
    assert len(comments.comments) == 50 and comments.has_more is True
    assert comments.cursor == {"created_at": "2026-07-03T23:54:26.000000Z", "id": 4108280}


def test_events_search_artists_backgrounds_and_kudosu() -> None:
    events = _parse("get_events_200.json")
    assert len(events.events) == 50
    ranks = [event for event in events.events if event.type == "rank"]
    assert ranks and all(isinstance(event.scoreRank, ScoreRank) for event in ranks)
    activity = _parse("get_user_recent_activity_200.json")
    assert activity[0].user.username == "mrekk" and activity[0].mode is Gamemode.OSU
    search = _parse("search_200.json")
    assert search.user.data[0].username == "peppy" and search.wiki_page.total == 69
    beatmapsets = _parse("search_beatmapsets_200.json")
    assert len(beatmapsets.beatmapsets) == 50 and beatmapsets.total == 3890
    assert beatmapsets.cursor == {"_score": 38.12546, "id": 13845}
    tracks = _parse("get_featured_tracks_200.json")
    assert len(tracks.artist_tracks) == 50 and tracks.artist_tracks[0].artist.id == 255
    backgrounds = _parse("get_seasonal_backgrounds_200.json")
    assert len(backgrounds.backgrounds) == 21
    kudosu = _parse("get_user_kudosu_200.json")
    assert kudosu[0].id == 3058410 and kudosu[0].details == {"event": "vote"}


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("get_users_200.json", "users"),
        ("get_beatmaps_200.json", "beatmaps"),
        ("get_user_recents_200.json", None),
        ("get_channel_messages_200.json", None),
    ],
)
def test_degenerate_empty_bodies_still_parse(name: str, field: str | None) -> None:
    parsed = _parse(name, strict=True)
    assert (getattr(parsed, field) if field else parsed) == []

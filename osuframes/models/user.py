"""Users: the compact ``User``, the profile ``UserExtended`` and their parts.

``User`` is what the API embeds everywhere (score owners, ranking rows, chat senders);
its optional includes (``country``, ``cover``, ``team``, ``statistics`` …) are ``None``
when the endpoint did not include them. ``UserExtended`` is ``GET users/{user}`` and
``GET me`` (which adds ``session_verified``, ``statistics_rulesets`` …).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from pydantic import Field

from .base import OsuModel
from .common import Gamemode, UTCDateTime

__all__ = [
    "Country",
    "DailyChallengeUserStats",
    "GradeCounts",
    "GroupDescription",
    "MatchmakingPool",
    "MatchmakingStats",
    "ProfileBanner",
    "RankHighest",
    "RankHistory",
    "Team",
    "User",
    "UserAccountHistory",
    "UserAchievement",
    "UserBadge",
    "UserCover",
    "UserCurrentAttributes",
    "UserExtended",
    "UserGroup",
    "UserKudosu",
    "UserLevel",
    "UserMonthlyCount",
    "UserPage",
    "UserRelation",
    "UserStatistics",
    "UserStatisticsRank",
    "UserStatisticsRulesets",
    "UserStatisticsVariant",
    "UsersResponse",
]


class Country(OsuModel):
    """A country, by ISO 3166-1 alpha-2 ``code`` and English ``name``."""

    code: str
    """ISO 3166-1 alpha-2 country code."""
    name: str | None = None
    """The country's English name."""


class UserCover(OsuModel):
    """A profile cover: a preset (``id`` is a string like ``"4"``) or a custom upload."""

    custom_url: str | None = None
    """The address of an uploaded cover; null for a preset."""
    url: str | None = None
    """The address of the cover image."""
    id: str | None = None
    """The preset cover's id (a string such as `"4"`); null for an upload."""


class Team(OsuModel):
    """The team a user belongs to (compact form)."""

    id: int
    """The team id."""
    name: str | None = None
    """The team's name."""
    short_name: str | None = None
    """The team's short name (a tag of up to 4 characters)."""
    flag_url: str | None = None
    """The address of the team's flag image."""


class GroupDescription(OsuModel):
    """A user group's description in both formats."""

    html: str | None = None
    markdown: str | None = None


class UserGroup(OsuModel):
    """A user group such as BN, NAT or GMT; ``playmodes`` when it is ruleset-specific."""

    id: int
    identifier: str | None = None
    name: str | None = None
    short_name: str | None = None
    colour: str | None = None
    description: GroupDescription | None = None
    has_listing: bool | None = None
    has_playmodes: bool | None = None
    is_probationary: bool | None = None
    playmodes: list[Gamemode] | None = None


class UserKudosu(OsuModel):
    """Kudosu a user has earned in total and can still give away."""

    available: int | None = None
    """Kudosu the user can still give away."""
    total: int | None = None
    """Kudosu the user earned in all."""


class GradeCounts(OsuModel):
    """How many scores a user holds per grade (``ssh`` is silver SS)."""

    a: int | None = None
    """Scores with grade A."""
    s: int | None = None
    """Scores with grade S."""
    sh: int | None = None
    """Scores with silver S."""
    ss: int | None = None
    """Scores with grade SS."""
    ssh: int | None = None
    """Scores with silver SS."""


class UserLevel(OsuModel):
    """A user's level and the percent of the way to the next one."""

    current: int | None = None
    """The level."""
    progress: int | None = None
    """Percent of the way to the next level."""


class UserStatisticsRank(OsuModel):
    """Ranks nested under ``statistics.rank`` (``global`` is a keyword in Python)."""

    country: int | None = None
    """Rank by pp in the user's country."""
    global_: int | None = Field(
        default=None, validation_alias="global", serialization_alias="global"
    )
    """Global rank by pp."""


class UserStatisticsVariant(OsuModel):
    """Per-variant statistics (osu!mania 4K / 7K)."""

    mode: Gamemode | None = None
    variant: str | None = None
    country_rank: int | None = None
    global_rank: int | None = None
    pp: float | None = None


class UserStatistics(OsuModel):
    """A user's statistics in one ruleset; ranking rows also carry ``user``."""

    accuracy: float | None = None
    """Weighted accuracy of the top scores, as a fraction."""
    count_100: int | None = None
    """100s hit in all ranked plays."""
    count_300: int | None = None
    """300s hit in all ranked plays."""
    count_50: int | None = None
    """50s hit in all ranked plays."""
    count_miss: int | None = None
    """Misses in all ranked plays."""
    country_rank: int | None = None
    """Rank by pp in the user's country."""
    global_rank: int | None = None
    """Global rank by pp; null for inactive or unranked users."""
    global_rank_exp: int | None = None
    """Global rank in the experimental pp system, if any."""
    global_rank_percent: float | None = None
    """Global rank as a fraction of ranked users."""
    grade_counts: GradeCounts | None = None
    """How many scores the user holds per grade."""
    hit_accuracy: float | None = None
    """Weighted accuracy in percent."""
    is_ranked: bool | None = None
    """Whether the user is on the ranking (active with pp)."""
    level: UserLevel | None = None
    """The user's level."""
    maximum_combo: int | None = None
    """The highest combo the user ever reached."""
    play_count: int | None = None
    """Plays in the ruleset."""
    play_time: int | None = None
    """Time played, in seconds."""
    pp: float | None = None
    """Total performance points."""
    pp_exp: float | None = None
    """Total pp in the experimental pp system, if any."""
    rank: UserStatisticsRank | None = None
    """Ranks (older form of global_rank and country_rank)."""
    rank_change_since_30_days: int | None = None
    """Change of the global rank over the last 30 days."""
    ranked_score: int | None = None
    """Sum of the best scores on ranked beatmaps."""
    replays_watched_by_others: int | None = None
    """How many times others watched the user's replays."""
    total_hits: int | None = None
    """Notes hit in all plays."""
    total_score: int | None = None
    """Sum of the scores of all plays."""
    variants: list[UserStatisticsVariant] | None = None
    """Statistics per variant (osu!mania 4K and 7K)."""
    user: User | None = None
    """The user the row is about (ranking rows)."""


class UserStatisticsRulesets(OsuModel):
    """``statistics_rulesets``: one ``UserStatistics`` per ruleset (``GET users?ids[]``,
    ``GET me``); its keys are the four rulesets, so each is a column group in frames."""

    osu_closed_keys: ClassVar[bool] = True

    osu: UserStatistics | None = None
    """Statistics in osu."""
    taiko: UserStatistics | None = None
    """Statistics in taiko."""
    fruits: UserStatistics | None = None
    """Statistics in fruits."""
    mania: UserStatistics | None = None
    """Statistics in mania."""


class UserCurrentAttributes(OsuModel):
    """What the token's owner may do with this user."""

    has_blocked: bool | None = None


class User(OsuModel):
    """The compact user the API embeds in most responses.

    Attributes after ``username`` are optional includes; ``None`` means "not included".
    """

    osu_includes: ClassVar[frozenset[str]] = frozenset(
        {
            "country",
            "cover",
            "groups",
            "kudosu",
            "statistics",
            "statistics_rulesets",
            "support_level",
            "team",
        }
    )

    id: int
    """The user id."""
    username: str
    """The current username."""
    avatar_url: str | None = None
    """The address of the avatar image."""
    country_code: str | None = None
    """ISO 3166-1 alpha-2 code of the user's country."""
    default_group: str | None = None
    """The user's main group (`default`, `bng`, …)."""
    is_active: bool | None = None
    """Whether the user played or logged in within the last months."""
    is_bot: bool | None = None
    """Whether the account is a bot."""
    is_deleted: bool | None = None
    """Whether the account was deleted."""
    is_online: bool | None = None
    """Whether the user is online now."""
    is_supporter: bool | None = None
    """Whether the user has osu!supporter now."""
    last_visit: UTCDateTime | None = None
    """When the user was last online; null if they hide it."""
    pm_friends_only: bool | None = None
    """Whether only friends may send the user messages."""
    profile_colour: str | None = None
    """The colour of the user's name (staff and some groups)."""
    country: Country | None = None
    """The user's country."""
    cover: UserCover | None = None
    """The profile cover image."""
    groups: list[UserGroup] | None = None
    """The user groups the user belongs to."""
    kudosu: UserKudosu | None = None
    """Kudosu earned for modding help."""
    statistics: UserStatistics | None = None
    """The user's statistics in the requested ruleset."""
    statistics_rulesets: UserStatisticsRulesets | None = None
    """The user's statistics in each ruleset."""
    support_level: int | None = None
    """How many osu!supporter tags the user holds (0-3)."""
    team: Team | None = None
    """The team the user belongs to."""


class RankHighest(OsuModel):
    """The best global rank a user ever reached, and when."""

    rank: int
    updated_at: UTCDateTime | None = None


class RankHistory(OsuModel):
    """Daily global rank over the last 90 days, oldest first."""

    mode: Gamemode | None = None
    data: list[int] | None = None


class UserPage(OsuModel):
    """The "me!" section of a profile, as HTML and raw BBCode."""

    html: str | None = None
    raw: str | None = None


class UserMonthlyCount(OsuModel):
    """A count for the month starting on ``start_date`` (play counts, replays watched)."""

    start_date: date
    count: int


class UserAchievement(OsuModel):
    """A medal a user unlocked."""

    achievement_id: int
    achieved_at: UTCDateTime | None = None


class UserBadge(OsuModel):
    """A profile badge (tournament wins, contributions …)."""

    awarded_at: UTCDateTime | None = None
    description: str | None = None
    image_url: str | None = None
    image_2x_url: str | None = Field(
        default=None, validation_alias="image@2x_url", serialization_alias="image@2x_url"
    )
    url: str | None = None


class UserAccountHistory(OsuModel):
    """A restriction, silence or note on a user's account; ``length`` in seconds."""

    id: int | None = None
    description: str | None = None
    length: int | None = None
    permanent: bool | None = None
    timestamp: UTCDateTime | None = None
    type: str | None = None


class ProfileBanner(OsuModel):
    """A tournament banner shown on a profile."""

    id: int
    tournament_id: int | None = None
    image: str | None = None
    image_2x: str | None = Field(
        default=None, validation_alias="image@2x", serialization_alias="image@2x"
    )


class DailyChallengeUserStats(OsuModel):
    """A user's daily challenge streaks and placements."""

    user_id: int | None = None
    daily_streak_best: int | None = None
    daily_streak_current: int | None = None
    last_update: UTCDateTime | None = None
    last_weekly_streak: UTCDateTime | None = None
    playcount: int | None = None
    top_10p_placements: int | None = None
    top_50p_placements: int | None = None
    weekly_streak_best: int | None = None
    weekly_streak_current: int | None = None


class MatchmakingPool(OsuModel):
    """A matchmaking (ranked play) pool."""

    id: int
    active: bool | None = None
    name: str | None = None
    ruleset_id: int | None = None
    type: str | None = None
    variant_id: int | None = None


class MatchmakingStats(OsuModel):
    """A user's rating and placements in one matchmaking pool."""

    user_id: int | None = None
    pool_id: int | None = None
    pool: MatchmakingPool | None = None
    first_placements: int | None = None
    is_rating_provisional: bool | None = None
    plays: int | None = None
    rank: int | None = None
    rank_percent: float | None = None
    rating: int | None = None
    total_points: int | None = None


class UserExtended(User):
    """A full profile: ``GET users/{user}/{mode?}`` and ``GET me/{mode?}``.

    ``rankHistory`` (a deprecated camelCase copy of ``rank_history``) is dropped.
    """

    osu_ignored_keys: ClassVar[frozenset[str]] = frozenset({"rankHistory"})

    account_history: list[UserAccountHistory] | None = None
    active_tournament_banner: ProfileBanner | None = None
    active_tournament_banners: list[ProfileBanner] | None = None
    badges: list[UserBadge] | None = None
    beatmap_playcounts_count: int | None = None
    comments_count: int | None = None
    cover_url: str | None = None
    current_season_stats: dict[str, Any] | None = None
    current_user_attributes: UserCurrentAttributes | None = None
    daily_challenge_user_stats: DailyChallengeUserStats | None = None
    discord: str | None = None
    favourite_beatmapset_count: int | None = None
    follower_count: int | None = None
    graveyard_beatmapset_count: int | None = None
    guest_beatmapset_count: int | None = None
    has_supported: bool | None = None
    interests: str | None = None
    is_restricted: bool | None = None
    join_date: UTCDateTime | None = None
    location: str | None = None
    loved_beatmapset_count: int | None = None
    mapping_follower_count: int | None = None
    matchmaking_stats: list[MatchmakingStats] | None = None
    max_blocks: int | None = None
    max_friends: int | None = None
    monthly_playcounts: list[UserMonthlyCount] | None = None
    nominated_beatmapset_count: int | None = None
    occupation: str | None = None
    page: UserPage | None = None
    pending_beatmapset_count: int | None = None
    playmode: Gamemode | None = None
    playstyle: list[str] | None = None
    post_count: int | None = None
    previous_usernames: list[str] | None = None
    profile_hue: int | None = None
    profile_order: list[str] | None = None
    rank_highest: RankHighest | None = None
    rank_history: RankHistory | None = None
    ranked_and_approved_beatmapset_count: int | None = None
    ranked_beatmapset_count: int | None = None
    replays_watched_counts: list[UserMonthlyCount] | None = None
    scores_best_count: int | None = None
    scores_first_count: int | None = None
    scores_pinned_count: int | None = None
    scores_recent_count: int | None = None
    session_verification_method: str | None = None
    session_verified: bool | None = None
    title: str | None = None
    title_url: str | None = None
    twitter: str | None = None
    unranked_beatmapset_count: int | None = None
    unread_pm_count: int | None = None
    user_achievements: list[UserAchievement] | None = None
    website: str | None = None


class UserRelation(OsuModel):
    """A friend or block (``GET friends`` with ``x-api-version`` ≥ 20241022)."""

    target_id: int
    relation_type: str | None = None
    mutual: bool | None = None
    target: User | None = None


class UsersResponse(OsuModel):
    """``GET users?ids[]=…``: up to 50 users."""

    users: list[User]


UserStatistics.model_rebuild()

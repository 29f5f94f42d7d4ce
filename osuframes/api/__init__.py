"""The notebook functions: collections as lazy Queries, single resources as models.

They use the default client of the current settings (`osuframes.configure()` or the
environment) unless given `client=`. Every collection accepts one id or many; many ids
are fetched concurrently inside the rate limit, with a progress bar.

Answers go through the response cache of the cache folder (on by default:
`configure(cache=False)` or `OSUFRAMES_CACHE=0` turns it off), so running a cell again
sends no request while the answers keep (see `osuframes.http.lifetimes`); `fresh=True`
fetches again and replaces what is cached, as `query.refresh()` does.
"""

from osuframes.api._default import default_client, use_sandbox
from osuframes.api.beatmaps import (
    beatmap,
    beatmap_packs,
    beatmap_scores,
    beatmaps,
    beatmapset,
    beatmapset_discussion_posts,
    beatmapset_discussion_votes,
    beatmapset_discussions,
    beatmapset_events,
    beatmapset_ratings,
    kudosu_rankings,
    rankings,
    score,
    score_feed,
    search_beatmapsets,
    team,
)
from osuframes.api.community import changelog, comments, forum_posts, news, tags
from osuframes.api.multiplayer import (
    match,
    match_events,
    match_scores,
    multiplayer_matches,
    multiplayer_rooms,
    multiplayer_score,
    multiplayer_scores,
    multiplayer_user_score,
    room,
    room_events,
)
from osuframes.api.users import (
    events,
    favourite_beatmapset_ids,
    me,
    user,
    user_beatmap_score,
    user_beatmap_scores,
    user_beatmaps,
    user_beatmaps_passed,
    user_bests,
    user_firsts,
    user_kudosu,
    user_most_played,
    user_pinned,
    user_recent_activity,
    user_recents,
    users,
)

__all__ = [
    "beatmap",
    "beatmap_packs",
    "beatmap_scores",
    "beatmaps",
    "beatmapset",
    "beatmapset_discussion_posts",
    "beatmapset_discussion_votes",
    "beatmapset_discussions",
    "beatmapset_events",
    "beatmapset_ratings",
    "changelog",
    "comments",
    "default_client",
    "events",
    "favourite_beatmapset_ids",
    "forum_posts",
    "kudosu_rankings",
    "match",
    "match_events",
    "match_scores",
    "me",
    "multiplayer_matches",
    "multiplayer_rooms",
    "multiplayer_score",
    "multiplayer_scores",
    "multiplayer_user_score",
    "news",
    "rankings",
    "room",
    "room_events",
    "score",
    "score_feed",
    "search_beatmapsets",
    "tags",
    "team",
    "use_sandbox",
    "user",
    "user_beatmap_score",
    "user_beatmap_scores",
    "user_beatmaps",
    "user_beatmaps_passed",
    "user_bests",
    "user_firsts",
    "user_kudosu",
    "user_most_played",
    "user_pinned",
    "user_recent_activity",
    "user_recents",
    "users",
]

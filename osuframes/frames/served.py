"""What each notebook function's records carry: its frame has exactly those columns.

The schema of a model holds every field the API may send; which of them one endpoint
sends depends on the endpoint (osu-web adds optional includes per route, and leaves
out fields that only other routes fill). `SERVED` declares, per notebook function,
from the API's documentation and the recorded responses:

- `includes`: the optional includes the records carry, by path (`""`: the record;
  without an entry a record keeps all of its includes and nested objects none);
- `absent`: fields the endpoint never sends (with an app token), left out;
- `joins`: related objects filled in from the response's side lists.

The frame is still declared, never inferred: an empty result has the same columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from pydantic import BaseModel

from osuframes.frames.joins import Join
from osuframes.frames.schema import RULESETS, FrameSchema, frame_schema
from osuframes.models import User

__all__ = ["SERVED", "Served", "query_schema"]


@dataclass(frozen=True)
class Served:
    """What one notebook function's records carry (see the module docstring)."""

    includes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()
    joins: tuple[Join, ...] = ()


# Score fields only some routes fill: the owner's pins (a user's token), the match slot
# (legacy multiplayer), the pp weight (best scores), the global rank and replay views
# (a single score's page).
_SCORE_ONLY_ELSEWHERE = frozenset(
    {"current_user_attributes", "match", "rank_global", "replay_views", "weight"}
)

# A user's score lists leave the beatmap's max combo out (its own page has it).
_USER_SCORES = _SCORE_ONLY_ELSEWHERE | {"beatmap.max_combo"}


def _extended_beatmap(prefix: str) -> frozenset[str]:
    """The extended beatmap's fields under `prefix`: a compact beatmap has none of them."""
    names = (
        "checksum", "max_combo", "accuracy", "ar", "bpm", "convert", "count_circles",
        "count_sliders", "count_spinners", "cs", "deleted_at", "drain", "hit_length",
        "is_scoreable", "last_updated", "mode_int", "passcount", "playcount", "ranked", "url",
    )  # fmt: skip
    return frozenset(f"{prefix}.{name}" for name in names)


# Beatmapset fields only its own page sends (`GET beatmapsets/{id}`), and the pre-2024
# single nomination count (osu-web sends `required_meta` now).
_BEATMAPSET_PAGE_ONLY = frozenset(
    {
        "converts", "current_nominations", "description", "genre", "language", "ratings",
        "recent_favourites", "related_tags", "related_users", "user", "version_count",
        "nominations_summary.required",
    }
)  # fmt: skip
_USER_NAME = ("username", "country_code")
_USER_COMPACT = frozenset({"country", "cover", "groups", "statistics_rulesets", "team"})

SERVED: dict[str, Served] = {
    "users": Served(
        # Each ruleset's statistics without the profile's extras (`GET me` is the same).
        includes={"": _USER_COMPACT},
        absent=frozenset(
            f"statistics_rulesets.{ruleset}.{name}"
            for ruleset in RULESETS
            for name in ("country_rank", "rank", "rank_change_since_30_days", "variants")
        ),
    ),
    "user_bests": Served(absent=_USER_SCORES - {"weight"}),
    "user_firsts": Served(absent=_USER_SCORES),
    "user_pinned": Served(absent=_USER_SCORES),
    "user_recents": Served(absent=_USER_SCORES),
    "beatmap_scores": Served(
        includes={"user": frozenset({"country", "cover", "team"})},
        absent=_SCORE_ONLY_ELSEWHERE | {"beatmap", "beatmapset"},
    ),
    "user_beatmap_scores": Served(absent=_SCORE_ONLY_ELSEWHERE | {"beatmap", "beatmapset", "user"}),
    "user_beatmaps": Served(absent=_BEATMAPSET_PAGE_ONLY | {"pack_tags"}),
    "user_most_played": Served(absent=_extended_beatmap("beatmap")),
    "search_beatmapsets": Served(absent=_BEATMAPSET_PAGE_ONLY),
    "beatmap_packs": Served(
        # A pack's beatmapsets and the token owner's completion are on the pack's page.
        absent=frozenset({"beatmapsets", "user_completion_data"})
    ),
    "beatmapset_events": Served(
        # An event's discussion comes without its beatmap, posts, votes and permissions.
        absent=frozenset(
            f"discussion.{name}"
            for name in ("beatmap", "current_user_attributes", "posts", "votes")
        )
    ),
    "changelog": Served(absent=frozenset({"update_stream.user_count"})),  # in `streams`
    "kudosu_rankings": Served(includes={"": frozenset({"kudosu"})}),
    "match_events": Served(absent=_extended_beatmap("game.beatmap")),
    "multiplayer_rooms": Served(
        # The listing has no playlist (the room's page has) and no token owner's score.
        absent=frozenset({"playlist", "current_user_score"})
        | _extended_beatmap("current_playlist_item.beatmap")
    ),
    "multiplayer_scores": Served(
        # Playlist scores come without their beatmap (the playlist item has it); the
        # position is only the token owner's `user_score`'s.
        absent=_SCORE_ONLY_ELSEWHERE | {"beatmap", "beatmapset", "position"}
    ),
    "news": Served(absent=frozenset({"content"})),  # only a post's own page has it
    "rankings": Served(
        # Ranking rows are statistics without the profile's country rank and variants.
        absent=frozenset({"country_rank", "rank", "variants"})
    ),
    "match_scores": Served(
        # Legacy match scores have no score id and no pp (osu-web sends nulls).
        absent=(_SCORE_ONLY_ELSEWHERE - {"match"})
        | {"id", "best_id", "pp"}
        | _extended_beatmap("beatmap"),
        joins=(Join("user_id", "users", User, "user", includes=frozenset({"country"})),),
    ),
    "beatmapset_discussions": Served(
        # The discussions' beatmaps and beatmapsets come as side lists (`to_frames()`).
        absent=frozenset({"beatmap", "beatmapset", "posts", "votes"}),
        joins=(Join("user_id", "users", User, "user", _USER_NAME),),
    ),
    "beatmapset_discussion_posts": Served(
        joins=(Join("user_id", "users", User, "user", _USER_NAME),),
    ),
    "beatmapset_discussion_votes": Served(
        joins=(Join("user_id", "users", User, "user", _USER_NAME),),
    ),
}


def query_schema(name: str, model: type[BaseModel], keys: Sequence[str] = ()) -> FrameSchema:
    """The frame schema of notebook function `name`'s records (of `model`).

    The model's schema, with the includes the function's endpoint serves, less the
    fields it never sends, plus the columns its joins fill; a function without an
    entry in `SERVED` gets the model's schema as it is.
    """
    served = SERVED.get(name)
    if served is None:
        return frame_schema(model, keys)
    schema = frame_schema(model, keys, includes=served.includes)
    columns = [c for c in schema.columns if not _is_absent(c.name, served.absent)]
    for join in served.joins:
        joined = {c.name: c for c in join.columns()}
        columns = [c for c in columns if not _is_absent(c.name, frozenset({join.prefix}))]
        columns += joined.values()
    return replace(schema, columns=tuple(columns), joins=served.joins)


def _is_absent(name: str, absent: frozenset[str]) -> bool:
    return any(name == field or name.startswith(f"{field}.") for field in absent)

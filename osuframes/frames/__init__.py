"""Frames: an Arrow schema declared from each model, and JSON pages turned into tables.

The columns of a frame come from the model, never from the data, so an empty result, page
1 and page 200 have the same columns and dtypes and Parquet batches always unify:

- nested models flatten with `.` (`beatmap.difficulty_rating`), in the model's field
  order, after the query's identifier columns and the record's own `id`;
- lists stay list columns (lists of models become lists of structs);
- ids and other integers are int64 and stay integers when null; floats float64;
- datetimes are `timestamp[us, UTC]`, dates `date32`;
- enums are dictionary-encoded strings (categoricals in pandas) whose dictionary is the
  enum's declared values, even with no rows (a value the API adds later is appended);
- mods are a list of acronyms, with a `<name>_str` column beside it (`HDDT`, `NM`);
- in pandas, list columns hold arrays (object dtype): what `pd.read_parquet` gives back.

Parquet files carry the pandas metadata of the frame (`frames.parquet`), so plain
`pd.read_parquet(path)` gives back `to_frame()`'s dtypes.

A Query's frame has the columns its endpoint serves (`frames.served.SERVED`, per notebook
function, checked against every recorded response): the optional includes it carries,
less the fields it never sends (a match slot outside multiplayer, a pp weight outside
best scores, a beatmapset's page-only fields in search results), plus the related
objects the response carries beside the records, joined by id (`frames.joins`: a match
score's `user.username` from the match's `users`). `osuframes.columns(name)` lists a
frame's columns with their meaning (`frames.dictionary`).

Maps whose keys are a closed set (`statistics_rulesets`: osu, taiko, fruits, mania) are
columns per key (`statistics_rulesets.osu.pp`), like any nested object.

What the frames leave out, and why (every model was checked; `Query.to_list()` and
`to_frames()` keep all of it):

- free-form objects (`dict[str, Any]`), whose keys the API does not document: every
  `cursor` (paging state, not data), the `params` echoes of match and playlist-score
  listings, `KudosuHistory.details` and `UserExtended.current_season_stats`;
- unions of different types: `BeatmapsetEventComment.old`/`new` (a bool or a string by
  event type) and `BeatmapAttributes.attributes` (one model per ruleset); a union of
  score formats (`AnyScore`: `BeatmapScores.scores`, `BeatmapUserScore.score`,
  `MultiplayerMatchGame.scores`) or of ranking rows (`Rankings.ranking`) is a column
  group only where the Query knows which one it holds (a match game's scores are
  `match_scores`' rows, not a column of `match_events`);
- a lazer mod's `settings` (their keys differ per mod): mods are a list of acronyms;
- a model nested inside itself or beside itself, so each kind of resource appears once
  per row: a beatmap's beatmapset's `beatmaps` and `converts`, a score's
  `beatmap.beatmapset` (the score's own `beatmapset`), a build's `versions` and its
  stream's `latest_build`, a news post's `navigation`, a ranking row's `user` inside a
  user, a room's `current_user_score.user` (the room has its `host`);
- a nested object's optional includes (`OsuModel.osu_includes`): a user's `country`,
  `cover`, `groups`, `kudosu`, `statistics`, `statistics_rulesets`, `support_level`,
  `team`; a beatmap's `beatmapset`, `failtimes`, `owners`, `user`, tags and the token
  owner's play count; a beatmapset's extended fields (`bpm`, `nominations_summary`, …)
  — unless the endpoint serves them (`SERVED`: a beatmap leaderboard's users have their
  country, cover and team);
- the fields an endpoint never sends (`SERVED`'s `absent`), so no column is null in
  every row for a reason the API fixes (tests/query/fixture_frames.py lists the columns
  that may still be all-null in a recording, each with the reason).

Conversion goes straight from the JSON bytes of the API's pages to Arrow with pyarrow's
JSON reader and the declared types: no Python object is made per record. A page the
reader cannot read as declared (an int where a string was declared, say) falls back to
validating its records with the model, so tolerant reading never breaks a frame.
"""

from osuframes.frames.assemble import concat_tables
from osuframes.frames.dataframes import DtypeBackend, one_row, to_pandas, to_polars
from osuframes.frames.dictionary import data_dictionary
from osuframes.frames.joins import Join, join_side_lists
from osuframes.frames.pages import table_from_pages
from osuframes.frames.parquet import pandas_schema, with_pandas_metadata
from osuframes.frames.records import table_from_records
from osuframes.frames.schema import Column, FrameSchema, frame_schema, unwrap_optional
from osuframes.frames.served import SERVED, Served, query_schema
from osuframes.models import OsuModel

__all__ = [
    "SERVED",
    "Column",
    "DtypeBackend",
    "FrameSchema",
    "Join",
    "Served",
    "concat_tables",
    "data_dictionary",
    "frame_schema",
    "join_side_lists",
    "pandas_schema",
    "query_schema",
    "table_from_pages",
    "table_from_records",
    "to_pandas",
    "to_polars",
    "unwrap_optional",
    "with_pandas_metadata",
]

OsuModel.frame_maker = one_row

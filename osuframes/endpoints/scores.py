"""Single scores, replays and the /scores feed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import LAZER_SCORES_API_VERSION, optional_mode, score_format
from osuframes.endpoints._paging import CursorString
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import (
    Beatmap,
    BeatmapUserScore,
    Gamemode,
    LazerScore,
    Score,
    ScoresResponse,
)

__all__ = ["ScoreEndpoints"]


def _ruleset(mode: Any) -> str:
    return args.enum(mode, "mode", Gamemode).value


def _optional_flag(value: bool | None, argument: str) -> bool | None:
    return None if value is None else args.flag(value, argument)


class ScoreEndpoints:
    """Endpoints about single scores and their replays. Mixed into `Client`."""

    @endpoint(Score, cache=cached("scores", Lifetime.LONG))
    def get_score(self, legacy_score_id: int, mode: Any, *, new_format: bool = False) -> Call:
        """A score by its osu!stable (legacy) id and ruleset (`GET scores/{mode}/{score}`).

        `new_format=True` returns the same score as a lazer-format `LazerScore`.
        """
        version, _, item = score_format(new_format)
        score = args.positive_id(legacy_score_id, "legacy_score_id")
        return Call(
            "GET",
            f"/api/v2/scores/{_ruleset(mode)}/{score}",
            api_version=version,
            response=item,
            item=item,
        )

    @endpoint(LazerScore, cache=cached("scores", Lifetime.LONG))
    def get_score_lazer(self, score_id: int) -> Call:
        """A score by its lazer (solo score) id, in the lazer format (`GET scores/{score}`)."""
        score = args.positive_id(score_id, "score_id")
        return Call("GET", f"/api/v2/scores/{score}", api_version=LAZER_SCORES_API_VERSION)

    @endpoint(bytes)
    def get_score_replay(self, legacy_score_id: int, mode: Any) -> Call:
        """The .osr replay file of a legacy score (`GET scores/{mode}/{score}/download`).

        The server allows only 10 replay downloads a minute per token, on top of the
        general limit (osu-api-v2-spec.md §1.3), and answers 404 when there is no
        replay. Replays are never cached.
        """
        score = args.positive_id(legacy_score_id, "legacy_score_id")
        return Call(
            "GET",
            f"/api/v2/scores/{_ruleset(mode)}/{score}/download",
            expect="bytes",
        )

    @endpoint(bytes)
    def get_score_replay_lazer(self, score_id: int) -> Call:
        """The replay file of a lazer score (`GET scores/{score}/download`).

        Throttled to 10 downloads a minute per token like `get_score_replay`; 404 when
        the score has no replay. Replays are never cached.
        """
        score = args.positive_id(score_id, "score_id")
        return Call("GET", f"/api/v2/scores/{score}/download", expect="bytes")

    @endpoint(
        ScoresResponse,
        paging=CursorString(page_size=1000),
        items="scores",
        item=LazerScore,
        cache=cached("feeds", Lifetime.SHORT),
    )
    def get_scores(self, *, ruleset: Any = None, cursor_string: str | None = None) -> Call:
        """Recently processed scores, oldest first, up to 1000 a page (`GET scores`).

        Without a cursor: the latest 1000. With the previous page's `cursor_string`:
        the scores submitted after it (the same cursor comes back when nothing is new;
        422 `cursor is too old` once it falls 10,000,000 ids behind). Always the lazer
        format. `ruleset` limits the feed to one ruleset.
        """
        params = {
            "ruleset": optional_mode(ruleset, "ruleset"),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/scores", params)

    @endpoint(list[Beatmap], item=Beatmap, cache=cached("user-scores", Lifetime.SHORT))
    def get_user_beatmaps_passed(
        self,
        user_id: int,
        beatmapset_ids: Sequence[int],
        *,
        ruleset: Any = None,
        exclude_converts: bool | None = None,
        is_legacy: bool | None = None,
        no_diff_reduction: bool | None = None,
    ) -> Call:
        """The beatmaps of some beatmapsets a user has passed (`GET users/{u}/beatmaps-passed`).

        The server counts the request once per beatmapset id (spec §3.2), so it is
        charged that way against the rate limit; at most 50 ids a request.

        Args:
            user_id: the user.
            beatmapset_ids: 1 to 50 beatmapset ids.
            ruleset: only passes in this ruleset (sent as `ruleset_id`).
            exclude_converts: leave out passes on converted beatmaps.
            is_legacy: only osu!stable (True) or only lazer (False) passes.
            no_diff_reduction: leave out passes with difficulty-reducing mods (the
                server's default: True).
        """
        ids = args.id_list(beatmapset_ids, "beatmapset_ids", most=50)
        params = {
            "beatmapset_ids": ids,
            "ruleset_id": None if ruleset is None else args.enum(ruleset, "ruleset", Gamemode).id,
            "exclude_converts": _optional_flag(exclude_converts, "exclude_converts"),
            "is_legacy": _optional_flag(is_legacy, "is_legacy"),
            "no_diff_reduction": _optional_flag(no_diff_reduction, "no_diff_reduction"),
        }
        user = args.positive_id(user_id, "user_id")
        return Call(
            "GET",
            f"/api/v2/users/{user}/beatmaps-passed",
            params,
            extract="beatmaps_passed",
            cost=len(ids),
        )

    @endpoint(BeatmapUserScore, cache=cached("user-scores", Lifetime.SHORT))
    def get_user_beatmap_score(
        self,
        user_id: int,
        beatmap_id: int,
        *,
        mode: Any = None,
        mods: Any = None,
        legacy_only: bool | None = None,
        new_format: bool = False,
    ) -> Call:
        """A user's best score on a beatmap and its position (`GET beatmaps/{b}/scores/users/{u}`).

        `NotFound` when the user has no score there. User first, as in aiosu.

        Args:
            user_id: the user.
            beatmap_id: the beatmap (difficulty).
            mode: the ruleset, for converts (default: the map's own).
            mods: only scores with exactly these mods (`"HDDT"`, a list; `"NM"`: none).
            legacy_only: only scores set on osu!stable.
            new_format: the score in the lazer format (`LazerScore`).
        """
        version, _, _ = score_format(new_format)
        params = {
            "mode": optional_mode(mode),
            "mods": None if mods is None else (args.mods(mods, "mods").acronyms or ["NM"]),
            "legacy_only": None if legacy_only is None else int(bool(legacy_only)),
        }
        beatmap = args.positive_id(beatmap_id, "beatmap_id")
        user = args.positive_id(user_id, "user_id")
        return Call(
            "GET",
            f"/api/v2/beatmaps/{beatmap}/scores/users/{user}",
            params,
            api_version=version,
        )

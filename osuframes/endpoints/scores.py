"""Single scores, replays and the /scores feed."""

from __future__ import annotations

from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import LAZER_SCORES_API_VERSION, optional_mode, score_format
from osuframes.endpoints._paging import CursorString
from osuframes.http.lifetimes import Lifetime, cached
from osuframes.models import Gamemode, LazerScore, Score, ScoresResponse

__all__ = ["ScoreEndpoints"]


def _ruleset(mode: Any) -> str:
    return args.enum(mode, "mode", Gamemode).value


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

"""Score and ranking routes: the /scores feed, score lookups, rankings, spotlights."""

from __future__ import annotations

import itertools
from typing import Any

from ..pagination import clamp, cursor_fields, to_int
from ..routing import ApiError, Ctx, Response, Router, not_found, unprocessable
from ..world import MODES
from ..world.feed import FEED_BASE
from ..world.rankings import KUDOSU_MAX, MAX_RESULTS, PAGE_SIZE, RANKING_TYPES, VARIANTS
from ._common import mode_or_none

FEED_PAGE = 1000
_INVALID_SCORE = {"error": "Invalid score id."}


def _global_order(ctx: Ctx, mode: str, kind: str) -> list[int]:
    """The user ids of a performance/score ranking with `country`, `filter`, `variant`.

    As `RankingController@index`: both are "global" rankings reading all three;
    `filter=friends` keeps the token user's friends and the user (nobody for an app
    token); a variant other than the ruleset's (or `all`) is a 422.
    """
    p = ctx.params
    chosen = p.get_str("filter") or "all"
    if chosen not in ("all", "friends"):
        raise unprocessable("invalid filter parameter specified")
    variant = p.get_str("variant")
    variant = None if variant == "all" else variant
    if variant is not None and (mode != "mania" or variant not in VARIANTS):
        raise unprocessable("invalid variant parameter specified")
    if chosen == "friends" and ctx.user_id is None:
        return []
    return ctx.world.rankings.order(
        mode,
        kind,
        p.get_str("country") or None,
        variant=variant,
        friends_of=ctx.user_id if chosen == "friends" else None,
    )


def register(router: Router) -> None:
    """Add the score and ranking routes."""

    @router.add("GET", "scores")
    def feed(ctx: Ctx) -> Any:
        world = ctx.world
        ruleset = mode_or_none(ctx.params.get("ruleset"))
        ids = world.scores.feed_ids(None if ruleset is None else MODES.index(ruleset))
        cursor = ctx.params.cursor()
        after = to_int((cursor or {}).get("id"))
        latest = ids[-1] if ids else FEED_BASE
        if after is not None and latest - after > 10_000_000:
            raise unprocessable("cursor is too old")
        window = ids[-FEED_PAGE:] if after is None else [i for i in ids if i > after][:FEED_PAGE]
        # Only up to (not including) the oldest score not processed yet (osu-web's
        # ScoresController@index): a page can be short while more scores exist.
        if ctx.feed_processed is not None:
            newest = FEED_BASE + ctx.feed_processed
            window = list(itertools.takewhile(lambda i: i <= newest, window))
        scores = []
        for sid in window:
            core = world.scores.core(sid)
            assert core is not None
            scores.append(world.scores.lazer(core))
        # The feed never ends: with nothing new the same cursor comes back (spec §1.3).
        nxt = {"id": window[-1]} if window else ({"id": after} if after is not None else None)
        return {"scores": scores, **cursor_fields(nxt)}

    @router.add("GET", "scores/{ruleset}/{score}")
    def legacy_show(ctx: Ctx) -> Any:
        ruleset = ctx.path["ruleset"]
        if ruleset not in MODES or not ctx.path["score"].isdigit():
            raise ApiError(404, _INVALID_SCORE)
        core = ctx.world.scores.core_by_legacy(int(ctx.path["score"]), MODES.index(ruleset))
        if core is None:
            raise ApiError(404, _INVALID_SCORE)
        return _show(ctx, core)

    @router.add("GET", "scores/{score}")
    def show(ctx: Ctx) -> Any:
        if not ctx.path["score"].isdigit():
            raise ApiError(404, _INVALID_SCORE)
        core = ctx.world.scores.core(int(ctx.path["score"]))
        if core is None:
            raise ApiError(404, _INVALID_SCORE)
        return _show(ctx, core)

    def _show(ctx: Ctx, core: Any) -> Any:
        rank = 1 + core.id % 5000 if core.pp is not None else None
        return ctx.world.scores.render(
            core,
            ctx.lazer,
            "beatmap_full",
            "beatmapset",
            "user_full",
            rank_global=rank,
            replay_views=core.id % 200,
        )

    @router.add("GET", "rankings/kudosu")
    def kudosu(ctx: Ctx) -> Any:
        order = ctx.world.rankings.kudosu_order()
        page = clamp(ctx.params.get_int("page", 1) or 1, 1, KUDOSU_MAX // PAGE_SIZE)
        rows = order[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return {"ranking": [ctx.world.rankings.kudosu_row(u) for u in rows]}

    @router.add("GET", "rankings/{mode}/{type}")
    def rankings(ctx: Ctx) -> Any:
        mode, kind = ctx.path["mode"], ctx.path["type"]
        if mode not in MODES:
            raise not_found()
        if kind not in RANKING_TYPES:
            raise ApiError(404, {"error": "invalid type specified"})
        world = ctx.world
        if kind == "charts":
            spot = world.rankings.spotlight(ctx.params.get_int("spotlight"))
            if spot is None:
                raise not_found("Spotlight")
            return world.rankings.charts(spot, mode)
        if kind == "country":
            everything: list[Any] = world.rankings.country_rows(mode)
        elif kind == "team":
            everything = world.teams.ranking(mode)
        else:
            everything = _global_order(ctx, mode, kind)
        total = min(len(everything), MAX_RESULTS)
        max_pages = max(1, -(-total // PAGE_SIZE))
        cursor = ctx.params.cursor() or {}
        page = to_int(cursor.get("page")) or ctx.params.get_int("page") or 1
        page = clamp(page, 1, max_pages)  # out-of-range pages are clamped (spec §1.3)
        nxt = {"page": page + 1} if page < max_pages and total else None
        rows = everything[(page - 1) * PAGE_SIZE : min(page * PAGE_SIZE, total)]
        if kind not in ("country", "team"):
            rows = [world.rankings.row(u, mode) for u in rows]
        return {**cursor_fields(nxt), "ranking": rows, "total": total}

    @router.add("GET", "teams/{team}")
    @router.add("GET", "teams/{team}/{ruleset}")
    def team(ctx: Ctx) -> Any:
        teams, key = ctx.world.teams, ctx.path["team"]
        team_id = teams.by_short_name(key[1:]) if key.startswith("@") else to_int(key)
        if team_id is None or not teams.members(team_id):
            raise not_found("Team")
        ruleset = ctx.path.get("ruleset")
        if ruleset is not None and ruleset not in MODES:
            raise unprocessable("invalid ruleset name")
        if key != str(team_id):  # a short name answers a redirect to the id URL
            target = f"/api/v2/teams/{team_id}" + (f"/{ruleset}" if ruleset else "")
            return Response(302, "", {"Location": target})
        return teams.page(team_id, ruleset or teams.default_ruleset(team_id))

    @router.add("GET", "spotlights")
    def spotlights(ctx: Ctx) -> Any:
        return {"spotlights": ctx.world.rankings.spotlights()}

"""Beatmap and beatmapset routes: show, lookup, lists, leaderboards, attributes, search, packs."""

from __future__ import annotations

from typing import Any

from ..pagination import cursor_fields, int_list, to_int
from ..routing import ApiError, Ctx, Router, not_found, unprocessable
from ..world import MODES
from ..world.beatmaps import LEADERBOARD
from ..world.search import (
    PACK_PAGE,
    PACK_TYPES,
    RECOMMENDED_DIFFICULTY,
    STATUS_FILTERS,
    SearchError,
    default_sort,
)
from ..world.search_filters import filters_from
from ._common import mode_or_none

_BEATMAP = "beatmap difficulty"
#: Why a user may not rate a set (osu-web `authorization.beatmapset.rate.*`).
_CANNOT_RATE_STATUS = "You cannot rate a beatmap set with this status."
_CANNOT_RATE_OWN = "You cannot rate a beatmap set you are involved with."
_MOD_BITS = {
    "NF": 1,
    "EZ": 2,
    "HD": 8,
    "HR": 16,
    "SD": 32,
    "DT": 64,
    "HT": 256,
    "NC": 512,
    "FL": 1024,
}


def _beatmap_id(ctx: Ctx) -> int:
    beatmap_id = ctx.int_path("beatmap", _BEATMAP)
    if not ctx.world.beatmaps.beatmap_exists(beatmap_id):
        raise not_found(_BEATMAP)
    return beatmap_id


def _mods(value: Any) -> list[str]:
    """Mods as acronyms from a bitset, an acronym list or mod objects."""
    if isinstance(value, list):
        out = []
        for item in value:
            acronym = item.get("acronym") if isinstance(item, dict) else item
            out.append(str(acronym).upper())
        return out
    bits = to_int(value)
    if bits is None:
        return []
    return [name for name, bit in _MOD_BITS.items() if bits & bit]


def register(router: Router) -> None:
    """Add the beatmap routes."""

    @router.add("GET", "beatmaps/lookup")
    def lookup(ctx: Ctx) -> Any:
        bm = ctx.world.beatmaps
        found = None
        checksum = ctx.params.get_str("checksum")
        if checksum:
            found = bm.lookup_checksum(checksum)
        filename = ctx.params.get_str("filename")
        if found is None and filename:
            found = next(
                (b for b in range(10, 50010) if bm.beatmap_exists(b) and filename == f"{b}.osu"),
                None,
            )
        beatmap_id = ctx.params.get_int("id")
        if found is None and beatmap_id is not None and bm.beatmap_exists(beatmap_id):
            found = beatmap_id
        if found is None:
            raise not_found()
        return bm.beatmap_full(found)

    @router.add("GET", "beatmaps/packs")
    def packs(ctx: Ctx) -> Any:
        kind = ctx.params.get_str("type") or "standard"
        if kind not in PACK_TYPES:
            raise not_found()
        items = ctx.world.search.packs(kind)
        cursor = ctx.params.cursor()
        after = to_int((cursor or {}).get("pack_id"))
        start = (
            0
            if after is None
            else next((i for i, p in enumerate(items) if p["pack_id"] < after), len(items))
        )
        window = items[start : start + PACK_PAGE + 1]
        has_more = len(window) > PACK_PAGE
        window = window[:PACK_PAGE]
        nxt = {"pack_id": window[-1]["pack_id"]} if has_more else None
        body = [{k: v for k, v in p.items() if k != "pack_id"} for p in window]
        return {"beatmap_packs": body, **cursor_fields(nxt)}

    @router.add("GET", "beatmaps/packs/{pack}")
    def pack(ctx: Ctx) -> Any:
        tag = ctx.path["pack"]
        if not ctx.world.search.pack_exists(tag):
            raise not_found("BeatmapPack")
        return ctx.world.search.pack(tag, with_sets=True, user_id=ctx.user_id)

    @router.add("GET", "beatmaps/{beatmap}/scores/users/{user}/all")
    def user_scores_all(ctx: Ctx) -> Any:
        beatmap_id = _beatmap_id(ctx)
        user = ctx.int_path("user")
        world = ctx.world
        mode = (
            mode_or_none(ctx.params.get("ruleset") or ctx.params.get("mode"))
            or MODES[world.beatmaps.core(beatmap_id // 10).modes[beatmap_id % 10]]
        )
        sid = world.scores.user_on_beatmap(beatmap_id, MODES.index(mode), user)
        core = world.scores.core(sid) if sid else None
        return {"scores": [world.scores.render(core, ctx.lazer)] if core else []}

    @router.add("GET", "beatmaps/{beatmap}/scores/users/{user}")
    def user_score(ctx: Ctx) -> Any:
        beatmap_id = _beatmap_id(ctx)
        user = ctx.int_path("user")
        world = ctx.world
        mode = (
            mode_or_none(ctx.params.get("mode"))
            or MODES[world.beatmaps.core(beatmap_id // 10).modes[beatmap_id % 10]]
        )
        sid = world.scores.user_on_beatmap(beatmap_id, MODES.index(mode), user)
        core = world.scores.core(sid) if sid else None
        if core is None:
            raise not_found()
        return {
            "position": world.scores.board_position(beatmap_id, MODES.index(mode), user),
            "score": world.scores.render(core, ctx.lazer, "beatmap", "user_board"),
        }

    def _board(ctx: Ctx, lazer: bool) -> Any:
        beatmap_id = _beatmap_id(ctx)
        world = ctx.world
        kind = ctx.params.get_str("type") or "global"
        if kind in ("country", "friend"):
            raise unprocessable("You must be an osu!supporter to use this feature.")
        own = MODES[world.beatmaps.core(beatmap_id // 10).modes[beatmap_id % 10]]
        mode = mode_or_none(ctx.params.get("mode")) or own
        mode_int = MODES.index(mode)
        count = world.scores.board_count(beatmap_id, mode_int)
        if count == 0 and world.beatmaps.core(beatmap_id // 10).status not in (
            "ranked",
            "approved",
            "loved",
            "qualified",
        ):
            return {"scores": []}
        limit = ctx.params.limit(50, 1, 100)
        mods = set(_mods(ctx.params.get_list("mods")))
        rows = []
        for sid in world.scores.board(beatmap_id, mode_int, 100):
            core = world.scores.core(sid)
            assert core is not None
            if mods and set(core.mods) != mods - {"NM"}:
                continue
            rows.append(world.scores.render(core, lazer, "user_board"))
            if len(rows) == limit:
                break
        out: dict[str, Any] = {"score_count": count, "scores": rows}
        if ctx.user_id is not None:
            own_id = world.scores.user_on_beatmap(beatmap_id, mode_int, ctx.user_id)
            mine_core = world.scores.core(own_id) if own_id else None
            mine = (
                {
                    "position": world.scores.board_position(beatmap_id, mode_int, ctx.user_id),
                    "score": world.scores.render(mine_core, lazer, "beatmap", "user_board"),
                }
                if mine_core
                else None
            )
            out["user_score"] = mine
            out["userScore"] = mine
        return out

    @router.add("GET", "beatmaps/{beatmap}/scores")
    def scores(ctx: Ctx) -> Any:
        return _board(ctx, ctx.lazer)

    @router.add("GET", "beatmaps/{beatmap}/solo-scores")
    def solo_scores(ctx: Ctx) -> Any:
        return _board(ctx, True)

    @router.add("GET", "beatmaps")
    def index(ctx: Ctx) -> Any:
        ids = int_list(ctx.params.get_list("ids"))[:50]
        bm = ctx.world.beatmaps
        found = sorted({b for b in ids if bm.beatmap_exists(b)})
        return {"beatmaps": [bm.beatmap_full(b) for b in found]}

    @router.add("GET", "beatmaps/{beatmap}")
    def show(ctx: Ctx) -> Any:
        return ctx.world.beatmaps.beatmap_full(_beatmap_id(ctx))

    @router.add("POST", "beatmaps/{beatmap}/attributes")
    def attributes(ctx: Ctx) -> Any:
        beatmap_id = _beatmap_id(ctx)
        bm = ctx.world.beatmaps
        ruleset = ctx.params.get("ruleset")
        ruleset_id = ctx.params.get("ruleset_id")
        own = bm.core(beatmap_id // 10).modes[beatmap_id % 10]
        if ruleset is not None and ruleset not in MODES:
            raise unprocessable("invalid ruleset specified")
        mode_int = MODES.index(ruleset) if ruleset else to_int(ruleset_id, own)
        if mode_int is None or not 0 <= mode_int < 4:
            raise unprocessable("invalid ruleset_id specified")
        if not bm.can_convert(beatmap_id, mode_int):
            raise unprocessable("beatmap can not be converted to the specified ruleset")
        mods = _mods(ctx.params.get("mods"))
        unknown = [
            m for m in mods if m not in _MOD_BITS and m not in ("NM", "CL", "TD", "SO", "PF", "MR")
        ]
        if unknown:
            raise unprocessable(f"invalid mod {unknown[0]} specified")
        return {"attributes": bm.attributes(beatmap_id, mode_int, mods)}

    @router.add("GET", "beatmapsets/search")
    def search(ctx: Ctx) -> Any:
        p = ctx.params
        filters = filters_from(p, ctx.user_id, tuple(STATUS_FILTERS))
        textual = filters.keywords or filters.text
        sort = p.get_str("sort") or default_sort("x" if textual else "", filters.status)
        if sort.startswith("relevance") and not textual:
            sort = default_sort("", filters.status)
        try:
            ids, total, nxt = ctx.world.search.search(filters, sort, p.cursor(), p.get_int("page"))
        except SearchError as exc:
            raise ApiError(422, {"error": str(exc)}) from exc
        bm = ctx.world.beatmaps
        sets = [bm.set_extended(s, "beatmaps_max_combo", "pack_tags") for s in ids]
        for item in sets:
            item["beatmaps"] = item.pop("beatmaps_max_combo")
        return {
            "beatmapsets": sets,
            "search": {"sort": sort},
            "recommended_difficulty": RECOMMENDED_DIFFICULTY if ctx.user_id else None,
            "error": None,
            "total": total,
            **cursor_fields(nxt),
        }

    @router.add("GET", "beatmapsets/{beatmapset}/ratings", "*")
    def set_ratings(ctx: Ctx) -> Any:
        # BeatmapsetRatingsController@index: osu!lazer's tokens only (no require-scopes).
        set_id = ctx.int_path("beatmapset", "Beatmapset")
        bm = ctx.world.beatmaps
        if not bm.set_exists(set_id):
            raise not_found("Beatmapset")
        core = bm.core(set_id)
        reason = None
        if core.status not in LEADERBOARD:  # Beatmapset::isScoreable: approved > 0
            reason = _CANNOT_RATE_STATUS
        elif ctx.user_id == core.creator_id:  # the world's difficulties are the creator's
            reason = _CANNOT_RATE_OWN
        # The world keeps no one's own ratings, only each set's average.
        total = bm.set_extended(set_id)["rating"]
        return {"disallow_rating_reason": reason, "total_rating": total, "user_rating": None}

    @router.add("GET", "beatmapsets/lookup")
    def set_lookup(ctx: Ctx) -> Any:
        beatmap_id = ctx.params.get_int("beatmap_id")
        if beatmap_id is None or not ctx.world.beatmaps.beatmap_exists(beatmap_id):
            raise not_found(_BEATMAP)
        return ctx.world.beatmaps.set_full(beatmap_id // 10)

    @router.add("GET", "beatmapsets/{beatmapset}")
    def set_show(ctx: Ctx) -> Any:
        set_id = ctx.int_path("beatmapset", "beatmap")
        if not ctx.world.beatmaps.set_exists(set_id):
            raise not_found("beatmap")
        return ctx.world.beatmaps.set_full(set_id)

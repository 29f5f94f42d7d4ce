"""User routes: profiles, lookups, score lists, beatmapset lists, activity, me, friends."""

from __future__ import annotations

from typing import Any

from ..pagination import Params, int_list
from ..routing import FRIENDS_RELATION_VERSION, Ctx, Router, not_found, unprocessable
from ..world import MODES, World
from ..world.activity import SET_TYPE_ALIASES, USER_SET_TYPES
from ..world.rng_helpers import friends_of
from ._common import mode_or_none, offset_window, user_id_path

SCORE_TYPES = ("best", "firsts", "recent", "pinned")


def _users_cost(params: Params) -> int:
    # users?ids[] costs one per id sent, x3 with include_variant_statistics (spec §3.2).
    n = max(1, len(params.get_list("ids")))
    return n * 3 if params.get_bool("include_variant_statistics") else n


def _passed_cost(params: Params) -> int:
    # beatmaps-passed costs one per beatmapset id sent (RequestCost::setCost, spec §3.2).
    return max(1, len(params.get_list("beatmapset_ids")))


def profile_counts(world: World, user_id: int, mode: str) -> dict[str, int]:
    """List sizes shown on a profile."""
    counts = world.activity.counts(user_id)
    mode_int = MODES.index(mode)
    for kind in ("best", "firsts", "pinned", "recent"):
        counts[kind] = world.scores.count(user_id, kind, mode_int)
    return counts


def extended(world: World, user_id: int, mode: str | None) -> dict[str, Any]:
    """UserExtended with counts from every domain."""
    mode = mode or world.users.core(user_id).playmode
    return world.users.extended(user_id, mode, profile_counts(world, user_id, mode))


def register(router: Router) -> None:
    """Add the user routes."""

    @router.add("GET", "users/lookup")
    def lookup(ctx: Ctx) -> Any:
        ids = ctx.params.get_list("ids")
        if len(ids) > 50:
            raise unprocessable("ids parameter has a maximum of 50 items")
        found: list[int] = []
        for raw in ids:
            text = str(raw).lstrip("@")
            uid = int(text) if text.isdigit() else ctx.world.users.id_for_username(text)
            if uid is not None and ctx.world.user_exists(uid) and uid not in found:
                found.append(uid)
        users = ctx.world.users
        return {"users": [users.compact(u, "country", "cover", "groups", "team") for u in found]}

    @router.add("GET", "users/{user}/beatmaps-passed", cost=_passed_cost)
    def beatmaps_passed(ctx: Ctx) -> Any:
        uid = user_id_path(ctx)
        p = ctx.params
        ids = int_list(p.get_list("beatmapset_ids"))
        if len(ids) > 50:
            raise unprocessable("beatmapset_ids: too many items (limit: 50)")
        passed = ctx.world.passed_beatmap_ids(
            uid,
            ids,
            ruleset_id=p.get_int("ruleset_id"),
            is_legacy=p.get_bool("is_legacy"),
            no_diff_reduction=bool(p.get_bool("no_diff_reduction", True)),
        )
        return {"beatmaps_passed": [ctx.world.beatmaps.beatmap_compact(b) for b in passed]}

    @router.add("GET", "me/beatmapset-favourites", "identify")
    def favourites(ctx: Ctx) -> Any:
        assert ctx.user_id is not None
        return {"beatmapset_ids": ctx.world.activity.user_set_ids(ctx.user_id, "favourite")}

    @router.add("GET", "users/{user}/kudosu")
    def kudosu(ctx: Ctx) -> Any:
        uid = user_id_path(ctx)
        window = offset_window(ctx.params, ctx.world.activity.kudosu_count(uid), 100)
        return ctx.world.activity.kudosu_history(uid, window.start, len(window))

    @router.add("GET", "users/{user}/scores/{type}")
    def scores(ctx: Ctx) -> Any:
        uid = user_id_path(ctx)
        kind = ctx.path["type"]
        if kind not in SCORE_TYPES:
            raise not_found()
        world = ctx.world
        mode = mode_or_none(ctx.params.get("mode")) or world.users.core(uid).playmode
        mode_int = MODES.index(mode)
        include_fails = bool(ctx.params.get_bool("include_fails", False))
        ids = world.scores.user_list(uid, kind, mode_int, include_fails)
        cap = {"best": 200, "recent": 100}.get(kind)
        out = []
        for i in offset_window(ctx.params, len(ids), cap):
            core = world.scores.core(ids[i])
            assert core is not None
            extra: dict[str, Any] = {}
            if kind == "best":
                pct = 100 * 0.95**i
                extra["weight"] = {
                    "percentage": round(pct, 6),
                    "pp": round((core.pp or 0) * pct / 100, 6),
                }
            out.append(
                world.scores.render(core, ctx.lazer, "beatmap", "beatmapset", "user", **extra)
            )
        return out

    @router.add("GET", "users/{user}/beatmapsets/{type}")
    def beatmapsets(ctx: Ctx) -> Any:
        uid = user_id_path(ctx)
        kind = SET_TYPE_ALIASES.get(ctx.path["type"], ctx.path["type"])
        if kind not in USER_SET_TYPES:
            raise not_found()
        world = ctx.world
        if kind == "most_played":
            total = len(world.activity.user_set_ids(uid, kind))
            window = offset_window(ctx.params, total, None)
            return world.activity.most_played(uid, window.start, len(window))
        ids = world.activity.user_set_ids(uid, kind)
        return [
            world.beatmaps.set_extended(ids[i], "beatmaps")
            for i in offset_window(ctx.params, len(ids), None)
        ]

    @router.add("GET", "users/{user}/recent_activity")
    def recent_activity(ctx: Ctx) -> Any:
        uid = user_id_path(ctx)
        window = offset_window(ctx.params, ctx.world.activity.recent_activity_count(uid), 100)
        return ctx.world.activity.recent_activity(uid, window.start, len(window))

    @router.add("GET", "users/{user}/{mode}")
    @router.add("GET", "users/{user}")
    def show(ctx: Ctx) -> Any:
        world = ctx.world
        raw = ctx.path["user"]
        key = ctx.params.get_str("key")
        if raw.startswith("@") or key == "username" or not raw.isdigit():
            uid = world.users.id_for_username(raw.lstrip("@"))
        else:
            uid = int(raw)
        if uid is None or not world.user_exists(uid):
            raise not_found()
        mode = ctx.path.get("mode")
        if mode is not None and mode not in MODES:
            raise not_found()
        return extended(world, uid, mode)

    @router.add("GET", "users", cost=_users_cost)
    def index(ctx: Ctx) -> Any:
        ids = [u for u in int_list(ctx.params.get_list("ids"))[:50] if ctx.world.user_exists(u)]
        users = ctx.world.users
        return {
            "users": [
                users.compact(u, "country", "cover", "groups", "statistics_rulesets", "team")
                for u in sorted(dict.fromkeys(ids))
            ]
        }

    @router.add("GET", "me/{mode}", "identify")
    @router.add("GET", "me", "identify")
    def me(ctx: Ctx) -> Any:
        assert ctx.user_id is not None
        mode = ctx.path.get("mode")
        if mode is not None and mode not in MODES:
            raise not_found()
        out = extended(ctx.world, ctx.user_id, mode)
        out["is_restricted"] = False
        out["session_verification_method"] = None
        out["session_verified"] = True
        out["statistics_rulesets"] = {m: ctx.world.users.statistics(ctx.user_id, m) for m in MODES}
        return out

    @router.add("GET", "friends", "friends.read")
    def friends(ctx: Ctx) -> Any:
        assert ctx.user_id is not None
        users = ctx.world.users
        out = []
        for uid in friends_of(ctx.world, ctx.user_id):
            user = users.compact(
                uid, "country", "cover", "groups", "statistics", "support_level", "team"
            )
            if ctx.api_version >= FRIENDS_RELATION_VERSION:
                mutual = (uid + ctx.user_id) % 3 == 0
                out.append(
                    {"target_id": uid, "relation_type": "friend", "mutual": mutual, "target": user}
                )
            else:
                out.append(user)
        return out

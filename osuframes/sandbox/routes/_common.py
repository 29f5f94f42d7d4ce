"""Helpers shared by the route modules: modes, windows and paging rules (spec §2.2)."""

from __future__ import annotations

from typing import Any

from ..pagination import Params, clamp, cursor_fields, to_int
from ..routing import ApiError, Ctx, not_found, unprocessable
from ..world import MODES

MAX_OFFSET_COUNT = 10000


def mode_or_none(value: Any) -> str | None:
    """A ruleset name from a name or its id."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value in MODES:
        return value
    number = to_int(value)
    if number is not None and 0 <= number < len(MODES):
        return MODES[number]
    raise unprocessable("invalid mode specified")


def user_id_path(ctx: Ctx, name: str = "user") -> int:
    """A numeric user id path parameter of a visible user, else 404 `{"error":null}`."""
    value = ctx.path[name]
    if not value.isdigit() or not ctx.world.user_exists(int(value)):
        raise not_found()
    return int(value)


def offset_window(params: Params, total: int, cap: int | None) -> range:
    """limit (default 5, 1..100) + offset, optionally with offset + limit capped."""
    limit = params.limit(5, 1, 100)
    offset = max(0, params.get_int("offset", 0) or 0)
    end = offset + limit if cap is None else min(offset + limit, cap)
    return range(offset, max(offset, min(end, total)))


def page_limit(
    params: Params, default: int = 50, low: int = 5, high: int = 50
) -> tuple[int, int, int]:
    """(page, limit, offset) for page+limit paging, the cursor `{page, limit}` first.

    The offset is capped at 10000 - limit (`max_offset`, spec §2.2) and the page number
    recomputed from it (`Model::searchQueryAndParams`), so a page past the cap answers
    the last page again, with the same next cursor.
    """
    cursor = params.cursor() or {}
    raw = to_int(cursor.get("limit"))
    raw = params.get_int("limit") if raw is None else raw
    limit = clamp(default if raw is None else raw, low, high)
    page = max(1, to_int(cursor.get("page"), None) or params.get_int("page", 1) or 1)
    offset = min((page - 1) * limit, MAX_OFFSET_COUNT - limit)
    return 1 + offset // limit, limit, offset


def page_slice(items: list[Any], params: Params, **kw: int) -> tuple[list[Any], dict[str, Any]]:
    """Offset paging dressed up as a cursor (discussions): items and cursor fields."""
    page, limit, offset = page_limit(params, **kw)
    window = items[offset : offset + limit + 1]
    has_more = len(window) > limit
    cursor = {"page": page + 1, "limit": limit} if has_more else None
    return window[:limit], cursor_fields(cursor)


def after_cursor(
    keys: list[tuple[Any, ...]], probe: tuple[Any, ...] | None, limit: int
) -> tuple[int, int, bool]:
    """Start and end index of the page after `probe` in an ascending key list, and has_more."""
    start = 0
    if probe is not None:
        start = next((i for i, k in enumerate(keys) if k > probe), len(keys))
    end = min(len(keys), start + limit)
    return start, end, len(keys) > end


def require_int(value: Any, message: str) -> int:
    """An integer parameter or 422."""
    number = to_int(value)
    if number is None:
        raise ApiError(422, {"error": message})
    return number

"""Parquet from `to_parquet` reads back with plain `pd.read_parquet` in `to_frame()`'s dtypes."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

import osuframes.api as of
from osuframes import read_parquet
from osuframes.query import Query
from tests.query.conftest import Sandbox
from tests.query.test_notebook_functions import EXPECTATIONS

# The notebook functions EXPECTATIONS leaves out (they need ids the world picks).
EXTRA: dict[str, Callable[[Any, Any], Query]] = {
    "users": lambda c, w: of.users(list(range(1, 60)), client=c),
    "beatmaps": lambda c, w: of.beatmaps(w.ranked_beatmap_ids("osu")[:10], client=c),
    "match_scores": lambda c, w: of.match_scores(110000014, client=c),
    "user_beatmap_scores": lambda c, w: of.user_beatmap_scores(
        w.existing_user_ids(10), _played_by_some(w, w.existing_user_ids(10)), mode="osu", client=c
    ),
}


def _played_by_some(world: Any, users: list[int]) -> int:
    """A ranked beatmap on which some of the users have a score."""
    scored = world.scores.user_on_beatmap
    return next(b for b in world.ranked_beatmap_ids("osu") if any(scored(b, 0, u) for u in users))


CASES: dict[str, Callable[[Any, Any], Query]] = {
    **{e.name: (lambda c, w, e=e: e.query(c)) for e in EXPECTATIONS},
    **EXTRA,
}


def _query_functions() -> set[str]:
    return {
        name
        for name in of.__all__
        if inspect.signature(getattr(of, name)).return_annotation in (Query, "Query")
    }


def test_every_notebook_function_has_a_case():
    covered = {name.split()[0] for name in CASES}
    assert _query_functions() - covered == set()


@pytest.mark.parametrize("name", sorted(CASES))
def test_read_parquet_gives_the_dtypes_of_to_frame(sb: Sandbox, tmp_path: Path, name: str):
    query = CASES[name](sb.client, sb.world).limit(60)
    frame = query.to_frame()
    back = pd.read_parquet(query.to_parquet(tmp_path / "frame.parquet"))
    assert list(back.columns) == list(frame.columns)
    for column in frame.columns:
        assert back[column].dtype == frame[column].dtype, column
    pd.testing.assert_frame_equal(_as_lists(back), frame)


def _as_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with list cells as Python lists (`pd.read_parquet` reads them as arrays)."""
    return frame.assign(
        **{
            name: frame[name].map(_to_python, na_action="ignore")
            for name in frame.columns
            if frame[name].dtype == object
        }
    )


def _to_python(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return [_to_python(item) for item in value.tolist()]
    if isinstance(value, dict):
        return {key: _to_python(item) for key, item in value.items()}
    return value


def test_every_kind_of_dtype_round_trips(sb: Sandbox, tmp_path: Path):
    frame = of.user_bests(104, mode="osu", client=sb.client).to_frame()
    back = pd.read_parquet(of.user_bests(104, mode="osu", client=sb.client).to_parquet(
        tmp_path / "bests.parquet"))  # fmt: skip
    kinds = {
        "best_id": "Int64",
        "passed": "boolean",
        "rank": "category",
        "created_at": "datetime64[us, UTC]",
        "mods": "object",
        "pp": "Float64",
    }
    for column, dtype in kinds.items():
        assert str(frame[column].dtype) == dtype, column
        assert back[column].dtype == frame[column].dtype, column
    assert list(back["rank"].cat.categories) == list(frame["rank"].cat.categories)
    assert [list(m) for m in back["mods"]] == [list(m) for m in frame["mods"]]


def _without_bests(world: Any, mode: str) -> int:
    return next(
        u for u in world.existing_user_ids(500) if not world.user_score_count(u, "best", mode)
    )


def test_an_empty_result_keeps_its_declared_categories_through_parquet(sb: Sandbox, tmp_path: Path):
    """Parquet keeps a dictionary only with its values: the fields carry them instead."""
    query = of.user_bests(_without_bests(sb.world, "mania"), mode="mania", client=sb.client)
    frame = query.to_frame()
    enums = [name for name in frame.columns if isinstance(frame[name].dtype, pd.CategoricalDtype)]
    assert frame.empty and {"rank", "ruleset", "beatmap.status"} <= set(enums)
    path = query.to_parquet(tmp_path / "empty.parquet")
    declared = pq.read_schema(path).field("rank").metadata[b"osuframes.categories"]
    assert json.loads(declared) == list(frame["rank"].cat.categories)
    back = read_parquet(path)
    for name in frame.columns:
        assert back[name].dtype == frame[name].dtype, name
    pd.testing.assert_frame_equal(back, frame)


def test_read_parquet_gives_to_frame_of_a_full_file_too(sb: Sandbox, tmp_path: Path):
    query = of.user_bests(104, mode="osu", client=sb.client)
    frame = query.to_frame()
    pd.testing.assert_frame_equal(read_parquet(query.to_parquet(tmp_path / "b.parquet")), frame)

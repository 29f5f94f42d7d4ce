"""The data dictionary: `Query.columns()`, `osuframes.columns(name)` and `docs/columns.md`."""

from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import pytest

import osuframes
import osuframes.api as of
from osuframes import frames
from osuframes.api.columns import PROBES
from osuframes.frames import docs
from osuframes.frames.dictionary import undocumented
from osuframes.query import Query
from tests.conftest import MockAPI, mock_sync_client

ROOT = Path(__file__).resolve().parents[2]


def test_every_column_of_the_main_frames_has_a_dtype_and_a_description():
    tables = docs.frames_columns()
    assert set(tables) == set(docs.MAIN_FRAMES)
    for name, table in tables.items():
        assert list(table.columns) == ["column", "dtype", "description", "nullable"], name
        assert table["column"].is_unique, name
        assert (table["description"].str.strip().str.len() > 0).all(), name
        assert table["dtype"].str.len().gt(0).all(), name
    bests = tables["user_bests"].set_index("column")
    assert bests.loc["pp", "description"].startswith("Performance points")
    assert bests.loc["pp", "nullable"] and not bests.loc["user_id", "nullable"]
    assert bests.loc["beatmap.difficulty_rating", "description"] == "Star rating without mods."
    joined = tables["match_scores"].set_index("column").loc["user.username", "description"]
    assert joined == "The current username. Joined from the response's `users` by `user_id`."


def test_the_columns_reference_is_current():
    written = (ROOT / "docs" / "columns.md").read_text(encoding="utf-8")
    assert written == docs.render(), "run `python -m osuframes.frames.docs` and commit it"


def test_columns_by_name_is_the_querys_data_dictionary_and_sends_nothing(api: MockAPI):
    with mock_sync_client(api) as client:
        expected = of.user_bests(2, client=client).columns()
    pd.testing.assert_frame_equal(osuframes.columns("user_bests"), expected)
    assert api.api_requests() == []
    assert list(osuframes.columns("match_scores").columns) == [
        "column", "dtype", "description", "nullable"
    ]  # fmt: skip


def test_every_notebook_function_with_a_frame_has_columns():
    returns_query = {
        name
        for name in of.__all__
        if inspect.signature(getattr(of, name)).return_annotation in (Query, "Query")
    }
    assert set(PROBES) == returns_query


@pytest.mark.parametrize("name", ["nope", "user", ""])
def test_a_name_without_a_frame_is_refused_with_the_names_allowed(name: str):
    with pytest.raises(ValueError, match=rf"columns\('{name}'\).*use one of: .*user_bests"):
        osuframes.columns(name)


def test_every_column_of_the_main_frames_is_described_by_its_fields_docstring(api: MockAPI):
    with mock_sync_client(api) as client:
        for name in docs.MAIN_FRAMES:
            schema = frames.query_schema(name, PROBES[name](client).item_model)
            assert undocumented(schema) == [], name

"""Polars and DuckDB read a Query's Arrow table: same rows, same kinds of columns."""

from __future__ import annotations

import pytest

import osuframes.api as of
from tests.query.conftest import Sandbox


def test_to_polars_keeps_rows_and_types(sb: Sandbox):
    polars = pytest.importorskip("polars", reason="polars is an optional extra: osuframes[polars]")
    query = of.user_bests(104, mode="osu", client=sb.client)
    table = query.to_arrow()
    frame = query.to_polars()
    assert isinstance(frame, polars.DataFrame)
    assert frame.columns == table.column_names
    assert frame.height == table.num_rows
    assert frame.schema["best_id"] == polars.Int64
    assert frame.schema["rank"] == polars.Categorical
    assert frame.schema["created_at"] == polars.Datetime("us", "UTC")
    assert frame.schema["mods"] == polars.List(polars.String)
    assert frame["id"].to_list() == table.column("id").to_pylist()


def test_duckdb_queries_the_arrow_table(sb: Sandbox):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not a dependency of osuframes")
    tbl = of.user_bests(104, mode="osu", client=sb.client).to_arrow()
    rows = duckdb.sql("select count(*), max(pp) from tbl").fetchall()
    assert rows == [(tbl.num_rows, max(tbl.column("pp").to_pylist()))]

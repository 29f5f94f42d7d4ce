"""List columns in pandas: each cell the Python list `to_pylist()` gives, or None."""

from __future__ import annotations

import pyarrow as pa
import pytest

from osuframes import frames

STRINGS = pa.list_(pa.string())
# A null cell whose offsets still span values (allowed by Arrow, made by some kernels).
NULL_OVER_VALUES = pa.ListArray.from_arrays(
    pa.array([0, 2, 3]), pa.array(["x", "y", "z"]), mask=pa.array([True, False])
)


@pytest.mark.parametrize(
    "column",
    [
        pa.chunked_array([pa.array([["HD"], [], None, ["HD", "DT"]], STRINGS)]),
        pa.chunked_array(
            [pa.array([["HD"], [], None, ["DT"]], STRINGS).slice(1, 3), pa.array([[]], STRINGS)]
        ),
        pa.chunked_array([], STRINGS),
        pa.chunked_array([NULL_OVER_VALUES]),
        pa.chunked_array(
            [pa.array([[{"acronym": "HD"}], None], pa.list_(pa.struct([("acronym", pa.string())])))]
        ),
        pa.chunked_array([pa.array([["HD"], None], pa.large_list(pa.string()))]),
    ],
    ids=["nulls", "sliced-chunks", "empty", "null-over-values", "structs", "large-list"],
)
def test_list_cells_are_what_to_pylist_gives(column: pa.ChunkedArray):
    table = pa.table({"mods": column})
    cells = frames.to_pandas(table)["mods"].tolist()
    assert cells == column.to_pylist()
    assert all(cell is None or type(cell) is list for cell in cells)

"""Pages read as bytes: whatever whitespace a body holds, its table is the same."""

from __future__ import annotations

import json

from osuframes import frames
from osuframes.frames.served import query_schema
from osuframes.models import Score
from tests.conftest import load_fixture


def test_pages_with_raw_line_breaks_read_like_compact_ones():
    scores = load_fixture("get_user_bests_200.json")
    schema = query_schema("user_bests", Score, ("user_id",))
    compact = [json.dumps(scores[:3]).encode(), json.dumps(scores[3:5]).encode()]
    pretty = [
        json.dumps(scores[:3], indent=2).encode(),
        json.dumps(scores[3:5], indent=1).replace("\n", "\r\n").encode(),
    ]
    keys = {"user_id": [2, 3]}
    expected = frames.table_from_pages(compact, schema, keys=keys)
    assert expected.num_rows == 5
    assert frames.table_from_pages(pretty, schema, keys=keys).equals(expected)
    # One compact page among pretty ones: the lines are still one per page.
    mixed = [pretty[0], compact[1]]
    assert frames.table_from_pages(mixed, schema, keys=keys).equals(expected)

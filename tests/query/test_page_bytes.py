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


def test_tables_of_batches_joined_are_the_table_of_all_the_pages():
    scores = load_fixture("get_user_bests_200.json")
    schema = query_schema("user_bests", Score, ("user_id",))
    # Grades the model does not know yet, a different one in each later batch.
    pages = [
        json.dumps(scores[:3]).encode(),
        json.dumps([dict(scores[3], rank="ZZ")]).encode(),
        json.dumps([dict(scores[4], rank="AA")]).encode(),
    ]
    keys = [2, 3, 4]
    whole = frames.table_from_pages(pages, schema, keys={"user_id": keys})
    batches = [
        frames.table_from_pages([page], schema, keys={"user_id": [key]})
        for page, key in zip(pages, keys, strict=True)
    ]
    joined = frames.concat_tables(batches, schema)
    assert joined.equals(whole)
    categories = frames.to_pandas(whole)["rank"].cat.categories.tolist()
    assert categories[-2:] == ["AA", "ZZ"]
    assert frames.to_pandas(joined)["rank"].cat.categories.tolist() == categories
    # Batches that met no unknown value are joined as they are.
    same = frames.concat_tables(batches[:1] * 2, schema)
    assert same.column("rank").num_chunks == 2

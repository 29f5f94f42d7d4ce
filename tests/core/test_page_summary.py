"""A page's summary (record count, ids, paging fields) is what decoding it whole gives."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from osuframes import ResponseCache
from osuframes.pagebody import read_page, summarise
from osuframes.pagination import paginate
from tests.conftest import MockAPI


@pytest.mark.parametrize(
    ("body", "items"),
    [
        (b'[{"id": 1}, {"id": 2, "beatmap": {"id": 9}}, {"user_id": 3}]', None),
        (b'{"ranking": [{"user": {"id": 5}}], "cursor": {"page": 2}, "cursor_string": "c"}',
         "ranking"),
        (b'{"comments": [{"id": 4}], "cursor": {"id": 4, "created_at": "2024-01-02T03:04:05Z"},'
         b' "has_more": false}', "comments"),
        (b'{"events": [{"id": 7}], "latest_event_id": 9, "users": [{"id": 1}]}', "events"),
        (b'{"scores": null, "cursor": null}', "scores"),
        (b'{"cursor_string": "x"}', "scores"),
        (b'{"scores": {"not": "a list"}, "cursor": {"page": 2}}', "scores"),
        (b'{"scores": [1, "two", {"id": "3"}]}', "scores"),
        (b'[1, {"id": 2.5}, null]', None),
        (b'{"id": 1}', None),
        (b'[{"id": 1}]', "scores"),
        (b'\xef\xbb\xbf[{"id": 1}]', None),
    ],
)  # fmt: skip
def test_the_summary_is_what_decoding_the_whole_body_gives(body: bytes, items: str | None):
    assert read_page(body, items) == summarise(json.loads(body), items)


@pytest.mark.parametrize("body", [b'[{"id": 1}, {"id"', b"<html>", b'[{"id": 1}] trailing'])
def test_a_body_that_is_not_json_is_refused(body: bytes):
    with pytest.raises(ValueError):
        read_page(body, None)


async def test_a_cached_page_that_no_longer_reads_is_fetched_again(
    api: MockAPI, make_client, tmp_path: Path
):
    scores = [{"id": n, "user_id": 2, "mode": "osu", "mods": []} for n in range(3)]
    api.route("GET", "/api/v2/users/2/scores/best", httpx.Response(200, json=scores))
    cache = ResponseCache(tmp_path)
    client = make_client(cache=cache)
    endpoint = client.get_user_bests.endpoint
    call = endpoint.build(client, 2)
    assert [page.count async for page in paginate(client, endpoint, call)] == [3]
    ((_, file),) = cache.entries()
    file.write_bytes(file.read_bytes()[:-20])  # cut short, as by a full disk
    pages = [page async for page in paginate(client, endpoint, call)]
    assert [record["id"] for page in pages for record in page.records] == [0, 1, 2]
    assert len(api.api_requests()) == 2
    assert cache.tally().dropped == 1

"""Query strings encoded the PHP way the osu! API reads them."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import httpx

from osuframes.http.encoding import encode_query


class Mode(Enum):
    OSU = "osu"


def test_lists_repeat_the_key_with_brackets():
    assert encode_query({"ids": [1, 2]}) == [("ids[]", "1"), ("ids[]", "2")]


def test_mappings_nest_with_brackets():
    query = encode_query({"cursor": {"page": 2}, "bpm": {"gte": 120, "lte": 180}})
    assert query == [("cursor[page]", "2"), ("bpm[gte]", "120"), ("bpm[lte]", "180")]


def test_booleans_are_true_and_false_and_none_is_left_out():
    assert encode_query({"a": True, "b": False, "c": None}) == [("a", "true"), ("b", "false")]


def test_enums_send_values_and_datetimes_iso():
    moment = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert encode_query({"m": Mode.OSU, "at": moment}) == [
        ("m", "osu"),
        ("at", "2024-01-02T03:04:05+00:00"),
    ]


def test_the_url_httpx_builds_keeps_the_brackets():
    url = httpx.URL("https://osu.test/api/v2/beatmaps", params=encode_query({"ids": [1, 2]}))
    assert str(url) == "https://osu.test/api/v2/beatmaps?ids%5B%5D=1&ids%5B%5D=2"
    assert httpx.URL(str(url)).params.get_list("ids[]") == ["1", "2"]


async def test_requests_name_osuframes_and_the_api_version(make_client):
    from tests.conftest import MockAPI

    api = MockAPI()
    api.json_route("GET", "/api/v2/users/2", {"id": 2, "username": "peppy"})
    client = make_client(transport=api.transport)
    await client._request("GET", "/api/v2/users/2", params={"ids": [1, 2], "flag": True})
    (request,) = api.api_requests()
    assert request.headers["User-Agent"].startswith("osuframes/")
    assert request.headers["x-api-version"] == "20241022"
    assert request.url.query == b"ids%5B%5D=1&ids%5B%5D=2&flag=true"

"""A page's summary is kept beside its cached body, and used only for that very body."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

import osuframes.pagebody
from osuframes import ResponseCache
from osuframes.pagebody import PageReader, read_page
from osuframes.pagination import paginate
from tests.conftest import FIXTURES, MockAPI


def _scores(*ids: int) -> list[dict[str, object]]:
    return [{"id": n, "user_id": 2, "mode": "osu", "mods": []} for n in ids]


@pytest.fixture
def bests(api: MockAPI, make_client, tmp_path: Path):
    """A client with a cache on the mock API's page of user 2's bests, and a walker of it."""
    api.route("GET", "/api/v2/users/2/scores/best", httpx.Response(200, json=_scores(1, 2, 3)))
    cache = ResponseCache(tmp_path)
    client = make_client(cache=cache)
    endpoint = client.get_user_bests.endpoint
    call = endpoint.build(client, 2)

    async def ids() -> list[object]:
        return [i async for page in paginate(client, endpoint, call) for i in page.summary.ids]

    return cache, ids


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bodies `read_page` reads from now on."""
    read: list[bytes] = []

    def counted(body: bytes, items: str | None) -> osuframes.pagebody.PageSummary:
        read.append(body)
        return read_page(body, items)

    monkeypatch.setattr(osuframes.pagebody, "read_page", counted)
    return read


async def test_a_cache_hit_is_served_from_the_kept_reading(bests, api: MockAPI, monkeypatch):
    cache, ids = bests
    assert await ids() == [1, 2, 3]
    reads = _count_reads(monkeypatch)
    assert await ids() == [1, 2, 3]
    assert reads == []  # the body was not read a second time
    assert len(api.api_requests()) == 1


async def test_a_reading_kept_for_another_body_is_not_used(bests, api: MockAPI, monkeypatch):
    cache, ids = bests
    await ids()
    ((_, body),) = cache.entries()
    body.write_bytes(json.dumps(_scores(7, 8)).encode())  # another valid page, as by a copy
    reads = _count_reads(monkeypatch)
    assert await ids() == [7, 8]
    assert len(reads) == 1
    assert await ids() == [7, 8]  # and its reading is kept now
    assert len(reads) == 1
    assert len(api.api_requests()) == 1


@pytest.mark.parametrize("spoil", [lambda b: b[:-20], lambda b: b.replace(b"[", b"x", 1)])
async def test_a_spoilt_body_with_a_kept_reading_is_fetched_again(bests, api: MockAPI, spoil):
    cache, ids = bests
    await ids()
    ((_, body),) = cache.entries()
    body.write_bytes(spoil(body.read_bytes()))  # cut short, or one byte changed
    assert await ids() == [1, 2, 3]
    assert len(api.api_requests()) == 2
    assert cache.tally().dropped == 1


async def test_a_body_cached_without_a_reading_gets_one_at_its_first_hit(
    bests, api: MockAPI, monkeypatch
):
    cache, ids = bests
    await ids()
    ((_, body),) = cache.entries()
    body.with_suffix(".reading").unlink()  # as an older osuframes left it
    reads = _count_reads(monkeypatch)
    assert [await ids(), await ids()] == [[1, 2, 3], [1, 2, 3]]
    assert len(reads) == 1
    assert len(api.api_requests()) == 1


async def test_readings_are_not_entries_and_go_with_their_bodies(bests):
    cache, ids = bests
    await ids()
    folder = cache.path / "v1"
    assert sorted(file.suffix for file in folder.rglob("*.*")) == [".json", ".reading"]
    assert len(cache) == 1
    assert cache.clear() == 1
    assert list(folder.rglob("*.*")) == []


async def test_clearing_removes_readings_left_without_their_body(bests):
    cache, ids = bests
    await ids()
    ((_, body),) = cache.entries()
    body.unlink()  # as a run killed between the two deletes left it
    assert len(cache) == 0
    assert cache.clear(older_than_s=7 * 86400) == 0
    assert list((cache.path / "v1").rglob("*.*")) == []


def test_eviction_takes_the_readings_along(tmp_path: Path):
    cache = ResponseCache(tmp_path, size_limit=10_000)
    reader = PageReader(None)
    for n in range(30):
        body = json.dumps([{"id": n, "pad": "x" * 900}]).encode()
        cache.set(f"key{n:02d}", "user-scores", body, reading=reader.dump(reader(body)))
    bodies = {file.stem for file in cache.path.rglob("*.json")}
    readings = {file.stem for file in cache.path.rglob("*.reading")}
    assert len(bodies) < 30 and readings == bodies


def _fixture_pages() -> list[tuple[str, bytes, str | None]]:
    """Every recorded response with a body, as a page of each list it holds (or of itself)."""
    pages = []
    for file in sorted(FIXTURES.glob("*.json")):
        body = file.read_bytes()
        if not body.strip():  # an empty 404: the pages' reader never sees one
            continue
        data = json.loads(body)
        keys = [k for k, v in data.items() if isinstance(v, list)] if isinstance(data, dict) else []
        pages += [(file.name, body, items) for items in keys or [None]]
    return pages


def test_a_kept_reading_is_the_reading_of_every_recorded_response():
    pages = _fixture_pages()
    if not pages:
        pytest.skip(f"recorded fixtures not found at {FIXTURES} (CI has ../shared beside the repo)")
    for name, body, items in pages:
        reader = PageReader(items)
        assert reader.load(reader.dump(reader(body))) == reader(body), (name, items)


@pytest.mark.parametrize(
    "kept", [b"", b"not json", b"[1, 2]", b'{"count": 1}', b'["1", [], {}]', b"[1, {}, {}]"]
)
def test_what_is_not_a_kept_reading_is_refused(kept: bytes):
    with pytest.raises(ValueError, match="not a kept page summary"):
        PageReader(None).load(kept)

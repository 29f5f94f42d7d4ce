"""Loud failures (issue #14): what concerns every id raises at once, partial results warn."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import osuframes.api as of
import osuframes.progress
from osuframes import FetchError, NetworkError, NotFound, PartialResultWarning
from tests.conftest import MockAPI
from tests.query.conftest import Sandbox


async def test_an_unreachable_token_endpoint_raises_within_one_retry_budget(
    api: MockAPI, make_client
):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    api.route("POST", "/oauth/token", refuse)
    client = make_client(max_retries=3)
    query = of.user_bests(range(1, 11), mode="osu", client=client, progress=False)
    with pytest.raises(NetworkError, match="oauth/token"):
        await query.afetch()
    # One retry budget (the first try and 3 retries), not one per id.
    assert len(api.token_requests()) == 4
    assert api.api_requests() == []


async def test_the_api_unreachable_from_the_first_request_raises_whatever_the_policy(
    api: MockAPI, make_client
):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    for number in range(1, 11):
        api.route("GET", f"/api/v2/users/{number}/scores/best", refuse)
    client = make_client(max_retries=2)
    for policy in ("collect", "skip"):
        api.requests.clear()
        query = of.user_bests(range(1, 11), client=client, errors=policy)
        with pytest.raises(NetworkError):
            await query.afetch()
        assert len(api.api_requests()) == 3  # one id's budget, then it stops


def test_some_ids_failing_warn_once_naming_how_many_and_which(sb: Sandbox):
    ids = sb.world.existing_user_ids(3, start=200)
    missing = sb.world.missing_user_ids(2)
    query = of.user_bests([ids[0], missing[0], ids[1], missing[1], ids[2]], client=sb.client)
    with pytest.warns(PartialResultWarning) as warned:
        frame = query.to_frame()
    assert len(warned) == 1
    message = str(warned[0].message)
    assert "2 of 5 ids failed" in message
    assert f"{missing[0]}: NotFound" in message and f"{missing[1]}: NotFound" in message
    assert [failed.key for failed in query.errors] == missing
    assert set(frame["user_id"]) <= set(ids)
    query.to_frame()  # using the Query again warns no more (filterwarnings=error)


def test_every_id_failing_raises_a_fetch_error_carrying_the_errors(sb: Sandbox):
    missing = sb.world.missing_user_ids(3)
    for policy in ("collect", "skip"):
        with pytest.raises(FetchError, match="all 3 ids failed") as failed:
            of.user_bests(missing, client=sb.client, errors=policy).to_frame()
        assert [f.key for f in failed.value.errors] == missing
        assert all(isinstance(f.error, NotFound) for f in failed.value.errors)


def test_an_id_given_twice_is_fetched_once_and_its_rows_appear_once(sb: Sandbox):
    once = of.user_bests([104, 103], mode="osu", client=sb.client).to_frame()
    sb.stats.reset()
    twice = of.user_bests([104, 103, 104], mode="osu", client=sb.client).to_frame()
    assert sb.requests("/api/v2/users/104/scores/best") == 2  # its 2 pages, once
    assert len(twice) == len(once)
    assert not twice.duplicated(subset=["user_id", "id"]).any()
    users = of.users([2, 3, 2], client=sb.client).to_frame()
    assert list(users["id"]) == [2, 3]


class RecordedBar:
    """Stands in for tqdm: records what the bar was told (a display is rate-limited)."""

    made: list[RecordedBar] = []

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.n = 0
        self.postfix = ""
        RecordedBar.made.append(self)

    def update(self, n: int) -> None:
        self.n += n

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        self.postfix = text

    def close(self) -> None:
        pass


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[RecordedBar]:
    RecordedBar.made = []
    monkeypatch.setattr(osuframes.progress, "tqdm_class", lambda: RecordedBar)
    return RecordedBar.made


def test_progress_counts_ids_for_a_batched_endpoint(sb: Sandbox, bars: list[RecordedBar]):
    ids = sb.world.existing_user_ids(100)
    of.users(ids, client=sb.client, progress=True).to_frame()
    (bar,) = bars
    assert bar.options["total"] == 100 and bar.options["unit"] == "id"
    assert bar.n == 100


def test_progress_of_a_single_walk_counts_pages_and_records(sb: Sandbox, bars: list[RecordedBar]):
    of.rankings("osu", "performance", client=sb.client, progress=True).limit(120).to_frame()
    (bar,) = bars
    assert bar.options["total"] is None and bar.options["unit"] == "page"
    assert bar.n == 3
    assert bar.postfix == "150 records"

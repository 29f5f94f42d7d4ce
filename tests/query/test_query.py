"""The Query: lazy, cached, typed frames, fan-out with errors, sync and async use."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import osuframes.api as of
from osuframes import NotFound, PartialResultWarning, SyncClient
from osuframes.models import Score
from tests.conftest import CLIENT_ID, CLIENT_SECRET, MockAPI
from tests.query.conftest import Sandbox


def test_nothing_is_fetched_until_used(sb: Sandbox):
    query = of.user_bests(104, mode="osu", client=sb.client)
    assert "not fetched yet" in repr(query)
    assert sb.stats.total == 0
    query.to_frame()
    assert "2 pages fetched, 200 records" in repr(query)


def test_using_a_query_again_costs_no_request(sb: Sandbox):
    query = of.user_bests(104, mode="osu", client=sb.client)
    first = query.to_frame()
    requests = sb.stats.total
    pd.testing.assert_frame_equal(query.to_frame(), first)
    assert len(query.to_list()) == len(list(query)) == len(first)
    assert sb.stats.total == requests


def test_limit_fetches_only_what_is_needed(sb: Sandbox):
    frame = of.user_bests(104, mode="osu", client=sb.client).limit(30).to_frame()
    assert len(frame) == 30
    assert sb.requests("/api/v2/users/104/scores/best") == 1
    head = of.rankings("osu", "performance", client=sb.client).head(60)
    assert len(head) == 60
    assert sb.requests("/api/v2/rankings") == 2
    limited = of.rankings("osu", "performance", client=sb.client).limit(60)
    assert len(limited.to_frame()) == len(limited.to_list()) == 60


def test_limit_and_head_reuse_the_pages_already_fetched(sb: Sandbox):
    query = of.user_bests(104, mode="osu", client=sb.client).fetch()
    fetched = sb.stats.total
    limited = query.limit(30)
    assert len(limited) == len(limited.to_list()) == len(limited.to_frame()) == 30
    pd.testing.assert_frame_equal(limited.to_frame(), query.to_frame().head(30))
    assert len(query.head(10)) == 10
    assert len(limited.limit(5).to_frame()) == 5
    assert sb.stats.total == fetched


def test_a_limit_above_what_was_fetched_fetches_again(sb: Sandbox):
    path = "/api/v2/users/104/scores/best"
    query = of.user_bests(104, mode="osu", client=sb.client).limit(50).fetch()
    assert sb.requests(path) == 1
    assert len(query.limit(20).to_frame()) == 20
    assert sb.requests(path) == 1
    assert len(query.limit(150).to_frame()) == 150
    assert sb.requests(path) == 3


def test_len_counts_the_records_returned_within_the_limit(sb: Sandbox):
    # Rankings come 50 a page, so the second page holds 40 records more than asked for.
    query = of.rankings("osu", "performance", client=sb.client).limit(60)
    assert len(query) == len(query.to_list()) == len(query.to_frame()) == 60
    assert "2 pages fetched, 100 records" in repr(query)


def test_a_record_repeated_at_a_page_boundary_is_returned_once(api: MockAPI):
    def events(request: httpx.Request) -> httpx.Response:
        if "cursor_string" not in request.url.params:
            page = {"events": [{"id": 1, "type": "rank"}, {"id": 2, "type": "rank"}]}
            return httpx.Response(200, json={**page, "cursor": {"id": 2}, "cursor_string": "2"})
        page = {"events": [{"id": 2, "type": "rank"}, {"id": 3, "type": "rank"}]}
        return httpx.Response(200, json={**page, "cursor": None, "cursor_string": None})

    api.route("GET", "/api/v2/events", events)
    with SyncClient(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url="https://osu.test",
        transport=api.transport,
        limiter=(1000, 1),
    ) as client:
        query = of.events(client=client)
        assert [event.id for event in query] == [1, 2, 3]
        assert len(query) == len(query.to_list()) == len(query.to_frame()) == 3
    assert len(api.api_requests()) == 2


def user_without_bests(sb: Sandbox, mode: str = "taiko") -> int:
    return next(
        u
        for u in sb.world.existing_user_ids(500)
        if sb.world.user_score_count(u, "best", mode) == 0
    )


def test_empty_page_one_and_full_results_have_the_same_schema(sb: Sandbox):
    empty = of.user_bests(user_without_bests(sb), mode="taiko", client=sb.client).to_frame()
    first = of.user_bests(104, mode="osu", client=sb.client).limit(100).to_frame()
    full = of.user_bests([104, 103], mode="osu", client=sb.client).to_frame()
    assert len(empty) == 0 and len(first) == 100 and len(full) > 100
    assert list(empty.columns) == list(first.columns) == list(full.columns)
    assert empty.dtypes.equals(first.dtypes) and first.dtypes.equals(full.dtypes)


def test_frames_without_pages_have_the_dtypes_of_a_full_frame(sb: Sandbox):
    full = of.user_bests(104, mode="osu", client=sb.client).to_frame()
    empty = of.user_bests([], mode="osu", client=sb.client).to_frame()
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    # A CategoricalDtype compares equal only with the same categories.
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert list(empty["rank"].cat.categories) == list(full["rank"].cat.categories)
    assert len(empty["rank"].cat.categories) > 0
    assert pd.concat([empty, full]).dtypes.to_dict() == full.dtypes.to_dict()


def test_ids_given_as_strings_of_digits_are_ids(sb: Sandbox):
    expected = of.user_bests(2, mode="osu", client=sb.client).to_frame()
    assert len(expected) > 0
    for ids in ("2", ["2"]):
        frame = of.user_bests(ids, mode="osu", client=sb.client).to_frame()
        pd.testing.assert_frame_equal(frame, expected)


def test_an_id_that_is_not_a_number_fails_with_the_methods_message(sb: Sandbox):
    message = r"get_user_bests\(user_id='two'\): an id must be a positive integer"
    for ids in ("two", ["2", "two"]):
        with pytest.raises(ValueError, match=message) as error:
            of.user_bests(ids, mode="osu", client=sb.client).to_frame()
        assert not isinstance(error.value, pa.ArrowException)
    assert sb.stats.total == 0


def test_declared_dtypes(sb: Sandbox):
    frame = of.user_bests(104, mode="osu", client=sb.client).to_frame()
    assert list(frame.columns[:2]) == ["user_id", "id"]
    assert str(frame["id"].dtype) == "Int64"
    assert str(frame["pp"].dtype) == "Float64"
    assert str(frame["created_at"].dtype) == "datetime64[us, UTC]"
    assert isinstance(frame["rank"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["mods"].iloc[0], list)
    assert frame["mods_str"].iloc[0] == ("".join(frame["mods"].iloc[0]) or "NM")
    assert str(frame["beatmap.difficulty_rating"].dtype) == "Float64"
    arrow = of.user_bests(104, mode="osu", client=sb.client).to_frame(dtype_backend="pyarrow")
    assert str(arrow["id"].dtype) == "int64[pyarrow]"


def test_parquet_in_two_batches_reads_back_as_one_table(sb: Sandbox, tmp_path: Path):
    one = of.user_bests(104, mode="osu", client=sb.client).to_parquet(tmp_path / "a.parquet")
    nobody = user_without_bests(sb)
    two = of.user_bests([nobody, 102], mode="taiko", client=sb.client)
    two.to_parquet(tmp_path / "b.parquet")
    expected = 200 + sb.world.user_score_count(102, "best", "taiko")
    assert (
        pa.concat_tables([pq.read_table(one), pq.read_table(tmp_path / "b.parquet")]).num_rows
        == expected
    )
    assert pq.ParquetDataset(tmp_path).read().num_rows == expected
    assert not list(tmp_path.glob(".*partial"))


def test_fan_out_over_200_users_with_a_missing_one(sb: Sandbox):
    ids = sb.world.existing_user_ids(199, start=1000)
    missing = sb.world.missing_user_ids(1)[0]
    ids.insert(100, missing)
    query = of.user_recent_activity(ids, client=sb.client, progress=False)
    with pytest.warns(PartialResultWarning, match=rf"1 of 200 ids failed.*{missing}: NotFound"):
        frame = query.to_frame()
    expected = sum(sb.world.recent_activity_count(u) for u in ids if u != missing)
    assert len(frame) == expected
    assert set(frame["user_id"]) <= set(ids) - {missing}
    assert [(failed.key, type(failed.error)) for failed in query.errors] == [(missing, NotFound)]
    assert sb.stats.throttled == 0


def test_errors_raise_and_skip(sb: Sandbox):
    missing = sb.world.missing_user_ids(1)[0]
    with pytest.raises(NotFound):
        of.user_kudosu([103, missing], client=sb.client, errors="raise").to_frame()
    skipped = of.user_kudosu([103, missing], client=sb.client, errors="skip")
    assert len(skipped.to_frame()) == sb.world.kudosu_history_count(103)
    assert skipped.errors == []


def test_bad_arguments_fail_before_any_request(sb: Sandbox):
    with pytest.raises(ValueError, match="user_id=-1"):
        of.user_bests([104, -1], client=sb.client).to_frame()
    with pytest.raises(ValueError, match="errors='ignore'"):
        of.user_bests(104, client=sb.client, errors="ignore")  # type: ignore[arg-type]
    assert sb.stats.total == 0


def test_to_frames_gives_every_list_of_the_response(sb: Sandbox):
    frames = of.beatmapset_discussions(client=sb.client).limit(50).to_frames()
    assert {"discussions", "users"} <= set(frames)
    assert len(frames["discussions"]) == 50
    assert frames["users"]["id"].is_unique


def test_models_from_to_list_and_iteration(sb: Sandbox):
    query = of.user_bests(104, mode="osu", client=sb.client).limit(5)
    scores = query.to_list()
    assert len(scores) == 5 and all(isinstance(score, Score) for score in scores)
    assert list(query) == scores


def test_async_for_inside_a_running_loop(sb: Sandbox):
    async def notebook_cell() -> list[Score]:
        query = of.user_bests(104, mode="osu", client=sb.client).limit(10)
        return [score async for score in query]

    assert len(asyncio.run(notebook_cell())) == 10


def test_sync_use_inside_a_running_loop(sb: Sandbox):
    async def notebook_cell() -> int:
        return len(of.user_bests(104, mode="osu", client=sb.client).to_frame())

    assert asyncio.run(notebook_cell()) == 200


def test_html_repr_names_the_endpoint_and_the_pages(sb: Sandbox):
    query = of.user_bests([104, 103], mode="osu", client=sb.client)
    query.to_frame()
    html = query._repr_html_()
    assert "user_bests" in html and "get_user_bests" in html and "pages fetched" in html


def test_plain_script_with_the_default_client(tmp_path: Path):
    script = textwrap.dedent(
        """
        import osuframes.api as of
        of.use_sandbox()
        frame = of.rankings("osu", "performance").head(3)
        print(len(frame), list(frame.columns[:2]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"OSUFRAMES_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("3 ")


def test_me_with_a_login_and_without(sb: Sandbox):
    import httpx

    from osuframes import LoginError, OAuthToken, SyncClient, configure

    body = httpx.post(
        f"{sb.info.base_url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": sb.info.client_id,
            "client_secret": sb.info.client_secret,
            "code": sb.info.auth_code,
            "redirect_uri": "http://127.0.0.1/callback",
        },
    ).json()
    token = OAuthToken.model_validate(body)
    with SyncClient(
        base_url=sb.info.base_url,
        client_id=sb.info.client_id,
        client_secret=sb.info.client_secret,
        token=token,
        session_id=token.owner_id,
    ) as client:
        assert of.me(client=client).id == sb.info.user_id
    configure(
        base_url=sb.info.base_url,
        client_id=sb.info.client_id,
        client_secret=sb.info.client_secret,
    )
    with pytest.raises(LoginError, match="osuframes login"):
        of.me()

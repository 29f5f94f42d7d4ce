"""Columns per endpoint: a frame built from a recorded response has no column that is null
in every row, except the ones documented (tests/query/fixture_frames.py, with the reason),
and joins fill in the related objects the response carries beside the records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import FIXTURES
from tests.query.fixture_frames import CASES, NOT_A_FRAME, Case, Served, body, manifest, route
from tests.query.fixture_frames import serve as serve_case

if not (FIXTURES / "MANIFEST.tsv").is_file():
    pytest.skip(f"osu! API v2 fixtures not found at {FIXTURES}", allow_module_level=True)

BY_ID = {case.id: case for case in CASES}


def _case(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Case, Any], Served]]:
    """Serve a body for every request of a case's Query; close the clients at the end."""
    made: list[Served] = []

    def make(case: Case, answer: Any) -> Served:
        served = serve_case(case, answer, tmp_path / f"cache{len(made)}")
        made.append(served)
        return served

    yield make
    for served in made:
        served.client.close()


def test_every_fixture_of_the_manifest_makes_a_frame_or_says_why_not():
    framed = {case.fixture for case in CASES}
    for row in manifest():
        name = row["file"]
        if row["http_status"] != "200" or row["http_method"] != "GET":
            continue  # an error body, or a write (no notebook function sends one)
        assert (name in framed) != (name in NOT_A_FRAME), name
    assert not (set(NOT_A_FRAME) | framed) - {row["file"] for row in manifest()}


@pytest.mark.parametrize("case_id", sorted(BY_ID))
def test_no_column_is_null_in_every_row_unless_documented(serve: Any, case_id: str):
    case = BY_ID[case_id]
    if case.degenerate:
        pytest.skip(f"{case.fixture} holds no records: {case.degenerate}")
    served = serve(case, body(case))
    frame = served.query.to_frame()
    assert len(frame) > 0
    assert served.paths and all(route(case).fullmatch(p) for p in served.paths)
    all_null = {column for column in frame.columns if frame[column].isna().all()}
    assert all_null == set(case.nullable), case_id
    assert all(reason.strip() for reason in case.nullable.values())


@pytest.mark.parametrize("case_id", sorted(BY_ID))
def test_an_empty_result_has_the_same_columns_and_dtypes(serve: Any, case_id: str):
    case = BY_ID[case_id]
    recorded = body(case)
    full = serve(case, recorded).query.to_frame()
    empty_body: Any = [] if case.items is None else {**recorded, case.items: []}
    empty = serve(case, empty_body).query.to_frame()
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert list(empty.dtypes) == list(full.dtypes)


def test_match_scores_carry_the_players_name_and_country(serve: Any):
    case = _case("match_scores")
    recorded = body(case)
    frame = serve(case, recorded).query.to_frame()
    users = {user["id"]: user for user in recorded["users"]}
    known = frame[frame["user_id"].isin(list(users))]
    assert len(known) == len(frame) > 0
    for _, row in known.iterrows():
        user = users[row["user_id"]]
        assert row["user.username"] == user["username"]
        assert row["user.country_code"] == user["country_code"]


@pytest.mark.parametrize(
    "name", ["beatmapset_discussions", "beatmapset_discussion_posts", "beatmapset_discussion_votes"]
)
def test_discussions_posts_and_votes_carry_their_users_name(serve: Any, name: str):
    case = _case(name)
    recorded = body(case)
    query = serve(case, recorded).query
    frame = query.to_frame()
    names = {user["id"]: user["username"] for user in recorded["users"]}
    expected = frame["user_id"].map(lambda uid: names.get(uid, pd.NA))
    assert frame["user.username"].tolist() == expected.tolist()
    assert frame["user.username"].notna().any()
    assert "users" in query.to_frames()  # the side list stays as it is


def test_beatmap_scores_carry_the_users_name_and_country(serve: Any):
    case = _case("beatmap_scores")
    frame = serve(case, body(case)).query.to_frame()
    for column in ("user.username", "user.country_code", "user.country.name"):
        assert frame[column].notna().all(), column
    assert not any(c.startswith(("match.", "weight.", "beatmap.")) for c in frame.columns)

"""Columns per endpoint: a frame built from a recorded response has no column that is null
in every row, except the ones documented here (with the reason), and joins fill in the
related objects the response carries beside the records."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import osuframes.api as of
from osuframes.query import Query
from tests.conftest import MockAPI, mock_sync_client

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "osu-api-v2"
if not FIXTURES.is_dir():
    pytest.skip(f"osu! API v2 fixtures not found at {FIXTURES}", allow_module_level=True)

_NO_GEKI = "osu! (standard) has no geki/katu judgements: null for every osu! score"
_COLOUR = "profile_colour is set only for staff and some groups"
_DELETED = "set only on deleted, edited or reply items; none in the recording"
_HYPE = "only pending beatmapsets have hype; the recorded ones are ranked"


@dataclass(frozen=True)
class Case:
    """A recorded response served as the only page of a notebook function's Query."""

    fixture: str
    items: str | None
    query: Callable[[Any, Any], Query]
    path: Callable[[Any], str]
    nullable: dict[str, str]


CASES = {
    "beatmap_scores": Case(
        "get_beatmap_scores_200.json", "scores",
        lambda c, b: of.beatmap_scores(2906626, client=c),
        lambda b: "/api/v2/beatmaps/2906626/scores",
        {"statistics.count_geki": _NO_GEKI, "statistics.count_katu": _NO_GEKI,
         "user.profile_colour": _COLOUR},
    ),
    "user_bests": Case(
        "get_user_bests_200.json", None,
        lambda c, b: of.user_bests(b[0]["user_id"], client=c),
        lambda b: f"/api/v2/users/{b[0]['user_id']}/scores/best",
        {"statistics.count_geki": _NO_GEKI, "statistics.count_katu": _NO_GEKI,
         "user.profile_colour": _COLOUR, "beatmapset.hype.current": _HYPE,
         "beatmapset.hype.required": _HYPE,
         "beatmap.max_combo": "osu-web leaves it out of a score's beatmap (it is on the "
                              "beatmap's own page)",
         "beatmap.deleted_at": _DELETED,
         "user.last_visit": "null for users who hide their online status"},
    ),
    "match_scores": Case(
        "get_multiplayer_match_200.json", "events",
        lambda c, b: of.match_scores(b["match"]["id"], client=c),
        lambda b: f"/api/v2/matches/{b['match']['id']}",
        {"beatmapset.hype.current": _HYPE, "beatmapset.hype.required": _HYPE,
         "user.profile_colour": _COLOUR},
    ),
    "beatmapset_discussions": Case(
        "get_beatmapset_discussions_200.json", "discussions",
        lambda c, b: of.beatmapset_discussions(client=c),
        lambda b: "/api/v2/beatmapsets/discussions",
        {name: _DELETED for name in (
            "deleted_by_id", "parent_id", "deleted_at", "starting_post.last_editor_id",
            "starting_post.deleted_by_id", "starting_post.deleted_at")},
    ),
    "beatmapset_discussion_posts": Case(
        "get_beatmapset_discussion_posts_200.json", "posts",
        lambda c, b: of.beatmapset_discussion_posts(client=c),
        lambda b: "/api/v2/beatmapsets/discussions/posts",
        {name: _DELETED for name in ("last_editor_id", "deleted_by_id", "deleted_at")},
    ),
    "beatmapset_discussion_votes": Case(
        "get_beatmapset_discussion_votes_200.json", "votes",
        lambda c, b: of.beatmapset_discussion_votes(client=c),
        lambda b: "/api/v2/beatmapsets/discussions/votes",
        {},
    ),
}  # fmt: skip


def _body(case: Case) -> Any:
    return json.loads((FIXTURES / case.fixture).read_text(encoding="utf-8"))


def _query(case: Case, body: Any, client: Any) -> Query:
    records = body[case.items] if case.items else body
    return case.query(client, _body(case)).limit(max(1, len(records)))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[Case, Any], Query]]:
    """Serve a body at a case's path; give the case's Query on it."""
    clients = []

    def serve(case: Case, body: Any) -> Query:
        api = MockAPI()
        api.json_route("GET", case.path(_body(case)), body)
        client = mock_sync_client(api, cache_dir=tmp_path / f"cache{len(clients)}")
        clients.append(client)
        return _query(case, body, client)

    yield serve
    for client in clients:
        client.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_column_is_null_in_every_row_unless_documented(served: Any, name: str):
    case = CASES[name]
    frame = served(case, _body(case)).to_frame()
    assert len(frame) > 0
    all_null = {column for column in frame.columns if frame[column].isna().all()}
    assert all_null == set(case.nullable), name
    assert all(reason.strip() for reason in case.nullable.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_empty_result_has_the_same_columns_and_dtypes(served: Any, name: str):
    case = CASES[name]
    body = _body(case)
    full = served(case, body).to_frame()
    if case.items is None:
        empty_body: Any = []
    else:
        empty_body = {**body, case.items: []}
    empty = served(case, empty_body).to_frame()
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert list(empty.dtypes) == list(full.dtypes)


def test_match_scores_carry_the_players_name_and_country(served: Any):
    case = CASES["match_scores"]
    body = _body(case)
    frame = served(case, body).to_frame()
    users = {user["id"]: user for user in body["users"]}
    known = frame[frame["user_id"].isin(list(users))]
    assert len(known) == len(frame) > 0
    for _, row in known.iterrows():
        user = users[row["user_id"]]
        assert row["user.username"] == user["username"]
        assert row["user.country_code"] == user["country_code"]


@pytest.mark.parametrize(
    "name", ["beatmapset_discussions", "beatmapset_discussion_posts", "beatmapset_discussion_votes"]
)
def test_discussions_posts_and_votes_carry_their_users_name(served: Any, name: str):
    case = CASES[name]
    body = _body(case)
    query = served(case, body)
    frame = query.to_frame()
    names = {user["id"]: user["username"] for user in body["users"]}
    expected = frame["user_id"].map(lambda uid: names.get(uid, pd.NA))
    assert frame["user.username"].tolist() == expected.tolist()
    assert frame["user.username"].notna().any()
    assert "users" in query.to_frames()  # the side list stays as it is


def test_beatmap_scores_carry_the_users_name_and_country(served: Any):
    case = CASES["beatmap_scores"]
    frame = served(case, _body(case)).to_frame()
    for column in ("user.username", "user.country_code", "user.country.name"):
        assert frame[column].notna().all(), column
    assert not any(c.startswith(("match.", "weight.", "beatmap.")) for c in frame.columns)

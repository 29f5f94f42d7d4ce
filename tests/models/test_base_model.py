"""OsuModel behaviour: strict and tolerant reading, to_dict/to_frame, datetimes,
score-format and cursor helpers, and the package's public surface."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pydantic import ValidationError

import osuframes.models as models
from osuframes.models import (
    BeatmapsetCovers,
    BeatmapUserScore,
    CursorPage,
    LazerScore,
    OsuModel,
    Score,
    UserExtended,
    UTCDateTime,
    decode_cursor_string,
    encode_cursor_string,
)

MODELS_DIR = Path(models.__file__).parent


def _score(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": 1,
        "user_id": 2,
        "accuracy": 0.99,
        "mode": "osu",
        "mods": ["HD", "DT"],
        "created_at": "2024-01-02T03:04:05Z",
        "beatmap": {"id": 75, "difficulty_rating": 2.5, "version": "Normal"},
        "statistics": {"count_300": 100, "count_miss": 0},
    }
    body.update(extra)
    return body


class _Stamp(OsuModel):
    at: UTCDateTime


def test_strict_mode_names_the_model_and_the_unexpected_field() -> None:
    with pytest.raises(ValueError, match=r"Score got unexpected field\(s\) 'surprise'"):
        Score.model_validate(_score(surprise=1), context={"strict": True})


def test_strict_mode_reaches_nested_models_and_lists_every_field() -> None:
    body = _score()
    body["beatmap"]["zeta"] = 1
    body["beatmap"]["alpha"] = 2
    with pytest.raises(ValidationError) as info:
        Score.model_validate(body, context={"strict": True})
    (error,) = info.value.errors()
    assert error["loc"] == ("beatmap",)
    assert "Beatmap got unexpected field(s) 'alpha', 'zeta'" in error["msg"]


def test_strict_mode_reports_errors_in_sibling_subtrees_together() -> None:
    body = _score(user={"id": 2, "username": "x", "nope": 1})
    body["beatmap"]["nope"] = 1
    with pytest.raises(ValidationError) as info:
        Score.model_validate(body, context={"strict": True})
    assert {error["loc"] for error in info.value.errors()} == {("beatmap",), ("user",)}


def test_strict_mode_counts_aliases_and_names_as_known_keys() -> None:
    covers = BeatmapsetCovers.model_validate(
        {"card@2x": "a", "card": "b"}, context={"strict": True}
    )
    assert covers.card_2x == "a"
    by_name = BeatmapsetCovers.model_validate({"card_2x": "a"}, context={"strict": True})
    assert by_name.card_2x == "a"


def test_strict_mode_accepts_and_drops_declared_duplicate_keys() -> None:
    body = {"id": 1, "username": "x", "rankHistory": {"mode": "osu", "data": [1]}}
    user = UserExtended.model_validate(body, context={"strict": True})
    assert "rankHistory" not in user.to_dict()


def test_tolerant_mode_ignores_an_unknown_field_and_does_not_keep_it() -> None:
    score = Score.model_validate(_score(surprise=1))
    assert not hasattr(score, "surprise")
    assert "surprise" not in score.to_dict()
    assert score.model_extra is None


def test_absent_optional_fields_are_none() -> None:
    score = Score.model_validate(_score())
    assert score.pp is None
    assert score.user is None
    assert score.beatmap.beatmapset is None
    assert score.statistics.count_geki is None


def test_to_dict_keeps_datetimes_aliases_and_plain_strings() -> None:
    data = Score.model_validate(_score()).to_dict()
    assert data["created_at"] == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert type(data["mode"]) is str and data["mode"] == "osu"
    assert data["mods"] == ["HD", "DT"]
    assert data["beatmap"]["difficulty_rating"] == 2.5
    assert "card@2x" in BeatmapsetCovers(card_2x="x").to_dict()


def test_to_frame_is_one_row_with_dotted_columns_and_list_cells() -> None:
    frame = Score.model_validate(_score()).to_frame()
    assert len(frame) == 1
    assert "beatmap.difficulty_rating" in frame.columns
    assert "statistics.count_300" in frame.columns
    assert frame.loc[0, "beatmap.difficulty_rating"] == 2.5
    assert frame.loc[0, "mods"] == ["HD", "DT"]
    assert isinstance(frame["created_at"].dtype, pd.DatetimeTZDtype)
    assert str(frame["created_at"].dtype.tz) == "UTC"


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05+00:00",
        "2024-01-02T05:04:05+02:00",
        "2024-01-02T03:04:05.000000Z",
        1704164645,
        datetime(2024, 1, 2, 3, 4, 5),
        datetime(2024, 1, 1, 22, 4, 5, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_datetimes_become_aware_utc(value: object) -> None:
    at = _Stamp.model_validate({"at": value}).at
    assert at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert at.tzinfo is UTC


def test_any_score_picks_the_format_from_the_keys() -> None:
    lazer_body = {"id": 5, "user_id": 2, "accuracy": 1.0, "ruleset_id": 3, "total_score": 10}
    lazer = BeatmapUserScore.model_validate({"position": 1, "score": lazer_body}).score
    assert isinstance(lazer, LazerScore)
    legacy = BeatmapUserScore.model_validate({"position": 1, "score": _score()}).score
    assert isinstance(legacy, Score)


@pytest.mark.parametrize(
    ("cursor_string", "cursor"),
    [
        ("eyJldmVudF9pZCI6OH0", {"event_id": 8}),
        ("eyJtYXRjaF9pZCI6MTE0NDI4Njg1fQ", {"match_id": 114428685}),
        ("eyJwYWdlIjoyfQ", {"page": 2}),
    ],
)
def test_cursor_strings_round_trip(cursor_string: str, cursor: dict[str, Any]) -> None:
    assert decode_cursor_string(cursor_string) == cursor
    assert encode_cursor_string(cursor) == cursor_string


@pytest.mark.parametrize("bad", ["!!!", "WzFd"])
def test_decoding_a_bad_cursor_string_raises_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="cursor"):
        decode_cursor_string(bad)


def test_cursor_page_has_a_next_page_until_the_cursor_is_null() -> None:
    assert CursorPage.model_validate({"cursor": {"page": 2}, "cursor_string": "x"}).has_next_page
    assert not CursorPage.model_validate({"cursor": None, "cursor_string": None}).has_next_page


def test_package_all_is_sorted_and_complete() -> None:
    assert models.__all__ == sorted(models.__all__)
    for path in sorted(MODELS_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        module = __import__(f"osuframes.models.{path.stem}", fromlist=["__all__"])
        missing = set(module.__all__) - set(models.__all__) - {"is_strict"}
        assert not missing, (path.name, missing)
        assert list(module.__all__) == sorted(module.__all__), path.name


def test_models_import_nothing_of_ours_outside_the_models_package() -> None:
    for path in sorted(MODELS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 1, (path.name, node.module)
                assert not (node.module or "").startswith("osuframes"), path.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("osuframes") for a in node.names), path.name


def test_no_model_module_grows_past_five_hundred_lines() -> None:
    for path in MODELS_DIR.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name

"""The data dictionary: `Query.columns()` and the generated `docs/columns.md`."""

from __future__ import annotations

from pathlib import Path

from osuframes.frames import docs

ROOT = Path(__file__).resolve().parents[2]


def test_every_column_of_the_main_frames_has_a_dtype_and_a_description():
    tables = docs.frames_columns()
    assert set(tables) == set(docs.MAIN_FRAMES)
    for name, table in tables.items():
        assert list(table.columns) == ["column", "dtype", "description", "nullable"], name
        assert table["column"].is_unique, name
        assert (table["description"].str.strip().str.len() > 0).all(), name
        assert table["dtype"].str.len().gt(0).all(), name
    bests = tables["user_bests"].set_index("column")
    assert bests.loc["pp", "description"].startswith("Performance points")
    assert bests.loc["pp", "nullable"] and not bests.loc["user_id", "nullable"]
    assert bests.loc["beatmap.difficulty_rating", "description"] == "Star rating without mods."
    joined = tables["match_scores"].set_index("column").loc["user.username", "description"]
    assert joined == "The current username. Joined from the response's `users` by `user_id`."


def test_the_columns_reference_is_current():
    written = (ROOT / "docs" / "columns.md").read_text(encoding="utf-8")
    assert written == docs.render(), "run `python -m osuframes.frames.docs` and commit it"

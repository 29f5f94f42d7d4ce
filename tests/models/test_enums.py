"""Gamemode and the other API enums: parsing, aliases, ids and error messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from osuframes.models import (
    BeatmapRankStatus,
    Gamemode,
    OsuModel,
    ScoreRank,
    ScoreType,
    UserBeatmapType,
)


class _WithMode(OsuModel):
    mode: Gamemode


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Gamemode.OSU, Gamemode.OSU),
        ("osu", Gamemode.OSU),
        ("OSU", Gamemode.OSU),
        ("std", Gamemode.OSU),
        ("Standard", Gamemode.OSU),
        ("osu!", Gamemode.OSU),
        (" osu! ", Gamemode.OSU),
        ("taiko", Gamemode.TAIKO),
        ("osu!taiko", Gamemode.TAIKO),
        ("fruits", Gamemode.FRUITS),
        ("ctb", Gamemode.FRUITS),
        ("CATCH", Gamemode.FRUITS),
        ("osu!catch", Gamemode.FRUITS),
        ("mania", Gamemode.MANIA),
        ("o!m", Gamemode.MANIA),
        ("osu!mania", Gamemode.MANIA),
        ("2", Gamemode.FRUITS),
    ],
)
def test_gamemode_parses_names_and_aliases_case_insensitively(
    value: object, expected: Gamemode
) -> None:
    assert Gamemode.parse(value) is expected


@pytest.mark.parametrize("ruleset_id", [0, 1, 2, 3])
def test_gamemode_parses_ruleset_ids_and_round_trips_through_id(ruleset_id: int) -> None:
    mode = Gamemode.parse(ruleset_id)
    assert mode.id == ruleset_id
    assert Gamemode.from_id(ruleset_id) is mode
    assert Gamemode.parse(mode.value) is mode


@pytest.mark.parametrize("bad", ["xyz", 4, -1, "", None, 1.0, True])
def test_gamemode_rejects_bad_input_listing_the_allowed_values(bad: object) -> None:
    with pytest.raises(ValueError) as info:
        Gamemode.parse(bad)
    message = str(info.value)
    assert message.startswith(f"{bad!r} is not a ruleset; use one of ")
    assert "'osu', 'taiko', 'fruits', 'mania'" in message


def test_gamemode_error_message_reads_as_the_style_guide_example() -> None:
    with pytest.raises(ValueError, match=r"^'xyz' is not a ruleset; use one of 'osu', 'taiko'"):
        Gamemode.parse("xyz")


def test_gamemode_is_a_string_with_api_and_display_names() -> None:
    assert Gamemode.FRUITS == "fruits"
    assert Gamemode.FRUITS.name_api == "fruits"
    assert Gamemode.FRUITS.display_name == "osu!catch"
    assert Gamemode.OSU.display_name == "osu!"
    assert Gamemode.MANIA.display_name == "osu!mania"


@pytest.mark.parametrize("value", ["ctb", 2, "fruits", Gamemode.FRUITS])
def test_gamemode_fields_validate_aliases_and_dump_plain_strings(value: object) -> None:
    model = _WithMode.model_validate({"mode": value})
    assert model.mode is Gamemode.FRUITS
    dumped = model.to_dict()["mode"]
    assert dumped == "fruits" and type(dumped) is str
    assert model.model_dump(mode="json") == {"mode": "fruits"}


def test_gamemode_field_error_names_the_ruleset_choices() -> None:
    with pytest.raises(ValidationError, match="'std!' is not a ruleset"):
        _WithMode.model_validate({"mode": "std!"})


def test_beatmap_rank_status_reads_strings_and_ranked_ints() -> None:
    assert BeatmapRankStatus.parse("Ranked") is BeatmapRankStatus.RANKED
    assert BeatmapRankStatus.parse(-2) is BeatmapRankStatus.GRAVEYARD
    assert BeatmapRankStatus.parse(4) is BeatmapRankStatus.LOVED
    assert BeatmapRankStatus.QUALIFIED.id == 3
    with pytest.raises(ValueError, match="is not a beatmap rank status"):
        BeatmapRankStatus.parse(9)


def test_other_enums_accept_their_aliases() -> None:
    assert ScoreRank.parse("ss") is ScoreRank.SS
    assert ScoreRank.parse("XH") is ScoreRank.SILVER_SS
    assert ScoreType.parse("top") is ScoreType.BEST
    assert UserBeatmapType.parse("favorite") is UserBeatmapType.FAVOURITE
    assert UserBeatmapType.parse("most-played") is UserBeatmapType.MOST_PLAYED

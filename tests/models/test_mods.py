"""Mods: every input form, canonical order, bitmask round trips, settings, pydantic."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from osuframes.models import LEGACY_MOD_BITS, LegacyMods, Mods, OsuModel


class _Both(OsuModel):
    legacy: LegacyMods = Mods()
    lazer: Mods = Mods()


@pytest.mark.parametrize(
    "value",
    [
        "HDDT",
        "DTHD",
        "HD,DT",
        "+HDDT",
        "+HD+DT",
        "hd dt",
        " HD, DT ",
        72,
        ["HD", "DT"],
        ("DT", "HD"),
        [{"acronym": "HD"}, {"acronym": "DT"}],
        [{"acronym": "DT", "settings": {}}, "HD"],
        Mods("HDDT"),
    ],
)
def test_mods_read_every_input_form_to_the_same_value(value: object) -> None:
    mods = Mods(value)
    assert mods.acronyms == ["HD", "DT"]
    assert str(mods) == "HDDT"
    assert mods.bitmask == 72
    assert mods == Mods("HDDT")


@pytest.mark.parametrize("value", [None, "", "NM", "nm", 0, [], "+"])
def test_no_mods_print_as_nm_and_read_back(value: object) -> None:
    mods = Mods(value)
    assert mods.acronyms == []
    assert str(mods) == "NM"
    assert mods.bitmask == 0
    assert not mods
    assert Mods(str(mods)) == mods


def test_canonical_order_is_legacy_bit_order_then_alphabetical() -> None:
    assert Mods("DTHRHDNF").acronyms == ["NF", "HD", "HR", "DT"]
    assert Mods(["TC", "CL", "DT", "HD"]).acronyms == ["HD", "DT", "CL", "TC"]


@pytest.mark.parametrize(("acronym", "bit"), sorted(LEGACY_MOD_BITS.items()))
def test_each_legacy_bit_round_trips(acronym: str, bit: int) -> None:
    implied = {"NC": LEGACY_MOD_BITS["DT"], "PF": LEGACY_MOD_BITS["SD"]}.get(acronym, 0)
    assert Mods(bit).acronyms == [acronym]
    assert Mods(acronym).bitmask == bit | implied
    assert Mods(Mods(acronym).bitmask).acronyms == [acronym]


@pytest.mark.parametrize("bitmask", [0, 1, 24, 72, 576, 16416, 1 << 30, 2 + 8 + 576 + 1024])
def test_bitmasks_round_trip_through_acronyms(bitmask: int) -> None:
    mods = Mods(bitmask)
    assert Mods(mods.acronyms).bitmask == bitmask
    assert Mods(str(mods)).bitmask == bitmask


def test_nightcore_implies_double_time() -> None:
    assert Mods(576).acronyms == ["NC"]  # NC|DT as stable sends it
    assert Mods(512).acronyms == ["NC"]
    assert Mods("NCDT") == Mods("NC") == Mods("DTNC")
    assert Mods("HDNC").bitmask == 8 + 64 + 512
    assert Mods("PFSD").acronyms == ["PF"] and Mods("PF").bitmask == 16416


def test_implied_mod_settings_are_merged_into_the_implying_mod() -> None:
    mods = Mods([{"acronym": "DT", "settings": {"speed_change": 1.3}}, {"acronym": "NC"}])
    assert mods.acronyms == ["NC"]
    assert mods.settings_of("NC") == {"speed_change": 1.3}


def test_lazer_settings_are_kept() -> None:
    mods = Mods([{"acronym": "DT", "settings": {"speed_change": 1.3}}, {"acronym": "HD"}])
    assert mods.acronyms == ["HD", "DT"]
    assert mods.settings_of("dt") == {"speed_change": 1.3}
    assert mods.settings_of("HD") == {}
    assert mods.to_lazer() == [
        {"acronym": "HD", "settings": {}},
        {"acronym": "DT", "settings": {"speed_change": 1.3}},
    ]
    assert mods != Mods("HDDT")  # different settings
    assert Mods(mods.to_lazer()) == mods
    assert "speed_change" in repr(mods)


def test_settings_of_returns_a_copy() -> None:
    mods = Mods([{"acronym": "DA", "settings": {"approach_rate": 9}}])
    mods.settings_of("DA")["approach_rate"] = 1
    assert mods.settings_of("DA") == {"approach_rate": 9}


def test_mods_without_a_legacy_bit_are_skipped_or_raise() -> None:
    mods = Mods("HDCL")
    assert mods.bitmask == 8
    with pytest.raises(ValueError, match="CL has no legacy bit"):
        mods.to_bitmask()
    assert Mods("HD").to_bitmask(strict=True) == 8


def test_unknown_acronyms_are_kept() -> None:
    mods = Mods([{"acronym": "ZZ", "settings": {"x": 1}}, {"acronym": "HD"}])
    assert mods.acronyms == ["HD", "ZZ"]
    assert mods.unknown == ["ZZ"]
    assert mods.settings_of("ZZ") == {"x": 1}
    assert Mods("HDCL10K").unknown == []
    assert Mods("HDCL10K").acronyms == ["HD", "10K", "CL"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("HDD", "left over 'D'"),
        (-1, "non-negative"),
        (1 << 31, "bits no legacy mod uses"),
        (True, "is not mods"),
        (1.5, "is not mods"),
        ([3], "is not a mod acronym"),
        ([{"settings": {}}], "needs an 'acronym' key"),
        ([{"acronym": "DT", "settings": [1]}], "settings must be an object"),
        (["H!"], "is not a mod acronym"),
    ],
)
def test_bad_input_raises_a_value_error_saying_why(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Mods(bad)


def test_mods_are_immutable_hashable_and_support_membership() -> None:
    mods = Mods("HDDT")
    with pytest.raises(AttributeError, match="immutable"):
        mods._items = ()
    assert len({Mods("HDDT"), Mods(72), Mods(["DT", "HD"])}) == 1
    assert "hd" in mods and "HR" not in mods
    assert list(mods) == ["HD", "DT"] and len(mods) == 2
    assert mods == "DTHD" and mods == 72 and mods != "HR"
    assert (mods | "HR").acronyms == ["HD", "HR", "DT"]
    assert repr(mods) == "Mods('HDDT')"


def test_pydantic_fields_read_legacy_and_lazer_forms_and_dump_their_own() -> None:
    model = _Both.model_validate(
        {"legacy": ["HD", "DT"], "lazer": [{"acronym": "DT", "settings": {"speed_change": 1.5}}]}
    )
    assert model.legacy == Mods("HDDT")
    assert model.lazer.settings_of("DT") == {"speed_change": 1.5}
    assert model.to_dict() == {
        "legacy": ["HD", "DT"],
        "lazer": [{"acronym": "DT", "settings": {"speed_change": 1.5}}],
    }
    assert model.model_dump(mode="json")["legacy"] == ["HD", "DT"]
    assert _Both.model_validate(model.to_dict()) == model
    assert _Both.model_validate({"legacy": 72}).legacy.acronyms == ["HD", "DT"]


def test_pydantic_field_errors_carry_the_mods_message() -> None:
    with pytest.raises(ValidationError, match="does not split into two-letter mod acronyms"):
        _Both.model_validate({"lazer": "HDD"})

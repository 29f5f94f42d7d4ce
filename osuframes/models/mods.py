"""``Mods``: one immutable value for every way the API and users spell game modifiers.

Accepted inputs: ``"HDDT"``, ``"HD,DT"``, ``"+HDDT"``, ``"HD DT"``, ``"NM"`` / ``""`` (no
mods), a legacy bitmask ``int`` (``72``), a list of acronyms (legacy scores send
``["HD", "DT"]``), a list of lazer mod objects (``{"acronym": "DT", "settings":
{"speed_change": 1.3}}``, as lazer scores and playlist items send), a mix of the two,
or another ``Mods``.

Decisions, so that callers can rely on them:

- **Canonical order**: mods with a legacy bit in bit order (``HD`` 8 before ``DT`` 64),
  then the rest alphabetically. ``Mods("DTHD") == Mods("HDDT")``.
- **Implied mods**: ``NC`` implies ``DT`` and ``PF`` implies ``SD``, as in the legacy
  bitmask (NC is sent as 576 = NC|DT). Reading ``"NCDT"`` or ``576`` gives ``NC``;
  ``.bitmask`` of ``NC`` is 576.
- **No mods**: ``str(Mods())`` is ``"NM"``, and ``"NM"`` reads back as no mods.
  ``.acronyms`` is then ``[]`` and ``.bitmask`` is ``0``.
- **Mods without a legacy bit** (``CL``, ``DA``, ``10K`` …): ``.bitmask`` skips them;
  ``.to_bitmask(strict=True)`` raises ``ValueError`` naming them.
- **Unknown acronyms are kept** (the API adds mods over time); ``.unknown`` lists them.
- **Settings are kept** per mod and returned by ``.settings_of()`` and ``.to_lazer()``.
- **Serialisation** (``model_dump``): a ``Mods`` field dumps as lazer objects
  ``[{"acronym": ..., "settings": {...}}]`` (lossless); fields typed ``LegacyMods`` dump
  as the acronym list the legacy API format sends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, PlainSerializer
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = ["LEGACY_MOD_BITS", "LegacyMods", "Mods"]

LEGACY_MOD_BITS: Mapping[str, int] = MappingProxyType(
    {
        "NF": 1 << 0,  # NoFail
        "EZ": 1 << 1,  # Easy
        "TD": 1 << 2,  # TouchDevice
        "HD": 1 << 3,  # Hidden
        "HR": 1 << 4,  # HardRock
        "SD": 1 << 5,  # SuddenDeath
        "DT": 1 << 6,  # DoubleTime
        "RX": 1 << 7,  # Relax
        "HT": 1 << 8,  # HalfTime
        "NC": 1 << 9,  # Nightcore (always sent together with DT)
        "FL": 1 << 10,  # Flashlight
        "AT": 1 << 11,  # Autoplay
        "SO": 1 << 12,  # SpunOut
        "AP": 1 << 13,  # Autopilot (legacy "Relax2")
        "PF": 1 << 14,  # Perfect (always sent together with SD)
        "4K": 1 << 15,
        "5K": 1 << 16,
        "6K": 1 << 17,
        "7K": 1 << 18,
        "8K": 1 << 19,
        "FI": 1 << 20,  # FadeIn
        "RD": 1 << 21,  # Random
        "CN": 1 << 22,  # Cinema
        "TP": 1 << 23,  # TargetPractice
        "9K": 1 << 24,
        "DS": 1 << 25,  # KeyCoop; lazer calls it Dual Stages
        "1K": 1 << 26,
        "3K": 1 << 27,
        "2K": 1 << 28,
        "SV2": 1 << 29,  # ScoreV2
        "MR": 1 << 30,  # Mirror
    }
)
"""The legacy (stable / API v1) bit of every mod that has one."""

_IMPLIED = {"NC": "DT", "PF": "SD"}
"""Mod -> the mod it implies in the legacy bitmask; the implied one is dropped."""

# Lazer mods with no legacy bit that the API sends today; anything else is "unknown"
# but still kept. From osu!'s ruleset mod lists (acronyms only).
_LAZER_ONLY = frozenset(
    {"CL", "DA", "TC", "BL", "ST", "AC", "WU", "WD", "AS", "MU", "NS", "MG", "RP", "AL"}
    | {"SG", "TR", "WG", "SI", "GR", "DF", "FR", "BU", "SY", "DP", "BM", "BR", "AD", "CS"}
    | {"HO", "IN", "NR", "FF", "MF", "SW", "SR", "CO", "10K"}
)
_ALL_KNOWN = frozenset(LEGACY_MOD_BITS) | _LAZER_ONLY
_NO_MODS = frozenset({"", "NM", "NOMOD", "NONE"})
_ACRONYM = re.compile(r"^[A-Z0-9]{1,3}$")
_THREE_CHAR = ("10K", "SV2")
_ALL_LEGACY_BITS = sum(LEGACY_MOD_BITS.values())


def _split_compact(text: str) -> list[str]:
    """Split ``"HDDT"`` into ``["HD", "DT"]`` (three-letter ``10K`` / ``SV2`` aware)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        three = text[i : i + 3]
        if three in _THREE_CHAR:
            out.append(three)
            i += 3
            continue
        pair = text[i : i + 2]
        if len(pair) < 2:
            raise ValueError(
                f"{text!r} does not split into two-letter mod acronyms (left over {pair!r}); "
                "write mods like 'HDDT', 'HD,DT' or ['HD', 'DT']"
            )
        out.append(pair)
        i += 2
    return out


def _from_string(text: str) -> list[tuple[str, dict[str, Any]]]:
    cleaned = text.strip().upper()
    if cleaned in _NO_MODS:
        return []
    acronyms: list[str] = []
    for chunk in re.split(r"[\s,+|/]+", cleaned):
        if chunk and chunk not in _NO_MODS:
            acronyms.extend(_split_compact(chunk))
    return [(_check_acronym(a, text), {}) for a in acronyms]


def _from_bitmask(bitmask: int) -> list[tuple[str, dict[str, Any]]]:
    if bitmask < 0:
        raise ValueError(f"a legacy mod bitmask is a non-negative int, not {bitmask}")
    unknown_bits = bitmask & ~_ALL_LEGACY_BITS
    if unknown_bits:
        raise ValueError(
            f"bitmask {bitmask} has bits no legacy mod uses ({unknown_bits}); "
            "see LEGACY_MOD_BITS for the known ones"
        )
    return [(acronym, {}) for acronym, bit in LEGACY_MOD_BITS.items() if bitmask & bit]


def _check_acronym(acronym: Any, source: Any) -> str:
    if not isinstance(acronym, str):
        raise ValueError(f"a mod acronym is a string, not {acronym!r} (in {source!r})")
    upper = acronym.strip().upper()
    if not _ACRONYM.match(upper):
        raise ValueError(
            f"{acronym!r} is not a mod acronym (1-3 letters or digits, like 'HD' or '10K')"
        )
    return upper


def _from_item(item: Any) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(item, Mapping):
        if "acronym" not in item:
            raise ValueError(f"a lazer mod object needs an 'acronym' key, got {dict(item)!r}")
        settings = item.get("settings") or {}
        if not isinstance(settings, Mapping):
            raise ValueError(f"mod settings must be an object, got {settings!r}")
        return [(_check_acronym(item["acronym"], item), dict(settings))]
    if isinstance(item, str):
        return _from_string(item)
    raise ValueError(f"{item!r} is not a mod acronym or a lazer mod object")


def _order_key(acronym: str) -> tuple[int, int, str]:
    bit = LEGACY_MOD_BITS.get(acronym)
    return (0, bit, acronym) if bit is not None else (1, 0, acronym)


class Mods:
    """An immutable, ordered set of mods with their lazer settings.

    Args:
        value: Any accepted input (see the module docstring); ``None`` means no mods.

    Raises:
        ValueError: ``value`` cannot be read as mods; the message says why.

    Example:
        >>> Mods("+DTHD").acronyms, Mods(72) == "HDDT", str(Mods([]))
        (['HD', 'DT'], True, 'NM')
    """

    __slots__ = ("_items",)

    _items: tuple[tuple[str, Mapping[str, Any]], ...]

    def __init__(self, value: Any = None) -> None:
        if isinstance(value, Mods):
            object.__setattr__(self, "_items", value._items)
            return
        pairs: list[tuple[str, dict[str, Any]]]
        if value is None:
            pairs = []
        elif isinstance(value, bool):
            raise ValueError(f"{value!r} is not mods; use a bitmask int, 'HDDT' or ['HD', 'DT']")
        elif isinstance(value, int):
            pairs = _from_bitmask(value)
        elif isinstance(value, str):
            pairs = _from_string(value)
        elif isinstance(value, Mapping):
            pairs = _from_item(value)
        elif isinstance(value, Iterable):
            pairs = [pair for item in value for pair in _from_item(item)]
        else:
            raise ValueError(
                f"{value!r} ({type(value).__name__}) is not mods; "
                "use a bitmask int, 'HDDT', ['HD', 'DT'] or lazer mod objects"
            )
        merged: dict[str, dict[str, Any]] = {}
        for acronym, settings in pairs:
            merged.setdefault(acronym, {}).update(settings)
        for mod, implied in _IMPLIED.items():
            if mod in merged and implied in merged:
                # Keep any settings sent on the implied mod (e.g. DT's speed_change).
                merged[mod] = {**merged.pop(implied), **merged[mod]}
        items = tuple(
            (acronym, MappingProxyType(merged[acronym]))
            for acronym in sorted(merged, key=_order_key)
        )
        object.__setattr__(self, "_items", items)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Mods is immutable (cannot set {name!r}); combine with | instead")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Mods is immutable")

    @property
    def acronyms(self) -> list[str]:
        """The acronyms in canonical order, e.g. ``["HD", "DT"]``; ``[]`` for no mods."""
        return [acronym for acronym, _ in self._items]

    @property
    def unknown(self) -> list[str]:
        """Acronyms this version of osuframes does not know (kept, never dropped)."""
        return [acronym for acronym in self.acronyms if acronym not in _ALL_KNOWN]

    @property
    def bitmask(self) -> int:
        """The legacy bitmask; mods without a legacy bit (``CL``, ``DA`` …) are skipped."""
        return self.to_bitmask(strict=False)

    def to_bitmask(self, *, strict: bool = True) -> int:
        """The legacy bitmask, with ``NC`` adding ``DT`` and ``PF`` adding ``SD``.

        Args:
            strict: Raise when a mod has no legacy bit instead of skipping it.

        Raises:
            ValueError: ``strict`` and some mod has no legacy bit; the message names them.
        """
        missing = [acronym for acronym in self.acronyms if acronym not in LEGACY_MOD_BITS]
        if strict and missing:
            raise ValueError(
                f"{', '.join(missing)} ha{'s' if len(missing) == 1 else 've'} no legacy bit; "
                "use .bitmask (skips them) or .acronyms"
            )
        mask = 0
        for acronym in self.acronyms:
            mask |= LEGACY_MOD_BITS.get(acronym, 0)
            if acronym in _IMPLIED:
                mask |= LEGACY_MOD_BITS[_IMPLIED[acronym]]
        return mask

    def settings_of(self, acronym: str) -> dict[str, Any]:
        """A copy of the settings of one mod (``{}`` if it has none or is absent)."""
        for name, settings in self._items:
            if name == acronym.upper():
                return dict(settings)
        return {}

    def to_lazer(self) -> list[dict[str, Any]]:
        """Lazer mod objects ``{"acronym": ..., "settings": {...}}``; settings may be ``{}``."""
        return [
            {"acronym": acronym, "settings": dict(settings)} for acronym, settings in self._items
        ]

    def __str__(self) -> str:
        return "".join(self.acronyms) or "NM"

    def __repr__(self) -> str:
        if any(settings for _, settings in self._items):
            return f"Mods({self.to_lazer()!r})"
        return f"Mods({str(self)!r})"

    def __iter__(self) -> Iterator[str]:
        return iter(self.acronyms)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __contains__(self, acronym: object) -> bool:
        return isinstance(acronym, str) and acronym.upper() in self.acronyms

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mods):
            try:
                other = Mods(other)
            except ValueError:
                return NotImplemented
        return self.to_lazer() == other.to_lazer()

    def __hash__(self) -> int:
        return hash(tuple(self.acronyms))

    def __or__(self, other: object) -> Mods:
        """The union of two sets of mods (settings of ``other`` win)."""
        return Mods([*self.to_lazer(), *Mods(other).to_lazer()])

    @classmethod
    def _validate(cls, value: Any) -> Mods:
        return cls(value)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda mods: mods.to_lazer()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"acronym": {"type": "string"}, "settings": {"type": "object"}},
                "required": ["acronym"],
            },
        }


def _acronym_list(mods: Mods) -> list[str]:
    return mods.acronyms


LegacyMods = Annotated[Mods, PlainSerializer(_acronym_list, return_type=list[str])]
"""``Mods`` that dump as the acronym list of the legacy score format (``["HD", "DT"]``)."""

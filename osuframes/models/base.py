"""The base model every osu! API v2 response model derives from.

Reading is tolerant by default: keys the API sends that a model does not declare are
**ignored (dropped, not kept)** — they never fail validation and never show up in
``to_dict()`` or ``to_frame()``, so a frame's columns depend only on the model, never on
the data (DESIGN.md, "Declared, not guessed, schemas"). Optional fields the API leaves
out become ``None``.

Strict mode is for our own tests: validate with
``Model.model_validate(data, context={"strict": True})`` and any undeclared key raises a
``ValueError`` (a ``pydantic.ValidationError``) naming the model class and the key(s).
The check lives in one ``mode="wrap"`` model validator on :class:`OsuModel`; pydantic
passes the validation context down to nested models, so one flag covers the whole
tree, and errors in sibling fields are all reported together. Field names and their
aliases are both known keys.

A model may list deprecated duplicate keys in ``osu_ignored_keys`` (for example the
camelCase ``rankHistory`` that the API sends next to ``rank_history``): strict mode
accepts them and both modes drop them, so a frame never carries the same data twice.

``to_dict()`` dumps with ``mode="python"`` and ``by_alias=True``: datetimes stay
timezone-aware ``datetime`` objects (UTC), enums become their API string, ``Mods``
become the list the API would send, and keys are the API's own names (``card@2x``,
``pass``), never renamed. ``to_frame()`` is a one-row DataFrame with the same declared
columns and dtypes as a Query's frame of the model (``beatmap.difficulty_rating``, lists
as list cells). The schema belongs to ``osuframes.frames`` (it needs pyarrow and knows
the Query's conventions); models stay free of it, and frames registers itself here as
the frame maker when the package is imported (``OsuModel.frame_maker``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import (
    AliasChoices,
    AliasPath,
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationInfo,
    model_validator,
)

from .display import html_summary, short_repr

if TYPE_CHECKING:
    # pandas ships no type stubs (pandas-stubs is not a dependency); "unused-ignore"
    # keeps mypy --strict quiet once someone installs the stubs.
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = ["OsuModel", "is_strict"]


def is_strict(context: Any) -> bool:
    """Whether a validation context asks for strict mode (``{"strict": True}``)."""
    return isinstance(context, dict) and bool(context.get("strict"))


def _alias_names(alias: str | AliasPath | AliasChoices | None) -> set[str]:
    """Top-level input keys that a field alias (of any pydantic kind) reads."""
    if alias is None:
        return set()
    if isinstance(alias, str):
        return {alias}
    if isinstance(alias, AliasPath):
        first = alias.path[0]
        return {first} if isinstance(first, str) else set()
    names: set[str] = set()
    for choice in alias.choices:
        names |= _alias_names(choice)
    return names


@cache
def _known_keys(model: type[OsuModel]) -> frozenset[str]:
    """Every input key ``model`` accepts: field names, their aliases, ignored keys."""
    keys: set[str] = set(model.osu_ignored_keys)
    for name, field in model.model_fields.items():
        keys.add(name)
        keys |= _alias_names(field.alias)
        keys |= _alias_names(field.validation_alias)
    return frozenset(keys)


class OsuModel(BaseModel):
    """Base of every osu! API v2 model: tolerant by default, strict on request.

    Subclasses declare the API's fields with the API's names; anything else the server
    sends is dropped unless validation runs with ``context={"strict": True}``.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True, use_attribute_docstrings=True)

    osu_ignored_keys: ClassVar[frozenset[str]] = frozenset()
    """Keys the API sends that are known duplicates; accepted in strict mode, dropped."""

    frame_maker: ClassVar[Callable[[OsuModel], pd.DataFrame] | None] = None
    """Makes ``to_frame()``'s one-row frame; set by ``osuframes.frames`` on import."""

    osu_includes: ClassVar[frozenset[str]] = frozenset()
    """Optional attributes the API adds to this object on some routes only (the osu! docs'
    "optional attributes" and Extended fields). A frame flattens them when this object is
    the record itself, and leaves them out when the object is nested inside another
    record, where they are nearly always absent (a score's ``user.statistics``)."""

    osu_closed_keys: ClassVar[bool] = False
    """Whether this object is a map with a closed set of keys (the four rulesets): each
    key is a column group in frames even when its values share a type with a sibling."""

    osu_ruleset_key: ClassVar[str | None] = None
    """The key holding the record's ruleset, a name (``mode``) or an id (``ruleset_id``):
    frames of such records carry a ``ruleset`` column whatever the score format."""

    osu_repr_fields: ClassVar[tuple[str, ...]] = ()
    """Dotted fields that name this object in its short repr, when the usual ones
    (`id`, `username`, `name`, …; see `models.display`) do not."""

    @model_validator(mode="wrap")
    @classmethod
    def _reject_unknown_keys_when_strict(
        cls, data: Any, handler: ModelWrapValidatorHandler[Self], info: ValidationInfo
    ) -> Self:
        if isinstance(data, dict) and is_strict(info.context):
            known = _known_keys(cls)
            unknown = sorted(str(key) for key in data if key not in known)
            if unknown:
                names = ", ".join(repr(key) for key in unknown)
                raise ValueError(
                    f"{cls.__name__} got unexpected field(s) {names} in strict mode; "
                    f"declare them on {cls.__name__} or read without context={{'strict': True}}"
                )
        return handler(data)

    def __repr__(self) -> str:
        """The class, id, naming fields and list sizes (every field is in `to_dict()`)."""
        return short_repr(self)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """Jupyter's view: the short repr over a table of the fields that are set."""
        return html_summary(self)

    def to_dict(self) -> dict[str, Any]:
        """The model as a plain dict keyed by the API's own field names.

        Returns:
            ``model_dump(mode="python", by_alias=True)``: nested models become dicts,
            datetimes stay aware UTC ``datetime`` objects, enums become strings.
        """
        return self.model_dump(mode="python", by_alias=True)

    def to_frame(self) -> pd.DataFrame:
        """The model as a one-row DataFrame, with the columns and dtypes of its frames.

        Returns:
            A DataFrame with one row; nested models flattened with ``.``
            (``beatmap.difficulty_rating``), lists as list cells, declared dtypes.
        """
        maker = OsuModel.frame_maker
        if maker is None:
            raise RuntimeError("import osuframes first: its frames module makes model frames")
        return maker(self)

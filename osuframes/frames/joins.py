"""Related objects joined from the response's side lists: a match score's player's name.

Some answers carry the records' related objects once, beside the records: a match its
`users`, discussions their `users`. A `Join` fills the record's columns under a prefix
(`user.username`) from the side list's row with the record's id (`user_id`), in Arrow,
without a Python object per record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from osuframes.frames.pages import table_from_pages
from osuframes.frames.schema import Column, frame_schema

__all__ = ["Join", "join_side_lists"]


@dataclass(frozen=True)
class Join:
    """Columns `<prefix>.<field>` filled from the side list `side` by the id in `key`.

    Attributes:
        key: the record's column holding the related object's id (`user_id`).
        side: the response's key of the list of related objects (`users`).
        model: the model of one related object (`User`).
        prefix: the columns' prefix (`user`).
        fields: the related object's columns to fill (None: all of them).
        includes: the optional includes the side list's objects carry.
    """

    key: str
    side: str
    model: type[BaseModel]
    prefix: str
    fields: tuple[str, ...] | None = None
    includes: frozenset[str] = frozenset()

    def columns(self) -> list[Column]:
        """The declared columns this join fills, named `<prefix>.<field>`."""
        side = frame_schema(self.model, includes={"": self.includes}).columns
        return [
            Column(f"{self.prefix}.{c.name}", (self.prefix, *c.path), c.read_type,
                   c.arrow_type, c.convert, c.categories)
            for c in side
            if self.fields is None or c.name in self.fields
        ]  # fmt: skip


def join_side_lists(table: pa.Table, bodies: Sequence[bytes], joins: Sequence[Join]) -> pa.Table:
    """`table` with each join's columns filled from the side lists of `bodies`.

    A value the record itself carries is kept; a record whose id is not in the side
    list keeps nulls.
    """
    for join in joins:
        if not bodies or table.num_rows == 0 or join.key not in table.column_names:
            continue
        schema = frame_schema(join.model, includes={"": join.includes})
        side = table_from_pages(bodies, schema, items=join.side)
        if side.num_rows == 0:
            continue
        rows = pc.index_in(table.column(join.key), value_set=side.column("id").combine_chunks())
        for name in side.column_names:
            target = f"{join.prefix}.{name}"
            if target not in table.column_names:
                continue
            index = table.schema.get_field_index(target)
            current = table.column(target)
            found = side.column(name).combine_chunks().take(rows)
            if current.null_count < len(current):
                found = pc.coalesce(current.combine_chunks(), found)
            table = table.set_column(index, target, found.cast(current.type))
    return table

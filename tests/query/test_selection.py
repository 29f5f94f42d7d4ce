"""A Query's selection keeps the first `limit` records of each call, less ids seen again."""

from __future__ import annotations

import random
from typing import Any

import pytest

from osuframes import Client
from osuframes.endpoints._base import endpoint_of
from osuframes.fetching import Stream
from osuframes.pagebody import PageSummary
from osuframes.pagination import Page
from osuframes.records import Selection


def expected(calls: list[list[tuple[Any, ...]]], limit: int | None) -> list[list[bool]]:
    """Record by record: within the limit, and an int or str id not seen in the call."""
    out = []
    for pages in calls:
        seen: set[Any] = set()
        position = 0
        for ids in pages:
            flags = []
            for ident in ids:
                keep = limit is None or position < limit
                position += 1
                if keep and isinstance(ident, int | str):
                    keep = ident not in seen
                    seen.add(ident)
                flags.append(keep)
            out.append(flags)
    return out


@pytest.mark.parametrize("seed", range(20))
def test_the_selection_is_exact_with_repeats_limits_and_odd_ids(seed: int):
    rng = random.Random(seed)
    endpoint = endpoint_of(Client.get_user_bests)
    call = endpoint.build(None, 2)
    limit = rng.choice([None, 1, 7, 30, 250])
    pool: list[Any] = [*range(40), "a", "b", None, 2.5]
    calls = [
        [tuple(rng.choice(pool) for _ in range(rng.randrange(0, 12))) for _ in range(3)]
        for _ in range(4)
    ]
    selection = Selection(endpoint, limit)
    got = [
        selection.flags(Stream(index, call, index=index), Page(call, b"", None, summary(ids)))
        for index, pages in enumerate(calls)
        for ids in pages
    ]
    assert got == expected(calls, limit)


def summary(ids: tuple[Any, ...]) -> PageSummary:
    return PageSummary(len(ids), ids, {})

"""What a notebook shows: short model reprs, and ids from numpy/pandas as plain ints."""

from __future__ import annotations

import numpy as np
import pandas as pd

import osuframes.api as of
from tests.query.conftest import Sandbox


def test_a_whole_match_shows_in_one_short_line(sb: Sandbox):
    match_id = sb.world.match_ids()[0]
    match = of.match(match_id, client=sb.client)
    assert len(repr(match)) < 300
    assert repr(match).startswith(f"MultiplayerMatchResponse(id={match_id}, name=")
    assert f"{len(match.events)} events" in repr(match)
    assert len(repr(of.user(104, client=sb.client))) < 300


def test_ids_from_a_pandas_series_are_plain_ints(sb: Sandbox):
    query = of.user_bests(pd.Series([3808, 2]), mode="osu", client=sb.client)
    assert query.ids == [3808, 2]
    assert all(type(i) is int for i in query.ids)
    assert "user_id=[3808, 2]" in repr(query)
    assert "np." not in repr(of.multiplayer_scores(np.int64(1), np.array([10]), client=sb.client))


def test_single_resources_take_numpy_ids(sb: Sandbox):
    assert of.user(np.int64(104), client=sb.client).id == 104
    match_id = np.int64(sb.world.match_ids()[0])
    assert of.match(match_id, client=sb.client).match.id == match_id

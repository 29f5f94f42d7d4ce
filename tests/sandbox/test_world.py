"""The sandbox's world behaves like osu!: its properties, with numbers, over HTTP and in Python."""

from __future__ import annotations

from collections import Counter
from statistics import median

import httpx
import numpy as np
import pandas as pd

from osuframes.sandbox import SandboxInfo, World
from osuframes.sandbox.world.skill import star_factor


def _bests(client: httpx.Client, user_id: int, mode: str = "osu") -> list[dict]:
    rows: list[dict] = []
    for offset in (0, 100):
        page = client.get(
            f"users/{user_id}/scores/best", params={"mode": mode, "limit": 100, "offset": offset}
        )
        assert page.status_code == 200, page.text
        rows += page.json()
    return rows


def _weighted(rows: list[dict]) -> float:
    return sum(row["pp"] * 0.95**i for i, row in enumerate(rows))


def test_ranking_is_the_order_of_weighted_pp_and_profiles_add_up(
    sandbox: SandboxInfo, client: httpx.Client
) -> None:
    ranking = client.get("rankings/osu/performance").json()["ranking"]
    top = [row["user"]["id"] for row in ranking[:20]]
    world = sandbox.world
    sample = world.users.order("osu")[5000:5010]
    totals = []
    for user_id in top + sample:
        rows = _bests(client, user_id)
        profile = client.get(f"users/{user_id}/osu").json()
        assert profile["scores_best_count"] == len(rows)
        assert abs(_weighted(rows) - profile["statistics"]["pp"]) < 0.02
        totals.append(_weighted(rows))
    assert totals[:20] == sorted(totals[:20], reverse=True)
    assert totals[20:] == sorted(totals[20:], reverse=True)
    assert len(_bests(client, top[0])) == 200


def test_pp_grows_with_the_modded_star_rating_among_the_top_50(sandbox: SandboxInfo) -> None:
    world = sandbox.world
    pp, stars, accuracy, mods = [], [], [], Counter()
    for user_id in world.users.order("osu")[:50]:
        for score_id in world.scores.user_list(user_id, "best", 0):
            core = world.scores.core(score_id)
            assert core is not None and core.pp is not None
            base = world.beatmaps.core(core.beatmap_id // 10).stars[core.beatmap_id % 10]
            pp.append(core.pp)
            stars.append(base * star_factor(core.mods))
            accuracy.append(core.accuracy)
            mods["".join(core.mods) or "NM"] += 1
    spearman = pd.Series(pp).rank().corr(pd.Series(stars).rank())
    assert spearman > 0.5, spearman
    assert 0.95 <= median(accuracy) <= 0.995
    assert np.mean([0.93 <= a <= 1.0 for a in accuracy]) > 0.8
    common = [name for name, _ in mods.most_common(4)]
    assert "NM" in common and "HDDT" in common and "HD" in common


def test_a_best_score_stands_on_its_leaderboard_and_in_the_lookups(
    sandbox: SandboxInfo, client: httpx.Client
) -> None:
    leader = sandbox.world.users.order("osu")[0]
    for row in _bests(client, leader)[:5]:
        beatmap = row["beatmap"]["id"]
        board = client.get(f"beatmaps/{beatmap}/scores", params={"limit": 100}).json()
        ids = [score["id"] for score in board["scores"]]
        assert row["id"] in ids
        assert board["scores"][ids.index(row["id"])]["pp"] == row["pp"]
        mine = client.get(f"beatmaps/{beatmap}/scores/users/{leader}").json()
        assert mine["score"]["id"] == row["id"] and mine["position"] == ids.index(row["id"]) + 1
        assert client.get(f"scores/osu/{row['id']}").json()["pp"] == row["pp"]


def test_recent_plays_hold_the_bests_set_in_the_last_days(
    sandbox: SandboxInfo, client: httpx.Client
) -> None:
    world = sandbox.world
    leader = world.users.order("osu")[0]
    bests = {row["id"]: row for row in _bests(client, leader)}
    recent = client.get(f"users/{leader}/scores/recent", params={"limit": 100}).json()
    profile = client.get(f"users/{leader}/osu").json()
    count = world.user_score_count(leader, "recent", reachable=False)
    assert profile["scores_recent_count"] == count
    fresh = [row for row in recent if row["id"] in bests]
    assert fresh, "the most active player set no best in the last days"
    assert all(row["pp"] == bests[row["id"]]["pp"] for row in fresh)
    times = [row["created_at"] for row in recent]
    assert times == sorted(times, reverse=True)


def test_time_spreads_over_years_and_actives_played_recently(sandbox: SandboxInfo) -> None:
    world = sandbox.world
    order = world.users.order("osu")

    def ages(users: list[int]) -> list[float]:
        out: list[float] = []
        for user_id in users:
            plays = world.plays.play_set(user_id, 0)
            assert plays is not None
            out += list(plays.columns["age"])
        return out

    top, low = ages(order[:20]), ages(order[12000:12020])
    assert max(top) > 365 and median(top) < median(low)
    history = world.users.rank_history(order[300], "osu")["data"]
    assert history[-1] == 301 and history == sorted(history, reverse=True) and history[0] > 301


def test_mods_shift_the_star_rating(client: httpx.Client) -> None:
    def stars(mods: list[str]) -> float:
        body = client.post("beatmaps/2906626/attributes", json={"mods": mods}).json()
        return float(body["attributes"]["star_rating"])

    nomod = stars([])
    assert stars(["DT"]) > stars(["HR"]) > nomod > stars(["EZ"])
    assert stars(["HT"]) < nomod


def test_countries_are_skewed_like_osu(sandbox: SandboxInfo) -> None:
    sizes = Counter(sandbox.world.users.country_of(u) for u in sandbox.world.users.order("osu"))
    biggest = [code for code, _ in sizes.most_common(5)]
    assert biggest[0] == "US" and {"JP", "DE", "RU"} <= set(biggest)
    assert sizes["US"] > 5 * median(sizes.values()) / 2


def test_the_readme_ids_exist(client: httpx.Client) -> None:
    peppy = client.get("users/peppy", params={"key": "username"})
    assert peppy.status_code == 200 and peppy.json()["id"] == 2
    for user_id in (2, 4787150, 7562902):
        assert client.get(f"users/{user_id}/scores/best").json(), user_id
    assert client.get("beatmaps/2906626").json()["beatmapset"]["artist"] == "Camellia"
    assert client.get("beatmaps/2906626/scores").json()["scores"]
    search = client.get("beatmapsets/search", params={"q": "camellia", "m": 0, "s": "ranked"})
    assert search.json()["total"] >= 3


def test_the_same_seed_gives_the_same_world() -> None:
    first, second = World(seed=7), World(seed=7)
    user_id = first.users.order("osu")[10]
    assert second.users.order("osu")[10] == user_id
    one = [first.scores.core(s) for s in first.scores.user_list(user_id, "best", 0)]
    two = [second.scores.core(s) for s in second.scores.user_list(user_id, "best", 0)]
    assert one == two
    assert World(seed=8).users.order("osu")[10] != user_id

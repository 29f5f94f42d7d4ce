"""`match_costs`: each player's match cost in one or more legacy matches, as frames."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Literal

from osuframes.api._build import ClientLike, Ids
from osuframes.api.multiplayer import match_scores, parse_match_ids
from osuframes.errors import FetchError, PartialResultWarning, Unauthorized
from osuframes.query import FailedFetch
from osuframes.tournament import formulas
from osuframes.tournament.formulas import PlayedScore
from osuframes.tournament.matches import MatchRecord, counted_games, match_records

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MatchCostWarning", "MatchCosts", "match_costs"]

Formula = Literal["bathbot", "otr"]
FORMULAS: tuple[str, ...] = ("bathbot", "otr")
PARTS: dict[str, tuple[str, ...]] = {
    "bathbot": ("performance", "participation_factor", "mods_factor", "tiebreaker_bonus"),
    "otr": ("mean_map_score", "lobby_bonus"),
}
PerMatch = int | Mapping[int | str, int]


class MatchCostWarning(PartialResultWarning):
    """Fewer rows than asked: a match failed, or had no games left to count."""


def match_costs(
    match_ids: Ids,
    *,
    formula: Formula = "bathbot",
    warmups: PerMatch = 0,
    skip_last: PerMatch = 0,
    ez_multiplier: float = 1.0,
    progress: bool | None = None,
    client: ClientLike = None,
) -> MatchCosts:
    """Each player's match cost in one or more legacy matches (a tournament bracket).

    >>> costs = of.match_costs([105016561, 105019274], warmups=2)
    >>> costs.to_frame()      # one row per player per match
    >>> costs.summary()       # one row per player across the matches

    Fetched lazily through `match_scores` (every event of every match). Games without
    an end time (aborted) are left out first; then `warmups` games from the start and
    `skip_last` from the end of those left; then scores of 0 (and a game left without
    scores). EZ scores are multiplied by `ez_multiplier` before anything else (team
    game wins included). Choices the formulas' description leaves open:

    - o!TR uses the population standard deviation of each game's scores.
    - A game is won by the team with the larger score sum (by the best score in
      head-to-head); a tie wins nobody. A player's side won if their team won more
      counted games than the other; in head-to-head, if they alone won the most.
    - A player's team is the one of their last counted score.
    - Rank 1 is the highest match cost; costs equal to 1e-9 share the better rank
      (1, 2, 2, 4).

    Args:
        match_ids: match ids or URLs (`https://osu.ppy.sh/community/matches/105019274`).
        formula: `"bathbot"` (performance, participation, mods, tiebreaker) or `"otr"`
            (osu! Tournament Rating: normal-CDF map scores and a lobby bonus).
        warmups: games to skip at the start: one number, or a mapping match id → number
            (matches left out skip none).
        skip_last: games to skip at the end, the same way.
        ez_multiplier: factor for scores with EZ, > 0.
        progress: show a progress bar (None: when interactive).
        client: the client to use; the configured default one when None.

    Raises:
        ValueError: a bad argument, before any request.
    """
    ids = list(dict.fromkeys(parse_match_ids(match_ids)))  # a match given twice counts once
    if formula not in FORMULAS:
        raise ValueError(f"formula={formula!r}: use one of {', '.join(map(repr, FORMULAS))}")
    if isinstance(ez_multiplier, bool) or not isinstance(ez_multiplier, int | float):
        raise ValueError(f"ez_multiplier={ez_multiplier!r}: give a number above 0")
    if not (math.isfinite(ez_multiplier) and ez_multiplier > 0):
        raise ValueError(f"ez_multiplier={ez_multiplier!r}: give a number above 0")
    return MatchCosts(
        ids,
        formula=formula,
        warmups=_per_match(warmups, "warmups", ids),
        skip_last=_per_match(skip_last, "skip_last", ids),
        ez_multiplier=float(ez_multiplier),
        progress=progress,
        client=client,
    )


def _per_match(value: PerMatch, name: str, ids: list[int]) -> dict[int, int]:
    """A count of games for each match, from one number or a mapping by match id."""
    if not isinstance(value, Mapping):
        return dict.fromkeys(ids, _game_count(value, name))
    out = dict.fromkeys(ids, 0)
    for key, count in value.items():
        match_id = parse_match_ids(key)[0]
        if match_id not in out:
            raise ValueError(f"{name}: match {key!r} is not among match_ids")
        out[match_id] = _game_count(count, f"{name}[{key!r}]")
    return out


def _game_count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name}={value!r}: give a whole number of games, 0 or more")
    return value


class MatchCosts:
    """The match costs of one or more matches, computed on first use and kept.

    `to_frame()`: one row per player per match; `summary()`: one row per player;
    `results()`: one row per match (game wins). `errors` lists the matches that could
    not be fetched, `notes` the matches that gave no rows and why.
    """

    def __init__(
        self,
        ids: list[int],
        *,
        formula: str,
        warmups: dict[int, int],
        skip_last: dict[int, int],
        ez_multiplier: float,
        progress: bool | None,
        client: ClientLike,
    ) -> None:
        self.ids = ids
        self.formula = formula
        self.warmups = warmups
        self.skip_last = skip_last
        self.ez_multiplier = ez_multiplier
        self.progress = progress
        self.client = client
        self.errors: list[FailedFetch] = []
        self.notes: list[str] = []
        self._rows: list[dict[str, Any]] | None = None
        self._results: list[dict[str, Any]] = []

    def _computed(self) -> list[dict[str, Any]]:
        if self._rows is None:
            self.errors, self.notes, self._results = [], [], []  # again after a raise
            records = self._fetch()
            if self.errors and len(self.errors) == len(self.ids):
                raise self.errors[0].error
            rows: list[dict[str, Any]] = []
            for match_id in self.ids:
                if match_id in records:
                    rows += self._match_rows(records[match_id])
            for failed in self.errors:
                self.notes.append(f"match {failed}")
            if self.notes:
                warnings.warn(
                    f"match_costs: {len(self.notes)} of {len(self.ids)} matches gave no rows: "
                    + "; ".join(self.notes),
                    MatchCostWarning,
                    stacklevel=3,
                )
            self._rows = rows
        return self._rows

    def _fetch(self) -> dict[int, MatchRecord]:
        """Every match's games, through `match_scores`; failed matches go to `errors`.

        A private match refuses a guest (an app token) with a 401, even after a fresh
        token, which a fan-out takes for a refused login and raises for every match; so
        then each match is fetched alone (the cache keeps what came already) and a match
        still refused is one failed match.
        """
        records: dict[int, MatchRecord] = {}
        groups = [self.ids]
        while groups:
            ids = groups.pop(0)
            scores = match_scores(ids, progress=self.progress and len(ids) > 1, client=self.client)
            try:
                with warnings.catch_warnings():
                    # the MatchCostWarning names failed matches with the other notes
                    warnings.simplefilter("ignore", PartialResultWarning)
                    scores.fetch()
            except FetchError as every_match_failed:
                self.errors += every_match_failed.errors
                continue
            except Unauthorized as refused:
                if type(refused) is not Unauthorized:  # bad credentials, a dead refresh token
                    raise
                if len(ids) == 1:
                    self.errors.append(FailedFetch(ids[0], refused))
                else:
                    groups += [[match_id] for match_id in ids]
                continue
            self.errors += scores.errors
            records |= match_records(scores)
        self.errors.sort(key=lambda failed: self.ids.index(failed.key))
        return records

    def _match_rows(self, record: MatchRecord) -> list[dict[str, Any]]:
        warmups, skip_last = self.warmups[record.id], self.skip_last[record.id]
        games = counted_games(
            record.games, warmups=warmups, skip_last=skip_last, ez_multiplier=self.ez_multiplier
        )
        if not games:
            ended = sum(game.ended for game in record.games)
            self.notes.append(
                f"match {record.id}: no games to count ({ended} ended, "
                f"warmups={warmups}, skip_last={skip_last})"
            )
            return []
        costs: dict[int, Any] = (
            formulas.bathbot(games, finished=record.finished)
            if self.formula == "bathbot"
            else formulas.otr(games)
        )
        won, result = _outcome(games, record)
        self._results.append({"match_id": record.id, "match_name": record.name, **result})
        played: dict[int, list[PlayedScore]] = {}
        for game in games:
            for score in game:
                played.setdefault(score.user_id, []).append(score)
        # Costs equal to 1e-9 tie: sums taken in another order differ in the last bits.
        rounded = {user: round(cost.match_cost, 9) for user, cost in costs.items()}
        rows = []
        for user_id in sorted(costs, key=lambda user: (-rounded[user], user)):
            cost, scores = costs[user_id], played[user_id]
            rank = 1 + sum(other > rounded[user_id] for other in rounded.values())
            rows.append(
                {
                    "match_id": record.id,
                    "match_name": record.name,
                    "user_id": user_id,
                    "username": record.usernames.get(user_id),
                    "team": scores[-1].team,
                    "games": len(scores),
                    "average_score": sum(s.score for s in scores) / len(scores),
                    **asdict(cost),
                    "match_cost": cost.match_cost,
                    "rank": rank,
                    "won": won(scores[-1]),
                }
            )
        return rows

    def to_frame(self) -> pd.DataFrame:
        """One row per player per match, best match cost first within each match."""
        columns = {
            **_ROW_COLUMNS,
            **dict.fromkeys(PARTS[self.formula], "Float64"),
            **_COST_COLUMNS,
        }
        return _frame(self._computed(), columns)

    def summary(self) -> pd.DataFrame:
        """One row per player across the matches, best mean match cost first.

        Columns: `matches`, `games`, `mean_cost`, `median_cost`, `wins`, and the
        `best_match_id`/`best_cost` and `worst_match_id`/`worst_cost`.
        """
        rows = self.to_frame()
        if rows.empty:
            return _frame([], _SUMMARY_COLUMNS)
        by_user = rows.groupby("user_id", sort=False)
        best = rows.loc[by_user["match_cost"].idxmax()].set_index("user_id")
        worst = rows.loc[by_user["match_cost"].idxmin()].set_index("user_id")
        summary = by_user.agg(
            username=("username", "last"),
            matches=("match_id", "nunique"),
            games=("games", "sum"),
            mean_cost=("match_cost", "mean"),
            median_cost=("match_cost", "median"),
            wins=("won", "sum"),
        )
        summary["best_match_id"] = best["match_id"]
        summary["best_cost"] = best["match_cost"]
        summary["worst_match_id"] = worst["match_id"]
        summary["worst_cost"] = worst["match_cost"]
        summary = summary.reset_index().sort_values(
            ["mean_cost", "user_id"], ascending=[False, True], kind="stable"
        )
        return _frame(summary.to_dict("records"), _SUMMARY_COLUMNS)

    def results(self) -> pd.DataFrame:
        """One row per match with rows: the kind, the game wins and the winner."""
        self._computed()
        return _frame(self._results, _RESULT_COLUMNS)

    def __len__(self) -> int:
        return len(self._computed())

    def __repr__(self) -> str:
        shown = self.ids if len(self.ids) <= 5 else [*self.ids[:5], "…"]
        status = "not computed yet" if self._rows is None else f"{len(self._rows)} rows"
        failed = f", {len(self.errors)} failed" if self.errors else ""
        return f"<MatchCosts {self.formula} of matches {shown} · {status}{failed}>"


def _outcome(games: list[list[PlayedScore]], record: MatchRecord) -> tuple[Any, dict[str, Any]]:
    """Who won (a function of a player's last score) and the match's result line."""
    if any(score.team in ("red", "blue") for game in games for score in game):
        wins = formulas.game_wins(games, "team")
        red, blue = wins.get("red", 0), wins.get("blue", 0)
        winner = "red" if red > blue else "blue" if blue > red else None
        line = f"red {red} : {blue} blue"
        return (lambda score: score.team == winner), {
            "kind": "team-vs",
            "games": len(games),
            "winner": winner,
            "result": line + ("" if winner else " (draw)"),
        }
    wins = formulas.game_wins(games, "player")
    players = sorted({score.user_id for game in games for score in game})
    players.sort(key=lambda user: -wins.get(user, 0))
    top = wins.get(players[0], 0)
    leaders = [user for user in players if wins.get(user, 0) == top]
    champion = leaders[0] if len(leaders) == 1 else None

    def name(user: int) -> str:
        return record.usernames.get(user) or str(user)

    if len(players) == 2:
        first, second = players
        line = f"{name(first)} {top} : {wins.get(second, 0)} {name(second)}"
    else:
        line = f"head-to-head, {len(players)} players; most game wins ({top}): " + ", ".join(
            map(name, leaders)
        )
    return (lambda score: score.user_id == champion), {
        "kind": "head-to-head",
        "games": len(games),
        "winner": None if champion is None else name(champion),
        "result": line,
    }


_ROW_COLUMNS = {
    "match_id": "Int64",
    "match_name": "string",
    "user_id": "Int64",
    "username": "string",
    "team": "string",
    "games": "Int64",
    "average_score": "Float64",
}
_COST_COLUMNS = {"match_cost": "Float64", "rank": "Int64", "won": "boolean"}
_SUMMARY_COLUMNS = {
    "user_id": "Int64",
    "username": "string",
    "matches": "Int64",
    "games": "Int64",
    "mean_cost": "Float64",
    "median_cost": "Float64",
    "wins": "Int64",
    "best_match_id": "Int64",
    "best_cost": "Float64",
    "worst_match_id": "Int64",
    "worst_cost": "Float64",
}
_RESULT_COLUMNS = {
    "match_id": "Int64",
    "match_name": "string",
    "kind": "string",
    "games": "Int64",
    "winner": "string",
    "result": "string",
}


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of `rows` with exactly `columns` and their dtypes (also when empty)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns).reset_index(drop=True)

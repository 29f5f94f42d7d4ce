"""Tournament analysis: match costs (Bathbot's and o!TR's formulas) over legacy matches."""

from osuframes.tournament.costs import MatchCosts, MatchCostWarning, match_costs

__all__ = ["MatchCostWarning", "MatchCosts", "match_costs"]

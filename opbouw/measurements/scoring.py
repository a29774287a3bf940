"""Scores of a round per dimension, and the change between a baseline and a follow-up.

Works on loaded objects and plain numbers (no queries); the statistics are in
``statistics.py``. A respondent's score on a dimension is the mean of their answers to its
items, reverse-scored items counted as (scale min + scale max − value); respondents who
answered none of a dimension's items do not count for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings

from opbouw.measurements import statistics as st
from opbouw.measurements.models import Dimension, DimensionAggregate, Item

# Float noise must not move a score of exactly the threshold below it.
_EPSILON = 1e-9


@dataclass(frozen=True)
class DimensionResult:
    """One dimension's result in a round, ready to show (hidden below the minimum n)."""

    dimension: Dimension
    estimate: st.Estimate
    hidden: bool

    @property
    def n(self) -> int:
        return self.estimate.n

    @property
    def scale(self) -> float:
        """Shares are shown as percentages, means as they are."""
        return 100.0 if self.dimension.is_share else 1.0

    def shown(self, value: float | None) -> float | None:
        return None if value is None or self.hidden else value * self.scale

    @property
    def value(self) -> float | None:
        return self.shown(self.estimate.value)

    @property
    def low(self) -> float | None:
        return self.shown(self.estimate.low)

    @property
    def high(self) -> float | None:
        return self.shown(self.estimate.high)

    @property
    def axis(self) -> tuple[float, float]:
        """The range a chart spans: 0-100% for shares, the result range for means."""
        if self.dimension.is_share:
            return 0.0, 100.0
        return float(self.dimension.result_min), float(self.dimension.result_max)

    def position(self, value: float | None) -> float | None:
        """value as a percentage of the chart's width."""
        if value is None:
            return None
        low, high = self.axis
        return max(0.0, min(100.0, 100.0 * (value - low) / (high - low))) if high > low else 0.0

    @property
    def bar(self) -> float | None:
        return self.position(self.value)

    @property
    def bar_low(self) -> float | None:
        return self.position(self.low)

    @property
    def bar_high(self) -> float | None:
        return self.position(self.high)

    @property
    def bar_span(self) -> float | None:
        low, high = self.bar_low, self.bar_high
        return None if low is None or high is None else high - low


@dataclass(frozen=True)
class ChangeResult:
    """One dimension in a baseline and a follow-up, and the change between them."""

    before: DimensionResult
    after: DimensionResult
    difference: st.Difference | None

    @property
    def hidden(self) -> bool:
        return self.before.hidden or self.after.hidden

    def _shown(self, value: float | None) -> float | None:
        return None if value is None or self.hidden else value * self.before.scale

    @property
    def value(self) -> float | None:
        return self._shown(self.difference.value if self.difference else None)

    @property
    def low(self) -> float | None:
        return self._shown(self.difference.low if self.difference else None)

    @property
    def high(self) -> float | None:
        return self._shown(self.difference.high if self.difference else None)

    @property
    def verdict(self) -> str:
        """better, worse, unclear (the interval holds zero) or unknown (no interval)."""
        if self.hidden or self.difference is None or self.difference.low is None:
            return "unknown"
        if not self.difference.significant:
            return "unclear"
        up = self.difference.value > 0
        return "better" if up == self.before.dimension.higher_is_better else "worse"


def minimum_n() -> int:
    return settings.OPBOUW_MIN_CELL_SIZE


def item_score(item: Item, value: float, bounds: Mapping[int, tuple[int, int]]) -> float:
    """An answer's contribution: reverse-scored items count as min + max − value."""
    if item.reverse_scored:
        low, high = bounds[item.scale_id]
        return st.reverse(value, low, high)
    return value


def respondent_scores(dimension: Dimension, items: Iterable[Item],
                      answers: Mapping[int, Mapping[int, int]],
                      bounds: Mapping[int, tuple[int, int]]) -> list[float]:
    """Each respondent's score on a dimension.

    answers: {response id: {item id: value}}; bounds: {scale id: (lowest, highest value)}.
    """
    own = [i for i in items if i.dimension_id == dimension.pk]
    scores = []
    for by_item in answers.values():
        values = [item_score(i, by_item[i.pk], bounds) for i in own if i.pk in by_item]
        if values:
            scores.append(sum(values) / len(values))
    return scores


def estimate(dimension: Dimension, scores: list[float]) -> st.Estimate:
    """A mean with its t interval, or the share at or above the threshold with Wilson's."""
    if not dimension.is_share:
        return st.mean_interval(scores)
    assert dimension.threshold is not None  # a share always has one (instruments.py)
    threshold = float(dimension.threshold) - _EPSILON
    return st.share_interval(sum(1 for s in scores if s >= threshold), len(scores))


def aggregate_estimate(dimension: Dimension, aggregate: DimensionAggregate) -> st.Estimate:
    """The estimate from totals entered by hand.

    A mean's interval needs the standard deviation, entered or from the distribution of
    scores; a share needs the distribution.
    """
    counts: dict[float, int] = {
        int(value): int(count) for value, count in (aggregate.distribution or {}).items()}
    if dimension.is_share:
        if not counts:
            return st.Estimate(n=aggregate.n, value=None)
        assert dimension.threshold is not None  # a share always has one (instruments.py)
        threshold = float(dimension.threshold) - _EPSILON
        return st.share_interval(sum(c for v, c in counts.items() if v >= threshold),
                                 aggregate.n)
    sd = float(aggregate.sd) if aggregate.sd is not None else None
    if sd is None and counts:
        sd = st.summary_of_distribution(counts)[2]
    return st.mean_from_summary(aggregate.n, float(aggregate.mean), sd)


def result(dimension: Dimension, found: st.Estimate) -> DimensionResult:
    return DimensionResult(dimension=dimension, estimate=found, hidden=found.n < minimum_n())


def change(before: DimensionResult, after: DimensionResult) -> ChangeResult:
    """The change after − before, with Welch's (means) or Newcombe's (shares) interval."""
    compute = st.share_difference if before.dimension.is_share else st.mean_difference
    return ChangeResult(before=before, after=after,
                        difference=compute(before.estimate, after.estimate))

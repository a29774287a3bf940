"""The statistics of measurements: pure functions on numbers, no Django, no scipy.

Choices, so a reader can check them:

- **Mean** with a t interval: mean ± t(0.975; n−1) · s/√n, s the sample standard deviation
  (divisor n−1). The t quantile is computed here by inverting Student's t distribution, whose
  distribution function comes from the regularised incomplete beta function (continued
  fraction, as in Numerical Recipes 6.4); exact to far more decimals than we show.
- **Share** with a Wilson score interval, not the normal ("Wald") interval: with the small
  groups and the shares near 0% or 100% that neighbourhood surveys give, Wald's interval
  leaves [0, 1] or collapses to a point; Wilson's does neither (Agresti & Coull 1998).
- **Change between two means** (a baseline and a follow-up of independent samples: other
  respondents, other numbers) with Welch's interval: the two variances need not be equal,
  and the degrees of freedom follow Welch–Satterthwaite.
- **Change between two shares** with Newcombe's hybrid score interval (1998, method 10),
  built from the two Wilson intervals, for the same reasons as Wilson.
- **Reverse-scored items** count as (min + max − value) of their answer scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """A mean or a share (0-1) of n respondents with its interval (None when undefined)."""

    n: int
    value: float | None
    low: float | None = None
    high: float | None = None
    sd: float | None = None  # of the respondents' scores, for means


@dataclass(frozen=True)
class Difference:
    """after − before, with its interval and (for means) Welch's degrees of freedom."""

    value: float
    low: float | None
    high: float | None
    df: float | None = None

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out zero: a change we would not expect by chance."""
        return self.low is not None and self.high is not None and (
            self.low > 0 or self.high < 0)


# Distributions ------------------------------------------------------------------------------

def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with df degrees of freedom (df may be fractional)."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def _invert(cdf, p: float, high: float) -> float:
    """The x >= 0 with cdf(x) = p (p >= 0.5), by bisection: slow, simple and sure."""
    while cdf(high) < p:
        high *= 2.0
    low = 0.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if cdf(middle) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def t_quantile(df: float, p: float = 0.5 + CONFIDENCE / 2) -> float:
    """The p-quantile (p >= 0.5) of Student's t: t_quantile(9) = 2.2622 for a 95% interval."""
    if df <= 0:
        raise ValueError("df must be positive")
    return _invert(lambda x: t_cdf(x, df), p, 16.0)


def normal_quantile(p: float = 0.5 + CONFIDENCE / 2) -> float:
    """The p-quantile (p >= 0.5) of the standard normal: 1.95996 for a 95% interval."""
    return _invert(lambda x: 0.5 * (1.0 + math.erf(x / math.sqrt(2.0))), p, 4.0)


# Scores ------------------------------------------------------------------------------------

def reverse(value: float, low: float, high: float) -> float:
    """A reverse-scored answer on a scale from low to high counts as low + high − value."""
    return low + high - value


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def sample_sd(values: list[float]) -> float | None:
    """The sample standard deviation (divisor n − 1); None below two values."""
    n = len(values)
    if n < 2:
        return None
    m = sum(values) / n
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))


# Intervals --------------------------------------------------------------------------------

def mean_from_summary(n: int, mean_value: float, sd: float | None) -> Estimate:
    """A mean with its t interval from n, the mean and the sample standard deviation."""
    if n < 2 or sd is None:
        return Estimate(n=n, value=mean_value, sd=sd)
    half = t_quantile(n - 1) * sd / math.sqrt(n)
    return Estimate(n=n, value=mean_value, low=mean_value - half, high=mean_value + half, sd=sd)


def mean_interval(values: Iterable[float]) -> Estimate:
    """The mean of values with its 95% t interval."""
    values = list(values)
    if not values:
        return Estimate(n=0, value=None)
    return mean_from_summary(len(values), sum(values) / len(values), sample_sd(values))


def share_interval(successes: int, n: int) -> Estimate:
    """The share successes / n with its 95% Wilson score interval."""
    if n <= 0:
        return Estimate(n=0, value=None)
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    p = successes / n
    z = normal_quantile()
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return Estimate(n=n, value=p, low=max(0.0, centre - half), high=min(1.0, centre + half))


def summary_of_distribution(counts: Mapping[float, int]) -> tuple[int, float | None,
                                                                   float | None]:
    """n, mean and sample standard deviation of answers given as {value: count}."""
    n = sum(counts.values())
    if n == 0:
        return 0, None, None
    m = sum(v * c for v, c in counts.items()) / n
    if n < 2:
        return n, m, None
    return n, m, math.sqrt(sum(c * (v - m) ** 2 for v, c in counts.items()) / (n - 1))


# Change -------------------------------------------------------------------------------------

def mean_difference(before: Estimate, after: Estimate) -> Difference | None:
    """after − before of two independent means, with Welch's 95% interval."""
    if before.value is None or after.value is None:
        return None
    value = after.value - before.value
    if before.sd is None or after.sd is None or before.n < 2 or after.n < 2:
        return Difference(value=value, low=None, high=None)
    va, vb = before.sd ** 2 / before.n, after.sd ** 2 / after.n
    se = math.sqrt(va + vb)
    if se == 0:
        return Difference(value=value, low=value, high=value, df=None)
    df = (va + vb) ** 2 / (va ** 2 / (before.n - 1) + vb ** 2 / (after.n - 1))
    half = t_quantile(df) * se
    return Difference(value=value, low=value - half, high=value + half, df=df)


def share_difference(before: Estimate, after: Estimate) -> Difference | None:
    """after − before of two independent shares, with Newcombe's hybrid score interval."""
    if before.value is None or after.value is None:
        return None
    p1, p2 = before.value, after.value
    l1, u1, l2, u2 = before.low, before.high, after.low, after.high
    value = p2 - p1
    if l1 is None or u1 is None or l2 is None or u2 is None:
        return Difference(value=value, low=None, high=None)
    low = value - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = value + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return Difference(value=value, low=low, high=high)

"""The registry of indicator computations: how an indicator's value follows from the data.

The catalogue (``Indicator``) is editable data; how a value is computed is code. Each
source module (logbook, signals, measurements) registers its computations here from its
``AppConfig.ready``, so this app never imports them: dependencies keep pointing one way.
An indicator names its computation by key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Period:
    """The assignment (or its agreement) and the dates to compute over, both inclusive."""

    assignment: Any
    starts_on: dt.date
    ends_on: dt.date
    agreement: Any = None


@dataclass(frozen=True)
class Interval:
    """A value from a sample with its 95% interval (low and high None when unknown)."""

    value: Decimal
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True)
class Computation:
    key: str
    label: str | Promise
    source: str  # an Indicator.Source value
    compute: Callable[[Period], Decimal | None]
    # Optionally the values of many periods at once, for lists (one query, not one a period).
    compute_many: Callable[[list[Period]], list[Decimal | None]] | None = None
    # Optionally the value with its 95% interval, for values from a sample (measurements).
    estimate: Callable[[Period], Interval | None] | None = None

    def values(self, periods: list[Period]) -> list[Decimal | None]:
        """The value of each period, as ``compute`` gives it; at once where registered."""
        if self.compute_many is not None:
            return self.compute_many(periods)
        return [self.compute(period) for period in periods]


_REGISTRY: dict[str, Computation] = {}


def register(key: str, label: str | Promise, source: str,
             ) -> Callable[[Callable[[Period], Decimal | None]], Callable]:
    """Register the decorated function as the computation ``key``."""

    def decorator(func: Callable[[Period], Decimal | None]) -> Callable:
        _REGISTRY[key] = Computation(key=key, label=label, source=source, compute=func)
        return func

    return decorator


def register_many(key: str) -> Callable[[Callable[[list[Period]], list]], Callable]:
    """Register the decorated function as the many-periods form of computation ``key``
    (registered before); it must give what ``compute`` gives for each period."""

    def decorator(func: Callable[[list[Period]], list]) -> Callable:
        _REGISTRY[key] = replace(_REGISTRY[key], compute_many=func)
        return func

    return decorator


def register_estimate(key: str) -> Callable[[Callable[[Period], Interval | None]], Callable]:
    """Register the decorated function as the value-with-interval form of computation
    ``key`` (registered before); its value must be what ``compute`` gives."""

    def decorator(func: Callable[[Period], Interval | None]) -> Callable:
        _REGISTRY[key] = replace(_REGISTRY[key], estimate=func)
        return func

    return decorator


def computation(key: str) -> Computation | None:
    return _REGISTRY.get(key)


def computations(source: str | None = None) -> list[Computation]:
    """All registered computations (of one source), in key order."""
    return sorted((c for c in _REGISTRY.values() if source is None or c.source == source),
                  key=lambda c: c.key)


def ratio(numerator: Decimal | int | None, denominator: Decimal | int | None,
          *, scale: int = 1) -> Decimal | None:
    """numerator / denominator x scale rounded to two decimals, None when undefined."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(Decimal("0.01"))


# Products counted from the logbook --------------------------------------------------------

ProductCounter = Callable[[list[Any], dt.date, dt.date], dict[int, int]]
_PRODUCT_COUNTERS: list[ProductCounter] = []


def register_product_counter(func: ProductCounter) -> ProductCounter:
    """Register how products are counted (the logbook does, from its ``AppConfig.ready``):
    ``func(products, starts_on, ends_on)`` gives each product's pk its count in the period."""
    _PRODUCT_COUNTERS[:] = [func]
    return func


def has_product_counter() -> bool:
    return bool(_PRODUCT_COUNTERS)


def product_counts(products: list[Any], starts_on: dt.date, ends_on: dt.date,
                   ) -> dict[int, int]:
    """How often each product was delivered in the period (both days included), by pk;
    empty when nothing counts them (the logbook is not installed)."""
    if not _PRODUCT_COUNTERS or not products or ends_on < starts_on:
        return {}
    return _PRODUCT_COUNTERS[0](products, starts_on, ends_on)

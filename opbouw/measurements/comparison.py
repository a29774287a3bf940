"""Which dimensions two versions of an instrument measure the same way: the one rule that the
change page, the indicator ``measurements.change`` and the check on a follow-up's baseline
share.

A dimension in one version is *the same* as the dimension with the same code in another
version when all of these are equal (``dimension_signature``):

- its scoring: rule, threshold, lowest and highest score, and whether higher is better;
- the items scored on it, matched by item code: the same codes, and per item the same text
  (spaces aside), the same answer scale (the same values with the same labels) and the same
  reverse scoring.

Its name, description and place, an item's hint, order and "required", and the names and codes
of scales may differ: they do not change what a respondent answers to or how it is scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from opbouw.measurements.models import Dimension, Instrument, Item


def _text(value: str) -> str:
    return " ".join(value.split())


def dimension_signature(dimension: Dimension, items: Iterable[Item]) -> tuple[Any, ...]:
    """Everything that makes a dimension's results comparable (see the module's docstring);
    items: the items of the dimension's instrument, with their scales' options loaded."""
    scored = sorted((i for i in items if i.dimension_id == dimension.pk), key=lambda i: i.code)
    return (
        dimension.code, dimension.rule,
        dimension.threshold if dimension.rule != Dimension.Rule.MEAN else None,
        dimension.result_min, dimension.result_max, dimension.higher_is_better,
        tuple((item.code, _text(item.text), item.reverse_scored,
               tuple(sorted((o.value, _text(o.label)) for o in item.scale.options.all())))
              for item in scored),
    )


@dataclass(frozen=True)
class NotCompared:
    """A dimension left out of a comparison, and why (in words)."""

    name: str
    reason: str


@dataclass(frozen=True)
class VersionComparison:
    """The dimensions of two versions (before: the baseline's, after: the follow-up's) that
    may be compared, and those that may not."""

    before: Instrument
    after: Instrument
    same: list[Dimension] = field(default_factory=list)  # the after version's dimensions
    not_compared: list[NotCompared] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """Whether baseline and follow-up used different versions."""
        return self.before.pk != self.after.pk

    @property
    def same_codes(self) -> set[str]:
        return {d.code for d in self.same}

    @property
    def same_names(self) -> str:
        return ", ".join(d.name for d in self.same)


def _loaded(instrument: Instrument) -> tuple[list[Dimension], list[Item]]:
    dimensions = list(Dimension.objects.filter(instrument=instrument))
    items = list(Item.objects.filter(instrument=instrument).select_related(
        "scale").prefetch_related("scale__options"))
    return dimensions, items


def compare_versions(before: Instrument, after: Instrument) -> VersionComparison:
    """Which dimensions of two versions of an instrument are the same, and which are not."""
    after_dims, after_items = _loaded(after)
    if before.pk == after.pk:
        return VersionComparison(before=before, after=after, same=after_dims)
    before_dims, before_items = _loaded(before)
    earlier = {d.code: dimension_signature(d, before_items) for d in before_dims}
    same, left_out = [], []
    for dim in after_dims:
        signature = earlier.get(dim.code)
        if signature is None:
            left_out.append(NotCompared(dim.name, _("nieuw in versie %(v)s")
                                        % {"v": after.version}))
        elif signature == dimension_signature(dim, after_items):
            same.append(dim)
        else:
            left_out.append(NotCompared(dim.name, _("gewijzigd in versie %(v)s")
                                        % {"v": after.version}))
    codes = {d.code for d in after_dims}
    left_out += [NotCompared(d.name, _("niet meer in versie %(v)s") % {"v": after.version})
                 for d in before_dims if d.code not in codes]
    return VersionComparison(before=before, after=after, same=same, not_compared=left_out)

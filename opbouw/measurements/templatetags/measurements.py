"""Template helpers of the measurements module."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def css_percent(value: float | None) -> str:
    """A width or offset for CSS: always with a decimal point, whatever the language."""
    return "0" if value is None else f"{float(value):.1f}"


@register.filter
def score(value: float | None, result) -> str:
    """A score as shown: a share in percent with one decimal, a mean with two; "–" for none.

    ``result`` is the DimensionResult (or ChangeResult) the value belongs to.
    """
    from django.utils.formats import number_format

    if value is None:
        return "–"
    dimension = getattr(result, "dimension", None) or result.before.dimension
    # number_format cuts digits off; round first so 46.67 shows as 46,7.
    if dimension.is_share:
        return f"{number_format(round(value, 1), decimal_pos=1)}%"
    return number_format(round(value, 2), decimal_pos=2)


@register.filter
def difference(value: float | None, row) -> str:
    """A change with its sign: +0,40 on the scale of a mean, +12,0 %-punt for a share."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    if value is None:
        return "–"
    share = row.before.dimension.is_share
    places = 1 if share else 2
    text = number_format(round(abs(value), places), decimal_pos=places)
    sign = "−" if value < 0 and text.strip("0,.") else "+"
    return f"{sign}{text}" + ("\u00a0" + _("%-punt") if share else "")


@register.filter
def pair(first, second) -> tuple:
    """Two things to loop over in a template: a baseline's and a follow-up's result."""
    return first, second

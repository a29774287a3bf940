"""Small-cell suppression: aggregates never show a group of fewer than the minimum cell size.

The minimum is ``settings.OPBOUW_MIN_CELL_SIZE`` (5): a group of fewer workers or respondents
is hidden, and so are more groups where a hidden one could be worked out by subtraction.
"""

from __future__ import annotations

from django.conf import settings


def suppress_row(counts: list[int]) -> tuple[list[int | None], int | None]:
    """Hide small cells of a row of counts and its total (None = hidden).

    Cells below the minimum cell size are hidden. Because the total is shown, one hidden
    cell could be worked out by subtraction, and hidden cells that add up to less than the
    minimum still give a small number away; so more cells are hidden, smallest first.
    """
    minimum = settings.OPBOUW_MIN_CELL_SIZE
    total = sum(counts)
    if total < minimum:
        return [None] * len(counts), None
    hidden = {i for i, n in enumerate(counts) if n < minimum}
    shown = sorted((i for i in range(len(counts)) if i not in hidden), key=lambda i: counts[i])
    while hidden and shown and (len(hidden) == 1 or sum(counts[i] for i in hidden) < minimum):
        hidden.add(shown.pop(0))
    return [None if i in hidden else n for i, n in enumerate(counts)], total


def suppress_groups(sizes: list[int]) -> set[int]:
    """Indexes of groups to hide in a row whose total is shown.

    Groups of fewer people than the minimum are hidden, then more groups, smallest first,
    until the hidden groups together hold at least the minimum (or none), so that no small
    group can be worked out from the total and the groups shown.
    """
    minimum = settings.OPBOUW_MIN_CELL_SIZE
    hidden = {i for i, n in enumerate(sizes) if 0 < n < minimum}
    shown = sorted((i for i, n in enumerate(sizes) if n >= minimum), key=lambda i: sizes[i])
    while shown and 0 < sum(sizes[i] for i in hidden) < minimum:
        hidden.add(shown.pop(0))
    return hidden | {i for i, n in enumerate(sizes) if n == 0}

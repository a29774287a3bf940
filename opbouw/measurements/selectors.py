"""Reads of measurements: instruments, rounds, and the results computed from answers or totals.

Every read starts from a scope of the access layer. Results are aggregates by nature; a
dimension answered by fewer than ``OPBOUW_MIN_CELL_SIZE`` respondents is hidden for
everyone (scoring.DimensionResult.hidden).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.measurements import scopes, scoring
from opbouw.measurements.comparison import VersionComparison, compare_versions
from opbouw.measurements.models import (
    Answer,
    Dimension,
    Instrument,
    Item,
    MeasurementRound,
    ScaleOption,
)


def instruments_list(principal: Principal, *, include_retired: bool = False) -> QuerySet:
    qs = scopes.measurement_instruments(principal)
    if not include_retired:
        qs = qs.exclude(status=Instrument.Status.RETIRED)
    return qs.annotate(item_count=Count("items", distinct=True),
                       round_count=Count("rounds", distinct=True)).order_by("name", "-version")


def instrument_get(principal: Principal, pk: int) -> Instrument:
    qs = scopes.measurement_instruments(principal).prefetch_related(
        Prefetch("scales__options", queryset=ScaleOption.objects.order_by("position", "value")),
        Prefetch("items", queryset=Item.objects.select_related("scale", "dimension")),
        "dimensions")
    return get_visible_or_404(qs, pk=pk)


def instrument_versions(instrument: Instrument) -> QuerySet:
    return Instrument.objects.filter(code=instrument.code).annotate(
        round_count=Count("rounds")).order_by("-version")


@dataclass
class RoundFilters:
    """The list's filters (``forms.RoundFilterForm`` reads them from the query string)."""

    status: str = ""
    instrument_code: str = ""
    kind: str = ""


def rounds_list(principal: Principal, filters: RoundFilters | None = None) -> QuerySet:
    """Visible rounds, newest first, with their number of respondents."""
    f = filters or RoundFilters()
    qs = scopes.measurement_rounds(principal).select_related(
        "instrument", "organisation", "area", "baseline")
    if f.status in MeasurementRound.Status.values:
        qs = qs.filter(status=f.status)
    if f.kind in MeasurementRound.Kind.values:
        qs = qs.filter(kind=f.kind)
    if f.instrument_code:
        qs = qs.filter(instrument__code=f.instrument_code)
    return qs.annotate(response_count=Count("responses", distinct=True),
                       aggregate_n=Max("aggregates__n")).order_by("-held_on", "-pk")


def round_get(principal: Principal, pk: int) -> MeasurementRound:
    qs = scopes.measurement_rounds(principal).select_related(
        "instrument", "organisation", "area", "baseline__area", "intervention")
    return get_visible_or_404(qs, pk=pk)


def respondent_count(measurement_round: MeasurementRound) -> int:
    """Respondents of a round: responses, or the largest n of the totals entered."""
    if measurement_round.mode == MeasurementRound.Mode.AGGREGATES:
        return measurement_round.aggregates.aggregate(n=Max("n"))["n"] or 0
    return measurement_round.responses.count()


def _scale_bounds(instrument: Instrument) -> dict[int, tuple[int, int]]:
    bounds: dict[int, list[int]] = defaultdict(list)
    for scale_id, value in ScaleOption.objects.filter(scale__instrument=instrument).values_list(
            "scale_id", "value"):
        bounds[scale_id].append(value)
    return {k: (min(v), max(v)) for k, v in bounds.items()}


def round_results(measurement_round: MeasurementRound) -> list[scoring.DimensionResult]:
    """One result per dimension of the round's instrument, in the instrument's order.

    Reads the round's answers once (id, item, value only): a few thousand rows at city scale.
    """
    instrument = measurement_round.instrument
    dimensions = list(Dimension.objects.filter(instrument=instrument))
    results = []
    if measurement_round.mode == MeasurementRound.Mode.AGGREGATES:
        aggregates = {a.dimension_id: a for a in measurement_round.aggregates.all()}
        for dim in dimensions:
            aggregate = aggregates.get(dim.pk)
            found = (scoring.aggregate_estimate(dim, aggregate) if aggregate
                     else scoring.st.Estimate(n=0, value=None))
            results.append(scoring.result(dim, found))
        return results
    answers: dict[int, dict[int, int]] = defaultdict(dict)
    for response_id, item_id, value in Answer.objects.filter(
            response__round=measurement_round).values_list("response_id", "item_id", "value"):
        answers[response_id][item_id] = value
    items = list(Item.objects.filter(instrument=instrument))
    bounds = _scale_bounds(instrument)
    for dim in dimensions:
        scores = scoring.respondent_scores(dim, items, answers, bounds)
        results.append(scoring.result(dim, scoring.estimate(dim, scores)))
    return results


def version_comparison(follow_up: MeasurementRound) -> VersionComparison | None:
    """Which dimensions the follow-up and its baseline (perhaps another version of the
    instrument) have the same; None without a baseline."""
    if follow_up.baseline is None:
        return None
    return compare_versions(follow_up.baseline.instrument, follow_up.instrument)


def round_change(follow_up: MeasurementRound, comparison: VersionComparison | None = None
                 ) -> list[scoring.ChangeResult]:
    """The change from the baseline to this follow-up, per dimension that is the same in both
    versions of the instrument (comparison.compare_versions: code, items and scoring)."""
    comparison = comparison or version_comparison(follow_up)
    if follow_up.baseline is None or comparison is None:
        return []
    same = comparison.same_codes
    before = {r.dimension.code: r for r in round_results(follow_up.baseline)}
    rows = []
    for after in round_results(follow_up):
        earlier = before.get(after.dimension.code)
        if earlier is not None and after.dimension.code in same:
            rows.append(scoring.change(earlier, after))
    return rows


def version_handover(principal: Principal, instrument: Instrument) -> dict:
    """What making a new version of this instrument would do, for the page that asks first:
    its number, the versions it retires (the active ones, if this one is active) and the open
    rounds on those, which keep their version."""
    newest = Instrument.objects.filter(code=instrument.code).aggregate(v=Max("version"))["v"]
    retiring = list(Instrument.objects.filter(
        code=instrument.code, status=Instrument.Status.ACTIVE).order_by("version")
    ) if instrument.status == Instrument.Status.ACTIVE else []
    open_rounds = scopes.measurement_rounds(principal).filter(
        instrument__in=retiring, status=MeasurementRound.Status.OPEN).select_related(
        "instrument", "organisation", "area").order_by("-held_on", "-pk")
    return {"next_version": (newest or 0) + 1, "newest": newest, "retiring": retiring,
            "open_rounds": open_rounds}


def baseline_choices(principal: Principal) -> QuerySet:
    """Baselines a manager may pick for a follow-up: those of the organisations they manage."""
    return scopes.measurement_rounds(principal).filter(
        kind=MeasurementRound.Kind.BASELINE,
        organisation__in=scopes.measurement_organisations(principal),
    ).select_related("instrument", "area").order_by("-held_on")


def round_filters(principal: Principal) -> dict:
    """The instruments that appear in the visible rounds, for the filter on the index."""
    codes = scopes.measurement_rounds(principal).values_list("instrument__code", flat=True)
    return {"instruments": Instrument.objects.filter(
        Q(code__in=codes), ~Q(status=Instrument.Status.DRAFT)).order_by("name", "-version")}


def measurement_indicators(principal: Principal) -> QuerySet:
    """Indicators of the catalogue that read a measurement, with their link if any."""
    from opbouw.assignments.models import Indicator

    if not principal.is_authenticated:
        return Indicator.objects.none()
    return Indicator.objects.filter(source=Indicator.Source.MEASUREMENT).select_related(
        "measure").order_by("name")


def dimension_choices(principal: Principal) -> list[tuple[str, str]]:
    """("instrument/dimension" code, label) for the dimensions of instruments in use."""
    rows = Dimension.objects.filter(
        instrument__in=scopes.measurement_instruments(principal).filter(
            status=Instrument.Status.ACTIVE),
    ).select_related("instrument").order_by("instrument__name", "position")
    return [(f"{d.instrument.code}/{d.code}", f"{d.instrument.name} – {d.name}") for d in rows]

"""The rules a new round keeps: where it may be held, and which baseline a follow-up belongs
to. Each check raises a ValidationError naming its field; ``collect_errors`` gathers them so a
form shows every problem at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opbouw.areas.tree import lies_within
from opbouw.measurements.comparison import compare_versions
from opbouw.measurements.models import Instrument, MeasurementRound
from opbouw.measurements.selectors import round_results

Round = MeasurementRound


def same_group(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def matching_baselines(*, instrument: Instrument, area: Any, group: str = "",
                       organisation: Any = None, before: dt.date | None = None):
    """Baselines a follow-up may compare with: the same instrument (any version), area and
    group; latest first."""
    qs = Round.objects.filter(kind=Round.Kind.BASELINE, instrument__code=instrument.code,
                              area=area).select_related("instrument", "area")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if before is not None:
        qs = qs.filter(held_on__lt=before)
    return [r for r in qs.order_by("-held_on", "-pk") if same_group(r.group, group)]


def baseline_results(baseline: Round, instrument: Instrument) -> bool:
    """Whether a baseline has results a follow-up with this instrument (version) can be
    compared with: at least one dimension that is the same in both versions
    (comparison.compare_versions) and shown, i.e. with at least the minimum number of
    respondents."""
    same = compare_versions(baseline.instrument, instrument).same_codes
    return any(not r.hidden and r.dimension.code in same for r in round_results(baseline))


def _no_results(baseline: Round, instrument: Instrument) -> str:
    if baseline.instrument_id != instrument.pk and any(
            not r.hidden for r in round_results(baseline)):
        return _("De nulmeting is gehouden met versie %(before)s van het instrument. Geen "
                 "enkele dimensie met resultaten is gelijk in versie %(after)s, dus er valt "
                 "niets te vergelijken.") % {"before": baseline.instrument.version,
                                             "after": instrument.version}
    return _("De nulmeting van %(date)s heeft nog geen resultaten: geen enkele dimensie heeft "
             "%(n)s of meer respondenten. Voer eerst de antwoorden of totalen van de nulmeting "
             "in.") % {"date": date_format(baseline.held_on, "j F Y"),
                       "n": settings.OPBOUW_MIN_CELL_SIZE}


def check_baseline(*, kind: str, baseline: Round | None, instrument: Instrument, area: Any,
                    group: str, held_on: dt.date, organisation: Any) -> Round | None:
    """A follow-up's baseline: the same instrument (any version), area and group, held
    earlier, and with results to compare with (baseline_results); without one chosen, the
    latest such baseline."""
    if kind == Round.Kind.BASELINE:
        if baseline is not None:
            raise ValidationError({"baseline": [_("Een nulmeting hoort niet bij een andere "
                                                  "nulmeting; laat dit veld leeg.")]})
        return None
    if baseline is None:
        found = matching_baselines(instrument=instrument, area=area, group=group,
                                   organisation=organisation, before=held_on)
        if not found:
            raise ValidationError({"baseline": [_(
                "Een vervolgmeting hoort bij een eerdere nulmeting met hetzelfde instrument in "
                "hetzelfde gebied (en dezelfde groep). Die is er niet: maak eerst de "
                "nulmeting aan.")]})
        with_results = [r for r in found if baseline_results(r, instrument)]
        if not with_results:
            raise ValidationError({"baseline": [_no_results(found[0], instrument)]})
        return with_results[0]
    problems = []
    if baseline.kind != Round.Kind.BASELINE:
        problems.append(_("De gekozen meting is geen nulmeting."))
    if baseline.instrument.code != instrument.code:
        problems.append(_("De nulmeting gebruikt een ander instrument."))
    if baseline.area_id != area.pk:
        problems.append(_("De nulmeting is in een ander gebied gehouden."))
    if not same_group(baseline.group, group):
        problems.append(_("De nulmeting is bij een andere groep gehouden."))
    if baseline.held_on >= held_on:
        problems.append(_("De nulmeting moet eerder zijn gehouden dan de vervolgmeting."))
    if not problems and not baseline_results(baseline, instrument):
        problems.append(_no_results(baseline, instrument))
    if problems:
        raise ValidationError({"baseline": problems})
    return baseline


def check_area(organisation: Any, area: Any, assignment: Any) -> None:
    """Rounds are for areas the provider works in: within one of its working areas, or
    within the areas of the assignment the round is linked to."""
    roots = list(organisation.areas.values_list("path", flat=True))
    if assignment is not None:
        roots += list(assignment.areas.values_list("path", flat=True))
    if not lies_within(area.path, roots):
        raise ValidationError({"area": [_(
            "%(area)s ligt niet in het werkgebied van %(org)s. Een meetronde houdt u in een "
            "gebied waar uw organisatie werkt, of in een gebied van de opdracht waar de "
            "meetronde bij hoort.") % {"area": area.name, "org": organisation.short_name
                                       or organisation.name}]})


def check_assignment(assignment: Any, organisation: Any, area: Any) -> None:
    if assignment is None:
        return
    if assignment.provider_id != organisation.pk:
        raise ValidationError({"assignment": [_("Deze opdracht is van een andere "
                                                "organisatie.")]})
    paths = list(assignment.areas.values_list("path", flat=True))
    if paths and not lies_within(area.path, paths):
        raise ValidationError({"assignment": [_("Het gebied ligt niet in de gebieden van deze "
                                                "opdracht.")]})


def collect_errors(errors: dict[str, list[str]], check: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a check; add its field messages to errors instead of stopping at the first."""
    try:
        return check(*args, **kwargs)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
        return None

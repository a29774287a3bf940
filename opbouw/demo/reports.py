"""Demo accountability reports, written through the reports' own services.

Every running assignment of this year has its first quarter accepted; the showcase
assignment (SONOR in Kralingen-Crooswijk) also has its second quarter waiting for the
commissioner, and its third quarter is due, so each step of the workflow can be seen.
Others have their second quarter accepted, or returned with a comment. The stories are
our own words, about situations, never about persons.
"""

from __future__ import annotations

import datetime as dt

from opbouw.access.actor import actor_for
from opbouw.access.roles import Role
from opbouw.assignments.models import Assignment
from opbouw.organisations.models import Membership
from opbouw.reports import services
from opbouw.reports.periods import period_for

STORIES = [
    {"story": "In het voorjaar lag het buurthuis stil door een verbouwing; activiteiten "
              "verhuisden naar de school, en daar kwamen minder nieuwe bewoners op af.",
     "partners": "De woningcorporatie (ruimte), de basisschool (plek en ouders), "
                 "het wijkteam (doorverwijzen).",
     "what_works": "Op straat uitnodigen werkt beter dan een flyer; bewoners die al "
                   "meedoen nemen buren mee.",
     "action_plan": "Vanaf september twee extra middagen; elke maand een ronde door de "
                    "portiekflats met een bewoner uit de bewonerscommissie."},
    {"story": "De curve loopt mee met het seizoen: in de zomer minder groepsactiviteiten, in "
              "het najaar meer. Het bereik ligt op koers.",
     "partners": "Het jongerenwerk en de bibliotheek organiseren mee.",
     "what_works": "Vaste tijden en een vaste plek; activiteiten die bewoners zelf bedenken.",
     "action_plan": "Bewonersinitiatieven eerder ondersteunen, zodat ze in de zomer "
                    "doorlopen."},
]


def _people(org_ids: set[int], role: str) -> dict[int, object]:
    found: dict[int, object] = {}
    for m in Membership.objects.filter(organisation_id__in=org_ids, role=role).select_related(
            "user").order_by("pk"):
        found.setdefault(m.organisation_id, m.user)
    return found


def load(*, today: dt.date, showcase_title_part: str = "Kralingen-Crooswijk") -> dict:
    """Write the reports; return how many of each status."""
    running = list(Assignment.objects.filter(
        status=Assignment.Status.RUNNING, starts_on__year=today.year).select_related(
        "provider", "commissioner").order_by("pk"))
    managers = _people({a.provider_id for a in running}, Role.MANAGER)
    commissioners = _people({a.commissioner_id for a in running}, Role.COMMISSIONER)
    counts: dict[str, int] = {}
    for i, a in enumerate(running):
        manager, commissioner = managers.get(a.provider_id), commissioners.get(a.commissioner_id)
        if manager is None or commissioner is None:
            continue
        showcase = a.provider.short_name == "SONOR" and showcase_title_part in a.commissioner.name
        steps = [("K1", "accept")]
        if showcase:
            steps.append(("K2", "submit"))
        elif i % 3 == 0:
            steps.append(("K2", "return"))
        else:
            steps.append(("K2", "accept"))
        agreements = list(a.agreements.order_by("pk")[:2])
        for quarter, outcome in steps:
            code = f"{today.year}-{quarter}"
            period = period_for(a, code)
            if period is None or period.ends_on >= today:
                continue  # only quarters that are over are accounted for
            report = services.report_start(actor=actor_for(manager), assignment=a, code=code,
                                           today=today)
            for n, agreement in enumerate(agreements):
                services.story_save(actor=actor_for(manager), report=report,
                                    agreement=agreement, **STORIES[(i + n) % len(STORIES)])
            services.report_submit(actor=actor_for(manager), report=report, today=today)
            report.refresh_from_db()
            if outcome == "accept":
                services.report_decide(actor=actor_for(commissioner), report=report,
                                       accept=True, revision=report.revision,
                                       comment="Helder verhaal, dank.")
            elif outcome == "return":
                services.report_decide(
                    actor=actor_for(commissioner), report=report, accept=False,
                    revision=report.revision,
                    comment="Graag per afspraak uitleggen waarom het bereik achterblijft.")
            report.refresh_from_db()
            counts[report.status] = counts.get(report.status, 0) + 1
    return counts

"""Reads of the signals module: the filtered list, one signal, defaults and choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas import scopes as area_scopes
from opbouw.areas.models import Area
from opbouw.areas.tree import ancestor_paths, lies_within, within_q
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Domain
from opbouw.signals import scopes
from opbouw.signals.models import Category, FollowUp, Partner, Signal

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Filters:
    """The list's filters (``forms.SignalFilterForm`` reads them from the query string)."""

    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    area: Area | None = None
    domain: str = ""
    category: Category | None = None
    status: str = ""
    urgency: str = ""
    assignment: Any = None
    worker_id: int | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any((self.starts_on, self.ends_on, self.area, self.domain, self.category,
                    self.status, self.urgency, self.assignment, self.worker_id))


def reporter_organisations(principal: Principal, signals: QuerySet) -> set[int]:
    """Organisations among the signals whose reporters the principal may see by name."""
    orgs = set(signals.order_by().values_list("organisation_id", flat=True).distinct())
    return {org for org in orgs if scopes.can_see_reporters(principal, org)}


def signal_list(principal: Principal, filters: Filters) -> QuerySet:
    """The visible signals matching the filters, newest first."""
    qs = scopes.signals(principal)
    if filters.starts_on:
        qs = qs.filter(date__gte=filters.starts_on)
    if filters.ends_on:
        qs = qs.filter(date__lte=filters.ends_on)
    if filters.area is not None:
        qs = qs.filter(within_q([filters.area.path], "area"))
    if filters.domain:
        qs = qs.filter(category__domain=filters.domain)
    if filters.category is not None:
        qs = qs.filter(category=filters.category)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    if filters.assignment is not None:
        qs = qs.filter(assignment=filters.assignment)
    if filters.worker_id is not None:
        # Only where the principal may see who reported: no guessing by id otherwise.
        seeing = reporter_organisations(principal, scopes.signals(principal))
        qs = qs.filter(reported_by_id=filters.worker_id, organisation_id__in=seeing)
    return qs.select_related("area", "category", "referred_to", "assignment", "organisation",
                             "reported_by").order_by("-date", "-pk")


def status_counts(signals: QuerySet) -> list[tuple[str, StrOrPromise, int]]:
    """How many of the signals have each status, in the order of the workflow."""
    counts = dict(signals.order_by().values_list("status").annotate(n=Count("pk")))
    return [(code, label, counts.get(code, 0)) for code, label in Signal.Status.choices]


def filter_choices(principal: Principal) -> dict:
    """What the filters offer: areas, categories and assignments of the visible signals."""
    visible = scopes.signals(principal).order_by()
    paths = set(Area.objects.filter(pk__in=visible.values("area_id")).values_list("path",
                                                                                  flat=True))
    above = {a for path in paths for a in ancestor_paths(path)}
    seeing = reporter_organisations(principal, visible)
    from django.contrib.auth import get_user_model

    workers = get_user_model().objects.filter(
        pk__in=visible.filter(organisation_id__in=seeing).values("reported_by_id")
    ) if seeing else None
    return {
        "areas": Area.objects.filter(path__in=above).exclude(
            level=Area.Level.MUNICIPALITY).order_by("path"),
        "domains": Domain.choices,
        "categories": Category.objects.all(),
        "statuses": Signal.Status.choices,
        "urgencies": Signal.Urgency.choices,
        "assignments": assignment_scopes.assignments(principal).filter(
            pk__in=visible.values("assignment_id")).order_by("title"),
        "workers": workers,
    }


def signal_get(principal: Principal, pk: int) -> Signal:
    """One visible signal with its history (oldest first); others answer 404."""
    qs = scopes.signals(principal).select_related(
        "area", "category", "referred_to", "assignment", "organisation", "reported_by")
    qs = qs.prefetch_related(Prefetch(
        "follow_ups", queryset=FollowUp.objects.select_related("author", "referred_to")
        .order_by("date", "pk")))
    return get_visible_or_404(qs, pk=pk)


def export_table(principal: Principal, signals: QuerySet) -> tuple[list[str], list[list]]:
    """Header and rows of the signals for a download; reporter names only where allowed."""
    from django.utils.translation import gettext as _

    seeing = reporter_organisations(principal, signals)
    header = [_("Datum"), _("Gebiedscode"), _("Gebied"), _("Domein"), _("Categorie"),
              _("Urgentie"), _("Bron"), _("Status"), _("Doorverwezen naar"),
              _("Doorverwezen op"), _("Opgepakt op"), _("Opdracht"), _("Organisatie")]
    if seeing:
        header.append(_("Gemeld door"))
    header.append(_("Omschrijving"))
    # The choices' labels, translated once rather than per row (as get_FOO_display would).
    domains, urgencies, sources, statuses = (
        {value: str(label) for value, label in choices.choices}
        for choices in (Domain, Signal.Urgency, Signal.Source, Signal.Status))
    rows = []
    for s in signals.iterator(chunk_size=2000):
        domain = s.category.domain
        row = [s.date, s.area.code, s.area.name, domains.get(domain, domain),
               s.category.name, urgencies.get(s.urgency, s.urgency),
               sources.get(s.source, s.source), statuses.get(s.status, s.status),
               s.referred_to.name if s.referred_to else "",
               s.referred_on, s.taken_up_on, s.assignment.title if s.assignment else "",
               s.organisation.short_name]
        if seeing:
            row.append(str(s.reported_by) if s.organisation_id in seeing else "")
        row.append(s.description)
        rows.append(row)
    return header, rows


# The reporting form ------------------------------------------------------------------------

def _latest_records(principal: Principal) -> list[dict]:
    """The reporter's latest signal and logbook entry (area, assignment, when)."""
    fields = ("area_id", "assignment_id", "created_at")
    records = []
    signal = Signal.objects.filter(reported_by_id=principal.user_id).order_by(
        "-created_at", "-pk").values(*fields, "source").first()
    if signal:
        records.append(signal)
    if apps.is_installed("opbouw.logbook"):
        from opbouw.logbook.models import Activity

        activity = Activity.objects.filter(worker_id=principal.user_id).order_by(
            "-created_at", "-pk").values(*fields).first()
        if activity:
            records.append(activity)
    return sorted(records, key=lambda r: r["created_at"], reverse=True)


def _profile_areas(principal: Principal) -> list[Area]:
    from opbouw.organisations.models import WorkerProfile

    if principal.user_id is None:  # anonymous: no profile
        return []
    profile = WorkerProfile.objects.filter(user_id=principal.user_id).first()
    return list(profile.areas.order_by("path")) if profile else []


def reporting_defaults(principal: Principal) -> dict:
    """Today, the usual area and running assignment, and the source used last time."""
    from django.utils import timezone

    records = _latest_records(principal)
    loggable = assignment_scopes.assignments_for_logging(principal).prefetch_related("areas")
    area_id = records[0]["area_id"] if records else None
    if area_id is None:
        profile_areas = _profile_areas(principal)
        area_id = profile_areas[0].pk if profile_areas else None
    assignment = None
    for record in records:
        assignment = next((a for a in loggable if a.pk == record["assignment_id"]), None)
        if assignment:
            break
    area = Area.objects.filter(pk=area_id).first() if area_id else None
    if assignment is None and area is not None:
        assignment = next((a for a in loggable if lies_within(
            area.path, [x.path for x in a.areas.all()])), None)
    if assignment is None and len(loggable) == 1:
        assignment = loggable[0]
    source = next((r["source"] for r in records if "source" in r), None)
    return {"date": timezone.localdate(), "area": area, "assignment": assignment,
            "urgency": Signal.Urgency.NORMAL, "source": source}


def area_choices(principal: Principal, *, include: Area | None = None) -> QuerySet:
    """Areas to report in: those of the running assignments, the worker's and the
    organisation's working areas, each with the areas inside it."""
    from opbouw.organisations.models import Organisation

    roots = set(Area.objects.filter(
        assignments__in=assignment_scopes.assignments_for_logging(principal)).values_list("path",
                                                                               flat=True))
    roots |= {a.path for a in _profile_areas(principal)}
    roots |= set(Organisation.objects.filter(
        pk__in=[g.organisation_id for g in principal.grants if g.organisation_kind ==
                "provider"]).values_list("areas__path", flat=True))
    # An organisation without areas gives None; the stubs type the joined path as str.
    roots.discard(None)  # type: ignore[arg-type]
    qs = area_scopes.areas(principal).exclude(level=Area.Level.MUNICIPALITY)
    if roots:
        condition = within_q(roots)
        if include is not None:
            condition |= Q(pk=include.pk)
        qs = qs.filter(condition)
    return qs.order_by("path")


def category_groups(*, include: Category | None = None) -> list[tuple[str, list]]:
    """Active categories grouped by domain, for a select with optgroups."""
    categories = Category.objects.filter(Q(is_active=True) | Q(pk=getattr(include, "pk", None)))
    groups: dict[str, list] = {}
    for category in categories.order_by("domain", "name"):
        groups.setdefault(category.domain, []).append((category.pk, category.name))
    return [(str(label), groups[code]) for code, label in Domain.choices if code in groups]


def active_partners(*, include: Partner | None = None) -> QuerySet:
    return Partner.objects.filter(Q(is_active=True) | Q(pk=getattr(include, "pk", None)))


def reference_lists() -> dict:
    """Categories per domain and the partners, active or not, for the reference page."""
    categories = list(Category.objects.order_by("domain", "name"))
    return {
        "domains": [(code, label, [c for c in categories if c.domain == code])
                    for code, label in Domain.choices],
        "partners": Partner.objects.order_by("name"),
    }

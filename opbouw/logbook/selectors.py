"""Reads of the logbook: the scoped list with filters and totals, choices and defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Concat, Trim
from django.utils import timezone

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.areas.models import Area
from opbouw.areas.tree import lies_within, overlap_q, overlaps, within_q
from opbouw.assignments import scopes as assignment_scopes
from opbouw.assignments.models import Assignment
from opbouw.logbook import scopes
from opbouw.logbook.models import Activity, ContactForm
from opbouw.methods.models import Intervention, Offer

# Larger exports are refused: the page asks for a shorter period instead.
EXPORT_LIMIT = 100_000


def _paths(assignment: Any) -> list[str]:
    # Through .all(), so that areas prefetched with the assignment cost no query.
    return [area.path for area in assignment.areas.all()]


def within_assignment(assignment: Any, area: Area) -> bool:
    """Whether the area is one of the assignment's areas or lies inside one."""
    return lies_within(area.path, _paths(assignment))


def assignment_areas(assignment: Any) -> QuerySet:
    """The assignment's areas and every area inside them, in tree order."""
    return Area.objects.filter(within_q(_paths(assignment))).order_by("path")


def allowed_interventions(*, assignment: Any, on: dt.date, area: Area | None = None,
                          ) -> QuerySet:
    """Published interventions planned in the assignment, or offered by its provider on that
    date in the area (an offer's area is the area, contains it or lies in it); without an
    area, in any of the assignment's areas."""
    paths = [area.path] if area is not None else _paths(assignment)
    near = overlap_q(paths)
    offered = Offer.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), organisation_id=assignment.provider_id,
        starts_on__lte=on, areas__in=Area.objects.filter(near)).values("intervention_id")
    planned = assignment.interventions.values("pk")
    return Intervention.objects.filter(
        Q(pk__in=planned) | Q(pk__in=offered), status=Intervention.Status.PUBLISHED,
    ).order_by("name")


def allowed_intervention_tags(assignments: list[Any], *, on: dt.date) -> dict[int, list[int]]:
    """``allowed_interventions`` (without an area) of many assignments in two queries: for
    each intervention allowed in any of them, the pks of those assignments, in their order."""
    ids = [a.pk for a in assignments]
    published = Intervention.Status.PUBLISHED
    planned = set(Assignment.interventions.through.objects.filter(
        assignment_id__in=ids, intervention__status=published).values_list(
        "assignment_id", "intervention_id"))
    offers = Offer.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on,
        organisation_id__in={a.provider_id for a in assignments},
        intervention__status=published).order_by().values_list(
        "organisation_id", "intervention_id", "areas__path")
    offered = [(org, pk, path) for org, pk, path in offers if path is not None]
    tags: dict[int, list[int]] = {}
    for assignment in assignments:
        paths = _paths(assignment)
        allowed = {pk for a, pk in planned if a == assignment.pk} | {
            # the offer's area is the assignment's area, contains it or lies in it
            pk for org, pk, path in offered
            if org == assignment.provider_id and overlaps(path, paths)}
        for pk in sorted(allowed):
            tags.setdefault(pk, []).append(assignment.pk)
    return tags


@dataclass
class Filters:
    """The list's filters, already checked against what the principal may see."""

    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    area: Area | None = None
    worker: Any = None
    assignment: Any = None
    intervention: Intervention | None = None
    query: dict[str, str] = field(default_factory=dict)


def sees_others(principal: Principal) -> bool:
    """Coaches and managers see other workers' entries, so they may filter by worker."""
    return principal.has_role(Role.COACH, Role.MANAGER) or principal.is_admin


def activity_list(principal: Principal, filters: Filters | None = None) -> QuerySet:
    """The visible entries matching the filters, newest first."""
    qs = scopes.activities(principal)
    f = filters or Filters()
    if f.starts_on:
        qs = qs.filter(date__gte=f.starts_on)
    if f.ends_on:
        qs = qs.filter(date__lte=f.ends_on)
    if f.area is not None:
        qs = qs.filter(within_q([f.area.path], "area"))
    if f.worker is not None:
        qs = qs.filter(worker=f.worker)
    if f.assignment is not None:
        qs = qs.filter(assignment=f.assignment)
    if f.intervention is not None:
        qs = qs.filter(intervention=f.intervention)
    return qs.order_by("-date", "-pk")


def activity_totals(qs: QuerySet) -> dict[str, Any]:
    """Entries, hours and participants of a list, in one query."""
    totals = qs.order_by().aggregate(entries=Count("pk"), hours=Sum("hours"),
                                     participants=Sum("participants"),
                                     new=Sum("new_participants"))
    return {key: value or 0 for key, value in totals.items()}


def activity_rows(qs: QuerySet) -> QuerySet:
    """The list with what a row shows, without a query per row."""
    return qs.select_related("assignment", "area", "intervention", "worker", "target_group")


def activity_get(principal: Principal, pk: int) -> Activity:
    """One visible entry, or 404."""
    qs = scopes.activities(principal).select_related("assignment", "area", "intervention",
                                                     "worker", "organisation")
    return get_visible_or_404(qs, pk=pk)


def filter_choices(principal: Principal) -> dict[str, Any]:
    """What the list's filters offer: only what the principal could find entries for."""
    assignments = assignment_scopes.assignments(principal).filter(
        provider_id__in=principal.org_ids(Role.WORKER, Role.COACH, Role.MANAGER)
    ).order_by("-starts_on", "title")
    paths = Area.objects.filter(assignments__in=assignments).values_list("path", flat=True)
    areas = Area.objects.filter(within_q(list(paths))).exclude(
        level=Area.Level.SUBNEIGHBOURHOOD).order_by("path")
    workers: list[Any] | QuerySet = []
    if sees_others(principal):
        from opbouw.accounts.models import User

        workers = User.objects.filter(pk__in=scopes.activities(principal).values(
            "worker_id")).order_by("first_name", "last_name")
    interventions = Intervention.objects.filter(
        Q(pk__in=assignments.values("interventions"))
        | Q(offers__organisation_id__in=principal.org_ids(Role.WORKER, Role.COACH,
                                                          Role.MANAGER)),
        status=Intervention.Status.PUBLISHED).distinct().order_by("name")
    return {"assignments": assignments, "areas": areas, "workers": workers,
            "interventions": interventions}


def logging_choices(principal: Principal, *, on: dt.date | None = None,
                    include: Activity | None = None) -> dict[str, Any]:
    """The quick form's choices: assignments to log for, their areas and interventions,
    with for each area and intervention the assignments it belongs to."""
    on = on or timezone.localdate()
    assignments = list(assignment_scopes.assignments_for_logging(principal).select_related(
        "provider").prefetch_related("areas").order_by("title"))
    if include is not None and include.assignment_id not in {a.pk for a in assignments}:
        assignments.append(include.assignment)
    # A constant number of queries, however many assignments: areas and interventions are
    # fetched once and tagged with their assignments here.
    paths = {a.pk: _paths(a) for a in assignments}
    candidates = list(Area.objects.filter(within_q(
        [p for ps in paths.values() for p in ps])).order_by("path"))
    area_tags: dict[int, list[int]] = {}
    for assignment in assignments:
        for area in candidates:
            if lies_within(area.path, paths[assignment.pk]):
                area_tags.setdefault(area.pk, []).append(assignment.pk)
    intervention_tags = allowed_intervention_tags(assignments, on=on)
    intervention_ids = set(intervention_tags)
    if include is not None and include.intervention_id:
        intervention_ids.add(include.intervention_id)
        intervention_tags.setdefault(include.intervention_id, []).append(include.assignment_id)
    return {
        "assignments": Assignment.objects.filter(
            pk__in=[a.pk for a in assignments]).order_by("title"),
        "areas": Area.objects.filter(pk__in=list(area_tags)).order_by("path"),
        "interventions": Intervention.objects.filter(pk__in=intervention_ids).order_by("name"),
        "area_tags": area_tags,
        "intervention_tags": intervention_tags,
    }


def activity_defaults(principal: Principal) -> dict[str, Any]:
    """Initial values of the quick form: today, and the worker's usual assignment, area and
    contact form (from their latest entry, else their only assignment and working areas)."""
    defaults: dict[str, Any] = {"date": timezone.localdate()}
    loggable = assignment_scopes.assignments_for_logging(principal)
    latest = (Activity.objects.filter(worker_id=principal.user_id, assignment__in=loggable)
              .order_by("-created_at", "-pk").first())
    if latest is not None:
        defaults.update(assignment=latest.assignment_id, area=latest.area_id,
                        contact_form=latest.contact_form)
        return defaults
    from opbouw.organisations.models import WorkerProfile

    # user_id None (anonymous) matches no profile; the stubs want an int.
    own_paths = list(WorkerProfile.objects.filter(
        user_id=principal.user_id).values_list("areas__path", flat=True))  # type: ignore[misc]
    own_paths = [p for p in own_paths if p]
    candidates = list(loggable.prefetch_related("areas").order_by("title"))
    if len(candidates) != 1 and own_paths:
        candidates = [a for a in candidates if any(
            overlaps(p, _paths(a)) for p in own_paths)]
    if len(candidates) != 1:
        return defaults
    assignment = candidates[0]
    defaults["assignment"] = assignment.pk
    areas = assignment_areas(assignment)
    mine = areas.filter(path__in=own_paths).first() if own_paths else None
    if mine is not None:
        defaults["area"] = mine.pk
    elif len(_paths(assignment)) == 1:
        defaults["area"] = assignment.areas.get().pk
    return defaults


def activity_initial_from(activity: Activity) -> dict[str, Any]:
    """The values of an entry for a new one (copy): everything but the date."""
    return {
        "date": timezone.localdate(), "assignment": activity.assignment_id,
        "area": activity.area_id, "intervention": activity.intervention_id,
        "contact_form": activity.contact_form, "participants": activity.participants,
        "new_participants": activity.new_participants, "volunteers": activity.volunteers,
        "hours": activity.hours, "description": activity.description,
        "follow_up": activity.follow_up, "target_group": activity.target_group_id,
        "supports_initiative": activity.supports_initiative,
    }


def export_rows(qs: QuerySet) -> QuerySet:
    """The rows of a CSV/XLSX export, in the order of ``EXPORT_HEADER``, as tuples straight
    from the database: the worker's name and the contact form's label (translated once) are
    made there, not per row in Python, as a manager's export holds tens of thousands."""
    form_label = Case(*[When(contact_form=value, then=Value(str(label)))
                        for value, label in ContactForm.choices], default=F("contact_form"),
                      output_field=CharField())
    worker_name = Trim(Concat("worker__first_name", Value(" "), "worker__last_name",
                              output_field=CharField()))
    return qs.order_by("date", "pk").annotate(
        export_worker=worker_name, export_form=form_label).values_list(
        "date", "export_worker", "organisation__short_name", "assignment__title", "area__code",
        "area__name", "intervention__name", "export_form", "participants", "new_participants",
        "volunteers", "hours", "supports_initiative", "target_group__name", "description",
        "follow_up")[:EXPORT_LIMIT]

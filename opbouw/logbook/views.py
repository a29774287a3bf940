"""Pages of the logbook at /logboek/: the list, the quick-entry form, edit, copy, delete."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.assignments import scopes as assignment_scopes
from opbouw.core.exports import Table, table_response
from opbouw.core.formats import number_text
from opbouw.core.forms import add_service_errors
from opbouw.core.text import parse_int, query_text
from opbouw.logbook import scopes, selectors, services
from opbouw.logbook.forms import ActivityFilterForm, ActivityForm
from opbouw.logbook.models import Activity

LOGGING_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER)
PAGE_SIZE = 50
EXPORT_HEADER = (
    gettext_lazy("datum"), gettext_lazy("medewerker"), gettext_lazy("organisatie"),
    gettext_lazy("opdracht"), gettext_lazy("gebiedscode"), gettext_lazy("gebied"),
    gettext_lazy("interventie"), gettext_lazy("contactvorm"), gettext_lazy("deelnemers"),
    gettext_lazy("waarvan nieuw"), gettext_lazy("vrijwilligers"), gettext_lazy("uren"),
    gettext_lazy("ondersteuning bewonersinitiatief"), gettext_lazy("doelgroep"),
    gettext_lazy("omschrijving"), gettext_lazy("vervolg"),
)


def _filters(request: AuthedHttpRequest, choices: dict) -> selectors.Filters:
    """The list's filters from the query string; anything not on offer is ignored."""
    return ActivityFilterForm(request.GET, choices=choices).filters()


def _with_rights(principal, activities) -> list[Activity]:
    """Mark each entry with whether the principal may change it, and until when."""
    rows = list(activities)
    for activity in rows:
        activity.can_edit = scopes.can_edit_activity(principal, activity)
        activity.edit_until = (scopes.activity_edit_deadline(activity)
                               if activity.worker_id == principal.user_id else None)
    return rows


@role_required(*LOGGING_ROLES)
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    choices = selectors.filter_choices(principal)
    filters = _filters(request, choices)
    qs = selectors.activity_list(principal, filters)
    totals = selectors.activity_totals(qs)
    page = Paginator(selectors.activity_rows(qs), PAGE_SIZE).get_page(
        parse_int(query_text(request.GET, "pagina", 6)) or 1)
    page.object_list = _with_rights(principal, page.object_list)
    return render(request, "logbook/index.html", {
        "page": page, "totals": totals, "filters": filters, **choices,
        "sees_others": selectors.sees_others(principal),
        "export_query": urlencode(filters.query),
        "list_query": urlencode({**filters.query, **({"pagina": page.number}
                                                       if page.number > 1 else {})}),
        "too_many": totals["entries"] > selectors.EXPORT_LIMIT,
        "export_limit": selectors.EXPORT_LIMIT,
        "can_log": assignment_scopes.assignments_for_logging(principal).exists(),
    })


@role_required(*LOGGING_ROLES)
def export(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    filters = _filters(request, selectors.filter_choices(principal))
    qs = selectors.activity_list(principal, filters)
    if qs.count() > selectors.EXPORT_LIMIT:
        messages.error(request, _("Dat zijn meer dan %(n)s regels: kies een kortere periode of "
                                  "een filter.")
                       % {"n": number_text(selectors.EXPORT_LIMIT)})
        return redirect(reverse("logbook:index") + "?" + urlencode(filters.query))
    fmt = "xlsx" if query_text(request.GET, "formaat", 4) == "xlsx" else "csv"
    described = ", ".join(f"{k}={v}" for k, v in filters.query.items()) or _("alles")
    return table_response(request=request, fmt=fmt, table=Table.of(
        "logboek", EXPORT_HEADER, selectors.export_rows(qs), selection=described))


def _last_saved(request: AuthedHttpRequest) -> Activity | None:
    pk = parse_int(query_text(request.GET, "vastgelegd", 18))
    if pk is None:
        return None
    activity = selectors.activity_list(request.principal).filter(pk=pk).select_related(
        "area").first()
    if activity is not None:
        activity.can_edit = scopes.can_edit_activity(request.principal, activity)
    return activity



def _all_problems_at_once(request: AuthedHttpRequest, form: ActivityForm, activity=None) -> None:
    """Add the service's messages for the fields the form found nothing wrong with.

    A worker in the street should fix every problem in one go, not learn of them one
    submit at a time.
    """
    values = {name: form.cleaned_data.get(name) for name in form.fields
              if name not in form.errors}
    try:
        services.activity_check(actor=actor_from(request), activity=activity, **values)
    except ValidationError as exc:
        for field, problems in exc.message_dict.items():
            if field in form.fields and field not in form.errors and field in values:
                form.add_error(field, problems[0])

@role_required(*LOGGING_ROLES)
def create(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    """The quick-entry form; with ``pk``, prefilled from that entry (copy)."""
    principal = request.principal
    source = selectors.activity_get(principal, pk) if pk is not None else None
    choices = selectors.logging_choices(principal)
    if source is not None:
        initial = selectors.activity_initial_from(source)
    else:
        initial = selectors.activity_defaults(principal)
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial,
                        choices=choices)
    if request.method == "POST" and not form.is_valid():
        _all_problems_at_once(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(actor=actor_from(request),
                                           **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if query_text(request.POST, "daarna", 10) == "lijst":
                messages.success(request, _("Vastgelegd."))
                return redirect("logbook:index")
            # Back to the form, which says "Vastgelegd" with links to change or undo.
            return redirect(reverse("logbook:create") + f"?vastgelegd={saved.pk}")
    return render(request, "logbook/activity_form.html", {
        "form": form, "source": source, "last_saved": _last_saved(request),
        "can_log": choices["assignments"].exists(),
    })


LIST_PARAMS = ("van", "tot", "gebied", "medewerker", "opdracht", "interventie", "pagina")


def _back_to_list(request: AuthedHttpRequest) -> str:
    """The list as it was left: its filters and page ride along on the edit link."""
    query = {name: query_text(request.GET, name, 18) for name in LIST_PARAMS}
    query = {name: value for name, value in query.items() if value}
    return reverse("logbook:index") + ("?" + urlencode(query) if query else "")


@role_required(*LOGGING_ROLES)
def edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    activity = selectors.activity_get(principal, pk)
    if not scopes.can_edit_activity(principal, activity):
        raise PermissionDenied
    deadline = scopes.activity_edit_deadline(activity)
    choices = selectors.logging_choices(principal, on=activity.date, include=activity)
    initial = {**selectors.activity_initial_from(activity), "date": activity.date}
    form = ActivityForm(request.POST if request.method == "POST" else None, initial=initial,
                        choices=choices)
    if request.method == "POST" and not form.is_valid():
        _all_problems_at_once(request, form, activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(actor=actor_from(request), activity=activity,
                                   **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(_back_to_list(request))
    return render(request, "logbook/activity_form.html", {
        "form": form, "activity": activity, "deadline": deadline, "can_log": True,
        "back_url": _back_to_list(request),
        "past_deadline": timezone.now() > deadline,
        "by_other": activity.worker_id != principal.user_id,
    })


@require_POST
@role_required(*LOGGING_ROLES)
def delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    activity = selectors.activity_get(principal, pk)
    if not scopes.can_edit_activity(principal, activity):
        raise PermissionDenied
    services.activity_delete(actor=actor_from(request), activity=activity)
    messages.success(request, _("Verwijderd."))
    if query_text(request.POST, "terug", 10) == "nieuw":
        return redirect("logbook:create")
    return redirect("logbook:index")


"""Pages for organisations and the people who work there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role
from opbouw.areas import selectors as area_selectors
from opbouw.core.forms import add_service_errors
from opbouw.core.text import query_text
from opbouw.organisations import scopes, selectors, services
from opbouw.organisations.forms import WorkerProfileForm
from opbouw.organisations.models import Organisation


@login_required
def organisation_list(request: AuthedHttpRequest) -> HttpResponse:
    kind = query_text(request.GET, "soort", 20)
    if kind not in Organisation.Kind.values:
        kind = ""
    return render(request, "organisations/organisation_list.html", {
        "organisations": selectors.organisation_list(request.principal, kind=kind),
        "kinds": Organisation.Kind.choices,
        "kind": kind,
    })


@login_required
def organisation_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    organisation = selectors.organisation_get(principal, pk)
    show_people = scopes.can_see_people_of(principal, organisation.pk)
    return render(request, "organisations/organisation_detail.html", {
        "organisation": organisation,
        "functions": selectors.function_counts(principal, organisation),
        "levels": selectors.worker_level_counts(principal, [organisation])[organisation.pk],
        "people": selectors.worker_profile_list(principal, organisation=organisation)
        if show_people else None,
    })


@role_required(*PEOPLE_VIEW_ROLES, Role.ADMIN)
def people(request: AuthedHttpRequest) -> HttpResponse:
    query = query_text(request.GET, "zoek", 100)
    area = query_text(request.GET, "wijk", 60)
    without_coach = request.GET.get("coach") == "geen"
    profiles = selectors.worker_profile_list(request.principal, query=query, area=area,
                                             without_coach=without_coach)
    page = Paginator(profiles, 50).get_page(request.GET.get("pagina"))
    return render(request, "organisations/people.html", {
        "page": page, "query": query, "area": area, "without_coach": without_coach,
        "sees_everyone": request.principal.has_role(Role.ADMIN),
    })


@login_required
def person_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    profile = selectors.worker_profile_get(request.principal, pk)
    return render(request, "organisations/person_detail.html", {
        "profile": profile,
        "can_edit": scopes.can_edit_worker_profile(request.principal, profile),
        "show_details": scopes.can_see_work_details(request.principal, profile),
    })


@login_required
def person_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    profile = selectors.worker_profile_get(principal, pk)
    if not scopes.can_edit_worker_profile(principal, profile):
        raise PermissionDenied
    form_kwargs = {
        "coach_queryset": scopes.coach_candidates(principal, profile.organisation_id)
        .exclude(pk=profile.user_id),
        "area_queryset": area_selectors.working_area_choices(
            principal, profile.organisation, current=profile.areas.all()),
    }
    if request.method == "POST":
        form = WorkerProfileForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.worker_profile_update(
                    actor=actor_from(request), profile=profile, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het profiel van %(name)s is opgeslagen.")
                                 % {"name": profile.user})
                return redirect("organisations:person", pk=profile.pk)
    else:
        form = WorkerProfileForm(initial={
            "function": profile.function, "coach": profile.coach_id,
            "areas": list(profile.areas.all()), "hours_per_week": profile.hours_per_week,
        }, **form_kwargs)
    return render(request, "organisations/person_edit.html", {"profile": profile, "form": form})

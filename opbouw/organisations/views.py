"""Pages for organisations and the people who work there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access import scopes
from opbouw.access.decorators import login_required, role_required
from opbouw.access.roles import Role
from opbouw.areas import selectors as area_selectors
from opbouw.organisations import selectors, services
from opbouw.organisations.forms import WorkerProfileForm
from opbouw.organisations.models import Organisation


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("soort", "")
    if kind not in Organisation.Kind.values:
        kind = ""
    return render(request, "organisations/organisation_list.html", {
        "organisations": selectors.organisation_list(request.principal, kind=kind),
        "kinds": Organisation.Kind.choices,
        "kind": kind,
    })


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    organisation = selectors.organisation_get(principal, pk)
    show_people = scopes.can_see_people_of(principal, organisation.pk)
    return render(request, "organisations/organisation_detail.html", {
        "organisation": organisation,
        "functions": selectors.function_counts(principal, organisation),
        "people": selectors.worker_profile_list(principal, organisation=organisation)
        if show_people else None,
    })


@role_required(Role.WORKER, Role.COACH, Role.MANAGER, Role.ADMIN)
def people(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("zoek", "").strip()[:100]
    area = request.GET.get("wijk", "").strip()[:60]
    without_coach = request.GET.get("coach") == "geen"
    profiles = selectors.worker_profile_list(request.principal, query=query, area=area,
                                             without_coach=without_coach)
    page = Paginator(profiles, 50).get_page(request.GET.get("pagina"))
    return render(request, "organisations/people.html", {
        "page": page, "query": query, "area": area, "without_coach": without_coach,
    })


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.worker_profile_get(request.principal, pk)
    return render(request, "organisations/person_detail.html", {
        "profile": profile,
        "can_edit": scopes.can_edit_worker_profile(request.principal, profile),
    })


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
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
                    actor=request.user, profile=profile, request=request, **form.cleaned_data
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
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

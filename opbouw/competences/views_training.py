"""Pages of the competences module: development plans, courses, PE points and coaching."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.access.shortcuts import get_visible_or_404
from opbouw.competences import scopes, selectors, services
from opbouw.competences.forms import (
    ActionForm,
    CompleteForm,
    CourseFilterForm,
    CourseForm,
    GoalForm,
    PeFilterForm,
    PeRequirementForm,
    SessionForm,
)
from opbouw.competences.models import Action
from opbouw.competences.views import MODULE_ROLES
from opbouw.core.forms import add_service_errors, error_text
from opbouw.core.text import parse_int, query_text
from opbouw.organisations import scopes as org_scopes


def _year_given(request: AuthedHttpRequest) -> int | None:
    """The year asked for with ?jaar=, the current year without it, None if it is nonsense."""
    raw = query_text(request.GET, "jaar", 10)
    if not raw:
        return selectors.this_year()
    year = parse_int(raw, max_digits=4)
    return year if year is not None and 2000 <= year <= 2100 else None


def _year(request: AuthedHttpRequest) -> int:
    return _year_given(request) or selectors.this_year()


def _plan_redirect(worker_id: int, year: int) -> HttpResponse:
    return redirect(f"{reverse('competences:plan', kwargs={'worker_id': worker_id})}?jaar={year}")


# Development plans ------------------------------------------------------------------------------

@role_required(Role.WORKER)
def my_plan(request: AuthedHttpRequest) -> HttpResponse:
    return redirect("competences:plan", worker_id=request.user.pk)


def _developing(request: AuthedHttpRequest, worker_id: int):
    """The worker profile whose plan the principal may see and work on, or 404/403."""
    principal = request.principal
    profile = get_visible_or_404(org_scopes.worker_profiles(principal).select_related("user"),
                                 user_id=worker_id)
    if not scopes.can_see_development_of(principal, profile):
        raise PermissionDenied  # a colleague may see the profile, not the plan
    return profile


@role_required(*MODULE_ROLES)
def plan_detail(request: AuthedHttpRequest, worker_id: int) -> HttpResponse:
    principal = request.principal
    profile = _developing(request, worker_id)
    year = _year(request)
    plan = selectors.plan_get(principal, worker_id, year)
    framework = selectors.plan_framework(principal, worker_id)
    return render(request, "competences/plan.html", {
        "profile": profile, "plan": plan, "year": year,
        "proposals": selectors.proposed_goals(principal, worker_id, plan),
        "result_round": selectors.latest_result_round(principal, worker_id),
        "can_edit": True,  # whoever may see a plan works on it: worker, coach, manager
        "can_sign_off": plan is not None and worker_id != principal.user_id
        and scopes.can_sign_off_plan(principal, plan),
        "goal_form": GoalForm(competencies=framework.competencies.order_by("order"),
                              scale=framework.scale.all()) if framework else None,
        "action_form": ActionForm(courses=selectors.course_list(principal)),
        "statuses": Action.Status.choices,
    })


@require_POST
@role_required(*MODULE_ROLES)
def goal_add(request: AuthedHttpRequest, worker_id: int) -> HttpResponse:
    profile = _developing(request, worker_id)
    year = _year_given(request)
    framework = selectors.plan_framework(request.principal, worker_id)
    if year is None or framework is None:
        messages.error(request, _("Doel niet toegevoegd: onbekend jaar of geen kader."))
        return _plan_redirect(worker_id, _year(request))
    form = GoalForm(request.POST, competencies=framework.competencies.all(),
                    scale=framework.scale.all())
    if form.is_valid():
        try:
            services.goal_add(actor=actor_from(request), worker=profile.user, year=year,
                              **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Doel toegevoegd."))
    else:
        messages.error(request, _("Doel niet toegevoegd: ") + error_text(form))
    return _plan_redirect(worker_id, year)


def _existing_plan(request: AuthedHttpRequest, worker_id: int):
    _developing(request, worker_id)
    plan = selectors.plan_get(request.principal, worker_id, _year(request))
    if plan is None:
        raise Http404
    return plan


@require_POST
@role_required(*MODULE_ROLES)
def action_add(request: AuthedHttpRequest, worker_id: int, goal_id: int) -> HttpResponse:
    plan = _existing_plan(request, worker_id)
    goal = get_visible_or_404(plan.goals.all(), pk=goal_id)
    form = ActionForm(request.POST, courses=selectors.course_list(request.principal))
    if form.is_valid():
        try:
            services.action_add(actor=actor_from(request), goal=goal,
                                **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Actie toegevoegd."))
    else:
        messages.error(request, _("Actie niet toegevoegd: ") + error_text(form))
    return _plan_redirect(worker_id, plan.year)


@require_POST
@role_required(*MODULE_ROLES)
def action_status(request: AuthedHttpRequest, worker_id: int, action_id: int) -> HttpResponse:
    plan = _existing_plan(request, worker_id)
    action = get_visible_or_404(Action.objects.filter(goal__plan=plan), pk=action_id)
    try:
        services.action_set_status(actor=actor_from(request), action=action,
                                   status=query_text(request.POST, "status", 20))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return _plan_redirect(worker_id, plan.year)


@require_POST
@role_required(*MODULE_ROLES)
def plan_sign_off(request: AuthedHttpRequest, worker_id: int) -> HttpResponse:
    plan = _existing_plan(request, worker_id)
    if worker_id == request.user.pk or not scopes.can_sign_off_plan(request.principal, plan):
        raise PermissionDenied
    try:
        services.plan_sign_off(actor=actor_from(request), plan=plan)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Het plan is afgetekend."))
    return _plan_redirect(worker_id, plan.year)


# Courses and PE points ------------------------------------------------------------------------

@login_required
def course_list(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    competency_id = CourseFilterForm(request.GET).value("competentie") or 0
    return render(request, "competences/course_list.html", {
        "courses": selectors.course_list(principal, competency_id=competency_id),
        "competencies": selectors.catalogue_competencies(principal),
        "competency_id": competency_id,
        "can_manage": scopes.can_manage_catalogue(principal),
    })


@login_required
def course_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    course = selectors.course_get(principal, pk)
    enrolment = scopes.enrolments(principal).filter(course=course,
                                                    worker_id=principal.user_id).first()
    return render(request, "competences/course_detail.html", {
        "course": course, "enrolment": enrolment,
        "can_enrol": principal.has_role(Role.WORKER) and course.is_active,
        "can_manage": scopes.can_manage_catalogue(principal),
        "complete_form": CompleteForm(),
    })


@login_required
def course_edit(request: AuthedHttpRequest, pk: int | None = None) -> HttpResponse:
    principal = request.principal
    if not scopes.can_manage_catalogue(principal):
        raise PermissionDenied
    course = selectors.course_get(principal, pk) if pk else None
    initial = None
    if course is not None:
        initial = {f: getattr(course, f) for f in ("title", "provider", "description", "hours",
                                                   "pe_points", "min_scw_level", "is_active")}
        initial["competencies"] = list(course.competencies.all())
    form = CourseForm(request.POST or None, initial=initial,
                      competencies=selectors.catalogue_competencies(principal))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.course_save(actor=actor_from(request), course=course,
                                         competencies=data.pop("competencies"), **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cursus opgeslagen."))
            return redirect("competences:course", pk=saved.pk)
    return render(request, "competences/course_form.html", {"form": form, "course": course})


@require_POST
@role_required(Role.WORKER)
def enrol(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(request.principal, pk)
    try:
        services.enrolment_create(actor=actor_from(request), course=course, worker=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("U bent ingeschreven."))
    return redirect("competences:course", pk=pk)


@require_POST
@login_required
def enrolment_complete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    principal = request.principal
    enrolment = get_visible_or_404(scopes.enrolments(principal).select_related("course"), pk=pk)
    if not (enrolment.worker_id == principal.user_id
            or principal.has_role_in(enrolment.organisation_id, Role.MANAGER)):
        raise PermissionDenied
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.enrolment_complete(actor=actor_from(request), enrolment=enrolment,
                                        **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Afgerond; de PE-punten tellen mee."))
    else:
        messages.error(request, error_text(form))
    return redirect("competences:pe")


@role_required(*MODULE_ROLES)
def pe_points(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    year = _year(request)
    managed = list(org_scopes.organisations(principal).filter(
        pk__in=principal.org_ids(Role.MANAGER)))
    filters = PeFilterForm(request.GET, teams=selectors.pe_teams(principal, managed)
                           if managed else [])
    team, behind_only = filters.value("team") or "", bool(filters.value("achter"))
    overviews = []
    for org in managed:
        overview = selectors.pe_overview(principal, org, year, team=team,
                                         behind_only=behind_only)
        overview["organisation"] = org
        overview["form"] = PeRequirementForm(initial={"points": overview["required"]})
        overviews.append(overview)
    return render(request, "competences/pe.html", {
        "mine": selectors.my_pe(principal, year) if principal.has_role(Role.WORKER) else None,
        "overviews": overviews, "year": year, "filters": filters, "team": team,
        "behind_only": behind_only,
        "complete_form": CompleteForm(),
    })


@require_POST
@role_required(Role.MANAGER)
def pe_requirement(request: AuthedHttpRequest, organisation_id: int) -> HttpResponse:
    principal = request.principal
    organisation = get_visible_or_404(org_scopes.organisations(principal), pk=organisation_id)
    if not principal.has_role_in(organisation.pk, Role.MANAGER):
        raise PermissionDenied
    form = PeRequirementForm(request.POST)
    if _year_given(request) is None:
        messages.error(request, _("Onbekend jaar; er is niets opgeslagen."))
    elif form.is_valid():
        try:
            services.pe_requirement_set(actor=actor_from(request), organisation=organisation,
                                        year=_year(request),
                                        **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("PE-norm opgeslagen."))
    else:
        messages.error(request, error_text(form))
    return redirect(f"{reverse('competences:pe')}?jaar={_year(request)}")


# Coaching and intervision -------------------------------------------------------------------------

@role_required(Role.WORKER, Role.COACH, Role.MANAGER)
def sessions(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    organisation_ids = sorted(principal.org_ids(Role.COACH, Role.MANAGER))
    form = None
    if organisation_ids:
        organisation_id = organisation_ids[0]
        profiles = org_scopes.worker_profiles(principal).filter(organisation_id=organisation_id)
        if not principal.has_role_in(organisation_id, Role.MANAGER):
            profiles = profiles.filter(coach_id=principal.user_id)  # a coach: their coachees
        participants = get_user_model().objects.filter(
            pk__in=profiles.values("user_id")).order_by("last_name")
        form = SessionForm(request.POST or None, participants=participants,
                           competencies=selectors.catalogue_competencies(principal))
        if request.method == "POST" and form.is_valid():
            if not scopes.can_log_session(principal, organisation_id):
                raise PermissionDenied
            try:
                services.session_log(actor=actor_from(request),
                                     organisation=org_scopes.organisations(principal).get(
                                         pk=organisation_id), **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Bijeenkomst vastgelegd."))
                return redirect("competences:sessions")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "competences/sessions.html", {
        "sessions": selectors.session_list(principal)[:100], "form": form})

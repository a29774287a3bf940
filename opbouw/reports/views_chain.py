"""Pages of the chain from results to training (``chain.py``), and its two proposals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.assignments.selectors import agreement_get
from opbouw.competences import scopes as competence_scopes
from opbouw.competences import services as competence_services
from opbouw.core.forms import error_text
from opbouw.core.text import parse_int
from opbouw.reports import chain


@login_required
def chain_agreement(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/chain_agreement.html",
                  {"chain": chain.agreement_chain(request.principal, pk)})


@login_required
def chain_competency(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/chain_competency.html",
                  chain.competency_chain(request.principal, pk))


@login_required
def chain_course(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/chain_course.html", chain.course_chain(request.principal, pk))


def _posted_id(request: AuthedHttpRequest, name: str) -> int:
    value = parse_int(request.POST.get(name))
    if value is None:
        raise Http404
    return value


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("reports:chain_agreement", kwargs={"pk": pk}) + anchor)


@require_POST
@login_required
def chain_propose_goal(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Propose a needed competency as a goal in the development plan of a worker short in it;
    only who may add goals for that worker may (as on the plan page)."""
    principal = request.principal
    agreement_get(principal, pk)  # 404 for an agreement of an assignment one cannot see
    profile = chain.worker_profile(principal, _posted_id(request, "medewerker"))
    if not competence_scopes.can_see_development_of(principal, profile):
        raise PermissionDenied
    the_chain = chain.agreement_chain(principal, pk)
    found = the_chain.named_gap(_posted_id(request, "competentie"), profile.user_id)
    if found is None:
        raise Http404  # not a proposal of this chain
    link, gap = found
    try:
        goal = competence_services.goal_propose(
            actor=actor_from(request), worker=profile.user, year=timezone.localdate().year,
            competency=link.competency, description=chain.goal_text(link, gap, the_chain),
            target_level=gap.norm)
    except ValidationError as exc:
        messages.error(request, _("Doel niet voorgesteld: ") + error_text(exc))
    else:
        name = profile.user.get_full_name() or profile.user.get_username()
        if goal is None:
            messages.info(request, _("Dit doel staat al in het ontwikkelplan van %(name)s.")
                          % {"name": name})
        else:
            messages.success(request, _("Doel toegevoegd aan het ontwikkelplan van %(name)s.")
                             % {"name": name})
    return _back(pk, f"#competentie-{link.competency.pk}")


@require_POST
@login_required
def chain_propose_course(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Propose a course that addresses a needed competency for the joint training plan of the
    assignment's provider; its managers may."""
    principal = request.principal
    agreement = agreement_get(principal, pk)
    if not competence_scopes.can_propose_training(principal, agreement.assignment.provider_id):
        raise PermissionDenied
    the_chain = chain.agreement_chain(principal, pk)
    found = the_chain.course_option(_posted_id(request, "competentie"),
                                    _posted_id(request, "cursus"))
    if found is None:
        raise Http404  # not a proposal of this chain
    link, course = found
    try:
        _proposal, created = competence_services.training_proposal_add(
            actor=actor_from(request), organisation=the_chain.assignment.provider,
            course=course, competency=link.competency, reason=chain.proposal_reason(the_chain))
    except ValidationError as exc:
        messages.error(request, _("Cursus niet voorgesteld: ") + error_text(exc))
    else:
        if created:
            messages.success(request, _("'%(course)s' is voorgesteld voor het gezamenlijk "
                                        "opleidingsplan.") % {"course": course.title})
        else:
            messages.info(request, _("'%(course)s' was al voorgesteld voor het gezamenlijk "
                                     "opleidingsplan.") % {"course": course.title})
    return _back(pk, f"#competentie-{link.competency.pk}")

"""Help: the guide for one's own role(s) at /hulp/, every role's guide at /hulp/<rol>/."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.web import help as guides


@login_required
def help_index(request: AuthedHttpRequest) -> HttpResponse:
    own = guides.own_guides(request.principal)
    others = [g for g in guides.all_guides() if g not in own]
    return render(request, "web/help/index.html", {"own": own, "others": others})


@login_required
def help_guide(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    guide = guides.guide_by_slug(slug)
    if guide is None:
        raise Http404
    others = [g for g in guides.all_guides() if g != guide]
    return render(request, "web/help/guide.html", {"guide": guide, "others": others})

"""Browse the area tree; admins import areas from CSV."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.areas import selectors, services
from opbouw.areas.forms import AreaImportForm
from opbouw.core.text import query_text


@login_required
def index(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    query = query_text(request.GET, "zoek", 60)
    return render(request, "areas/index.html", {
        "roots": selectors.area_roots(principal),
        "query": query,
        "results": selectors.area_search(principal, query) if query else None,
    })


@login_required
def detail(request: AuthedHttpRequest, code: str) -> HttpResponse:
    principal = request.principal
    area = selectors.area_get(principal, code)
    return render(request, "areas/detail.html", {
        "area": area,
        "ancestors": selectors.area_ancestors(principal, area),
        "children": selectors.area_children(principal, area),
        "organisations": selectors.organisations_in_area(principal, area),
    })


@role_required(Role.ADMIN)
def import_csv(request: AuthedHttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = AreaImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.areas_import_csv(
                text=form.cleaned_data["file"], actor=actor_from(request)
            )
            if result.ok:
                messages.success(request, _(
                    "Import gelukt: %(created)s gebieden toegevoegd, %(updated)s bijgewerkt."
                ) % {"created": result.created, "updated": result.updated})
                return redirect("areas:index")
    else:
        form = AreaImportForm()
    return render(request, "areas/import.html", {"form": form, "result": result})

"""Which instrument dimension each measurement indicator of the catalogue reads.

Every signed-in user reads the links; analysts, who keep the catalogue, change them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.assignments import scopes as assignment_scopes
from opbouw.core.forms import error_text
from opbouw.core.text import parse_int, query_text
from opbouw.measurements import selectors, services


@login_required
def indicator_links(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    can_edit = assignment_scopes.can_edit_indicators(principal)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        indicator_id = parse_int(query_text(request.POST, "indicator", 18))
        indicator = selectors.measurement_indicators(principal).filter(pk=indicator_id).first()
        code, _sep, dimension = query_text(request.POST, "dimensie", 81).partition("/")
        try:
            if indicator is None:
                raise ValidationError({"indicator": [_("Kies een meetindicator.")]})
            services.indicator_measure_save(actor=actor_from(request),
                                            indicator=indicator, instrument_code=code,
                                            dimension_code=dimension)
        except ValidationError as exc:
            messages.error(request, _("Niet opgeslagen: ") + error_text(exc))
        else:
            messages.success(request, _("Opgeslagen."))
        return redirect("measurements:indicators")
    return render(request, "measurements/indicator_links.html", {
        "indicators": selectors.measurement_indicators(principal),
        "dimensions": selectors.dimension_choices(principal),
        "can_edit": can_edit,
    })

"""The signals' reference lists: categories per domain and partners (analysts keep them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opbouw.access.actor import actor_from
from opbouw.access.decorators import login_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.assignments.models import Domain
from opbouw.core.forms import error_text
from opbouw.core.text import parse_int, query_text
from opbouw.signals import scopes, selectors, services
from opbouw.signals.models import Category, Partner


@login_required
def reference(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    can_edit = scopes.can_edit_signal_reference(principal)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            done = _apply(request)
        except ValidationError as exc:
            messages.error(request, _("Niet opgeslagen: ") + error_text(exc))
        else:
            messages.success(request, done)
        return redirect("signals:reference")
    return render(request, "signals/reference.html", {
        **selectors.reference_lists(),
        "can_edit": can_edit,
        "domain_choices": Domain.choices,
        "kind_choices": Partner.Kind.choices,
    })


def _apply(request: AuthedHttpRequest) -> str:
    """Carry out the posted action; returns what to tell the analyst."""
    action = query_text(request.POST, "handeling", 20)
    actor: dict[str, Any] = {"actor": actor_from(request)}
    category: Category | None
    partner: Partner | None
    if action == "categorie":
        category = services.category_save(domain=query_text(request.POST, "domein", 20),
                                          name=query_text(request.POST, "naam", 200), **actor)
        return _("Categorie %(name)s toegevoegd.") % {"name": category.name}
    if action == "partner":
        partner = services.partner_save(name=query_text(request.POST, "naam", 200),
                                        kind=query_text(request.POST, "soort", 20), **actor)
        return _("Partner %(name)s toegevoegd.") % {"name": partner.name}
    pk = parse_int(query_text(request.POST, "id", 18))
    active = query_text(request.POST, "actief", 3) == "1"
    if action == "categorie-actief":
        category = Category.objects.filter(pk=pk).first() if pk is not None else None
        if category is None:
            raise ValidationError(_("Deze categorie bestaat niet (meer)."))
        services.category_save(category=category, is_active=active, **actor)
        return (_("Categorie %(name)s is weer in gebruik.") if active
                else _("Categorie %(name)s is niet meer in gebruik.")) % {"name": category.name}
    if action == "partner-actief":
        partner = Partner.objects.filter(pk=pk).first() if pk is not None else None
        if partner is None:
            raise ValidationError(_("Deze partner bestaat niet (meer)."))
        services.partner_save(partner=partner, is_active=active, **actor)
        return (_("Partner %(name)s is weer in gebruik.") if active
                else _("Partner %(name)s is niet meer in gebruik.")) % {"name": partner.name}
    raise ValidationError(_("Onbekende handeling; er is niets veranderd."))

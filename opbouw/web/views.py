"""Home pages per role, the audit log, health check and friendly error pages."""

from __future__ import annotations

from django.apps import apps
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from opbouw.access.decorators import login_required, public, role_required
from opbouw.access.request import AuthedHttpRequest
from opbouw.access.roles import Role
from opbouw.core.models import AuditEvent
from opbouw.core.text import query_text
from opbouw.signals import scopes as signal_scopes
from opbouw.web import selectors
from opbouw.web.navigation import modules_available, modules_to_come


@login_required
def home(request: AuthedHttpRequest) -> HttpResponse:
    principal = request.principal
    role, context = selectors.home_for(principal)
    installed = {config.label for config in apps.get_app_configs()}
    context.update({
        "role": role,
        "modules_to_come": modules_to_come(principal, installed),
        "modules_available": modules_available(principal, installed),
        # Providers' staff get the two things they do most, one tap from the start page.
        "can_log": "logbook" in installed and signal_scopes.can_report_signal(principal),
    })
    return render(request, "web/home.html", context)


@role_required(Role.ADMIN)
def audit_log(request: AuthedHttpRequest) -> HttpResponse:
    action = query_text(request.GET, "handeling", 32)
    who = query_text(request.GET, "wie", 150)
    events = selectors.audit_event_list(request.principal, action=action, who=who)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(request, "web/audit_log.html", {
        "page": page, "actions": AuditEvent.Action.choices, "action": action, "who": who,
    })


@public
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """Tell a load balancer whether the app and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001  (any database failure means "not healthy")
        return JsonResponse({"status": "database unavailable"}, status=503)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without request context: whatever broke may be in a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)

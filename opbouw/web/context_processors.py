"""Template context shared by every page: the navigation for the current user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from opbouw.access.roles import Role
from opbouw.web.navigation import navigation_for

# What workers use most, first in their menu and beside the closed menu on a phone.
WORKER_FIRST = ("logbook:index", "signals:index")


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu for the current user, with the item of the current section marked.

    Workers and coaches get their logbook and signals first (after Start), marked ``quick``:
    on a phone those stay in view beside the closed menu.
    """
    principal = getattr(request, "principal", None)
    if principal is None or not principal.is_authenticated:
        return {"nav_items": [], "nav_current": None}
    entries = navigation_for(principal)
    quick: tuple[str, ...] = ()
    if principal.has_role(Role.WORKER, Role.COACH):
        quick = tuple(name for name in WORKER_FIRST
                      if any(e.url_name == name for e in entries))
        first = [e for e in entries if e.url_name in quick]
        first.sort(key=lambda e: quick.index(e.url_name))
        rest = [e for e in entries if e.url_name not in quick]
        entries = rest[:1] + first + rest[1:] if rest and rest[0].url_name == "web:home" \
            else first + rest
    items = []
    for item in entries:
        url = reverse(item.url_name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current,
                      "quick": item.url_name in quick})
    current_item = next((i for i in items if i["current"]), None)
    return {"nav_items": items, "nav_current": current_item}

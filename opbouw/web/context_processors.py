"""Template context shared by every page: the navigation for the current user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from opbouw.web.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu for the current user, with the item of the current section marked."""
    principal = getattr(request, "principal", None)
    if principal is None or not principal.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in navigation_for(principal):
        url = reverse(item.url_name)
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return {"nav_items": items}

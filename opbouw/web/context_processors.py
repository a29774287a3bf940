"""Template context shared by every page: the navigation for the current user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import resolve
from django.urls.exceptions import Resolver404

from opbouw.web.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    principal = getattr(request, "principal", None)
    if principal is None or not principal.is_authenticated:
        return {"nav_items": []}
    try:
        match = resolve(request.path_info)
        current = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        current_ns = match.namespace
    except Resolver404:
        current, current_ns = "", ""
    items = [
        {
            "label": item.label,
            "url_name": item.url_name,
            "current": item.url_name == current
            or (current_ns and item.url_name.split(":")[0] == current_ns
                and item.url_name != "web:home"),
        }
        for item in navigation_for(principal)
    ]
    return {"nav_items": items}

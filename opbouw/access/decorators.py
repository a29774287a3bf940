"""View decorators: sign-in and role checks, answering 403 on too little role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from opbouw.access.request import AuthedHttpRequest

View = Callable[..., HttpResponse]


def login_required(view: View) -> View:
    """Send anonymous users to the login page."""

    @wraps(view)
    def wrapper(request: AuthedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.principal.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access_rule = "login"  # type: ignore[attr-defined]
    return wrapper


def role_required(*roles: str) -> Callable[[View], View]:
    """Allow users holding any of roles; others get 403, anonymous users the login page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: AuthedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            principal = request.principal
            if not principal.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not principal.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_rule = ("roles", frozenset(roles))  # type: ignore[attr-defined]
        return wrapper

    return decorate


def public(view: View) -> View:
    """Mark a view as open to everyone (login page, password reset, error pages)."""
    view.access_rule = "public"  # type: ignore[attr-defined]
    return view

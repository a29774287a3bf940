"""Attach the Principal (user plus memberships) to every request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from opbouw.access.principal import Principal


class PrincipalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.principal = SimpleLazyObject(lambda: Principal.for_user(request.user))
        return self.get_response(request)

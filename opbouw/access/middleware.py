"""Attach the Principal (user plus memberships) to every request."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from opbouw.access.principal import Principal
from opbouw.access.request import AuthedHttpRequest


class PrincipalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lazy = SimpleLazyObject(lambda: Principal.for_user(request.user))
        cast(AuthedHttpRequest, request).principal = cast(Principal, lazy)  # loads on first use
        return self.get_response(request)

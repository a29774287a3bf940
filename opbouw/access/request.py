"""The request type views see: Django's HttpRequest plus the principal of the middleware.

For type checking only: nothing creates an ``AuthedHttpRequest``. ``PrincipalMiddleware``
sets ``request.principal`` on every request (signed in or not), so a view annotates its
request with this class to read ``request.principal`` with its type.
"""

from __future__ import annotations

from django.http import HttpRequest

from opbouw.access.principal import Principal


class AuthedHttpRequest(HttpRequest):
    """An HttpRequest that has passed PrincipalMiddleware."""

    principal: Principal

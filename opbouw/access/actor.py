"""Who does something, as the services see it: a principal and the address they came from.

Services take an ``Actor``, never the HttpRequest: the principal for their checks (loaded once
per request by the middleware, never again), the user for "created by" and the audit log, the
client address for the audit log. Views pass ``actor_from(request)``; commands, data
migrations and tests ``actor_for(user)`` or ``NOBODY``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opbouw.access.principal import Principal
from opbouw.access.request import AuthedHttpRequest
from opbouw.core.audit import client_ip


@dataclass(frozen=True)
class Actor:
    """The principal acting and their client address (None outside a request)."""

    principal: Principal
    ip: str | None = None

    @property
    def user(self) -> Any:
        """The signed-in user, or None (a command, the demo data, an anonymous visitor)."""
        return self.principal.user if self.principal.is_authenticated else None

    @property
    def user_id(self) -> int | None:
        return self.principal.user_id


# No one in particular: imports from the command line, data migrations and the demo data.
NOBODY = Actor(principal=Principal(None, ()))


def actor_from(request: AuthedHttpRequest) -> Actor:
    """The actor of a request: the principal PrincipalMiddleware loaded, and the address."""
    return Actor(principal=request.principal, ip=client_ip(request))


def actor_for(user: Any, *, ip: str | None = None) -> Actor:
    """An actor outside a request (commands, tests): the user's principal, loaded now."""
    return Actor(principal=Principal.for_user(user), ip=ip)

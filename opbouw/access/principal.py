"""Who is asking: a user with their memberships, loaded once per request.

The access layer imports no app above it, so it does not read memberships itself: the app
that owns them registers a grant loader (``register_grant_loader``) when it is ready.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from opbouw.access.roles import Role


@dataclass(frozen=True)
class Grant:
    """One membership: a role in an organisation."""

    organisation_id: int
    organisation_kind: str
    role: str


GrantLoader = Callable[[Any], Iterable[Grant]]
_grant_loader: GrantLoader | None = None


def register_grant_loader(loader: GrantLoader) -> None:
    """Set the function that reads the grants of an active, signed-in user (one query)."""
    global _grant_loader
    _grant_loader = loader


class Principal:
    """The user behind a request and the roles they hold, per organisation."""

    def __init__(self, user: Any, grants: Iterable[Grant]) -> None:
        self.user = user
        self.grants = tuple(grants)

    @classmethod
    def for_user(cls, user: Any) -> Principal:
        """Load the memberships of user (anonymous and inactive users have none)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user, ())
        if _grant_loader is None:
            raise ImproperlyConfigured("No grant loader registered (register_grant_loader).")
        return cls(user, _grant_loader(user))

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.is_authenticated else None

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.grants)

    def has_role(self, *roles: str) -> bool:
        """Return whether the user holds any of roles in any organisation."""
        return bool(self.roles.intersection(roles))

    def org_ids(self, *roles: str) -> frozenset[int]:
        """Return the organisations where the user holds any of roles (all roles if none given)."""
        return frozenset(
            g.organisation_id for g in self.grants if not roles or g.role in roles
        )

    def has_role_in(self, organisation_id: int, *roles: str) -> bool:
        """Return whether the user holds any of roles in that organisation."""
        return any(g.organisation_id == organisation_id and g.role in roles for g in self.grants)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @cached_property
    def primary_role(self) -> str | None:
        """Return the role that decides the home page: the broadest one the user holds."""
        for role in (Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.COMMISSIONER, Role.COACH,
                     Role.WORKER):
            if role in self.roles:
                return role
        return None

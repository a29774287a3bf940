"""What a principal may see of user accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from opbouw.access.principal import Principal
from opbouw.accounts.models import User


def users(principal: Principal) -> QuerySet:
    """User accounts the principal may see: admins all, others themselves."""
    qs = User.objects.all()
    if principal.is_admin:
        return qs
    # user_id is None exactly when the principal is not signed in.
    return qs.filter(pk=principal.user_id) if principal.user_id is not None else qs.none()

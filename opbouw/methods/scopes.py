"""What a principal may see and do in the methods toolbox.

Published interventions and offers are for everyone signed in; drafts for their owner
organisation's managers, the proposer and analysts, who publish.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.methods.models import Intervention, Offer
from opbouw.organisations import scopes as org_scopes


def interventions(principal: Principal) -> QuerySet:
    if not principal.is_authenticated:
        return Intervention.objects.none()
    if principal.has_role(Role.ANALYST):
        return Intervention.objects.all()
    return Intervention.objects.filter(
        Q(status=Intervention.Status.PUBLISHED)
        | Q(owner__in=principal.org_ids(Role.MANAGER))
        | Q(proposed_by_id=principal.user_id)
    )


def can_propose_intervention(principal: Principal, organisation_id: int | None = None) -> bool:
    """Managers propose for their organisation; analysts for any."""
    if principal.has_role(Role.ANALYST):
        return True
    if organisation_id is None:
        return bool(principal.org_ids(Role.MANAGER))
    return principal.has_role_in(organisation_id, Role.MANAGER)


def can_edit_intervention(principal: Principal, intervention) -> bool:
    """Analysts edit everything; managers of the owner organisation edit its drafts."""
    if principal.has_role(Role.ANALYST):
        return True
    return intervention.status == "draft" and principal.has_role_in(
        intervention.owner_id, Role.MANAGER)


def can_publish_intervention(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST)


def offers(principal: Principal) -> QuerySet:
    """Offers of visible interventions."""
    return Offer.objects.filter(intervention__in=interventions(principal))


def can_manage_offers_of(principal: Principal, organisation_id: int) -> bool:
    """An organisation's managers say what it offers where; analysts may correct it."""
    return principal.has_role(Role.ANALYST) or principal.has_role_in(organisation_id,
                                                                      Role.MANAGER)


def organisations_offering(principal: Principal) -> QuerySet:
    """Providers the principal may add offers for: all for analysts, else those they manage."""
    qs = org_scopes.organisations(principal).filter(kind="provider")
    if principal.has_role(Role.ANALYST):
        return qs
    return qs.filter(pk__in=principal.org_ids(Role.MANAGER))


def can_edit_reference_terms(principal: Principal) -> bool:
    return principal.has_role(Role.ANALYST)

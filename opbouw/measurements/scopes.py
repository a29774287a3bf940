"""What a principal may see and do of measurements.

A round is seen by the members of the provider that runs it, by analysts (every round) and
by commissioners for rounds in their own areas (sub-areas included). Single responses are
for the provider's members only; everyone else sees results, aggregated and never below the
minimum cell size (measurements.selectors).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.areas import scopes as area_scopes
from opbouw.measurements.models import Instrument, MeasurementRound, Response
from opbouw.organisations import scopes as org_scopes

MEASUREMENT_MEMBER_ROLES = (Role.WORKER, Role.COACH, Role.MANAGER)


def measurement_instruments(principal: Principal) -> QuerySet:
    """Instruments are reference data for every signed-in user."""
    return Instrument.objects.all() if principal.is_authenticated else Instrument.objects.none()


def can_edit_instruments(principal: Principal) -> bool:
    """Analysts of the branch maintain the instruments."""
    return principal.has_role(Role.ANALYST)


def measurement_rounds(principal: Principal) -> QuerySet:
    """Rounds of one's own provider; analysts all; commissioners those in their areas."""
    qs = MeasurementRound.objects.all()
    if not principal.is_authenticated:
        return qs.none()
    if principal.has_role(Role.ANALYST):
        return qs
    condition = Q(organisation_id__in=principal.org_ids(*MEASUREMENT_MEMBER_ROLES))
    if principal.has_role(Role.COMMISSIONER):
        condition |= area_scopes.area_condition(principal, field="area")  # sub-areas included
    return qs.filter(condition)


def measurement_responses(principal: Principal) -> QuerySet:
    """Single responses: only for members of the provider that runs the round."""
    if not principal.is_authenticated:
        return Response.objects.none()
    return Response.objects.filter(
        round__organisation_id__in=principal.org_ids(*MEASUREMENT_MEMBER_ROLES))


def can_enter_measurements(principal: Principal, measurement_round) -> bool:
    """Workers, coaches and managers of the provider enter responses and totals."""
    return principal.has_role_in(measurement_round.organisation_id, *MEASUREMENT_MEMBER_ROLES)


def measurement_organisations(principal: Principal) -> QuerySet:
    """Providers the principal may run measurement rounds for: those they manage."""
    return org_scopes.organisations(principal).filter(
        kind="provider", pk__in=principal.org_ids(Role.MANAGER))


def can_manage_measurement_round(principal: Principal, measurement_round) -> bool:
    """The provider's managers create, change, close and reopen its rounds."""
    return principal.has_role_in(measurement_round.organisation_id, Role.MANAGER)

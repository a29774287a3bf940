"""Indicator computations over signals (registered with the indicator catalogue)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opbouw.assignments.indicators import Period, ratio, register

SOURCE = "signals"


def signals_in(period: Period) -> QuerySet:
    """Signals recorded for the assignment within the period."""
    from opbouw.signals.models import Signal

    return Signal.objects.filter(assignment=period.assignment,
                                 date__range=(period.starts_on, period.ends_on))


@register("signals.count", _("Vastgelegde signalen"), SOURCE)
def count(period: Period) -> Decimal:
    return Decimal(signals_in(period).count())


@register("signals.urgent", _("Urgente signalen"), SOURCE)
def urgent(period: Period) -> Decimal:
    return Decimal(signals_in(period).filter(urgency="high").count())


@register("signals.referred", _("Doorverwezen signalen"), SOURCE)
def referred(period: Period) -> Decimal:
    return Decimal(signals_in(period).filter(referred_on__isnull=False).count())


@register("signals.taken_up_share", _("Aandeel doorverwezen signalen dat is opgepakt (%)"),
          SOURCE)
def taken_up_share(period: Period) -> Decimal | None:
    referred_signals = signals_in(period).filter(referred_on__isnull=False)
    return ratio(referred_signals.filter(taken_up_on__isnull=False).count(),
                 referred_signals.count(), scale=100)


@register("signals.closed_share", _("Aandeel afgesloten signalen (%)"), SOURCE)
def closed_share(period: Period) -> Decimal | None:
    in_period = signals_in(period)
    return ratio(in_period.filter(status="closed").count(), in_period.count(), scale=100)

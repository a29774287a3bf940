"""The measurements module's URLs in the permission matrix (opbouw/access/tests).

Rounds are for the provider's members (workers enter, managers manage), analysts (every
round, results only) and commissioners (rounds in their own areas, results only); admins have
no part in them; an outsider's organisation's round answers 404. Instruments are read by
everyone signed in and changed by analysts.
"""

from opbouw.access.tests.matrix_base import ANALYST_ONLY, NONE, SIGNED_IN, row
from opbouw.areas.models import Area
from opbouw.measurements.models import Instrument, MeasurementRound

READERS = row(302, 200, 200, 200, 200, 200, 403, 200)
ROUND_READERS = row(302, 200, 200, 200, 200, 200, 403, 404)
ENTERERS = row(302, 200, 200, 200, 403, 403, 403, 404)
MANAGERS = row(302, 403, 403, 200, 403, 403, 403, 403)


def _round(o, **filters) -> int:
    """An open SONOR round in the demo commissioner's district (Kralingen-Crooswijk)."""
    district = Area.objects.get(level="district", name="Kralingen-Crooswijk")
    return MeasurementRound.objects.filter(
        organisation=o.sonor, area__path__startswith=f"{district.path}/", status="open",
        **filters).order_by("pk").first().pk


def follow_up(o) -> dict:
    return {"pk": _round(o, kind="follow_up", mode="responses")}


def totals(o) -> dict:
    return {"pk": _round(o, mode="aggregates")}


def instrument(o) -> dict:
    return {"pk": Instrument.objects.filter(status="active", rounds__isnull=False).order_by(
        "pk").first().pk}


def part(name: str):
    def kwargs(o) -> dict:
        found = Instrument.objects.filter(status="active").order_by("pk").first()
        return {"pk": found.pk,
                f"{name}_id": getattr(found, f"{name}s").order_by("pk").first().pk}
    return kwargs


MATRIX = {
    "measurements:index": (NONE, READERS),
    "measurements:round_create": (NONE, MANAGERS),
    "measurements:round": (follow_up, ROUND_READERS),
    "measurements:round_edit": (follow_up, MANAGERS),
    "measurements:entry": (follow_up, ENTERERS),
    "measurements:aggregates": (totals, ENTERERS),
    "measurements:change": (follow_up, ROUND_READERS),
    "measurements:instruments": (NONE, SIGNED_IN),
    "measurements:instrument": (instrument, SIGNED_IN),
    "measurements:instrument_create": (NONE, ANALYST_ONLY),
    "measurements:instrument_edit": (instrument, ANALYST_ONLY),
    "measurements:instrument_version": (instrument, ANALYST_ONLY),  # GET asks, POST makes
    "measurements:dimension_create": (instrument, ANALYST_ONLY),
    "measurements:dimension_edit": (part("dimension"), ANALYST_ONLY),
    "measurements:item_create": (instrument, ANALYST_ONLY),
    "measurements:item_edit": (part("item"), ANALYST_ONLY),
    "measurements:scale_create": (instrument, ANALYST_ONLY),
    "measurements:scale_edit": (part("scale"), ANALYST_ONLY),
}

"""The exchange URLs (views_exchange.py) in the permission matrix (opbouw/access/tests).

The XLSForm of an instrument is for everyone signed in, like the instrument itself. Importing
into a round is for those who may enter its responses: workers, coaches and managers of the
provider (an outsider's organisation's round answers 404); the confirmation is POST only.
"""

from opbouw.access.tests.matrix_base import SIGNED_IN, everyone, row
from opbouw.measurements.models import Instrument, MeasurementRound

ENTERERS = row(302, 200, 200, 200, 403, 403, 403, 404)


def instrument(o) -> dict:
    return {"pk": Instrument.objects.filter(status="active").order_by("pk").first().pk}


def open_round(o) -> dict:
    """The first open SONOR round with responses per respondent."""
    return {"pk": MeasurementRound.objects.filter(
        organisation=o.sonor, status="open", mode="responses").order_by("pk").first().pk}


MATRIX = {
    "measurements:xlsform": (instrument, SIGNED_IN),
    "measurements:import": (open_round, ENTERERS),
    "measurements:import_confirm": (open_round, everyone(405)),
    "measurements:import_mapping": (open_round, everyone(405)),
}

"""Permission matrix entries of the chain from results to training (see
access/tests/matrix_base.py).

The chain of an agreement: whoever may see its assignment (the provider's staff, the
commissioner, admins); another provider and analysts get 404. From a competency or a course
back to the assignments: every signed-in user (each sees only the assignments they may see).
The proposals are POST only.
"""

from opbouw.access.tests.matrix_base import SIGNED_IN, everyone, row
from opbouw.assignments.models import ResultAgreement
from opbouw.competences.models import Competency

KRALINGEN = "Deelgemeente Kralingen-Crooswijk"
VISIBLE = row(302, 200, 200, 200, 404, 200, 200, 404)


def _agreement(o):
    """The demo's lagging agreement: supported initiatives in Kralingen-Crooswijk."""
    agreement = ResultAgreement.objects.filter(
        assignment__provider=o.sonor, assignment__status="running",
        assignment__commissioner__name=KRALINGEN,
        indicator__code="bewonersinitiatieven").order_by("pk").first()
    return {"pk": agreement.pk}


def _competency(o):
    return {"pk": Competency.objects.filter(code="4R").order_by("pk").first().pk}


MATRIX = {
    "reports:chain_agreement": (_agreement, VISIBLE),
    "reports:chain_propose_goal": (_agreement, everyone(405)),
    "reports:chain_propose_course": (_agreement, everyone(405)),
    "reports:chain_competency": (_competency, SIGNED_IN),
    "reports:chain_course": (lambda o: {"pk": o.course.pk}, SIGNED_IN),
}

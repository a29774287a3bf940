"""Permission matrix entries of the assignments module (see access/tests/matrix_base.py).

Commissioners write assignments, agreements and WAPs; providers' staff read their
organisation's assignments (workers not concepts); analysts keep the indicator catalogue.
"""

from opbouw.access.tests.matrix_base import ANALYST_ONLY, NONE, SIGNED_IN, everyone, row
from opbouw.assignments.models import (
    ActionPlan,
    Assignment,
    Indicator,
    Product,
    ResultAgreement,
)

KRALINGEN = "Deelgemeente Kralingen-Crooswijk"
COMMISSIONER_ONLY = row(302, 403, 403, 403, 403, 200, 403, 403)
# Visible to the provider's staff, the commissioner and admins; another provider: 404.
VISIBLE = row(302, 200, 200, 200, 404, 200, 200, 404)


def _running(o):
    return Assignment.objects.filter(provider=o.sonor, status="running",
                                     commissioner__name=KRALINGEN).order_by("pk").first()


def _assignment(o):
    return {"pk": _running(o).pk}


def _agreement(o):
    return {"pk": ResultAgreement.objects.filter(assignment=_running(o)).order_by("pk")
            .first().pk}


def _manual_agreement(o):
    return {"pk": ResultAgreement.objects.filter(assignment=_running(o),
                                                 indicator__source="manual").order_by("pk")
            .first().pk}


def _product(o):
    return {"pk": Product.objects.filter(assignment=_running(o)).order_by("pk").first().pk}


def _plan(o):
    return {"pk": ActionPlan.objects.filter(commissioner__name=KRALINGEN).order_by("pk")
            .first().pk}


def _indicator(o):
    return {"pk": Indicator.objects.order_by("pk").first().pk}


MATRIX = {
    "assignments:index": (NONE, SIGNED_IN),
    "assignments:export": (NONE, SIGNED_IN),
    "assignments:create": (NONE, COMMISSIONER_ONLY),
    "assignments:detail": (_assignment, VISIBLE),
    "assignments:edit": (_assignment, COMMISSIONER_ONLY),
    "assignments:status": (_assignment, everyone(405)),
    "assignments:agreement_add": (_assignment, COMMISSIONER_ONLY),
    "assignments:agreement_edit": (_agreement, COMMISSIONER_ONLY),
    "assignments:agreement_delete": (_agreement, everyone(405)),
    "assignments:product_add": (_assignment, COMMISSIONER_ONLY),
    "assignments:product_edit": (_product, COMMISSIONER_ONLY),
    "assignments:product_delete": (_product, everyone(405)),
    # The provider's managers report values, the commissioner may correct them.
    "assignments:manual_value_add": (_manual_agreement, row(302, 403, 403, 200, 404, 200, 403,
                                                            404)),
    "assignments:manual_value_delete": (lambda o: {"pk": 1}, everyone(405)),
    "assignments:plans": (NONE, SIGNED_IN),
    "assignments:plan_create": (NONE, COMMISSIONER_ONLY),
    "assignments:plan_detail": (_plan, SIGNED_IN),
    "assignments:plan_edit": (_plan, COMMISSIONER_ONLY),
    "assignments:priority_add": (_plan, everyone(405)),
    "assignments:priority_edit": (lambda o: {"pk": 1}, everyone(405)),
    "assignments:priority_delete": (lambda o: {"pk": 1}, everyone(405)),
    "assignments:indicators": (NONE, SIGNED_IN),
    "assignments:indicator_detail": (_indicator, SIGNED_IN),
    "assignments:indicator_create": (NONE, ANALYST_ONLY),
    "assignments:indicator_edit": (_indicator, ANALYST_ONLY),
}

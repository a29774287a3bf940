"""The logbook's URLs in the permission matrix (see opbouw/access/tests/matrix_base.py).

Only providers' staff use the logbook; analysts, commissioners and admins get 403. The
entry used is the demo worker's latest one, still within its edit window: the worker and
their manager may change it, their coach may see and copy it, an outsider gets 404.
"""

from opbouw.access.tests.matrix_base import NONE, everyone, row

STAFF = row(302, 200, 200, 200, 403, 403, 403, 200)


def _latest_entry(o) -> dict:
    from opbouw.logbook.models import Activity

    return {"pk": Activity.objects.filter(worker=o.user).latest("created_at", "pk").pk}


MATRIX = {
    "logbook:index": (NONE, STAFF),
    "logbook:create": (NONE, STAFF),
    "logbook:export": (NONE, STAFF),
    "logbook:copy": (_latest_entry, row(302, 200, 200, 200, 403, 403, 403, 404)),
    "logbook:edit": (_latest_entry, row(302, 200, 403, 200, 403, 403, 403, 404)),
    "logbook:delete": (_latest_entry, everyone(405)),
}

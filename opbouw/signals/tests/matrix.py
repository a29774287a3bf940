"""The signals' URLs in the permission matrix (opbouw/access/tests/test_permission_matrix.py).

The signal opened is the demo worker's latest open one, in Kralingen-Crooswijk: the demo
commissioner's area, so they read it (without the reporter's name) but cannot change it.
"""

from opbouw.access.tests.matrix_base import NONE, SIGNED_IN, everyone, row


def _signal(o) -> dict:
    from opbouw.signals.models import Signal

    signal = Signal.objects.filter(reported_by=o.user, status="open").order_by(
        "-date", "-pk").first()
    return {"pk": signal.pk}


MATRIX = {
    # Everyone signed in opens the list; it shows only what the scope allows (analysts: none).
    "signals:index": (NONE, SIGNED_IN),
    "signals:export": (NONE, SIGNED_IN),
    "signals:reference": (NONE, SIGNED_IN),
    # Only providers' staff report.
    "signals:create": (NONE, row(302, 200, 200, 200, 403, 403, 403, 200)),
    "signals:detail": (_signal, row(302, 200, 200, 200, 404, 200, 200, 404)),
    # The reporter and their managers correct; the coach follows up but does not correct.
    "signals:edit": (_signal, row(302, 200, 403, 200, 404, 403, 403, 404)),
    "signals:follow_up": (_signal, everyone(405)),
}

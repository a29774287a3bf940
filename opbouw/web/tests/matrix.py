"""The help pages in the permission matrix (see opbouw/access/tests/matrix_base.py).

Every signed-in user reads every role's guide: they explain the work and hold no data.
"""

from opbouw.access.tests.matrix_base import NONE, SIGNED_IN

MATRIX = {
    "web:help": (NONE, SIGNED_IN),
    "web:help_guide": (lambda o: {"slug": "opdrachtgever"}, SIGNED_IN),
}

"""The page linking measurement indicators to dimensions, in the permission matrix."""

from opbouw.access.tests.matrix_base import NONE, SIGNED_IN

MATRIX = {
    "measurements:indicators": (NONE, SIGNED_IN),
}

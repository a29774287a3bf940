"""The vocabulary of the permission matrix, shared by every app's ``tests/matrix.py``.

An app adds its URLs in ``opbouw/<app>/tests/matrix.py`` as ``MATRIX = {url name: (kwargs,
expected status per role)}``; kwargs is a function of ``Objects`` (and may query the demo data).
"""

from __future__ import annotations

ROLES = ("anoniem", "medewerker", "coach", "manager", "analist", "opdrachtgever", "beheerder",
         "buitenstaander")


def row(anonymous: int, worker: int, coach: int, manager: int, analyst: int, commissioner: int,
        admin: int, outsider: int) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, worker, coach, manager, analyst, commissioner, admin,
                            outsider), strict=True))


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200, 200)
ADMIN_ONLY = row(302, 403, 403, 403, 403, 403, 200, 403)
API_SIGNED_IN = row(401, 200, 200, 200, 200, 200, 200, 200)
COMPETENCE_ROLES = row(302, 200, 200, 200, 200, 403, 403, 200)
STATISTICS = row(302, 403, 403, 200, 200, 403, 403, 403)
ANALYST_ONLY = row(302, 403, 403, 403, 200, 403, 403, 403)
CURATORS = row(302, 403, 403, 403, 200, 403, 200, 403)



# Kwargs for a URL without arguments.
NONE = lambda o: {}  # noqa: E731

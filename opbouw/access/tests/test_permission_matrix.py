"""Every URL of the project, for every demo role and an outsider, answers as the matrix says.

Add a URL and this test fails until the matrix below says who may open it.
Statuses: 200 ok, 302 redirect (anonymous: to the login page), 401 API without login,
403 too little role, 404 another organisation's object (same as missing), 405 POST only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from opbouw.access.admin_site import site as admin_site
from opbouw.access.tests.matrix_base import (  # noqa: E402,F401
    ADMIN_ONLY,
    ANALYST_ONLY,
    API_SIGNED_IN,
    COMPETENCE_ROLES,
    CURATORS,
    ROLES,
    SIGNED_IN,
    STATISTICS,
    everyone,
    row,
)
from opbouw.accounts.models import User
from opbouw.areas.models import Area
from opbouw.competences.models import Assessment, AssessmentRound, Course, Framework
from opbouw.methods.models import Intervention, Offer
from opbouw.organisations.models import Organisation, WorkerProfile


@dataclass
class Objects:
    sonor: Organisation
    worker_profile: WorkerProfile
    area: Area
    user: User
    framework: object = None
    current_round: object = None
    self_assessment: object = None
    course: object = None
    intervention: object = None
    offer: object = None


Kwargs = Callable[[Objects], dict]
NONE: Kwargs = lambda o: {}  # noqa: E731

# url name -> (kwargs, expected status per role)
MATRIX: dict[str, tuple[Kwargs, dict[str, int]]] = {
    "web:home": (NONE, SIGNED_IN),
    "web:audit": (NONE, ADMIN_ONLY),
    "web:health": (NONE, everyone(200)),
    "accounts:login": (NONE, row(200, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:logout": (NONE, everyone(405)),
    "accounts:account": (NONE, SIGNED_IN),
    "accounts:password_change": (NONE, SIGNED_IN),
    "accounts:password_reset": (NONE, everyone(200)),
    "accounts:password_reset_done": (NONE, everyone(200)),
    "accounts:password_reset_confirm": (
        lambda o: {"uidb64": "MQ", "token": "verlopen-token"}, everyone(200)),
    "accounts:password_reset_complete": (NONE, everyone(200)),
    "accounts:language": (NONE, everyone(405)),
    "organisations:list": (NONE, SIGNED_IN),
    "organisations:detail": (lambda o: {"pk": o.sonor.pk}, SIGNED_IN),
    "organisations:people": (NONE, row(302, 200, 200, 200, 403, 403, 200, 200)),
    "organisations:person": (
        lambda o: {"pk": o.worker_profile.pk}, row(302, 200, 200, 200, 404, 404, 200, 404)),
    "organisations:person_edit": (
        lambda o: {"pk": o.worker_profile.pk}, row(302, 403, 403, 200, 404, 404, 200, 404)),
    "areas:index": (NONE, SIGNED_IN),
    "areas:import": (NONE, ADMIN_ONLY),
    "areas:detail": (lambda o: {"code": o.area.code}, SIGNED_IN),
    # The API's index and its OpenAPI description are public; its data is not.
    "api:index": (NONE, everyone(200)),
    "api:api-root": (NONE, everyone(200)),
    "api:openapi-json": (NONE, everyone(200)),
    "api:openapi-view": (NONE, everyone(200)),
    "api:me": (NONE, API_SIGNED_IN),
    "api:organisations": (NONE, API_SIGNED_IN),
    "api:organisation": (lambda o: {"pk": o.sonor.pk}, API_SIGNED_IN),
    "api:areas": (NONE, API_SIGNED_IN),
    "api:area": (lambda o: {"code": o.area.code}, API_SIGNED_IN),
    # Competences: ratings only for the worker, their coach and their managers; analysts
    # aggregates; commissioners and admins have no part in it.
    "competences:index": (NONE, COMPETENCE_ROLES),
    "competences:frameworks": (NONE, SIGNED_IN),
    "competences:framework": (lambda o: {"pk": o.framework.pk}, SIGNED_IN),
    "competences:framework_import": (NONE, ANALYST_ONLY),
    "competences:framework_norms": (lambda o: {"pk": o.framework.pk}, ANALYST_ONLY),
    "competences:framework_csv": (lambda o: {"pk": o.framework.pk}, ANALYST_ONLY),
    "competences:framework_json": (lambda o: {"pk": o.framework.pk}, ANALYST_ONLY),
    "competences:rounds": (NONE, COMPETENCE_ROLES),
    "competences:round_create": (NONE, STATISTICS),
    "competences:round": (lambda o: {"pk": o.current_round.pk}, COMPETENCE_ROLES),
    "competences:round_close": (lambda o: {"pk": o.current_round.pk}, everyone(405)),
    "competences:peer_invite": (lambda o: {"pk": o.current_round.pk}, everyone(405)),
    "competences:result": (
        lambda o: {"pk": o.current_round.pk, "worker_id": o.user.pk},
        row(302, 200, 200, 200, 404, 403, 403, 404)),
    "competences:heat_map": (lambda o: {"pk": o.current_round.pk}, STATISTICS),
    "competences:compare": (lambda o: {"pk": o.current_round.pk}, STATISTICS),
    "competences:training_plan": (lambda o: {"pk": o.current_round.pk}, STATISTICS),
    "competences:training_plan_xlsx": (lambda o: {"pk": o.current_round.pk}, STATISTICS),
    "competences:training_plan_pdf": (lambda o: {"pk": o.current_round.pk}, STATISTICS),
    "competences:assessment": (
        lambda o: {"pk": o.self_assessment.pk}, row(302, 200, 403, 403, 404, 403, 403, 404)),
    "competences:my_plan": (NONE, row(302, 302, 302, 403, 403, 403, 403, 302)),
    "competences:plan": (
        lambda o: {"worker_id": o.user.pk}, row(302, 200, 200, 200, 404, 403, 403, 404)),
    "competences:goal_add": (lambda o: {"worker_id": o.user.pk}, everyone(405)),
    "competences:action_add": (lambda o: {"worker_id": o.user.pk, "goal_id": 1},
                               everyone(405)),
    "competences:action_status": (lambda o: {"worker_id": o.user.pk, "action_id": 1},
                                  everyone(405)),
    "competences:plan_sign_off": (lambda o: {"worker_id": o.user.pk}, everyone(405)),
    "competences:courses": (NONE, SIGNED_IN),
    "competences:course_create": (NONE, CURATORS),
    "competences:course": (lambda o: {"pk": o.course.pk}, SIGNED_IN),
    "competences:course_edit": (lambda o: {"pk": o.course.pk}, CURATORS),
    "competences:enrol": (lambda o: {"pk": o.course.pk}, everyone(405)),
    "competences:enrolment_complete": (lambda o: {"pk": 1}, everyone(405)),
    "competences:pe": (NONE, COMPETENCE_ROLES),
    "competences:pe_requirement": (lambda o: {"organisation_id": o.sonor.pk}, everyone(405)),
    "competences:sessions": (NONE, row(302, 200, 200, 200, 403, 403, 403, 200)),
    # Methods toolbox: everyone reads; managers propose and offer, analysts publish.
    "methods:index": (NONE, SIGNED_IN),
    "methods:intervention": (lambda o: {"pk": o.intervention.pk}, SIGNED_IN),
    "methods:intervention_create": (NONE, STATISTICS),
    "methods:intervention_edit": (lambda o: {"pk": o.intervention.pk},
                                  row(302, 403, 403, 403, 200, 403, 403, 403)),
    "methods:publish": (lambda o: {"pk": o.intervention.pk}, everyone(405)),
    "methods:offer_add": (lambda o: {"pk": o.intervention.pk}, everyone(405)),
    "methods:offer_delete": (lambda o: {"pk": o.offer.pk}, everyone(405)),
    "methods:example_add": (lambda o: {"pk": o.intervention.pk}, everyone(405)),
    "methods:matrix": (NONE, SIGNED_IN),
    "methods:overlap": (NONE, SIGNED_IN),
    "methods:reference": (NONE, SIGNED_IN),
    "methods:export_json": (NONE, SIGNED_IN),
    "methods:export_csv": (NONE, SIGNED_IN),
    "methods:booklet": (NONE, SIGNED_IN),
}


def _app_matrices() -> None:
    """Add the entries each app keeps in its own ``tests/matrix*.py`` modules."""
    import importlib
    import pkgutil

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("opbouw."):
            continue
        try:
            tests = importlib.import_module(f"{config.name}.tests")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(tests.__path__):
            if not info.name.startswith("matrix") or info.name == "matrix_base":
                continue
            module = importlib.import_module(f"{config.name}.tests.{info.name}")
            overlap = set(module.MATRIX) & set(MATRIX)
            assert not overlap, f"URLs in two matrices: {overlap}"
            MATRIX.update(module.MATRIX)


_app_matrices()

# The admin is generated per registered model; its rule: admins only, with these exceptions.
ADMIN_EXCEPTIONS: dict[str, dict[str, int]] = {
    "admin:login": row(302, 403, 403, 403, 403, 403, 302, 403),
    "admin:logout": row(302, 403, 403, 403, 403, 403, 405, 403),
    # Without its query parameters the autocomplete answers 403 to everyone.
    "admin:autocomplete": row(302, 403, 403, 403, 403, 403, 403, 403),
    "admin:view_on_site": row(302, 403, 403, 403, 403, 403, 404, 403),
    "admin:core_auditevent_add": ADMIN_ONLY | {"beheerder": 403},
    "admin:core_auditevent_delete": ADMIN_ONLY | {"beheerder": 403},
    "admin:core_lockout_add": ADMIN_ONLY | {"beheerder": 403},
}


def unnamed_allowed(route: str) -> bool:
    """Django admin's own unnamed patterns: its catch-all and the old object-URL redirect."""
    return route.startswith("beheer/") and (
        route.endswith("(?P<url>.*)$") or route.endswith("/<path:object_id>/")
    )


def walk(patterns, prefix="", namespace=""):
    """Yield (name, route) for every URL pattern, descending into includes."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (
                p.namespace or namespace)
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern)


def admin_kwargs(name: str, o: Objects) -> dict:
    """Build arguments for a generated admin URL from its name."""
    action = name.rsplit("_", 1)[-1]
    if name == "admin:auth_user_password_change":  # named so by Django's UserAdmin
        return {"id": o.user.pk}
    for model in admin_site._registry:
        base = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(base):
            obj = model.objects.order_by("pk").first()
            if action in {"change", "delete", "history"}:
                return {"object_id": obj.pk}
            if action == "password":
                return {"id": obj.pk}
            return {}
    if name == "admin:app_list":
        return {"app_label": "organisations"}
    if name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        return {"content_type_id": ContentType.objects.get_for_model(Area).pk,
                "object_id": o.area.pk}
    if name == "admin:autocomplete":
        return {}
    return {}


def expected_for(name: str) -> tuple[Kwargs, dict[str, int]] | None:
    if name in MATRIX:
        return MATRIX[name]
    if name.startswith("admin:"):
        return (lambda o, n=name: admin_kwargs(n, o)), ADMIN_EXCEPTIONS.get(name, ADMIN_ONLY)
    return None


def all_url_names() -> list[str]:
    return sorted({name for name, _route in walk(get_resolver().url_patterns) if name})


def test_every_url_pattern_has_a_name_and_a_matrix_entry():
    unnamed = {route for name, route in walk(get_resolver().url_patterns)
               if not name and not unnamed_allowed(route)}
    assert not unnamed, f"URL patterns without a name: {unnamed}"
    missing = [name for name in all_url_names() if expected_for(name) is None]
    assert not missing, f"URLs without an entry in the permission matrix: {missing}"
    stale = (set(MATRIX) | set(ADMIN_EXCEPTIONS)) - set(all_url_names())
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def test_the_module_prefixes_are_reserved_in_dutch():
    from opbouw.web.navigation import MODULES

    assert {m.app: m.prefix for m in MODULES} == {
        "competences": "competenties/", "methods": "methoden/", "assignments": "opdrachten/",
        "logbook": "logboek/", "signals": "signalen/", "measurements": "metingen/",
        "reports": "rapportages/", "api": "api/v1/",
    }


@pytest.fixture
def clients(demo) -> dict[str, Client]:
    from axes.models import AccessAttempt

    # Every admin page needs an object to open, a lockout record too.
    AccessAttempt.objects.create(username="iemand", ip_address="127.0.0.1", user_agent="test",
                                 failures_since_start=5)
    outsider = WorkerProfile.objects.exclude(organisation__short_name="SONOR").select_related(
        "user").first().user
    result = {"anoniem": Client()}
    for role in ROLES[1:]:
        client = Client()
        username = outsider.username if role == "buitenstaander" else role
        client.force_login(User.objects.get(username=username))
        result[role] = client
    return result


@pytest.mark.django_db
def test_permission_matrix(clients):
    objects = Objects(
        sonor=Organisation.objects.get(short_name="SONOR"),
        worker_profile=WorkerProfile.objects.get(user__username="medewerker"),
        area=Area.objects.filter(level=Area.Level.NEIGHBOURHOOD).first(),
        user=User.objects.get(username="medewerker"),
        framework=Framework.objects.get(),
        current_round=AssessmentRound.objects.get(state="open"),
        self_assessment=Assessment.objects.get(round__state="open", kind="self",
                                               worker__username="medewerker"),
        course=Course.objects.first(),
        intervention=Intervention.objects.filter(status="published").first(),
        offer=Offer.objects.first(),
    )
    failures = []
    checked = 0
    for name in all_url_names():
        kwargs_for, expected = expected_for(name)
        url = reverse(name, kwargs=kwargs_for(objects))
        for role in ROLES:
            status = clients[role].get(url).status_code
            checked += 1
            if status != expected[role]:
                failures.append(f"{name} ({url}) as {role}: {status}, expected {expected[role]}")
    assert checked > 100
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_redirects_go_to_the_login_page(clients):
    response = clients["anoniem"].get(reverse("organisations:people"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = clients["anoniem"].get("/beheer/")
    assert response["Location"].startswith(reverse("accounts:login"))

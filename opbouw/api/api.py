"""The JSON API at /api/v1/ (django-ninja); it reads through the same access layer as the pages."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from opbouw.access.principal import Principal
from opbouw.access.request import AuthedHttpRequest
from opbouw.accounts.models import User
from opbouw.areas import selectors as area_selectors
from opbouw.core.text import query_text
from opbouw.organisations import selectors as org_selectors

api = NinjaAPI(
    title="Opbouw API",
    version="1",
    description="Gegevens van Opbouw voor koppelingen. Inloggen gaat via de sessie van de website.",
    auth=django_auth,
    urls_namespace="api",
)


def _principal(request: HttpRequest) -> Principal:
    # PrincipalMiddleware sets the principal on every request.
    return cast(AuthedHttpRequest, request).principal


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    role: str


class MeOut(Schema):
    username: str
    name: str
    language: str
    roles: list[str]
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = Field(None, alias="parent.code")
    code_is_synthetic: bool


class ErrorOut(Schema):
    detail: str


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception):
    return api.create_response(request, {"detail": "Niet ingelogd."}, status=401)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    """Say in Dutch which parameter is wrong, instead of pydantic's English."""
    fields = [
        {"field": str(error.get("loc", ["?"])[-1]), "msg": "Ongeldige waarde."}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": fields}, status=422)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception):
    return api.create_response(request, {"detail": "Niet gevonden."}, status=404)


class IndexOut(Schema):
    name: str
    version: str
    docs: str
    openapi: str


@api.get("/", response=IndexOut, auth=None, url_name="index", summary="Over deze API",
         tags=["algemeen"])
def index(request: HttpRequest):
    return IndexOut(name=api.title, version=api.version, docs=request.path + "docs",
                    openapi=request.path + "openapi.json")


@api.get("/me", response=MeOut, summary="Wie ben ik", tags=["account"])
def me(request: HttpRequest):
    principal = _principal(request)
    memberships = [
        MembershipOut(organisation_id=m.organisation_id, organisation=m.organisation.name,
                      role=m.role)
        for m in org_selectors.memberships_of(principal)
    ]
    user = request.user
    assert isinstance(user, User)  # django_auth lets only signed-in users in
    return MeOut(username=user.username, name=str(user), language=user.language,
                 roles=sorted(principal.roles), memberships=memberships)


@api.get("/organisations", response=list[OrganisationOut], tags=["organisaties"])
def organisations(request: HttpRequest):
    return list(org_selectors.organisation_list(_principal(request)))


@api.get("/organisations/{pk}", response={200: OrganisationOut, 404: ErrorOut},
         tags=["organisaties"])
def organisation(request: HttpRequest, pk: int):
    return org_selectors.organisation_get(_principal(request), pk)


@api.get("/areas", response=list[AreaOut], tags=["gebieden"])
@paginate(LimitOffsetPagination, page_size=200)
def areas(request: HttpRequest, q: str = ""):
    """Districts, neighbourhoods and sub-neighbourhoods, 200 at a time (limit, offset)."""
    principal = _principal(request)
    q = query_text({"q": q}, "q", 60)
    if q:
        return area_selectors.area_search(principal, q)
    return area_selectors.area_choices(principal).select_related("parent")


@api.get("/areas/{code}", response={200: AreaOut, 404: ErrorOut}, tags=["gebieden"])
def area(request: HttpRequest, code: str):
    return area_selectors.area_get(_principal(request), code)

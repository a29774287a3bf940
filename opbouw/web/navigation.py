"""The main navigation, per role, and the modules' reserved URL prefixes."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opbouw.access.principal import Principal
from opbouw.access.roles import PEOPLE_VIEW_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user

    def visible_to(self, principal: Principal) -> bool:
        if not principal.is_authenticated:
            return False
        return self.roles is None or principal.has_role(*self.roles)


NAVIGATION = (
    NavItem(_("Start"), "web:home"),
    NavItem(_("Mensen"), "organisations:people", PEOPLE_VIEW_ROLES | {Role.ADMIN}),
    NavItem(_("Organisaties"), "organisations:list"),
    NavItem(_("Gebieden"), "areas:index"),
    NavItem(_("Auditlog"), "web:audit", frozenset({Role.ADMIN})),
    NavItem(_("Beheer"), "admin:index", frozenset({Role.ADMIN})),
)


@dataclass(frozen=True)
class Module:
    """A domain module and the Dutch URL prefix reserved for it."""

    app: str
    prefix: str
    label: str | Promise
    summary: str | Promise
    roles: frozenset[str]


_ALL = frozenset(Role.values)
MODULES = (
    Module("competences", "competenties/", _("Competenties"),
           _("Zelfbeoordeling en beoordeling door de coach, ontwikkelplan, scholing en PE-punten."),
           frozenset({Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST})),
    Module("methods", "methoden/", _("Methoden"),
           _("De gereedschapskist: activiteiten, programma's en methodieken op de Wmo-ladder."),
           _ALL),
    Module("assignments", "opdrachten/", _("Opdrachten"),
           _("Opdrachten met uren, prijs en resultaatafspraken; wijkactieplannen en indicatoren."),
           frozenset({Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST, Role.COMMISSIONER})),
    Module("logbook", "logboek/", _("Logboek"),
           _("Activiteiten vastleggen, ook onderweg op de telefoon."),
           frozenset({Role.WORKER, Role.COACH, Role.MANAGER})),
    Module("signals", "signalen/", _("Signalen"),
           _("Signalen uit de wijk vastleggen en doorzetten naar partners."),
           frozenset({Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST, Role.COMMISSIONER})),
    Module("measurements", "metingen/", _("Metingen"),
           _("Contactladder, sociaal vertrouwen, tevredenheid en ervaren baten."),
           frozenset({Role.WORKER, Role.COACH, Role.MANAGER, Role.ANALYST, Role.COMMISSIONER})),
    Module("reports", "rapportages/", _("Rapportages"),
           _("Verantwoording per opdracht: wat is er gedaan, hoe goed, en wie is er beter van "
             "geworden."),
           # Workers and coaches write stories from the assignment's page; the menu stays one
           # line for them.
           frozenset({Role.MANAGER, Role.COMMISSIONER})),
    Module("api", "api/v1/", _("API"), _("Koppelingen met andere systemen."), _ALL),
)


def navigation_for(principal: Principal) -> list[NavItem]:
    """The navigation items the principal may use: the basics, then the installed modules."""
    from django.apps import apps

    items = [item for item in NAVIGATION[:-2] if item.visible_to(principal)]
    for module in MODULES:
        if module.app != "api" and apps.is_installed(f"opbouw.{module.app}"):
            item = NavItem(module.label, f"{module.app}:index", module.roles)
            if item.visible_to(principal):
                items.append(item)
    items += [item for item in NAVIGATION[-2:] if item.visible_to(principal)]
    items += [item for item in (NavItem(_("Hulp"), "web:help"),) if item.visible_to(principal)]
    return items


def modules_available(principal: Principal, installed: set[str]) -> list[Module]:
    """Installed modules for the principal's roles."""
    return [
        m for m in MODULES
        if m.app != "api" and m.app in installed and principal.has_role(*m.roles)
    ]


def modules_to_come(principal: Principal, installed: set[str]) -> list[Module]:
    """Modules that are planned for the principal's roles but not yet installed."""
    return [
        m for m in MODULES
        if m.app != "api" and m.app not in installed and principal.has_role(*m.roles)
    ]

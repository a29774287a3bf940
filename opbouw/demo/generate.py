"""Deterministic demo data at three scales, written with bulk inserts."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from opbouw.access.roles import Role
from opbouw.accounts.models import User
from opbouw.areas.models import Area
from opbouw.demo import rotterdam as rdam
from opbouw.organisations.models import Membership, Organisation, WorkerProfile

DEMO_PASSWORD = "demo-opbouw"
SCALES = {"tiny": 24, "city": 200, "national": 4000}
# Share of workers per function, from aspiring to senior 2.
FUNCTION_MIX = [
    (WorkerProfile.Function.ASPIRING, 0.10),
    (WorkerProfile.Function.JUNIOR, 0.20),
    (WorkerProfile.Function.WORKER, 0.40),
    (WorkerProfile.Function.SENIOR_1, 0.20),
    (WorkerProfile.Function.SENIOR_2, 0.10),
]
WORKERS_PER_COACH = 8

DEMO_LOGINS = [
    ("medewerker", Role.WORKER, "Opbouwwerker bij SONOR, met coach"),
    ("coach", Role.COACH, "Senior opbouwwerker en coach bij SONOR"),
    ("manager", Role.MANAGER, "Manager van SONOR"),
    ("analist", Role.ANALYST, "Analist bij de Opbouwwerkkamer (alle organisaties, geaggregeerd)"),
    ("opdrachtgever", Role.COMMISSIONER, "Opdrachtgever bij deelgemeente Kralingen-Crooswijk"),
    ("beheerder", Role.ADMIN, "Functioneel beheerder van Opbouw"),
]


class DemoDataError(Exception):
    """The database is not in a state to receive demo data."""


@dataclass
class Summary:
    organisations: int = 0
    areas: int = 0
    users: int = 0
    workers: int = 0
    coaches: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    competences: dict = field(default_factory=dict)
    methods: dict = field(default_factory=dict)
    measurements: dict = field(default_factory=dict)
    reports: dict = field(default_factory=dict)
    work: dict = field(default_factory=dict)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


class _Builder:
    def __init__(self, *, scale: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.scale = scale
        # One hash for every demo account: hashing is slow by design (argon2).
        self.password = make_password(DEMO_PASSWORD)
        self.usernames: set[str] = set()
        self.users: list[User] = []
        self.summary = Summary()

    # Areas -----------------------------------------------------------------------
    def areas(self) -> dict[str, Area]:
        gm_code, gm_name = rdam.MUNICIPALITY
        gm = Area(code=gm_code, name=gm_name, level=Area.Level.MUNICIPALITY, path=gm_code,
                  source="CBS-gemeentecode")
        rows = [gm]
        by_name = {gm_name: gm}
        for d_index, district in enumerate(rdam.DISTRICTS, start=1):
            code = f"GB0599{d_index:02d}"
            gb = Area(code=code, name=district, level=Area.Level.DISTRICT, parent=gm,
                      path=f"{gm.path}/{code}", code_is_synthetic=True, source=rdam.SOURCE)
            rows.append(gb)
            by_name[district] = gb
        wk_index = 0
        for district, neighbourhoods in rdam.DISTRICTS.items():
            gb = by_name[district]
            for name in neighbourhoods:
                wk_index += 1
                code = f"WK0599{wk_index:02d}"
                wk = Area(code=code, name=name, level=Area.Level.NEIGHBOURHOOD, parent=gb,
                          path=f"{gb.path}/{code}", code_is_synthetic=True, source=rdam.SOURCE)
                rows.append(wk)
                by_name[f"wk:{name}"] = wk
        if self.scale == "national":
            for m in range(1, 20):
                number = 9900 + m
                mun = Area(code=f"GM{number}", name=f"Voorbeeldgemeente {m}",
                           level=Area.Level.MUNICIPALITY, path=f"GM{number}",
                           code_is_synthetic=True, source="Demo: verzonnen gemeente")
                rows.append(mun)
                by_name[mun.name] = mun
                for w in range(1, 9):
                    code = f"WK{number}{w:02d}"
                    rows.append(Area(code=code, name=f"Wijk {w} ({mun.name})",
                                     level=Area.Level.NEIGHBOURHOOD, parent=mun,
                                     path=f"{mun.path}/{code}", code_is_synthetic=True,
                                     source="Demo: verzonnen wijk"))
        # Parents must have primary keys before children reference them.
        for level in Area.Level.values:
            batch = [a for a in rows if a.level == level]
            for area in batch:
                if area.parent is not None:
                    area.parent_id = area.parent.pk
            Area.objects.bulk_create(batch)
        if not all(a.pk for a in rows):  # backends that do not return keys
            saved = {a.code: a for a in Area.objects.all()}
            by_name = {k: saved[v.code] for k, v in by_name.items()}
        self.summary.areas = len(rows)
        return by_name

    # People ----------------------------------------------------------------------
    def new_user(self, first: str, last: str, *, username: str = "", domain: str) -> User:
        base = username or f"{_slug(first)}.{_slug(last)}"
        name = base
        n = 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        user = User(username=name, first_name=first, last_name=last, password=self.password,
                    email=f"{name}@{domain}.example", language="nl")
        self.users.append(user)
        return user

    def random_person(self) -> tuple[str, str]:
        return self.rng.choice(rdam.FIRST_NAMES), self.rng.choice(rdam.LAST_NAMES)


def _function_for(rng: random.Random) -> str:
    pick = rng.random()
    total = 0.0
    for function, share in FUNCTION_MIX:
        total += share
        if pick < total:
            return function
    return FUNCTION_MIX[-1][0]


def demo_data_load(*, scale: str = "city", seed: int = 2008, with_work: bool = True) -> Summary:
    """Fill an empty database with demo organisations, areas, people and the demo logins.

    ``with_work=False`` leaves out assignments, the logbook, signals and measurements, for
    tests of the other modules that need a large organisation but not its year of work.
    """
    if scale not in SCALES:
        raise DemoDataError(f"Onbekende schaal {scale!r}; kies uit {', '.join(SCALES)}.")
    if Organisation.objects.exists() or Area.objects.exists() or User.objects.exists():
        raise DemoDataError(
            "De database is niet leeg. Demogegevens laden kan alleen in een lege database "
            "(maak bijvoorbeeld var/opbouw.sqlite3 leeg met `make reset`)."
        )
    with transaction.atomic():
        return _load(_Builder(scale=scale, seed=seed), with_work=with_work)


def _load(b: _Builder, *, with_work: bool = True) -> Summary:
    areas = b.areas()
    districts = {name: areas[name] for name in rdam.DISTRICTS}
    neighbourhoods = {
        name: [areas[f"wk:{n}"] for n in wks] for name, wks in rdam.DISTRICTS.items()
    }

    # Organisations ---------------------------------------------------------------
    orgs: list[Organisation] = []
    providers: list[tuple[Organisation, list[str]]] = []
    for name, short, district_names in rdam.PROVIDERS:
        org = Organisation(name=name, short_name=short, kind=Organisation.Kind.PROVIDER)
        orgs.append(org)
        providers.append((org, district_names))
    branch = Organisation(name=rdam.BRANCH[0], short_name=rdam.BRANCH[1],
                          kind=Organisation.Kind.BRANCH)
    city = Organisation(name=rdam.CITY[0], short_name=rdam.CITY[1],
                        kind=Organisation.Kind.COMMISSIONER)
    school = Organisation(name=rdam.EDUCATION[0], short_name=rdam.EDUCATION[1],
                          kind=Organisation.Kind.EDUCATION)
    orgs += [branch, city, school]
    district_commissioners = {}
    for district in rdam.DISTRICTS:
        org = Organisation(name=f"Deelgemeente {district}", short_name=f"DG {district}",
                           kind=Organisation.Kind.COMMISSIONER)
        district_commissioners[district] = org
        orgs.append(org)
    extra_providers = []
    if b.scale == "national":
        for m in range(1, 20):
            org = Organisation(name=f"Voorbeeld Opbouwwerk {m}", short_name=f"Voorbeeld {m}",
                               kind=Organisation.Kind.PROVIDER)
            orgs.append(org)
            extra_providers.append((org, areas[f"Voorbeeldgemeente {m}"]))
    Organisation.objects.bulk_create(orgs)
    if not all(o.pk for o in orgs):
        saved = {o.name: o for o in Organisation.objects.all()}
        for o in orgs:
            o.pk = saved[o.name].pk
    b.summary.organisations = len(orgs)

    org_areas = Organisation.areas.through
    links = [org_areas(organisation_id=city.pk, area_id=areas[rdam.MUNICIPALITY[1]].pk)]
    for district, org in district_commissioners.items():
        links.append(org_areas(organisation_id=org.pk, area_id=districts[district].pk))
    for org, district_names in providers:
        links += [org_areas(organisation_id=org.pk, area_id=districts[d].pk)
                  for d in district_names]
    for org, municipality in extra_providers:
        links.append(org_areas(organisation_id=org.pk, area_id=municipality.pk))
    org_areas.objects.bulk_create(links)

    # The named demo logins ----------------------------------------------------------
    sonor = providers[0][0]
    named = {
        "medewerker": b.new_user("Sanne", "de Vries", username="medewerker", domain="sonor"),
        "coach": b.new_user("Rachid", "Bouzid", username="coach", domain="sonor"),
        "manager": b.new_user("Marieke", "Jansen", username="manager", domain="sonor"),
        "analist": b.new_user("Priya", "Ramdin", username="analist", domain="opbouwwerkkamer"),
        "opdrachtgever": b.new_user("Jeroen", "Bakker", username="opdrachtgever",
                                    domain="rotterdam"),
        "beheerder": b.new_user("Inge", "Mulder", username="beheerder", domain="opbouwwerkkamer"),
    }
    memberships: list[tuple[User, Organisation, str]] = [
        (named["medewerker"], sonor, Role.WORKER),
        (named["coach"], sonor, Role.WORKER),
        (named["coach"], sonor, Role.COACH),
        (named["manager"], sonor, Role.MANAGER),
        (named["analist"], branch, Role.ANALYST),
        (named["opdrachtgever"], district_commissioners["Kralingen-Crooswijk"], Role.COMMISSIONER),
        (named["beheerder"], branch, Role.ADMIN),
    ]
    # One manager per other provider, one commissioner per district and one for the city.
    for org, _d in providers[1:] + [(o, None) for o, _m in extra_providers]:
        memberships.append((b.new_user(*b.random_person(), domain=_slug(org.short_name)), org,
                            Role.MANAGER))
    for district, org in district_commissioners.items():
        if district != "Kralingen-Crooswijk":
            memberships.append((b.new_user(*b.random_person(), domain="rotterdam"), org,
                                Role.COMMISSIONER))
    memberships.append((b.new_user(*b.random_person(), domain="rotterdam"), city,
                        Role.COMMISSIONER))

    # Workers: spread over providers by weight, with functions, areas and coaches ----
    total = SCALES[b.scale]
    plan: list[tuple[Organisation, list[Area]]] = []
    rotterdam_total = min(total, SCALES["city"])
    for (org, district_names), weight in zip(providers, rdam.PROVIDER_WEIGHTS, strict=True):
        pool = [wk for d in district_names for wk in neighbourhoods[d]]
        plan += [(org, pool)] * max(1, round(rotterdam_total * weight))
    for org, municipality in extra_providers:
        pool = [a for a in areas.values() if a.parent_id == municipality.pk]
        plan += [(org, pool)] * ((total - rotterdam_total) // max(1, len(extra_providers)))

    profiles: list[WorkerProfile] = []
    profile_areas: list[tuple[WorkerProfile, list[Area]]] = []
    kralingen = neighbourhoods["Kralingen-Crooswijk"]
    fixed: dict[str, tuple[str, list[Area]]] = {
        "medewerker": (WorkerProfile.Function.WORKER, kralingen[:2]),
        "coach": (WorkerProfile.Function.SENIOR_1, kralingen[2:4]),
    }
    for username, (function, worker_areas) in fixed.items():
        profile = WorkerProfile(user=named[username], organisation=sonor, function=function,
                                hours_per_week=32)
        profiles.append(profile)
        profile_areas.append((profile, worker_areas))
    for org, pool in plan[len(fixed):] if plan and plan[0][0] == sonor else plan:
        user = b.new_user(*b.random_person(), domain=_slug(org.short_name))
        function = _function_for(b.rng)
        profile = WorkerProfile(user=user, organisation=org, function=function,
                                hours_per_week=b.rng.choice([24, 28, 32, 32, 36, 36]))
        profiles.append(profile)
        count = min(len(pool), b.rng.choice([1, 1, 2, 2, 3]))
        profile_areas.append((profile, b.rng.sample(pool, count)))
        memberships.append((user, org, Role.WORKER))

    # Coaches: the most senior workers of each organisation, one per eight workers.
    by_org: dict[int, list[WorkerProfile]] = {}
    for profile in profiles:
        by_org.setdefault(id(profile.organisation), []).append(profile)
    coach_users: set[int] = {id(named["coach"])}
    for team in by_org.values():
        seniors = [p for p in team if p.function in (WorkerProfile.Function.SENIOR_1,
                                                      WorkerProfile.Function.SENIOR_2)]
        if team[0].organisation is sonor:
            coaches = [p for p in team if p.user is named["coach"]]
            seniors = [p for p in seniors if p.user is not named["coach"]]
        else:
            coaches = []
        wanted = max(1, len(team) // WORKERS_PER_COACH)
        coaches += seniors[: max(0, wanted - len(coaches))]
        for c in coaches:
            if id(c.user) not in coach_users and c.user is not named["coach"]:
                memberships.append((c.user, c.organisation, Role.COACH))
            coach_users.add(id(c.user))
        for i, profile in enumerate(p for p in team if p not in coaches):
            profile.coach = coaches[i % len(coaches)].user if coaches else None
        for c in coaches[1:]:  # the first coach coaches the others; nobody coaches each other
            c.coach = coaches[0].user
    # The demo worker is always coached by the demo coach.
    profiles[0].coach = named["coach"]

    User.objects.bulk_create(b.users, batch_size=1000)
    if not all(u.pk for u in b.users):
        user_pks = dict(User.objects.values_list("username", "pk"))
        for u in b.users:
            u.pk = user_pks[u.username]
    for profile in profiles:
        profile.user_id = profile.user.pk
        profile.organisation_id = profile.organisation.pk
        profile.coach_id = profile.coach.pk if profile.coach else None
    WorkerProfile.objects.bulk_create(profiles, batch_size=1000)
    if not all(p.pk for p in profiles):
        profile_pks = dict(WorkerProfile.objects.values_list("user_id", "pk"))
        for p in profiles:
            p.pk = profile_pks[p.user_id]
    through = WorkerProfile.areas.through
    through.objects.bulk_create(
        [through(workerprofile_id=p.pk, area_id=a.pk) for p, chosen in profile_areas
         for a in chosen],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [Membership(user_id=u.pk, organisation_id=o.pk, role=r) for u, o, r in memberships],
        batch_size=1000,
    )

    from opbouw.demo import competences as competence_demo

    b.summary.competences = competence_demo.load(rng=b.rng, actor=named["analist"])
    from opbouw.demo import methods as methods_demo

    b.summary.methods = methods_demo.load()
    if with_work:
        from opbouw.demo import work as work_demo  # after methods: assignments plan offers

        b.summary.work = work_demo.load(rng=b.rng, scale=b.scale)
        from opbouw.demo import measurements as measurement_demo

        # Its own random stream: the planted improvements stay put when others change.
        b.summary.measurements = measurement_demo.load(
            rng=random.Random(f"metingen-{b.seed}"), scale=b.scale)
        from django.utils import timezone

        from opbouw.demo import reports as report_demo  # last: reports read all the above

        b.summary.reports = report_demo.load(today=timezone.localdate())
    b.summary.users = len(b.users)
    b.summary.workers = len(profiles)
    b.summary.coaches = len(coach_users)
    b.summary.logins = [(u, str(Role(r).label), d) for u, r, d in DEMO_LOGINS]
    return b.summary

"""The chain from results to training: a lagging agreement > the interventions its logbook
used > the competencies they need > the workers below the norm > the courses; and back from a
competency and a course to the agreements that depend on them.

Hand-made data with known answers (the ``world`` fixture), and one test on the demo data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.assignments.models import Indicator, ResultAgreement
from opbouw.assignments.tests.factories import AssignmentFactory, CommissionerFactory
from opbouw.competences import selectors as competence_selectors
from opbouw.competences.models import Competency, Goal, TrainingProposal
from opbouw.competences.tests.factories import (
    AssessmentFactory,
    ClosedRoundFactory,
    CourseFactory,
    by_kind,
    rate,
)
from opbouw.logbook.tests.factories import ActivityFactory
from opbouw.methods.tests.factories import InterventionFactory
from opbouw.organisations.models import WorkerProfile
from opbouw.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkerProfileFactory,
)
from opbouw.reports import chain

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 6, 15)
F = WorkerProfile.Function


@pytest.fixture(autouse=True)
def _today(request):
    """Every hand-made test runs on 15 June 2026 (the demo test on the demo's own day)."""
    if "demo" in request.fixturenames:
        yield
        return
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=AMSTERDAM), tick=False):
        yield


def _codes(*codes: str) -> list[Competency]:
    return list(Competency.objects.filter(code__in=codes, framework__name__startswith=
                                          "Competentieprofiel SCW"))


def _user(username: str, first: str, last: str, org, role: str, *, worker: bool = True,
          function: str = F.WORKER, coach=None):
    """A user with a role in org; a worker profile there unless ``worker=False``."""
    user = UserFactory(username=username, first_name=first, last_name=last)
    if worker:
        WorkerProfileFactory(user=user, organisation=org, function=function, coach=coach)
    if role != Role.WORKER:
        MembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def world():
    """Provider EEN works for commissioner GEM on ``running`` (2026) in one neighbourhood.

    People of EEN: ``manager``; ``coach`` (SCW 4) coaches w1-w3; w1-w10 (all SCW 3, norm 3
    everywhere) log on ``running``; ``collega`` (SCW 3) logs nothing. ``buiten`` works for
    TWEE, ``opdrachtgever`` for GEM, ``analist`` for the branch.

    Interventions: ``support`` needs 4R and 4Q, ``language`` needs 4P, ``barbecue`` 4O
    (planned in ``running``, never used).

    The logbook of ``running`` (all in 2026, before today): ``support`` twice by w1 (2 hours
    each, one of them supporting an initiative), ``language`` once by each of w1-w10 (1.5
    hours), one entry without an intervention by w2 (1 hour). So 13 entries, 20 hours:
    language 15 (75%), support 4 (20%), none 1 (5%), barbecue 0.

    Closed round ``najaar`` (2025): w1-w10 rate themselves 3 everywhere except 4R (w1-w5: 2)
    and 4Q (w1-w3: 2); the coach rates w1-w3 the same. So below the norm: 4R five of ten,
    4Q three of ten, 4P and 4O nobody.

    Courses: ``initiatives`` (4R, 4Q), ``participation`` (4P), an inactive one on 4R and one
    on 4A (needed by nothing here).

    Agreements of ``running``: supported initiatives, target 100 (value 1: behind) and
    activities, target 10 (value 13: on course). ``other`` (EEN for another commissioner)
    and ``elsewhere`` (TWEE) each used ``support`` too.
    """
    een = OrganisationFactory(name="Opbouw Een", short_name="EEN")
    twee = OrganisationFactory(name="Opbouw Twee", short_name="TWEE")
    branch = OrganisationFactory(name="Branche", short_name="BR", kind="branch")
    gem = CommissionerFactory(name="Deelgemeente Oost", short_name="DGO")
    gem2 = CommissionerFactory(name="Deelgemeente West", short_name="DGW")

    manager = _user("manager", "Mira", "Manager", een, Role.MANAGER, worker=False)
    coach = _user("coach", "Cor", "Coach", een, Role.COACH, function=F.SENIOR_1)
    workers = [_user(f"w{i}", f"Wim{i}", f"Werker{i:02d}", een, Role.WORKER,
                     coach=coach if i <= 3 else None) for i in range(1, 11)]
    collega = _user("collega", "Coby", "Collega", een, Role.WORKER)
    buiten = _user("buiten", "Bas", "Buiten", twee, Role.WORKER)
    opdrachtgever = _user("opdrachtgever", "Olga", "Opdracht", gem, Role.COMMISSIONER,
                          worker=False)
    analist = _user("analist", "Ali", "Analist", branch, Role.ANALYST, worker=False)

    support = InterventionFactory(name="Bewonersorganisaties ondersteunen", owner=een)
    support.competencies.set(_codes("4R", "4Q"))
    language = InterventionFactory(name="Taalcafé", owner=een)
    language.competencies.set(_codes("4P"))
    barbecue = InterventionFactory(name="Buurtbarbecue", owner=een)
    barbecue.competencies.set(_codes("4O"))

    running = AssignmentFactory(provider=een, commissioner=gem, title="Opbouwwerk Oost")
    running.interventions.set([support, language, barbecue])
    day = dt.date(2026, 3, 2)
    ActivityFactory(assignment=running, worker=workers[0], intervention=support, date=day,
                    hours=Decimal(2), supports_initiative=True)
    ActivityFactory(assignment=running, worker=workers[0], intervention=support, date=day,
                    hours=Decimal(2))
    for w in workers:
        ActivityFactory(assignment=running, worker=w, intervention=language, date=day,
                        hours=Decimal("1.5"))
    ActivityFactory(assignment=running, worker=workers[1], intervention=None, date=day,
                    hours=Decimal(1))
    other = AssignmentFactory(provider=een, commissioner=gem2, title="Opbouwwerk West")
    ActivityFactory(assignment=other, worker=workers[3], intervention=support, date=day)
    elsewhere = AssignmentFactory(provider=twee, commissioner=gem2, title="Opbouwwerk Twee")
    ActivityFactory(assignment=elsewhere, worker=buiten, intervention=support, date=day)

    initiatives = Indicator.objects.get(code="bewonersinitiatieven")
    activities = Indicator.objects.get(code="activiteiten")
    lagging = ResultAgreement.objects.create(
        assignment=running, indicator=initiatives, target=Decimal(100),
        starts_on=running.starts_on, ends_on=running.ends_on)
    on_course = ResultAgreement.objects.create(
        assignment=running, indicator=activities, target=Decimal(10),
        starts_on=running.starts_on, ends_on=running.ends_on)
    other_agreement = ResultAgreement.objects.create(
        assignment=other, indicator=activities, target=Decimal(1000),
        starts_on=other.starts_on, ends_on=other.ends_on)
    elsewhere_agreement = ResultAgreement.objects.create(
        assignment=elsewhere, indicator=activities, target=Decimal(10),
        starts_on=elsewhere.starts_on, ends_on=elsewhere.ends_on)

    najaar = ClosedRoundFactory(name="Najaar 2025", organisations=[een, twee])
    for i, w in enumerate(workers, start=1):
        values = by_kind(3, 3, **({"4R": 2} if i <= 5 else {}), **({"4Q": 2} if i <= 3 else {}))
        rate(AssessmentFactory(round=najaar, worker=w), values)
        if i <= 3:
            rate(AssessmentFactory(round=najaar, worker=w, assessor=coach, kind="coach"),
                 values)

    course_initiatives = CourseFactory(title="Bewonersinitiatieven versterken",
                                       codes=["4R", "4Q"])
    course_participation = CourseFactory(title="Meedoen mogelijk maken", codes=["4P"])
    CourseFactory(title="Oude cursus", codes=["4R"], is_active=False)
    course_contact = CourseFactory(title="Contact leggen", codes=["4A"])
    return SimpleNamespace(
        een=een, twee=twee, gem=gem, manager=manager, coach=coach, workers=workers,
        collega=collega, buiten=buiten, opdrachtgever=opdrachtgever, analist=analist,
        support=support, language=language, barbecue=barbecue, running=running,
        other=other, elsewhere=elsewhere, lagging=lagging, on_course=on_course,
        other_agreement=other_agreement, elsewhere_agreement=elsewhere_agreement,
        najaar=najaar, course_initiatives=course_initiatives,
        course_participation=course_participation, course_contact=course_contact)


def principal(user) -> Principal:
    return Principal.for_user(user)


def links(result: chain.AgreementChain) -> dict[str, chain.CompetencyLink]:
    return {link.competency.code: link for link in result.links}


def named(link: chain.CompetencyLink) -> list[str]:
    return [g.worker.username for g in link.named]


# The chain of an agreement -----------------------------------------------------------------


def test_the_chain_of_a_lagging_agreement_as_its_manager(world):
    result = chain.agreement_chain(principal(world.manager), world.lagging.pk)
    assert result.is_behind and result.progress.value == 1
    # Interventions by hours, then the planned one nobody used.
    rows = [(u.intervention.name if u.intervention else None, u.entries, u.hours, u.percent,
             u.planned) for u in result.interventions]
    assert rows == [("Taalcafé", 10, Decimal(15), 75, True),
                    ("Bewonersorganisaties ondersteunen", 2, Decimal(4), 20, True),
                    (None, 1, Decimal(1), 5, False),
                    ("Buurtbarbecue", 0, Decimal(0), 0, True)]
    # Competencies with the most workers below the norm first.
    assert [link.competency.code for link in result.links] == ["4R", "4Q", "4O", "4P"]
    by_code = links(result)
    assert [i.name for i in by_code["4R"].interventions] == ["Bewonersorganisaties ondersteunen"]
    assert [i.name for i in by_code["4O"].interventions] == ["Buurtbarbecue"]
    # The manager sees every worker of the assignment by name: nobody is left to count.
    assert named(by_code["4R"]) == ["w1", "w2", "w3", "w4", "w5"]
    assert named(by_code["4Q"]) == ["w1", "w2", "w3"]
    assert named(by_code["4P"]) == [] and named(by_code["4O"]) == []
    assert all((g.norm, g.level, g.gap) == (3, 2, 1) for g in by_code["4R"].named)
    assert by_code["4R"].others == 0 and result.named_workers == 10 and result.workers == 10
    assert result.assessment_round == world.najaar
    # Active courses that address the competencies; none for 4O.
    assert [o.course.title for o in by_code["4R"].courses] == ["Bewonersinitiatieven versterken"]
    assert [o.course.title for o in by_code["4Q"].courses] == ["Bewonersinitiatieven versterken"]
    assert [o.course.title for o in by_code["4P"].courses] == ["Meedoen mogelijk maken"]
    assert by_code["4O"].courses == []
    assert result.can_propose_courses


def test_a_commissioner_sees_counts_and_no_counts_under_five(world, client):
    result = chain.agreement_chain(principal(world.opdrachtgever), world.lagging.pk)
    by_code = links(result)
    assert result.named_workers == 0 and result.workers == 10
    assert all(link.named == [] for link in result.links)
    # 4R: 5 below, 5 at the norm: both shown.
    assert (by_code["4R"].short, by_code["4R"].assessed, by_code["4R"].others) == (5, 10, 10)
    # 4Q: 3 below would give away a small group, and 7 at the norm would give the 3 away.
    assert (by_code["4Q"].short, by_code["4Q"].assessed) == (None, 10)
    # 4P: nobody below the norm says something of everyone: hidden as well.
    assert (by_code["4P"].short, by_code["4P"].assessed) == (None, 10)
    assert not result.can_propose_courses

    client.force_login(world.opdrachtgever)
    page = client.get(reverse("reports:chain_agreement", args=[world.lagging.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "5 van de 10 beoordeelde medewerkers" in text
    assert "niet getoond (minder dan 5 medewerkers)" in text
    assert "Werker01" not in text and "Wim1" not in text
    assert "Als doel in het ontwikkelplan" not in text
    assert "Voorstellen voor het opleidingsplan" not in text


def test_few_workers_are_not_counted_for_a_commissioner(world):
    """``other`` has one worker in its logbook: its commissioner sees no number."""
    official = _user("ambtenaar", "Ab", "Ambtenaar", world.other.commissioner,
                     Role.COMMISSIONER, worker=False)
    result = chain.agreement_chain(principal(official), world.other_agreement.pk)
    assert result.workers is None
    assert links(result)["4R"].short is None and links(result)["4R"].assessed is None
    # The provider's manager sees the exact number and the name.
    mine = chain.agreement_chain(principal(world.manager), world.other_agreement.pk)
    assert mine.workers == 1 and named(links(mine)["4R"]) == ["w4"]


def test_a_coach_sees_their_coachees_by_name_and_the_others_as_counts(world):
    result = chain.agreement_chain(principal(world.coach), world.lagging.pk)
    by_code = links(result)
    assert named(by_code["4R"]) == ["w1", "w2", "w3"]
    assert named(by_code["4Q"]) == ["w1", "w2", "w3"]
    # The seven others: two below the norm in 4R, too few to show (and so the five at it).
    assert by_code["4R"].others == 7
    assert (by_code["4R"].short, by_code["4R"].assessed) == (None, 7)
    assert (by_code["4Q"].short, by_code["4Q"].assessed) == (None, 7)
    assert not result.can_propose_courses


def test_the_page_names_the_workers_for_their_manager(world, client):
    client.force_login(world.manager)
    page = client.get(reverse("reports:chain_agreement", args=[world.lagging.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Waarom blijft" in text and "Bewonersorganisaties ondersteunen" in text
    assert "Wim1 Werker01" in text and "Wim5 Werker05" in text
    assert "Bewonersinitiatieven versterken" in text and "Oude cursus" not in text
    assert "Als doel in het ontwikkelplan" in text
    assert "Voorstellen voor het opleidingsplan" in text
    assert "gepland, niet gebruikt" in text


def test_an_agreement_of_an_assignment_one_cannot_see_answers_404(world, client):
    for user, agreement in ((world.manager, world.elsewhere_agreement),
                            (world.buiten, world.lagging),
                            (world.analist, world.lagging),
                            (world.opdrachtgever, world.other_agreement)):
        client.force_login(user)
        for name in ("reports:chain_agreement",):
            assert client.get(reverse(name, args=[agreement.pk])).status_code == 404
        for name, data in (("reports:chain_propose_goal",
                            {"medewerker": world.workers[0].pk, "competentie": 1}),
                           ("reports:chain_propose_course",
                            {"cursus": world.course_initiatives.pk, "competentie": 1})):
            assert client.post(reverse(name, args=[agreement.pk]), data).status_code == 404
    client.force_login(world.manager)
    assert client.get(reverse("reports:chain_agreement", args=[999_999])).status_code == 404


# Proposals -----------------------------------------------------------------------------------


def _propose_goal(client, world, worker, code="4R"):
    return client.post(reverse("reports:chain_propose_goal", args=[world.lagging.pk]),
                       {"medewerker": worker.pk, "competentie": _codes(code)[0].pk})


def test_a_manager_proposes_a_goal_once(world, client):
    client.force_login(world.manager)
    w1 = world.workers[0]
    response = _propose_goal(client, world, w1)
    assert response.status_code == 302
    assert response.url.endswith(f"/waarom/#competentie-{_codes('4R')[0].pk}")
    goal = Goal.objects.get(plan__worker=w1)
    assert goal.plan.year == 2026 and goal.competency.code == "4R" and goal.target_level == 3
    assert "vergroot zelforganiserend vermogen" in goal.description
    # Proposed again: nothing new, and the page says it is in the plan.
    assert _propose_goal(client, world, w1).status_code == 302
    assert Goal.objects.filter(plan__worker=w1).count() == 1
    page = client.get(reverse("reports:chain_agreement", args=[world.lagging.pk]))
    assert "Dit doel staat al in het ontwikkelplan" in page.content.decode()
    result = chain.agreement_chain(principal(world.manager), world.lagging.pk)
    assert [g.in_plan for g in links(result)["4R"].named] == [True, False, False, False, False]


def test_a_coach_proposes_goals_for_their_coachees_only(world, client):
    client.force_login(world.coach)
    assert _propose_goal(client, world, world.workers[1]).status_code == 302
    assert Goal.objects.filter(plan__worker=world.workers[1]).count() == 1
    # w4 is not the coach's coachee: a colleague may see the profile, not the plan.
    assert _propose_goal(client, world, world.workers[3]).status_code == 403
    assert not Goal.objects.filter(plan__worker=world.workers[3]).exists()


def test_who_may_not_add_goals_may_not_propose_them(world, client):
    client.force_login(world.collega)  # a colleague: sees the profile, not the plan
    assert _propose_goal(client, world, world.workers[0]).status_code == 403
    client.force_login(world.opdrachtgever)  # sees no worker at all
    assert _propose_goal(client, world, world.workers[0]).status_code == 404
    client.force_login(world.manager)
    # Not a proposal of the chain: w6 is at the norm in 4R, 4A is needed by nothing here.
    assert _propose_goal(client, world, world.workers[5]).status_code == 404
    assert _propose_goal(client, world, world.workers[0], "4A").status_code == 404
    assert client.get(reverse("reports:chain_propose_goal",
                              args=[world.lagging.pk])).status_code == 405
    assert not Goal.objects.exists()


def _propose_course(client, world, course, code="4R"):
    return client.post(reverse("reports:chain_propose_course", args=[world.lagging.pk]),
                       {"cursus": course.pk, "competentie": _codes(code)[0].pk})


def test_a_manager_proposes_a_course_for_the_joint_training_plan_once(world, client):
    client.force_login(world.manager)
    assert _propose_course(client, world, world.course_initiatives).status_code == 302
    proposal = TrainingProposal.objects.get()
    assert (proposal.organisation, proposal.course, proposal.competency.code,
            proposal.proposed_by) == (world.een, world.course_initiatives, "4R", world.manager)
    assert "Opbouwwerk Oost" in proposal.reason
    assert _propose_course(client, world, world.course_initiatives).status_code == 302
    assert TrainingProposal.objects.count() == 1
    result = chain.agreement_chain(principal(world.manager), world.lagging.pk)
    assert [o.proposed for o in links(result)["4R"].courses] == [True]
    assert [o.proposed for o in links(result)["4Q"].courses] == [False]
    # The joint training plan of the round lists it, for the manager and for analysts.
    for user in (world.manager, world.analist):
        plan = competence_selectors.joint_training_plan(principal(user), world.najaar)
        assert plan["proposals"] == [proposal]
    page = client.get(reverse("competences:training_plan", args=[world.najaar.pk]))
    assert "Voorgestelde cursussen" in page.content.decode()


def test_only_the_providers_managers_propose_courses(world, client):
    for user in (world.coach, world.workers[0], world.opdrachtgever):
        client.force_login(user)
        assert _propose_course(client, world, world.course_initiatives).status_code == 403
    client.force_login(world.manager)
    # Not a proposal of the chain: the course is not about 4P, or needed by nothing here.
    assert _propose_course(client, world, world.course_initiatives, "4P").status_code == 404
    assert _propose_course(client, world, world.course_contact, "4A").status_code == 404
    assert not TrainingProposal.objects.exists()


# Back: from a competency and a course ---------------------------------------------------------


def _titles(rows: list[dict]) -> list[str]:
    return [r["assignment"].title for r in rows]


def test_from_a_competency_back_to_the_agreements_that_depend_on_it(world, client):
    r4 = _codes("4R")[0]
    mine = chain.competency_chain(principal(world.manager), r4.pk)
    # Both of EEN's assignments used "support"; TWEE's is not the manager's to see. The one
    # with a lagging agreement first, and within it the lagging agreement first.
    assert _titles(mine["rows"]) == ["Opbouwwerk Oost", "Opbouwwerk West"]
    oost = mine["rows"][0]
    assert oost["behind"] == 1 and oost["interventions"] == ["Bewonersorganisaties ondersteunen"]
    assert [(p.indicator.code, p.status) for p in oost["agreements"]] == [
        ("bewonersinitiatieven", "behind"), ("activiteiten", "on_track")]
    assert [i.name for i in mine["interventions"]] == ["Bewonersorganisaties ondersteunen"]
    assert [c.title for c in mine["courses"]] == ["Bewonersinitiatieven versterken"]
    # The commissioner sees their own assignment only; 4P leads only to "Opbouwwerk Oost".
    theirs = chain.competency_chain(principal(world.opdrachtgever), r4.pk)
    assert _titles(theirs["rows"]) == ["Opbouwwerk Oost"]
    p4 = chain.competency_chain(principal(world.manager), _codes("4P")[0].pk)
    assert _titles(p4["rows"]) == ["Opbouwwerk Oost"]
    # Nothing used an intervention that needs 4O.
    assert chain.competency_chain(principal(world.manager), _codes("4O")[0].pk)["rows"] == []

    client.force_login(world.opdrachtgever)
    page = client.get(reverse("reports:chain_competency", args=[r4.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Opbouwwerk Oost" in text and "Opbouwwerk West" not in text
    assert reverse("reports:chain_agreement", args=[world.lagging.pk]) in text
    client.force_login(world.analist)  # sees no assignments, and so none here
    page = client.get(reverse("reports:chain_competency", args=[r4.pk]))
    assert page.status_code == 200 and "Opbouwwerk" not in page.content.decode()
    assert client.get(reverse("reports:chain_competency", args=[999_999])).status_code == 404


def test_from_a_course_back_to_the_agreements_that_depend_on_it(world, client):
    mine = chain.course_chain(principal(world.manager), world.course_initiatives.pk)
    assert [(c["competency"].code, [i.name for i in c["interventions"]])
            for c in mine["competencies"]] == [
        ("4Q", ["Bewonersorganisaties ondersteunen"]),
        ("4R", ["Bewonersorganisaties ondersteunen"])]
    assert _titles(mine["rows"]) == ["Opbouwwerk Oost", "Opbouwwerk West"]
    participation = chain.course_chain(principal(world.opdrachtgever),
                                       world.course_participation.pk)
    assert _titles(participation["rows"]) == ["Opbouwwerk Oost"]
    assert chain.course_chain(principal(world.manager), world.course_contact.pk)["rows"] == []

    client.force_login(world.buiten)  # TWEE's worker: their own assignment only
    page = client.get(reverse("reports:chain_course", args=[world.course_initiatives.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Opbouwwerk Twee" in text and "Opbouwwerk Oost" not in text


def test_the_chain_is_linked_from_assignments_competencies_and_courses(world, client):
    client.force_login(world.manager)
    detail = client.get(reverse("assignments:detail", args=[world.running.pk])).content.decode()
    # Only the lagging agreement asks why.
    assert detail.count("Waarom blijft dit achter?") == 1
    assert reverse("reports:chain_agreement", args=[world.lagging.pk]) in detail
    assert reverse("reports:chain_agreement", args=[world.on_course.pk]) not in detail
    course = client.get(reverse("competences:course", args=[world.course_initiatives.pk]))
    assert reverse("reports:chain_course", args=[world.course_initiatives.pk]) in \
        course.content.decode()
    r4 = _codes("4R")[0]
    framework = client.get(reverse("competences:framework", args=[r4.framework_id]))
    assert reverse("reports:chain_competency", args=[r4.pk]) in framework.content.decode()


# The demo ---------------------------------------------------------------------------------------


def test_the_demos_lagging_agreement_shows_the_whole_chain(demo):
    """In Kralingen-Crooswijk, SONOR's supported initiatives lag: its workers rarely use
    "Ondersteuning van bewonersorganisaties", which needs 4R, where most of them fall short;
    "Bewonersinitiatieven versterken" addresses 4R (demo/work_chain.py)."""
    from opbouw.accounts.models import User

    agreement = ResultAgreement.objects.get(
        assignment__provider__short_name="SONOR", assignment__status="running",
        assignment__commissioner__name="Deelgemeente Kralingen-Crooswijk",
        indicator__code="bewonersinitiatieven")
    manager = principal(User.objects.get(username="manager"))
    result = chain.agreement_chain(manager, agreement.pk)
    assert result.is_behind
    uses = {u.intervention.name: u for u in result.interventions if u.intervention}
    support = uses["Ondersteuning van bewonersorganisaties"]
    assert 0 < support.entries < min(u.entries for u in result.interventions
                                     if u.intervention and u is not support)
    r4 = links(result)["4R"]
    assert "Ondersteuning van bewonersorganisaties" in [i.name for i in r4.interventions]
    workers = result.workers
    assert workers
    below = len(r4.named) + (r4.short or 0)
    assert (r4.short or 0) >= 5 or len(r4.named) > workers / 2
    assert below > workers / 2
    assert "Bewonersinitiatieven versterken" in [o.course.title for o in r4.courses]
    # The commissioner sees the same chain without names: counts of five or more, or none.
    commissioner = principal(User.objects.get(username="opdrachtgever"))
    theirs = links(chain.agreement_chain(commissioner, agreement.pk))["4R"]
    assert theirs.named == [] and (theirs.short is None or theirs.short >= 5)
    # And back: the competency leads to this agreement, lagging.
    rows = chain.competency_chain(commissioner, r4.competency.pk)["rows"]
    lagging = [p for r in rows for p in r["agreements"] if p.agreement.pk == agreement.pk]
    assert [p.status for p in lagging] == ["behind"]

"""Demo data of assignments, logbook and signals: complete, consistent, and worth reporting on."""

import datetime as dt
from collections import Counter
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db.models import F, Max, Min, Sum
from django.utils import timezone

from opbouw.access.roles import Role
from opbouw.assignments.models import (
    ActionPlan,
    Amendment,
    Assignment,
    ManualValue,
    ResultAgreement,
)
from opbouw.core.personal_data import find_personal_data
from opbouw.demo import work, work_logbook, work_signals
from opbouw.demo.generate import demo_data_load
from opbouw.demo.tests.test_demo_data import wipe
from opbouw.logbook.models import Activity
from opbouw.organisations.models import Membership, Organisation, WorkerProfile
from opbouw.signals.models import FollowUp, Signal

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_tiny_scale_writes_plans_assignments_logbook_and_signals(demo):
    summary = demo.work
    assert summary["activities"] == Activity.objects.count()
    # From 1 January of last year: some 4,000 entries in January, 8,500 by the end of December.
    assert 3000 < summary["activities"] < 10_000
    assert summary["signals"] == Signal.objects.count() > 200
    assert summary["follow_ups"] == FollowUp.objects.count() > 200
    assert summary["assignments"] == Assignment.objects.count()
    # Every district commissioner has a WAP for this year and last year, 3-5 priorities each.
    year = timezone.localdate().year
    districts = Organisation.objects.filter(name__startswith="Deelgemeente ").count()
    assert ActionPlan.objects.filter(year=year).count() == districts == 14
    assert ActionPlan.objects.filter(year=year - 1).count() == districts
    for plan in ActionPlan.objects.select_related("commissioner", "area"):
        assert 3 <= plan.priorities.count() <= 5
        assert plan.commissioner.name == f"Deelgemeente {plan.area.name}"
    # Running assignments this year, finished ones last year, each with 4-6 agreements on the
    # logbook, signals and manual values (plus, where measured, some on measurements).
    for assignment in Assignment.objects.exclude(status="concept"):
        expected = "running" if assignment.starts_on.year == year else "finished"
        assert assignment.status == expected
        assert 4 <= assignment.agreements.exclude(indicator__source="measurement").count() <= 6
        assert work.MIN_BUDGET <= assignment.budget <= work.MAX_BUDGET
        assert assignment.areas.exists() and assignment.priorities.exists()
        district = assignment.commissioner.name.removeprefix("Deelgemeente ")
        assert set(assignment.areas.values_list("parent__name", flat=True)) == {district}
        offered = set(assignment.provider.offers.filter(
            areas__name=district, intervention__status="published").values_list(
            "intervention_id", flat=True))
        assert set(assignment.interventions.values_list("pk", flat=True)) == offered
    # Manual indicators have a value per quarter that has ended: all of last year's.
    manual = ResultAgreement.objects.filter(indicator__source="manual")
    assert manual.exists()
    quarters = [(dt.date(year - 1, m, 1), dt.date(year - 1, m + 2, 1)) for m in (1, 4, 7, 10)]
    for agreement in manual.filter(assignment__status="finished"):
        values = agreement.manual_values.order_by("starts_on")
        assert [(v.starts_on, v.ends_on.replace(day=1)) for v in values] == quarters
    if timezone.localdate().month > 3:  # a quarter of this year has ended
        assert ManualValue.objects.filter(agreement__assignment__status="running").exists()
    assert not ManualValue.objects.filter(ends_on__gte=timezone.localdate()).exists()


def check_hours() -> None:
    """Last year's assignments are complete: realised at 86-98% of their agreed hours. This
    year's are on course for that share of the part of the year gone by (after its first
    weeks, when a few half-hour entries are already more than that); none logs more than
    agreed. Where the budget is capped, entries are shorter."""
    today = timezone.localdate()
    done = work_logbook._year_done(today.year, today)
    low, high = work_logbook.REALISED
    assignments = Assignment.objects.exclude(status="concept").annotate(
        logged=Sum("activities__hours"), first=Min("activities__date"),
        last=Max("activities__date"))
    assert assignments.filter(status="finished").count() > 5
    for assignment in assignments:
        share = float((assignment.logged or 0) / assignment.agreed_hours)
        assert share <= 1, assignment
        if assignment.status == "finished":  # entries all year, not just in December
            assert low - 0.005 <= share <= high + 0.005, (assignment, share)
            assert assignment.first.month < 4 and assignment.last.month > 10
        elif done >= 0.05:
            assert (low - 0.01) * done <= share <= (high + 0.01) * done, (assignment, share)


def test_assignments_realise_their_agreed_hours_and_never_more(demo):
    check_hours()


def test_the_logbook_shows_two_summers_and_two_christmas_breaks(demo):
    today = timezone.localdate()

    def per_day(first: dt.date, last: dt.date) -> float:
        return Activity.objects.filter(date__range=(first, last)).count() / (
            (last - first).days + 1)

    years = [today.year - 1] + ([today.year] if today > dt.date(today.year, 8, 20) else [])
    for year in years:
        spring = per_day(dt.date(year, 3, 1), dt.date(year, 3, 31))
        assert per_day(dt.date(year, 7, 20), dt.date(year, 8, 20)) < 0.8 * spring
    christmas = per_day(dt.date(today.year - 1, 12, 22), dt.date(today.year - 1, 12, 31))
    assert christmas < 0.5 * per_day(dt.date(today.year - 1, 11, 1), dt.date(today.year - 1,
                                                                            11, 30))


def test_every_activity_respects_the_model_rules_and_its_assignment(demo):
    today = timezone.localdate()
    qs = Activity.objects.all()
    assert not qs.exclude(date__gte=F("assignment__starts_on"),
                          date__lte=F("assignment__ends_on")).exists()
    assert not qs.exclude(organisation=F("assignment__provider")).exists()
    assert not qs.exclude(assignment__status__in=["running", "finished"]).exists()
    assert not qs.filter(new_participants__gt=F("participants")).exists()
    assert not qs.exclude(hours__gte=Decimal("0.5"), hours__lte=4).exists()
    assert not qs.filter(date__gt=today).exists()
    # From 1 January of last year: last year's finished assignments have all their entries.
    assert not qs.filter(date__lt=dt.date(today.year - 1, 1, 1)).exists()
    assert qs.filter(date__lte=dt.date(today.year - 1, 1, 10)).exists()
    areas = set(Assignment.areas.through.objects.values_list("assignment_id", "area_id"))
    planned = set(Assignment.interventions.through.objects.values_list("assignment_id",
                                                                       "intervention_id"))
    workers = dict(WorkerProfile.objects.values_list("user_id", "organisation_id"))
    tz = timezone.get_current_timezone()
    rows = qs.values_list("assignment_id", "area_id", "intervention_id", "worker_id",
                          "organisation_id", "created_by_id", "date", "created_at", "hours",
                          "participants", "contact_form", "volunteers")
    for (assignment, area, intervention, worker, org, created_by, date, created_at, hours,
         participants, form, volunteers) in rows:
        assert (assignment, area) in areas
        assert intervention is None or (assignment, intervention) in planned
        assert workers[worker] == org and created_by == worker
        assert date.weekday() < 5
        assert created_at.astimezone(tz).date() == date
        assert created_at.astimezone(tz).time() <= dt.time(17)
        assert (hours * 4) % 1 == 0
        assert 0 <= volunteers <= 6
        low, high = work_logbook.FORMS[form][1]
        assert low <= participants <= high
    # A sample passes the model's own validation.
    for activity in qs.order_by("pk")[:50]:
        activity.full_clean()


def test_demo_worker_has_recent_editable_entries_and_plenty_of_older_ones(demo):
    now = timezone.now()
    mine = Activity.objects.filter(worker__username="medewerker")
    today = timezone.localdate()
    assert mine.filter(date__gte=today - dt.timedelta(days=2)).exists()
    window = dt.timedelta(days=settings.OPBOUW_LOGBOOK_EDIT_DAYS)
    assert mine.filter(created_at__gte=now - window).exists()
    assert mine.filter(created_at__lt=now - window).count() > 100
    assert mine.values("assignment").distinct().count() == 2  # this year's and last year's


def test_sonor_runs_an_assignment_in_kralingen_for_the_demo_commissioner(demo):
    year = timezone.localdate().year
    commissioner = Membership.objects.get(user__username="opdrachtgever",
                                          role=Role.COMMISSIONER).organisation
    assert commissioner.name == "Deelgemeente Kralingen-Crooswijk"
    running = Assignment.objects.get(provider__short_name="SONOR", commissioner=commissioner,
                                     status="running")
    assert running.starts_on == dt.date(year, 1, 1) and running.ends_on == dt.date(year, 12, 31)
    medewerker_areas = set(WorkerProfile.objects.get(user__username="medewerker")
                           .areas.values_list("pk", flat=True))
    assert medewerker_areas <= set(running.areas.values_list("pk", flat=True))
    assert running.interventions.exists()
    assert running.agreements.filter(indicator__code="tevredenheid").exists()
    # Amended once: the history and the version agree.
    amendment = Amendment.objects.get()
    assert amendment.assignment == running and running.version == amendment.version == 2
    old, new = amendment.changes["agreed_hours"]
    old, new = (Decimal(v.removesuffix(" uur").replace(".", "").replace(",", "."))
                for v in (old, new))
    assert new == running.agreed_hours and old < new
    assert amendment.actor.username == "opdrachtgever" and amendment.reason
    assert Assignment.objects.filter(provider__short_name="SONOR", commissioner=commissioner,
                                     status="concept", starts_on__year=year + 1).exists()


def test_signals_and_logbook_texts_hold_no_personal_data(demo):
    texts = list(Signal.objects.values_list("description", flat=True))
    texts += list(FollowUp.objects.values_list("note", flat=True))
    texts += list(Activity.objects.values_list("description", flat=True).distinct())
    texts += list(Activity.objects.values_list("follow_up", flat=True).distinct())
    assert len(texts) > 500
    assert [t for t in texts if find_personal_data(t)] == []


def test_signal_histories_match_their_status(demo):
    today = timezone.localdate()
    notes: dict[int, list[FollowUp]] = {}
    for note in FollowUp.objects.order_by("date", "pk"):
        notes.setdefault(note.signal_id, []).append(note)
    statuses = Counter()
    for signal in Signal.objects.all():
        statuses[signal.status] += 1
        status, referred_on, taken_up_on = "open", None, None
        for note in notes.get(signal.pk, []):
            assert note.status_before == status
            assert signal.date <= note.date <= today
            assert note.author_id == signal.reported_by_id
            if note.status_after == "referred" and note.status_before == "open":
                referred_on = note.date
                assert note.referred_to_id == signal.referred_to_id is not None
            if note.status_after == "taken_up":
                taken_up_on = note.date
            status = note.status_after
        assert status == signal.status
        assert signal.referred_on == referred_on and signal.taken_up_on == taken_up_on
        assert (signal.referred_to_id is None) == (referred_on is None)
    total = sum(statuses.values())
    referred = statuses["referred"] + statuses["taken_up"] + statuses["closed"]
    assert 0.4 < referred / total < 0.9
    assert statuses["taken_up"] + statuses["closed"] > statuses["referred"]
    assert all(statuses[s] for s in ("open", "referred", "taken_up", "closed"))


def test_demo_worker_has_signals_in_every_status_in_kralingen(demo):
    mine = Signal.objects.filter(reported_by__username="medewerker",
                                 area__parent__name="Kralingen-Crooswijk")
    assert {"open", "referred", "taken_up", "closed"} <= set(
        mine.values_list("status", flat=True))


def per_30_days(signals) -> tuple[float, float]:
    """Signals per 30 days: from 1 January of last year up to TREND_DAYS ago, and since."""
    today = timezone.localdate()
    border = today - dt.timedelta(days=work_signals.TREND_DAYS)
    earlier_days = (border - dt.date(today.year - 1, 1, 1)).days + 1
    late = signals.filter(date__gt=border).count() / (work_signals.TREND_DAYS / 30)
    early = signals.filter(date__lte=border).count() / (earlier_days / 30)
    return early, late


def monthly_means(district: str, category: str) -> tuple[float, float]:
    """A district's signals of a category per 30 days, before TREND_DAYS ago and since."""
    return per_30_days(Signal.objects.filter(area__parent__name=district,
                                             category__name=category))


def check_drug_nuisance(summary: dict) -> None:
    """Drug nuisance rises in Feijenoord in the last four months; elsewhere it does not."""
    assert summary["trend_district"] == "Feijenoord"
    early, late = monthly_means("Feijenoord", "Drugsoverlast")
    assert early > 0 and late >= 2 * early, (early, late)
    # Elsewhere nothing rises like that, on whichever day the demo is generated.
    early, late = per_30_days(Signal.objects.filter(category__name="Drugsoverlast").exclude(
        area__parent__name="Feijenoord"))
    assert early > 0 and late < 2 * early, (early, late)


# Categories that go up in summer and in winter (work_signals.SEASONS).
SUMMER = ["Vuil en zwerfafval", "Openbare ruimte en groen", "Jongeren op straat"]
WINTER = ["Eenzaamheid", "Schulden en armoede", "Inbraak en vandalisme", "Onveilige plekken"]


def check_seasons() -> None:
    """Last year (always complete): the summer categories take a larger share of the signals
    in June-August than in December-February, the winter categories the other way round."""
    signals = Signal.objects.filter(date__year=timezone.localdate().year - 1)

    def share(names: list[str], months: tuple[int, ...]) -> float:
        period = signals.filter(date__month__in=months)
        return period.filter(category__name__in=names).count() / period.count()

    summer, winter = (6, 7, 8), (12, 1, 2)
    assert share(SUMMER, summer) > 1.4 * share(SUMMER, winter)
    assert share(WINTER, winter) > 1.4 * share(WINTER, summer)


def test_drug_nuisance_rises_in_feijenoord(demo):
    check_drug_nuisance(demo.work)


def test_categories_follow_the_seasons(demo):
    b = work_signals._Builder(type("Ctx", (), {"rng": None, "today": None})())
    assert b.share("Vuil en zwerfafval", 7) > 1.5 * b.share("Vuil en zwerfafval", 1)
    assert b.share("Jongeren op straat", 7) > 1.5 * b.share("Jongeren op straat", 2)
    assert b.share("Eenzaamheid", 12) > 1.5 * b.share("Eenzaamheid", 6)
    assert b.share("Schulden en armoede", 1) > 1.5 * b.share("Schulden en armoede", 5)
    check_seasons()


def test_workdays_and_holiday_dips():
    assert work_logbook.day_factor(dt.date(2026, 3, 7)) == 0  # Saturday
    assert work_logbook.day_factor(dt.date(2026, 12, 25)) == 0
    assert work_logbook.day_factor(dt.date(2026, 3, 10)) == 1
    assert 0 < work_logbook.day_factor(dt.date(2026, 7, 29)) < 1  # summer
    assert work_logbook.day_factor(dt.date(2026, 12, 29)) < work_logbook.day_factor(
        dt.date(2026, 7, 29))


def counts() -> tuple:
    return (Activity.objects.count(), Signal.objects.count(), FollowUp.objects.count(),
            ResultAgreement.objects.count(), ManualValue.objects.count(),
            sorted(Activity.objects.values_list("worker__username", "date", "hours",
                                                "participants")[:200]),
            sorted(Signal.objects.values_list("reported_by__username", "date", "status",
                                              "category__name")))


# Both loads on the same day, whenever the test runs.
@time_machine.travel(dt.datetime(2027, 5, 12, 12, tzinfo=AMSTERDAM), tick=False)
def test_same_seed_same_work_data():
    demo_data_load(scale="tiny", seed=5)
    first = counts()
    wipe()
    demo_data_load(scale="tiny", seed=5)
    assert counts() == first


def test_command_prints_the_work_summary(db):
    out = StringIO()
    call_command("demo_data", "--scale", "tiny", stdout=out)
    text = out.getvalue()
    assert "wijkactieplannen" in text and "activiteiten" in text
    assert "drugsoverlast in Feijenoord" in text


@pytest.mark.parametrize("today", [dt.date(2024, 1, 1), dt.date(2028, 2, 29)], ids=str)
def test_a_new_years_day_or_a_leap_day_still_gives_consistent_data(today):
    """On a Monday that is a holiday, just after the year turned, and on 29 February, the whole
    demo loads and nothing falls outside. (test_work_demo_dates.py: the work on more days.)"""
    with time_machine.travel(dt.datetime.combine(today, dt.time(12), tzinfo=AMSTERDAM),
                             tick=False):
        demo_data_load(scale="tiny", seed=3)
        qs = Activity.objects.all()
        assert not qs.exclude(date__gte=F("assignment__starts_on"),
                              date__lte=F("assignment__ends_on")).exists()
        assert qs.filter(worker__username="medewerker", date=today).exists()
        assert not qs.filter(date__gt=today).exists()
        assert not Signal.objects.filter(date__gt=today).exists()
        assert not FollowUp.objects.filter(date__gt=today).exists()
        assert Assignment.objects.filter(status="running",
                                         starts_on=dt.date(today.year, 1, 1)).count() == \
            Assignment.objects.filter(status="finished").count()
        early, late = monthly_means("Feijenoord", "Drugsoverlast")
        assert late >= 2 * early


def test_every_agreement_passes_the_rules_of_the_agreement_form(demo):
    # A commissioner who opens a demo agreement must be able to save it unchanged: a count
    # such as "groups that carry on" has a whole baseline, never 4,8 groups.
    from opbouw.assignments.services import _value_errors

    for agreement in ResultAgreement.objects.select_related("indicator"):
        errors: dict = {}
        _value_errors("target", agreement.target, agreement.indicator, errors)
        _value_errors("baseline", agreement.baseline, agreement.indicator, errors,
                      required=False)
        assert not errors, (agreement.indicator.code, agreement.baseline, agreement.target)


def test_assignments_and_entries_use_published_interventions_only(demo):
    # The services refuse a draft from the toolbox in an assignment or logbook entry, and
    # most users cannot open a draft: the demo must not link one either.
    assert not Assignment.interventions.through.objects.exclude(
        intervention__status="published").exists()
    assert not Activity.objects.exclude(intervention=None).exclude(
        intervention__status="published").exists()

"""Worker profiles: pages, the edit form, its service and the audit trail."""

import pytest
from django.urls import reverse

from opbouw.access.actor import NOBODY
from opbouw.access.roles import Role
from opbouw.areas.models import Area
from opbouw.core.models import AuditEvent
from opbouw.organisations.models import Membership, WorkerProfile
from opbouw.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(demo):
    return WorkerProfile.objects.get(user__username="medewerker")


def edit_url(profile):
    return reverse("organisations:person_edit", kwargs={"pk": profile.pk})


def test_scw_level_follows_function():
    levels = {f: WorkerProfile(function=f).scw_level for f in WorkerProfile.Function.values}
    assert levels == {"aspiring": 1, "junior": 2, "worker": 3, "senior_1": 4, "senior_2": 4}


def test_manager_changes_function_areas_and_coach_and_it_is_audited(login, profile):
    client = login("manager")
    areas = list(Area.objects.filter(level=Area.Level.NEIGHBOURHOOD,
                                     parent__name="Prins Alexander")[:2])
    coach = WorkerProfile.objects.filter(organisation=profile.organisation).exclude(
        user__username__in=["medewerker", "coach"]).first().user
    Membership.objects.create(user=coach, organisation=profile.organisation, role=Role.COACH)
    response = client.post(edit_url(profile), {
        "function": "senior_1", "coach": coach.pk, "areas": [a.pk for a in areas],
        "hours_per_week": "28,5",
    })
    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    assert profile.function == "senior_1"
    assert profile.scw_level == 4
    assert profile.coach == coach
    assert set(profile.areas.all()) == set(areas)
    assert str(profile.hours_per_week) == "28.5"
    event = AuditEvent.objects.get(action="update", object_type="organisations.workerprofile")
    assert event.actor.username == "manager"
    assert set(event.fields) == {"function", "coach", "areas", "hours_per_week"}


def test_bad_input_gets_dutch_field_messages_and_changes_nothing(login, profile):
    client = login("manager")
    before = (profile.function, profile.coach_id, profile.hours_per_week)
    response = client.post(edit_url(profile), {
        "function": "directeur", "coach": "999999", "hours_per_week": "veel",
    })
    assert response.status_code == 200
    form = response.context["form"]
    assert "function" in form.errors
    assert form.errors["coach"] == ["Kies een coach uit de lijst."]
    assert form.errors["hours_per_week"] == ["Vul een getal in, bijvoorbeeld 28 of 32,5."]
    assert "Verbeter de 3 velden hieronder." in response.content.decode()
    profile.refresh_from_db()
    assert (profile.function, profile.coach_id, profile.hours_per_week) == before
    assert not AuditEvent.objects.filter(action="update").exists()


def test_coach_of_another_organisation_is_refused_by_the_service(profile):
    from django.core.exceptions import ValidationError

    from opbouw.organisations import services

    outsider_coach = MembershipFactory(role=Role.COACH).user
    with pytest.raises(ValidationError) as excinfo:
        services.worker_profile_update(actor=NOBODY, profile=profile, function="worker",
                                       coach=outsider_coach, areas=[], hours_per_week=None)
    assert "coach" in excinfo.value.message_dict


def test_worker_cannot_post_to_the_edit_page(login, profile):
    client = login("medewerker")
    response = client.post(edit_url(profile), {"function": "senior_2"})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.function == "worker"


def test_manager_of_another_organisation_gets_404_like_missing(login, profile):
    other = Membership.objects.filter(role=Role.MANAGER).exclude(
        organisation=profile.organisation).first().user
    client = login(other.username)
    assert client.get(edit_url(profile)).status_code == 404
    assert client.get(reverse("organisations:person", kwargs={"pk": 10**9})).status_code == 404


def test_people_list_searches_and_shows_no_one_outside_scope(login, demo):
    client = login("medewerker")
    response = client.get(reverse("organisations:people"), {"zoek": "de Vries"})
    names = [p.user.last_name for p in response.context["page"].object_list]
    assert names and all("de vries" in n.lower() for n in names)
    assert {p.organisation.short_name for p in response.context["page"].object_list} == {"SONOR"}


def test_people_list_has_no_query_per_row(login, demo, django_assert_max_num_queries):
    client = login("beheerder")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("organisations:people"))
    assert len(response.context["page"].object_list) == WorkerProfile.objects.count()


def test_coach_home_lists_coachees(login, demo):
    response = login("coach").get(reverse("web:home"))
    coachees = response.context["coachees"]
    assert "medewerker" in [c.user.username for c in coachees]


def test_working_areas_outside_the_organisations_area_are_refused(login, profile):
    charlois = Area.objects.filter(parent__name="Charlois").first()
    response = login("manager").post(edit_url(profile), {
        "function": "worker", "areas": [charlois.pk]})
    assert response.context["form"].errors["areas"] == ["Kies werkgebieden uit de lijst."]
    assert charlois not in profile.areas.all()


def test_edit_form_groups_working_areas_by_district(login, profile):
    html = login("manager").get(edit_url(profile)).content.decode()
    assert '<details class="op-group" open>' in html  # the district of the current areas
    assert "Kralingen-Crooswijk" in html and "Charlois" not in html


def test_people_without_a_coach_filter(login, demo):
    response = login("manager").get(reverse("organisations:people"), {"coach": "geen"})
    listed = list(response.context["page"].object_list)
    assert listed and all(p.coach_id is None for p in listed)


def test_service_refuses_areas_outside_the_organisations_working_area(profile):
    from django.core.exceptions import ValidationError

    from opbouw.organisations import services

    charlois = Area.objects.filter(parent__name="Charlois").first()
    with pytest.raises(ValidationError) as excinfo:
        services.worker_profile_update(actor=NOBODY, profile=profile, function="worker",
                                       coach=None, areas=[charlois], hours_per_week=None)
    assert "ligt niet in het werkgebied van SONOR" in excinfo.value.message_dict["areas"][0]


def test_colleagues_do_not_see_each_others_contract_hours(login, profile):
    url = reverse("organisations:person", kwargs={"pk": profile.pk})
    colleague = WorkerProfile.objects.filter(organisation=profile.organisation).exclude(
        user__username__in=["medewerker", "coach"]).first().user
    assert "Uren per week" not in login(colleague.username).get(url).content.decode()
    for username in ("medewerker", "coach", "manager", "beheerder"):
        assert "Uren per week" in login(username).get(url).content.decode(), username


def test_people_search_by_full_name(login, demo):
    profile = WorkerProfile.objects.exclude(user__username__in=["medewerker"]).filter(
        organisation__short_name="SONOR").select_related("user").first()
    full = f"{profile.user.first_name} {profile.user.last_name}"
    response = login("manager").get(reverse("organisations:people"), {"zoek": full})
    assert profile in list(response.context["page"].object_list)


def test_two_workers_cannot_coach_each_other(profile):
    from django.core.exceptions import ValidationError

    from opbouw.organisations import services

    coach = profile.coach
    coach_profile = WorkerProfile.objects.get(user=coach)
    Membership.objects.get_or_create(user=profile.user, organisation=profile.organisation,
                                     role=Role.COACH)
    with pytest.raises(ValidationError) as excinfo:
        services.worker_profile_update(actor=NOBODY, profile=coach_profile,
                                       function=coach_profile.function, coach=profile.user,
                                       areas=list(coach_profile.areas.all()),
                                       hours_per_week=None)
    assert "gecoacht" in excinfo.value.message_dict["coach"][0]

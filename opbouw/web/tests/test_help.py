"""The guides per role at /hulp/: every role has one, every screenshot exists, the menu and each
module's start page lead to them."""

import re

import pytest
from django.urls import reverse

from opbouw.access.roles import Role
from opbouw.web import help as guides

DEMO_LOGINS = {
    "medewerker": Role.WORKER, "coach": Role.COACH, "manager": Role.MANAGER,
    "analist": Role.ANALYST, "opdrachtgever": Role.COMMISSIONER, "beheerder": Role.ADMIN,
}
# Module start page -> the app whose section its "Hulp bij ..." link opens.
MODULE_PAGES = {
    "/competenties/": "competences", "/methoden/": "methods", "/opdrachten/": "assignments",
    "/logboek/": "logbook", "/signalen/": "signals", "/metingen/": "measurements",
}


def test_every_role_has_a_guide_with_sections():
    assert set(guides.ROLE_SLUGS) == set(Role.values)
    for role in Role.values:
        guide = guides.guide(role)
        assert guide.title.startswith("Handleiding voor")
        assert guide.sections, role
        assert guide.section("start") is not None, f"{role}: no section 'start'"


def test_every_screenshot_a_guide_shows_exists_in_static():
    missing = []
    for guide in guides.all_guides():
        assert guide.screenshots, f"the guide for {guide.role} shows no screenshot"
        for shot in guide.screenshots:
            path = guides.STATIC_DIR / guides.IMAGE_PREFIX / shot.file
            if not path.is_file():
                missing.append(f"{guide.slug}: {shot.file}")
            assert shot.alt.strip(), f"{shot.file} has no alt text"
    assert not missing, f"screenshots missing (run e2e/test_help.py): {missing}"


def test_every_module_is_explained_in_some_guide():
    for module, anchor in guides.MODULE_ANCHORS.items():
        assert any(g.section(anchor) for g in guides.all_guides()), module


def test_links_between_guides_reach_a_section_that_exists():
    ids = {g.slug: {g.slug} | {s.element_id(g.slug) for s in g.sections}
           for g in guides.all_guides()}
    for guide in guides.all_guides():
        html = "".join(str(b.html) for s in guide.sections for b in s.blocks if b.html)
        for slug, fragment in re.findall(r'href="/hulp/([a-z]+)/(?:#([a-z-]+))?"', html):
            assert slug in ids, f"{guide.slug} links to an unknown guide {slug}"
            assert not fragment or fragment in ids[slug], f"{guide.slug} -> {slug}#{fragment}"


def test_a_guide_renders_no_raw_html():
    guide = guides.parse_guide(Role.WORKER, "# Titel\n\n## Deel {#deel}\n\n"
                                            "<script>alert(1)</script> **vet**\n")
    html = str(guide.sections[0].blocks[0].html)
    assert "<script" not in html and "<strong>vet</strong>" in html


def test_a_section_without_an_anchor_is_refused():
    with pytest.raises(ValueError, match="anchor"):
        guides.parse_guide(Role.WORKER, "# Titel\n\n## Zonder anker\n")


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_help_is_in_the_menu_for_every_role(demo, login, username):
    nav = login(username).get("/").context["nav_items"]
    assert [(str(i["label"]), i["url"]) for i in nav][-1] == ("Hulp", "/hulp/")


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_help_page_shows_the_own_guide_first_and_lists_the_others(demo, login, username):
    response = login(username).get(reverse("web:help"))
    assert response.status_code == 200
    own, others = response.context["own"], response.context["others"]
    assert own[0].role == DEMO_LOGINS[username]
    assert {g.role for g in own} | {g.role for g in others} == set(Role.values)
    html = response.content.decode()
    assert html.index(own[0].title) < html.index("Handleidingen voor andere rollen")
    for guide in others:
        assert reverse("web:help_guide", args=[guide.slug]) in html
    nav = [i for i in response.context["nav_items"] if i["current"]]
    assert [i["url"] for i in nav] == ["/hulp/"]


@pytest.mark.django_db
def test_a_coach_reads_the_coach_guide_and_then_the_worker_guide(demo, login):
    response = login("coach").get(reverse("web:help"))
    assert [g.slug for g in response.context["own"]] == ["coach", "medewerker"]
    html = response.content.decode()
    assert 'id="coach-competenties"' in html and 'id="medewerker-logboek"' in html


@pytest.mark.django_db
def test_every_guide_has_its_own_page(demo, login):
    client = login("medewerker")
    for guide in guides.all_guides():
        response = client.get(reverse("web:help_guide", args=[guide.slug]))
        assert response.status_code == 200
        html = response.content.decode()
        assert guide.title in html
        for shot in guide.screenshots:
            assert shot.url in html
    assert client.get("/hulp/onbekend/").status_code == 404


@pytest.mark.django_db
def test_the_help_page_says_the_guides_are_dutch_in_english(demo, login):
    client = login("manager")
    client.post(reverse("accounts:language"), {"language": "en", "next": "/hulp/"})
    html = client.get(reverse("web:help")).content.decode()
    assert "available in Dutch only" in html and 'lang="nl"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "page", "href"), [
    ("medewerker", "/logboek/", "/hulp/#medewerker-logboek"),
    ("medewerker", "/signalen/", "/hulp/#medewerker-signalen"),
    ("medewerker", "/competenties/", "/hulp/#medewerker-competenties"),
    ("coach", "/competenties/", "/hulp/#coach-competenties"),
    ("coach", "/metingen/", "/hulp/#medewerker-metingen"),
    ("manager", "/metingen/", "/hulp/#manager-metingen"),
    ("manager", "/opdrachten/", "/hulp/#manager-opdrachten"),
    ("analist", "/methoden/", "/hulp/#analist-methoden"),
    ("opdrachtgever", "/opdrachten/", "/hulp/#opdrachtgever-opdrachten"),
    # No section in one's own guide: the first guide that explains the module.
    ("beheerder", "/methoden/", "/hulp/medewerker/#medewerker-methoden"),
])
def test_module_start_pages_link_to_their_help_section(demo, login, username, page, href):
    html = login(username).get(page).content.decode()
    assert f'href="{href}"' in html, f"{page} as {username}"


@pytest.mark.django_db
def test_every_module_start_page_has_a_help_link(demo, login):
    client = login("manager")
    for page, module in MODULE_PAGES.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert str(guides.MODULE_LINK_LABELS[module]) in response.content.decode(), page


@pytest.mark.django_db
def test_a_user_without_a_role_sees_every_guide_listed(client):
    from opbouw.organisations.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("web:help"))
    assert response.status_code == 200
    assert response.context["own"] == []
    assert len(response.context["others"]) == len(Role.values)
    assert "U heeft nog geen rol" in response.content.decode()

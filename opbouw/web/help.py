"""The guides per role (Dutch Markdown in web/help/), split into sections with anchors.

A guide is `help/<slug>.md`: a first line `# Title`, an introduction, then sections that start
with `## Title {#anchor}`. A line holding only `![alt text](name.png)` is a screenshot, served
from static `opbouw/help/name.png` (the browser test e2e/test_help.py makes them). The text
between screenshots goes through the site's safe Markdown (core/markdown.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from opbouw.access.principal import Principal
from opbouw.access.roles import Role
from opbouw.core.markdown import render_markdown

GUIDE_DIR = Path(__file__).resolve().parent / "help"
STATIC_DIR = Path(__file__).resolve().parent / "static"
IMAGE_PREFIX = "opbouw/help/"

# Role -> the guide's Dutch slug, in the order the help page lists them.
ROLE_SLUGS = {
    Role.WORKER: "medewerker",
    Role.COACH: "coach",
    Role.MANAGER: "manager",
    Role.ANALYST: "analist",
    Role.COMMISSIONER: "opdrachtgever",
    Role.ADMIN: "beheerder",
}
# Which of one's own guides comes first: the broadest role, as the home page picks it.
_OWN_ORDER = (Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.COMMISSIONER, Role.COACH, Role.WORKER)

# Module (app label) -> the section anchor its start page links to.
MODULE_ANCHORS = {
    "competences": "competenties",
    "methods": "methoden",
    "assignments": "opdrachten",
    "logbook": "logboek",
    "signals": "signalen",
    "measurements": "metingen",
    "reports": "rapportages",
}
MODULE_LINK_LABELS = {
    "competences": _("Hulp bij competenties"),
    "methods": _("Hulp bij methoden"),
    "assignments": _("Hulp bij opdrachten"),
    "logbook": _("Hulp bij het logboek"),
    "signals": _("Hulp bij signalen"),
    "measurements": _("Hulp bij metingen"),
    "reports": _("Hulp bij rapportages"),
}

_SECTION = re.compile(r"^## +(?P<title>.+?) *\{#(?P<anchor>[a-z0-9-]+)\} *$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]+)\]\((?P<file>[a-z0-9-]+\.png)\) *$")


@dataclass(frozen=True)
class Screenshot:
    file: str
    alt: str

    @property
    def url(self) -> str:
        return static(IMAGE_PREFIX + self.file)


@dataclass(frozen=True)
class Block:
    """Either safe HTML from Markdown or one screenshot."""

    html: SafeString | None = None
    screenshot: Screenshot | None = None


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    blocks: tuple[Block, ...]

    def element_id(self, slug: str) -> str:
        return f"{slug}-{self.anchor}"


@dataclass(frozen=True)
class Guide:
    role: str
    slug: str
    title: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)

    @property
    def screenshots(self) -> list[Screenshot]:
        blocks = list(self.intro) + [b for s in self.sections for b in s.blocks]
        return [b.screenshot for b in blocks if b.screenshot is not None]

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)

    def toc(self) -> list[tuple[str, str]]:
        """(element id, title) for each section, for the table of contents."""
        return [(s.element_id(self.slug), s.title) for s in self.sections]


def _blocks(lines: list[str]) -> tuple[Block, ...]:
    """Markdown text between screenshot lines, each part rendered safely."""
    blocks: list[Block] = []
    text: list[str] = []

    def flush() -> None:
        if "".join(text).strip():
            blocks.append(Block(html=mark_safe(render_markdown("\n".join(text)))))
        text.clear()

    for line in lines:
        image = _IMAGE.match(line.strip())
        if image:
            flush()
            blocks.append(Block(screenshot=Screenshot(image["file"], image["alt"])))
        else:
            text.append(line)
    flush()
    return tuple(blocks)


def parse_guide(role: str, text: str) -> Guide:
    """Split a guide's Markdown into its title, introduction and sections."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ValueError(f"The guide for {role} must start with '# Title'.")
    title = lines[0][2:].strip()
    intro: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    for line in lines[1:]:
        heading = _SECTION.match(line)
        if heading:
            sections.append((heading["anchor"], heading["title"], []))
        elif line.startswith("## "):
            raise ValueError(f"Section without an anchor in the guide for {role}: {line}")
        elif sections:
            sections[-1][2].append(line)
        else:
            intro.append(line)
    anchors = [anchor for anchor, _title, _lines in sections]
    if len(set(anchors)) != len(anchors):
        raise ValueError(f"Two sections with the same anchor in the guide for {role}.")
    return Guide(
        role=role, slug=ROLE_SLUGS[Role(role)], title=title, intro=_blocks(intro),
        sections=tuple(Section(anchor, t, _blocks(body)) for anchor, t, body in sections),
    )


@cache
def guide(role: str) -> Guide:
    """The guide for a role, read once per process."""
    slug = ROLE_SLUGS[Role(role)]
    return parse_guide(role, (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8"))


def all_guides() -> list[Guide]:
    return [guide(role) for role in ROLE_SLUGS]


def guide_by_slug(slug: str) -> Guide | None:
    return next((g for g in all_guides() if g.slug == slug), None)


def own_guides(principal: Principal) -> list[Guide]:
    """The guides of the principal's roles, the broadest role first."""
    return [guide(role) for role in _OWN_ORDER if principal.has_role(role)]


def module_help_url(principal: Principal, module: str) -> str | None:
    """Where a module's start page links for help: a section in one's own guide if it has one,
    else the first guide that explains the module."""
    from django.urls import reverse

    anchor = MODULE_ANCHORS[module]
    for g in own_guides(principal):
        section = g.section(anchor)
        if section is not None:
            return f"{reverse('web:help')}#{section.element_id(g.slug)}"
    for g in all_guides():
        section = g.section(anchor)
        if section is not None:
            return f"{reverse('web:help_guide', args=[g.slug])}#{section.element_id(g.slug)}"
    return None

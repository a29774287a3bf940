"""The documents of a report: a PDF to hand out and a workbook with every figure.

Both start from the figures (``figures.build``, or a report's frozen copy) and say what the
page says: the verdict words, sentences and charts come from ``presentation.context``.

The PDF is HTML and CSS (``templates/reports/pdf.html`` and ``pdf.css``) laid out by
WeasyPrint: a cover, a table of contents with page numbers, the three questions of
Results-Based Accountability with the agreements under the question they answer, every chart
as vector SVG with its figures as a table under it, and "Pagina n van m" at the foot of every
page.

Safety: every text in a report comes from people (titles, names, stories). The template
renders it with autoescaping on; only the charts' SVG is marked safe, and vl-convert escapes
the text in it. WeasyPrint gets no base URL and a fetcher that refuses every URL except
``data:`` (:func:`data_only_fetcher`), so nothing in a document can read a local file or
reach the network. The workbook is written by ``core.exports``, which never writes a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opbouw.assignments.models import Assignment, Indicator
from opbouw.core.exports import DATE, NUMBER, TEXT, Column, Table, export_response, workbook_xlsx
from opbouw.core.formats import date_text
from opbouw.reports import presentation
from opbouw.reports.models import Report

FONTS = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif'  # on the machine, no download
CHANGE_MEANINGS = {"better": gettext_lazy("verbeterd"), "worse": gettext_lazy("verslechterd"),
                   "unclear": gettext_lazy("kan toeval zijn (interval omvat 0)")}


# --- What the documents say about the report ----------------------------------------------


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def is_frozen(report: Report | None) -> bool:
    """Whether the report shows figures frozen at a submit (as ``selectors.report_figures``)."""
    return report is not None and report.figures is not None and not report.is_open


def state_text(report: Report | None) -> str:
    """"cijfers vastgezet op ..." for frozen figures, else that they are live."""
    if is_frozen(report) and report is not None and report.frozen_at is not None:
        return _("cijfers vastgezet op %(when)s") % {
            "when": date_text(report.frozen_at, "DATETIME_FORMAT")}
    return _("actuele cijfers, nog niet vastgezet")


def filename(figures: dict, ext: str, report: Report | None = None) -> str:
    """``verantwoording-<title>-<period>.pdf``, with the version of a report after it."""
    title = slugify(figures["assignment"]["title"])[:60].strip("-") or "opdracht"
    version = f"-v{report.number}" if report is not None else ""
    period = slugify(figures["period"]["code"]) or "periode"
    return f"verantwoording-{title}-{period}{version}.{ext}"


def _detail(figures: dict, fmt: str, report: Report | None) -> str:
    """The audit entry, in Dutch whatever the language of the one who downloads."""
    version = f" versie {report.number}" if report is not None else ""
    return (f"Verantwoording {figures['assignment']['title']} "
            f"{figures['period']['code']}{version} ({fmt.upper()})")


# --- PDF ----------------------------------------------------------------------------------


class FetchRefused(ValueError):
    """A document asked for a URL other than ``data:`` (a file, the network)."""


def data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that hands out ``data:`` URLs only and refuses the rest.

    Every URL it is asked for is kept in ``asked`` (the tests check no file was asked for).
    A refusal raises :class:`FetchRefused`; WeasyPrint leaves the image or stylesheet out.
    """
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False,
                             fail_on_errors=False)
            self.asked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.asked.append(url)
            if not url.strip().lower().startswith("data:"):
                raise FetchRefused(f"Documents fetch nothing but data: URLs, not {url[:80]!r}")
            return super().fetch(url, headers)

    return DataOnlyFetcher()


def _css_string(text: str) -> str:
    """Text as a CSS string: every character but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}"
                         for c in text) + '"'


def page_counter() -> SafeString:
    """The CSS ``content`` of "Pagina n van m" in the active language."""
    label = _("Pagina %(n)s van %(total)s")
    parts: list[str] = []
    rest = label
    for key, counter in (("%(n)s", "counter(page)"), ("%(total)s", "counter(pages)")):
        before, _found, rest = rest.partition(key)
        if before:
            parts.append(_css_string(before))
        parts.append(counter)
    if rest:
        parts.append(_css_string(rest))
    # Made of our own translation, every character escaped: no user text.
    return mark_safe(" ".join(parts))  # noqa: S308


def _progress_width(progress: int | None) -> int | None:
    return None if progress is None else max(0, min(100, int(progress)))


def pdf_context(figures: dict, *, assignment: Assignment, report: Report | None = None,
                stories: dict | None = None, printed_at: dt.datetime | None = None) -> dict:
    """What the PDF template needs: the page's context and the cover's facts."""
    found = presentation.context(figures, stories=stories)
    for a in found["agreements"]:
        a["progress_width"] = _progress_width(a["progress"])
    by_category = {group["category"]: group["agreements"] for group in found["by_category"]}
    # In the order of the three questions, as the chapters follow them.
    ordered = [a for category in Indicator.Category.values for a in by_category.get(category, [])]
    printed_at = printed_at or timezone.now()
    return found | {
        "assignment": assignment,
        "report": report,
        "frozen": is_frozen(report),
        "state_text": state_text(report),
        "show_stories": stories is not None,
        "printed_at": printed_at,
        "language": (get_language() or "nl").split("-")[0],
        "fonts": FONTS,
        "page_counter": page_counter(),
        "overview": ordered,
        "quantity_agreements": by_category.get(Indicator.Category.QUANTITY, []),
        "quality_agreements": by_category.get(Indicator.Category.QUALITY, []),
        "better_off_agreements": by_category.get(Indicator.Category.BETTER_OFF, []),
        "methods": [str(text) for text in presentation.METHODS.values()],
    }


def pdf_html(figures: dict, *, assignment: Assignment, report: Report | None = None,
             stories: dict | None = None, printed_at: dt.datetime | None = None) -> str:
    """The report as one HTML document for print (autoescaped; charts as inline SVG)."""
    return render_to_string("reports/pdf.html", pdf_context(
        figures, assignment=assignment, report=report, stories=stories,
        printed_at=printed_at))


def pdf_bytes(html: str, *, fetcher: Any = None) -> bytes:
    """The HTML laid out as a tagged A4 PDF, without a base URL and fetching only data:."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=None, url_fetcher=fetcher or data_only_fetcher())
    return document.write_pdf(pdf_tags=True)


def pdf(figures: dict, *, assignment: Assignment, report: Report | None = None,
        stories: dict | None = None) -> bytes:
    return pdf_bytes(pdf_html(figures, assignment=assignment, report=report, stories=stories))


def pdf_response(request: HttpRequest, *, figures: dict, assignment: Assignment,
                 report: Report | None = None, stories: dict | None = None) -> HttpResponse:
    """The report as a PDF download; the download is written to the audit log."""
    return export_response(
        request=request, body=pdf(figures, assignment=assignment, report=report,
                                  stories=stories),
        fmt="pdf", filename=filename(figures, "pdf", report),
        detail=_detail(figures, "pdf", report), obj=report or assignment)


# --- Workbook -----------------------------------------------------------------------------


def _summary_table(figures: dict, report: Report | None) -> Table:
    a, period, q = figures["assignment"], figures["period"], figures["quantity"]
    s = figures["spend"]
    rows: list[tuple[str, Any]] = [
        (_("Opdracht"), a["title"]),
        (_("Opdrachtgever"), a["commissioner"]),
        (_("Opdrachtnemer"), a["provider"]),
        (_("Gebieden"), ", ".join(a["areas"])),
        (_("Looptijd vanaf"), _day(a["starts_on"])),
        (_("Looptijd tot en met"), _day(a["ends_on"])),
        (_("Periode"), period["label"]),
        (_("Periode vanaf"), _day(period["starts_on"])),
        (_("Periode tot en met"), _day(period["ends_on"])),
        (_("Cijfers tot en met"), _day(figures["as_of"])),
        (_("Status"), report.get_status_display() if report is not None
         else _("actuele cijfers, nog niet vastgezet")),
        (_("Versie"), report.number if report is not None else None),
        (_("Cijfers vastgezet op"), report.frozen_at if is_frozen(report) and report
         else None),
        (_("Gemaakt op"), timezone.localtime()),
        (_("Uren"), q["totals"]["hours"]),
        (_("Afgesproken uren in deze periode"), s.get("agreed_hours")),
        (_("Activiteiten"), q["totals"]["activities"]),
        (_("Deelnemers"), q["totals"]["participants"]),
        (_("Nieuwe deelnemers"), q["totals"]["new_participants"]),
        (_("Inzet van vrijwilligers"), q["totals"]["volunteers"]),
        (_("Activiteiten voor een bewonersinitiatief"), q["totals"]["initiatives"]),
        (_("Activiteiten met een vervolg (%)"), q["follow_up_share"]),
        (_("Budget in deze periode (naar rato)"), s.get("budget")),
        (_("Budget van de hele opdracht"), s.get("budget_total")),
    ]
    counts: dict[str, int] = {}
    for agreement in figures["agreements"]:
        counts[agreement["verdict"]] = counts.get(agreement["verdict"], 0) + 1
    for verdict in presentation.VERDICT_ORDER:
        if counts.get(verdict):
            rows.append((_("Afspraken: %(verdict)s") % {
                "verdict": presentation.VERDICT_LABELS[verdict]}, counts[verdict]))
    return Table(name=_("Samenvatting"), columns=[
        Column(_("Onderdeel"), TEXT, width=42), Column(_("Waarde"), width=50)], rows=rows)


def _agreements_table(figures: dict) -> Table:
    rows = []
    for a in figures["agreements"]:
        f = a.get("forecast") or {}
        rows.append((
            a["indicator"], str(Indicator.Category(a["category"]).label), a["unit"],
            a["baseline"], a["target"], _day(a["starts_on"]), _day(a["ends_on"]), a["value"],
            a["low"], a["high"], str(presentation.VERDICT_LABELS[a["verdict"]]),
            a["progress"], f.get("value"), f.get("low"), f.get("high"), _day(f.get("end")),
            str(presentation.METHODS.get(f.get("method", ""), "")), presentation.reason(a),
            a["note"]))
    number = [Column(label, NUMBER, width=12) for label in (
        _("Nulwaarde"), _("Streefwaarde"))]
    return Table(name=_("Afspraken"), columns=[
        Column(_("Indicator"), TEXT, width=40), Column(_("RBA-vraag"), TEXT, width=32),
        Column(_("Eenheid"), TEXT, width=12), *number,
        Column(_("Vanaf"), DATE, width=11), Column(_("Tot en met"), DATE, width=11),
        Column(_("Waarde"), NUMBER, width=11),
        Column(_("Waarde, ondergrens (95%)"), NUMBER, width=12),
        Column(_("Waarde, bovengrens (95%)"), NUMBER, width=12),
        Column(_("Oordeel"), TEXT, width=16), Column(_("Voortgang (%)"), NUMBER, width=11),
        Column(_("Voorspelling"), NUMBER, width=12),
        Column(_("Voorspelling, ondergrens (95%)"), NUMBER, width=12),
        Column(_("Voorspelling, bovengrens (95%)"), NUMBER, width=12),
        Column(_("Voorspelling op"), DATE, width=11), Column(_("Methode"), TEXT, width=50),
        Column(_("Toelichting oordeel"), TEXT, width=60), Column(_("Notitie"), TEXT, width=30),
    ], rows=rows)


def _curves_table(figures: dict) -> Table:
    rows = []
    for a in figures["agreements"]:
        for p in a["points"]:
            rows.append((a["indicator"], a["unit"], p["label"], _day(p["starts_on"]),
                         _day(p["end"]), p["value"], p["own"], p["low"], p["high"]))
    return Table(name=_("Curves"), columns=[
        Column(_("Indicator"), TEXT, width=40), Column(_("Eenheid"), TEXT, width=12),
        Column(_("Kwartaal"), TEXT, width=10), Column(_("Vanaf"), DATE, width=11),
        Column(_("Tot en met"), DATE, width=11), Column(_("Waarde"), NUMBER, width=11),
        Column(_("Waarde in het kwartaal zelf"), NUMBER, width=14),
        Column(_("Ondergrens (95%)"), NUMBER, width=11),
        Column(_("Bovengrens (95%)"), NUMBER, width=11)], rows=rows)


def _counts(label: str, first: list[Column], rows: list[tuple]) -> Table:
    return Table(name=label, columns=[
        *first, Column(_("Uren"), NUMBER, width=10), Column(_("Activiteiten"), NUMBER, width=11),
        Column(_("Deelnemers"), NUMBER, width=11), Column(_("Nieuwe deelnemers"), NUMBER, width=11),
        Column(_("Vrijwilligers"), NUMBER, width=11),
        Column(_("Voor een bewonersinitiatief"), NUMBER, width=13),
        Column(_("Met een vervolg"), NUMBER, width=11)], rows=rows)


def _numbers(row: dict) -> tuple:
    return tuple(row.get(key, 0.0) for key in (
        "hours", "activities", "participants", "new_participants", "volunteers",
        "initiatives", "with_follow_up"))


def _quantity_tables(figures: dict) -> list[Table]:
    q = figures["quantity"]
    interventions = [(presentation.named(r["name"]), r["planned"], *_numbers(r))
                     for r in q["by_intervention"]]
    interventions += [(name, True, *_numbers({})) for name in q["planned_unused"]]
    rungs = [(r["number"], presentation.named(r["name"]), *_numbers(r)) for r in q["by_rung"]]
    areas = [(r["name"], *_numbers(r)) for r in q["by_area"]]
    months = [(_day(f"{r['month']}-01"), r["activities"], r["hours"], r["participants"])
              for r in q["by_month"]]
    return [
        _counts(_("Interventies"), [Column(_("Interventie"), TEXT, width=40),
                                    Column(_("Gepland"), width=9)], interventions),
        _counts(_("Treden"), [Column(_("Trede"), NUMBER, width=7),
                              Column(_("Naam"), TEXT, width=36)], rungs),
        _counts(_("Gebieden"), [Column(_("Gebied"), TEXT, width=30)], areas),
        Table(name=_("Maanden"), columns=[
            Column(_("Maand"), DATE, width=12, num_format="yyyy-mm"),
            Column(_("Activiteiten"), NUMBER, width=11), Column(_("Uren"), NUMBER, width=10),
            Column(_("Deelnemers"), NUMBER, width=11)], rows=months),
    ]


def _spend_table(figures: dict) -> Table:
    s = figures["spend"]
    rows: list[tuple] = [(_("Uren"), _("uur"), s.get("hourly_rate"), s.get("agreed_hours"),
                          s.get("realised_hours"), s.get("agreed_hours_amount"),
                          s.get("realised_hours_amount"))]
    rows += [(p["name"], p["unit"], p["unit_price"], p["agreed"], p["realised"],
              p["agreed_amount"], p["realised_amount"]) for p in s.get("products", [])]
    rows.append((_("Totaal"), None, None, None, None, s.get("agreed_total"),
                 s.get("realised_total")))
    rows.append((_("Budget in deze periode (naar rato)"), None, None, None, None,
                 s.get("budget"), None))
    rows.append((_("Budget van de hele opdracht"), None, None, None, None,
                 s.get("budget_total"), None))
    money = "#,##0.00"
    return Table(name=_("Producten en prijs"), columns=[
        Column(_("Onderdeel"), TEXT, width=36), Column(_("Eenheid"), TEXT, width=14),
        Column(_("Prijs per eenheid"), NUMBER, width=13, num_format=money),
        Column(_("Afgesproken"), NUMBER, width=12), Column(_("Gerealiseerd"), NUMBER, width=12),
        Column(_("Bedrag afgesproken"), NUMBER, width=15, num_format=money),
        Column(_("Bedrag gerealiseerd"), NUMBER, width=15, num_format=money)], rows=rows)


def _signals_table(figures: dict) -> Table:
    sig = figures["signals"]
    rows = [
        (_("Signalen vastgelegd"), sig["count"]),
        (_("Waarvan urgent"), sig["urgent"]),
        (_("Doorverwezen"), sig["referred"]),
        (_("Doorverwezen en opgepakt"), sig["taken_up"]),
        (_("Afgesproken dagen tot oppakken"), sig["agreed_days"]),
        (_("Binnen de afgesproken dagen opgepakt"), sig["in_time"]),
        (_("Binnen de afgesproken dagen opgepakt (%)"), sig["in_time_share"]),
        (_("Activiteiten met een vervolg (%)"), figures["quantity"]["follow_up_share"]),
    ]
    return Table(name=_("Signalen"), columns=[
        Column(_("Onderdeel"), TEXT, width=44), Column(_("Waarde"), NUMBER, width=12)],
        rows=rows)


def _satisfaction_table(figures: dict) -> Table:
    rows = []
    for s in figures["measurements"]["satisfaction"]:
        hidden = bool(s["hidden"])
        rows.append((s["round"], s["place"], _day(s["held_on"]), s["dimension"],
                     _("aandeel (%)") if s["share"] else _("gemiddelde"),
                     None if hidden else s["value"], None if hidden else s["low"],
                     None if hidden else s["high"], s["n"],
                     _("te weinig respondenten om te tonen") if hidden else ""))
    return Table(name=_("Tevredenheid"), columns=[
        Column(_("Meting"), TEXT, width=44), Column(_("Plaats"), TEXT, width=20),
        Column(_("Datum"), DATE, width=11), Column(_("Onderdeel"), TEXT, width=30),
        Column(_("Soort"), TEXT, width=12), Column(_("Uitkomst"), NUMBER, width=10),
        Column(_("Ondergrens (95%)"), NUMBER, width=11),
        Column(_("Bovengrens (95%)"), NUMBER, width=11),
        Column(_("Respondenten"), NUMBER, width=11), Column(_("Opmerking"), TEXT, width=30)],
        rows=rows)


def _changes_table(figures: dict) -> Table:
    rows = []
    for c in figures["measurements"]["changes"]:
        meaning = CHANGE_MEANINGS.get(c["verdict"])
        rows.append((c["round"], c["instrument"], c["ladder"], c["place"], _day(c["held_on"]),
                     c["dimension"], c["before"], c["after"], c["value"], c["low"], c["high"],
                     c["n_before"], c["n_after"],
                     str(meaning) if meaning else _("niet te zeggen")))
    return Table(name=_("Veranderingen"), columns=[
        Column(_("Meting"), TEXT, width=44), Column(_("Instrument"), TEXT, width=28),
        Column(_("Contactladder")), Column(_("Plaats"), TEXT, width=20),
        Column(_("Datum"), DATE, width=11), Column(_("Onderdeel"), TEXT, width=34),
        Column(_("Nulmeting"), NUMBER, width=10), Column(_("Vervolg"), NUMBER, width=10),
        Column(_("Verandering"), NUMBER, width=11), Column(_("Ondergrens (95%)"), NUMBER, width=11),
        Column(_("Bovengrens (95%)"), NUMBER, width=11),
        Column(_("Respondenten nulmeting"), NUMBER, width=12),
        Column(_("Respondenten vervolg"), NUMBER, width=12),
        Column(_("Betekenis"), TEXT, width=30)], rows=rows)


def _stories_table(figures: dict, stories: dict) -> Table:
    rows: list[tuple] = []
    for a in figures["agreements"]:
        story = stories.get(a["id"])
        if story is None:
            rows.append((a["indicator"], None, None, None, None, None, None))
            continue
        author = story.author.get_full_name() or story.author.get_username() \
            if story.author is not None else ""
        rows.append((a["indicator"], story.story, story.partners, story.what_works,
                     story.action_plan, author, story.created_at))
    return Table(name=_("Verhalen"), columns=[
        Column(_("Indicator"), TEXT, width=40), Column(_("Het verhaal achter de curve"),
                                                       TEXT, width=60),
        Column(_("Partners met een rol"), TEXT, width=40), Column(_("Wat werkt"), TEXT, width=40),
        Column(_("Actieplan"), TEXT, width=40), Column(_("Door"), TEXT, width=20),
        Column(_("Bewaard op"), width=17)], rows=rows)


def workbook_tables(figures: dict, *, report: Report | None = None,
                    stories: dict | None = None) -> list[Table]:
    """Every figure of the report as the sheets of a workbook."""
    tables = [_summary_table(figures, report), _agreements_table(figures),
              _curves_table(figures), *_quantity_tables(figures), _spend_table(figures),
              _signals_table(figures), _satisfaction_table(figures), _changes_table(figures)]
    if stories is not None:
        tables.append(_stories_table(figures, stories))
    return tables


def xlsx(figures: dict, *, report: Report | None = None, stories: dict | None = None) -> bytes:
    return workbook_xlsx(workbook_tables(figures, report=report, stories=stories))


def xlsx_response(request: HttpRequest, *, figures: dict, assignment: Assignment,
                  report: Report | None = None, stories: dict | None = None) -> HttpResponse:
    """The report's figures as an .xlsx download; the download is written to the audit log."""
    return export_response(
        request=request, body=xlsx(figures, report=report, stories=stories), fmt="xlsx",
        filename=filename(figures, "xlsx", report), detail=_detail(figures, "xlsx", report),
        obj=report or assignment)

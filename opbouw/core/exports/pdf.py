"""PDF with ReportLab: page furniture, and every text escaped for Paragraph markup."""

from __future__ import annotations

import html
import io
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from opbouw.core.exports.table import NUMBER, Table, cell_text


def pdf_escape(value: Any) -> str:
    """Text for a ReportLab Paragraph, shown as it is: its markup (<b>, <img>, &...;) is
    escaped, so nothing in the text can change the layout or load a file. Line breaks stay."""
    return html.escape(cell_text(value), quote=False).replace("\n", "<br/>")


def pdf_styles() -> Any:
    """ReportLab's sample styles plus ``Cell``, ``CellRight``, ``CellHead`` for tables and
    ``Small`` for the selection line."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    styles = getSampleStyleSheet()
    cell = ParagraphStyle("Cell", parent=styles["BodyText"], fontSize=8.5, leading=10.5)
    styles.add(cell)
    styles.add(ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT))
    styles.add(ParagraphStyle("CellHead", parent=cell, fontName="Helvetica-Bold"))
    styles.add(ParagraphStyle("Small", parent=styles["BodyText"], fontSize=8.5,
                              textColor="#555555"))
    return styles


def _numbered_canvas(title: str, margin: float) -> type:
    """A canvas that writes the title and "Pagina n van m" at the foot of every page."""
    from reportlab.pdfgen.canvas import Canvas

    label = _("Pagina %(n)s van %(total)s")

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.saveState()
                self.setFont("Helvetica", 7.5)
                self.setFillGray(0.35)
                self.drawString(margin, margin / 2, title[:120])
                self.drawRightString(width - margin, margin / 2,
                                     label % {"n": number, "total": total})
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def pdf_document(story: list, *, title: str, pagesize: Any = None,
                 margin: float | None = None) -> bytes:
    """Build a PDF from ReportLab flowables, with the title in its metadata and at the foot
    of every page beside the page number (A4 and 15 mm margins unless told otherwise)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    margin = 15 * mm if margin is None else margin
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=pagesize or A4, leftMargin=margin,
                            rightMargin=margin, topMargin=margin, bottomMargin=margin,
                            title=title, author="Opbouw")
    doc.build(story, canvasmaker=_numbered_canvas(title, margin))
    return out.getvalue()


def _pdf_cell(value: Any) -> str:
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return pdf_escape(formats.number_format(value))
    return pdf_escape(value)


def table_pdf(table: Table, *, landscape: bool = True) -> bytes:
    """The table on A4 (landscape unless told otherwise): title, notes, selection, then the
    table with its header repeated on every page; page numbers at the foot."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    pagesize = turned(A4) if landscape else A4
    margin = 15 * mm
    styles = pdf_styles()
    title = str(table.title or table.name)
    story: list = [Paragraph(pdf_escape(title), styles["Title"])]
    story += [Paragraph(pdf_escape(note), styles["BodyText"]) for note in table.notes]
    if table.selection:
        story.append(Paragraph(pdf_escape(_("Selectie: %(selection)s") % {
            "selection": table.selection}), styles["Small"]))
    story.append(Spacer(1, 6 * mm))
    columns = list(table.columns)
    data = [[Paragraph(pdf_escape(c.label), styles["CellHead"]) for c in columns]]
    right = [c.kind == NUMBER for c in columns]
    for row in table.rows:
        data.append([Paragraph(_pdf_cell(v), styles["CellRight" if r else "Cell"])
                     for v, r in zip(row, right, strict=False)])
    shares = [c.width or 10 for c in columns]
    room = pagesize[0] - 2 * margin
    pdf_table = PdfTable(data, colWidths=[room * s / sum(shares) for s in shares],
                         repeatRows=1)
    pdf_table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f4ea")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cad6da")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story.append(pdf_table)
    return pdf_document(story, title=title, pagesize=pagesize, margin=margin)


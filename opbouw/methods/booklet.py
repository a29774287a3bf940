"""The toolbox as a PDF booklet ("handzaam overzicht"): its own story of ReportLab flowables,
built into a document by the export layer (page numbers, escaping, metadata)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from opbouw.core.exports import pdf_document, pdf_styles
from opbouw.core.exports import pdf_escape as escape
from opbouw.methods.models import Intervention, Rung, Theme

_MARKUP = re.compile(r"(\*\*|__|[*_`#>])")


def booklet_pdf(rows: list[dict]) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    rungs = {r.number: r.name for r in Rung.objects.all()}
    themes = {t.code: t.name for t in Theme.objects.all()}
    kinds = dict(Intervention.Kind.choices)
    targets = dict(Intervention.Target.choices)
    styles = pdf_styles()
    body = styles["BodyText"]
    title = _("Methoden van het opbouwwerk")
    story = [Paragraph(escape(title), styles["Title"]),
             Paragraph(escape(_("Een handzaam overzicht van activiteiten, programma's en "
                                "methodieken, geordend op de Wmo-ladder.")), body), PageBreak()]
    for row in sorted(rows, key=lambda r: (min(r["rungs"] or [9]), r["name"])):
        story.append(Paragraph(escape(row["name"]), styles["Heading2"]))
        meta = " · ".join(filter(None, [
            str(kinds.get(row["kind"], "")),
            ", ".join(f"{n}. {rungs.get(n, '')}" for n in row["rungs"]),
            ", ".join(themes.get(c, c) for c in row["themes"]),
            str(targets.get(row["target"], "")),
        ]))
        story.append(Paragraph(f"<i>{escape(meta)}</i>", body))
        story.append(Paragraph(escape(row["summary"]), body))
        for line in (row["description"] or "").splitlines():
            text = line.strip()
            if text:
                bullet = text.startswith(("- ", "* ", "+ "))
                plain = _MARKUP.sub("", text[2:] if bullet else text)  # no ** or _ on paper
                story.append(Paragraph(("• " if bullet else "") + escape(plain), body))
        if row["offers"]:
            offered = "; ".join(o["organisation"] for o in row["offers"])
            story.append(Paragraph(escape(_("Aangeboden door: %(o)s") % {"o": offered}), body))
        story.append(Spacer(1, 5 * mm))
    return pdf_document(story, title=title, pagesize=A5, margin=14 * mm)

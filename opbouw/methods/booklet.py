"""The toolbox as a PDF booklet ("handzaam overzicht"), made with ReportLab."""

from __future__ import annotations

import io
import re
from html import escape

from django.utils.translation import gettext as _

from opbouw.methods.models import Intervention, Rung, Theme

_MARKUP = re.compile(r"(\*\*|__|[*_`#>])")


def booklet_pdf(rows: list[dict]) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    rungs = {r.number: r.name for r in Rung.objects.all()}
    themes = {t.code: t.name for t in Theme.objects.all()}
    kinds = dict(Intervention.Kind.choices)
    targets = dict(Intervention.Target.choices)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A5, leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=_("Methoden van het opbouwwerk"), author="Opbouw")
    story = [Paragraph(_("Methoden van het opbouwwerk"), styles["Title"]),
             Paragraph(_("Een handzaam overzicht van activiteiten, programma's en methodieken, "
                         "geordend op de Wmo-ladder."), body), PageBreak()]
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
    doc.build(story)
    return out.getvalue()

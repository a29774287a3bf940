"""The figures of a report as people read them: verdict words, sentences and charts.

Shared by the page, the PDF and the workbook, so they say the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opbouw.assignments.models import Indicator
from opbouw.assignments.values import value_text
from opbouw.core.formats import date_text, short_number_text
from opbouw.reports import charts, curve
from opbouw.reports.figures import NO_INTERVENTION

VERDICT_LABELS = {
    curve.ON_TRACK: gettext_lazy("op koers"), curve.BEHIND: gettext_lazy("achter"),
    curve.UNSURE: gettext_lazy("nog niet zeker"), curve.REACHED: gettext_lazy("behaald"),
    curve.MISSED: gettext_lazy("niet behaald"),
    curve.NOT_STARTED: gettext_lazy("nog niet begonnen"),
}
VERDICT_ORDER = curve.VERDICTS
NONE_CHOSEN = gettext_lazy("geen interventie gekozen")
METHODS = {
    "pace": gettext_lazy(
        "het tempo per dag van de kwartalen tot nu, doorgetrokken tot de einddatum; de band is "
        "het 95%-voorspellingsinterval uit de spreiding tussen de kwartalen"),
    "trend": gettext_lazy(
        "een rechte trendlijn door de waarden per kwartaal (kleinste kwadraten), doorgetrokken "
        "tot de einddatum; de band is het 95%-voorspellingsinterval"),
    "mean": gettext_lazy(
        "het gemiddelde van de kwartalen tot nu (te weinig voor een trendlijn), met een "
        "95%-voorspellingsinterval"),
}


def _date(value: str | None) -> str:
    return date_text(dt.date.fromisoformat(value), "DATE_FORMAT") if value else ""


def _indicator(a: dict) -> Indicator:
    """An unsaved indicator carrying what ``value_text`` needs."""
    return Indicator(unit=a["unit"], aggregation=a["aggregation"])


def value(a: dict, number: float | None) -> str:
    return value_text(_indicator(a), number)


def progress_text(a: dict) -> str:
    """How far the value has come, also beyond the target."""
    share = a["progress"]
    if share is None:
        return ""
    if share > 100:
        return _("Voorbij de streefwaarde: %(times)s keer de afgesproken stap (%(p)s%%).") % {
            "times": short_number_text(share / 100, 1), "p": share}
    if share < 0:
        return _("De waarde beweegt van de streefwaarde af (%(p)s%% van de afgesproken stap).") \
            % {"p": share}
    return _("%(p)s%% van de weg naar de streefwaarde.") % {"p": share}


def reason(a: dict) -> str:
    """Why the verdict is what it is, in one or two sentences."""
    verdict, target = a["verdict"], value(a, a["target"])
    f = a.get("forecast")
    if verdict == curve.NOT_STARTED:
        return _("De periode van deze afspraak begint op %(day)s.") % {"day": _date(a["starts_on"])}
    if a["value"] is None:
        return _("Er is nog geen waarde over deze periode.")
    if a["low"] is not None:
        interval = _("%(low)s tot %(high)s") % {"low": value(a, a["low"]),
                                                "high": value(a, a["high"])}
        if a["is_change"] and a["low"] <= 0 <= a["high"]:
            return _("Het 95%%-interval van de verandering (%(interval)s) omvat nul: de "
                     "verandering kan toeval zijn, dus nog niet zeker en nooit behaald.") % {
                "interval": interval}
        if a["low"] <= a["target"] <= a["high"]:
            return _("Het 95%%-interval van de meting (%(interval)s) omvat de streefwaarde "
                     "%(target)s.") % {"interval": interval, "target": target}
    if verdict in (curve.REACHED, curve.MISSED):
        return (_("De periode is voorbij: %(value)s tegen een streefwaarde van %(target)s.")
                % {"value": value(a, a["value"]), "target": target})
    if verdict == curve.ON_TRACK and a["low"] is not None and f is None:
        return _("Het hele 95%%-interval ligt al aan de goede kant van %(target)s.") % {
            "target": target}
    if f is None or f["low"] is None:
        return _("Er zijn nog te weinig kwartalen om te voorspellen waar dit uitkomt.")
    words = {curve.ON_TRACK: _("ligt helemaal aan de goede kant van"),
             curve.BEHIND: _("ligt helemaal aan de verkeerde kant van"),
             curve.UNSURE: _("omvat")}
    return _("Als er niets verandert komt de waarde op %(day)s uit op %(value)s (95%%: "
             "%(low)s tot %(high)s); die band %(words)s de streefwaarde %(target)s.") % {
        "day": _date(f["end"]), "value": value(a, f["value"]), "low": value(a, f["low"]),
        "high": value(a, f["high"]), "words": words.get(verdict, ""), "target": target}


def curve_summary(a: dict) -> str:
    """The chart's one sentence."""
    label = VERDICT_LABELS[a["verdict"]]
    if a["value"] is None:
        return _("%(name)s: nog geen waarde; streefwaarde %(target)s (%(verdict)s).") % {
            "name": a["indicator"], "target": value(a, a["target"]), "verdict": label}
    return _("%(name)s: %(value)s tot en met %(day)s tegen een streefwaarde van %(target)s "
             "op %(end)s (%(verdict)s).") % {
        "name": a["indicator"], "value": value(a, a["value"]), "day": _date(a["as_of"]),
        "target": value(a, a["target"]), "end": _date(a["ends_on"]), "verdict": label}


def agreement_view(a: dict, stories: dict | None = None) -> dict:
    points = [{"label": p["label"], "end": p["end"], "value": p["value"]}
              for p in a["points"] if p["value"] is not None]
    forecast = None
    if a.get("forecast") and points:
        f = a["forecast"]
        last = points[-1]
        forecast = [{"end": last["end"], "value": last["value"], "low": last["value"],
                     "high": last["value"]},
                    {"end": f["end"], "value": f["value"], "low": f["low"], "high": f["high"]}]
    chart = charts.curve_chart(
        f"curve-{a['id']}", a["indicator"], points, baseline=a["baseline"],
        target=None if a["cumulative"] else a["target"], target_path=a["target_path"],
        forecast=forecast, unit=a["unit"], summary=curve_summary(a))
    return a | {
        "verdict_label": VERDICT_LABELS[a["verdict"]],
        "value_text": value(a, a["value"]), "target_text": value(a, a["target"]),
        "baseline_text": value(a, a["baseline"]) if a["baseline"] is not None else "",
        "interval_text": (_("%(low)s tot %(high)s") % {"low": value(a, a["low"]),
                                                       "high": value(a, a["high"])})
        if a["low"] is not None else "",
        "progress_text": progress_text(a), "reason": reason(a),
        "method_text": METHODS.get((a.get("forecast") or {}).get("method", ""), ""),
        "category_label": Indicator.Category(a["category"]).label,
        "chart": chart,
        "story": (stories or {}).get(a["id"]),
    }


def named(name: str) -> str:
    """An intervention's or rung's name; the figures' dash for entries without one."""
    return str(NONE_CHOSEN) if name == NO_INTERVENTION else name


def quantity_charts(figures: dict) -> list:
    q = figures["quantity"]
    found = []
    if q["by_rung"]:
        rows = [{"label": named(r["name"]) if r["number"] is None
                 else f"{r['number']}. {r['name']}", "value": r["hours"]} for r in q["by_rung"]]
        top = max(q["by_rung"], key=lambda r: (r["number"] is not None, r["hours"]))
        found.append(charts.bar_chart(
            "uren-per-trede", _("Uren per trede van de Wmo-ladder"), rows,
            category_label=_("Trede"), value_label=_("Uren"),
            summary=_("De meeste uren gingen naar %(name)s: %(hours)s van %(total)s uur.") % {
                "name": named(top["name"]), "hours": short_number_text(top["hours"], 1),
                "total": short_number_text(q["totals"]["hours"], 1)}))
    if q["by_intervention"]:
        rows = [{"label": named(r["name"]), "value": r["hours"]}
                for r in q["by_intervention"][:12]]
        top = next((r for r in q["by_intervention"] if r["name"] != NO_INTERVENTION),
                   q["by_intervention"][0])
        found.append(charts.bar_chart(
            "uren-per-interventie", _("Uren per interventie"), rows,
            category_label=_("Interventie"), value_label=_("Uren"),
            summary=_("%(name)s kreeg de meeste uren: %(hours)s.") % {
                "name": named(top["name"]), "hours": short_number_text(top["hours"], 1)}))
    return found


def change_charts(figures: dict) -> list:
    """The changes since the baseline with their intervals: scores and shares apart, since a
    change of 0.3 on a five-point scale and one of 12 percentage points share no axis."""
    found = []
    changes = [c for c in figures["measurements"]["changes"] if c["value"] is not None]
    for share, key, title, unit in (
            (False, "verandering-scores", _("Verandering in scores sinds de nulmeting"),
             _("Verandering (punten op de schaal)")),
            (True, "verandering-aandelen", _("Verandering in aandelen sinds de nulmeting"),
             _("Verandering (procentpunten)"))):
        chosen = [c for c in changes if c["share"] == share]
        if not chosen:
            continue
        rows = [{"label": f"{c['dimension']} ({c['place']})", "value": c["value"],
                 "low": c["low"], "high": c["high"]} for c in chosen]
        better = sum(1 for c in chosen if c["verdict"] == "better")
        found.append(charts.change_chart(
            key, title, rows, value_label=unit,
            summary=_("%(better)s van de %(n)s gemeten veranderingen zijn een verbetering die "
                      "geen toeval lijkt; een interval dat nul omvat kan toeval zijn.")
            % {"better": better, "n": len(chosen)}))
    return found


def context(figures: dict, *, request: Any = None, stories: dict | None = None) -> dict:
    """Everything a report page, PDF or workbook shows of the figures."""
    agreements = [agreement_view(a, stories) for a in figures["agreements"]]
    counts = {v: 0 for v in VERDICT_ORDER}
    for a in agreements:
        counts[a["verdict"]] += 1
    by_category = [{"category": value_, "label": label,
                    "agreements": [a for a in agreements if a["category"] == value_]}
                   for value_, label in Indicator.Category.choices]
    return {
        "figures": figures,
        "agreements": agreements,
        "by_category": by_category,
        "verdict_counts": [(VERDICT_LABELS[v], v, n) for v, n in counts.items() if n],
        "quantity_charts": quantity_charts(figures),
        "change_charts": change_charts(figures),
    }

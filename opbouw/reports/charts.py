"""Charts of the accountability reports: one Vega-Lite definition for the page and for paper.

Each builder turns plain figures (lists of dicts with numbers, ``None`` and ISO dates, as the
report's JSON snapshot holds them) into a :class:`Chart`: a Vega-Lite spec (a plain dict), a
one-sentence summary and the same figures as a table. The server renders the spec to SVG with
vl-convert (:func:`svg`), so a page without JavaScript and the PDF show the chart;
``static/reports/charts.js`` replaces that SVG with the interactive one from the same spec.

Colours, dashes and marks: every series differs in more than colour (measured: solid line with
filled dots; forecast: dashed line with open dots and a shaded band; baseline dotted; target
dash-dot), and every colour has at least 3:1 contrast on white (WCAG 2.1 1.4.11). Numbers and
dates follow the active language (``config.locale`` in the spec: 1.234,5 and "mrt 2026" in
Dutch), in the SVG and in the browser alike.

Text from users (agreement and intervention names) only ever goes into the spec as data or as
a title, never into a Vega expression; vl-convert escapes it in the SVG and ``json_script``
in the page.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opbouw.core.formats import DASH, date_text, number_text, short_number_text

logger = logging.getLogger(__name__)

VEGA_LITE_VERSION = "6.4"  # vl-convert's copy; node_modules has vega-lite 6.5 for the page
WIDTH = 560  # pixels; the page makes it "container" (charts.js), paper keeps it
HEIGHT = 220
FONT = "Helvetica, Arial, sans-serif"  # Liberation Sans here (fontconfig), in print and SVG

# Contrast on white, at least 3:1 for graphics (tests/test_charts.py checks it).
INK = "#1d1d1b"  # text, the agreed ticks and the zero line (16.9:1)
BLUE = "#1f4e79"  # measured values, bars (8.7:1)
ORANGE = "#a34800"  # the forecast and its band (6.0:1)
GREY = "#595959"  # the baseline (7.0:1)
GREEN = "#00701a"  # the target (6.3:1)
GRID = "#e1e4e8"  # decoration only
BAND_OPACITY = 0.22

# Dash patterns: the meaning never depends on colour alone.
SOLID = [1, 0]
DASHED = [6, 4]
DOTTED = [2, 3]
DASH_DOT = [9, 3, 2, 3]

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")

Number = Decimal | float | int | None
Row = dict[str, Any]  # one row of a spec's data: plain JSON values


@dataclass(frozen=True, eq=False)
class Chart:
    """A chart with its summary and its figures as a table (``columns`` and ``rows`` of text).

    ``key`` is a slug, unique on the page: it names the elements of the figure. ``numeric``
    says per column whether its cells are numbers (right-aligned); ``notes`` are sentences
    under the table (the baseline and target). ``language`` is the one the texts and the
    number formats were made in.
    """

    key: str
    title: str
    summary: str
    spec: dict[str, Any]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    notes: tuple[str, ...] = ()
    language: str = "nl"

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValueError(f"A chart key is a slug (a-z, 0-9, - and _): {self.key!r}")

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def spec_id(self) -> str:
        """The id of the ``<script type="application/json">`` that holds the spec."""
        return f"chart-{self.key}-spec"

    @property
    def svg(self) -> SafeString:
        """The chart as inline SVG for the page and for WeasyPrint (see :func:`inline_svg`)."""
        return inline_svg(self)

    @property
    def header(self) -> list[tuple[str, bool]]:
        """The table's column labels, each with whether the column holds numbers."""
        return [(label, self._numeric(i)) for i, label in enumerate(self.columns)]

    @property
    def body(self) -> list[list[tuple[str, bool]]]:
        """The table's rows: each cell with whether it is a number."""
        return [[(cell, self._numeric(i)) for i, cell in enumerate(row)] for row in self.rows]

    def _numeric(self, index: int) -> bool:
        return index < len(self.numeric) and self.numeric[index]


# --- Rendering -----------------------------------------------------------------------------


@functools.cache
def locales(language: str | None = None) -> dict[str, dict]:
    """The d3 number and time locales of a language: ``{"number": ..., "time": ...}``.

    From vl-convert's own copies, so the page needs no download: Dutch (nl-NL: 1.234,5,
    "mrt 2026") or British English (en-GB: 1,234.5, "Mar 2026") as the other pages write.
    """
    import vl_convert

    dutch = (language or "nl").lower().startswith("nl")
    return {"number": vl_convert.get_format_locale("nl-NL" if dutch else "en-GB"),
            "time": vl_convert.get_time_format_locale("nl-NL" if dutch else "en-GB")}


def svg(chart: Chart, *, titled: bool = False) -> str:
    """The chart as a standalone SVG document (text, without XML declaration or script).

    The figure around it gives the title; ``titled=True`` draws it in the SVG as well, for an
    image on its own. The first rendering in a process costs about a second, later ones about
    fifty milliseconds; the same spec renders once (a bounded cache keyed on its JSON).
    """
    spec = chart.spec
    if titled:
        spec = dict(spec, title={"text": chart.title, "anchor": "start"})
    return _render(json.dumps(spec, sort_keys=True, ensure_ascii=False), chart.language)


def inline_svg(chart: Chart) -> SafeString:
    """The SVG to put inside HTML: without namespace declarations (HTML gives them), its ids
    (if any) made unique with the chart's key. Only vl-convert's output is marked safe.

    Should vl-convert fail, the page still shows the caption and the table (and charts.js
    may still draw the chart): the error is logged, the SVG left out."""
    try:
        text = svg(chart)
    except Exception:
        logger.exception("Chart %s could not be rendered", chart.key)
        return mark_safe("")
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text, count=2)
    if ' id="' in text:
        text = re.sub(r'\bid="([^"]+)"', rf'id="{chart.dom_id}-\1"', text)
        text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart.dom_id}-\1)", text)
        text = re.sub(r'href="#([^"]+)"', rf'href="#{chart.dom_id}-\1"', text)
    # vl-convert's SVG: its texts are escaped and _render refuses any script.
    return mark_safe(text)


@functools.lru_cache(maxsize=256)
def _render(spec_json: str, language: str) -> str:
    import vl_convert

    locale = locales(language)
    text = vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGA_LITE_VERSION,
                                      format_locale=locale["number"],
                                      time_format_locale=locale["time"])
    text = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"^\s*<!DOCTYPE[^>]*>\s*", "", text)
    # vl-convert writes no script and no event handlers; a chart never should.
    if re.search(r"<script|<foreignObject|\son[a-z]+\s*=|javascript:", text, re.IGNORECASE):
        raise ValueError("vl-convert made an SVG with script in it")
    return text


# --- Builders ------------------------------------------------------------------------------


def curve_chart(key: str, title: str, points: Sequence[Mapping[str, Any]], *,
                baseline: Number = None, target: Number = None,
                target_path: Sequence[Mapping[str, Any]] | None = None,
                forecast: Sequence[Mapping[str, Any]] | None = None,
                unit: str = "", summary: str, decimals: int = 1) -> Chart:
    """"Turn the curve" for one result agreement: what was measured per period, the baseline
    and the target, and what happens if nothing changes.

    ``points``: ``[{"label": "2026 K1", "end": "2026-03-31", "value": 12.0}, ...]`` (a value of
    ``None`` is a period without a measurement). ``target`` is one value (a horizontal line);
    for a cumulative indicator give ``target_path`` instead, ``[{"end": ..., "value": ...}]``,
    e.g. from 0 at the start to the target at the end. ``forecast``: ``[{"end": ..., "value":
    ..., "low": ..., "high": ...}]`` (optionally with a ``label``), drawn dashed from the last
    measurement on, with its 95% band. ``unit`` is the y axis title ("deelnemers").
    """
    if target is not None and target_path:
        raise ValueError("Give target or target_path, not both")
    measured_name = _("Gemeten")
    forecast_name = _("Voorspelling als er niets verandert")
    # xgettext:no-python-format
    band_name = _("95%-onzekerheidsband")
    baseline_name = _("Nulwaarde")
    target_name = _("Streefwaarde")

    # A period without a measurement stays on the axis and breaks the line.
    measured: list[Row] = [
        {"role": "measured", "series": measured_name, "end": _date(p["end"]),
         "label": p.get("label") or _date_label(p["end"]), "value": _num(p.get("value")),
         "shown": _text(p.get("value"), decimals)}
        for p in points]
    measured.sort(key=lambda row: row["end"])
    while measured and measured[-1]["value"] is None:  # the forecast starts at the last value
        measured.pop()
    has_measured = any(row["value"] is not None for row in measured)
    last_end = measured[-1]["end"] if has_measured else ""
    predicted: list[Row] = [
        {"role": "forecast", "series": forecast_name, "end": _date(f["end"]),
         "label": f.get("label") or _date_label(f["end"]), "value": _num(f["value"]),
         "low": _num(f.get("low")), "high": _num(f.get("high")),
         "shown": _text(f["value"], decimals), "interval": _interval(f, decimals)}
        for f in (forecast or []) if f.get("value") is not None]
    predicted.sort(key=lambda row: row["end"])
    # The dashed line starts at the last measurement, so the two lines meet: a forecast point
    # there (or before) is that start, not a forecast; without one, the last measurement is.
    joint = [dict(row, role="joint") for row in predicted if row["end"] <= last_end]
    predicted = [row for row in predicted if row["end"] > last_end]
    if has_measured and predicted and not joint:
        last = measured[-1]
        joint = [dict(last, role="joint", series=forecast_name, low=last["value"],
                      high=last["value"])]
    path: list[Row] = [{"role": "target-path", "series": target_name, "end": _date(t["end"]),
             "value": _num(t["value"])} for t in (target_path or []) if t.get("value") is not None]
    path.sort(key=lambda row: row["end"])
    rules: list[Row] = []
    if baseline is not None:
        rules.append({"role": "baseline", "series": baseline_name, "value": _num(baseline)})
    if target is not None:
        rules.append({"role": "target", "series": target_name, "value": _num(target)})

    present = [(measured_name, BLUE, SOLID, has_measured),
               (forecast_name, ORANGE, DASHED, bool(predicted)),
               (baseline_name, GREY, DOTTED, baseline is not None),
               (target_name, GREEN, DASH_DOT, target is not None or bool(path))]
    domain = [name for name, _c, _d, shown in present if shown]
    color = {"field": "series", "type": "nominal", "title": None,
             "scale": {"domain": domain, "range": [c for _n, c, _d, s in present if s]}}
    dash = {"field": "series", "type": "nominal", "title": None,
            "scale": {"domain": domain, "range": [d for _n, _c, d, s in present if s]}}
    ends = sorted({_date(p["end"]) for p in points}
                  | {str(row["end"]) for row in predicted + path})
    x = {"field": "end", "type": "temporal", "title": None,
         "scale": {"type": "utc", "padding": 12},
         "axis": {"format": "%b %Y", "values": ends, "labelOverlap": "greedy",
                  "labelSeparation": 8, "labelFlush": False}}
    y = {"field": "value", "type": "quantitative", "title": unit or None,
         "scale": {"zero": True, "nice": True}}
    # Tooltips show the table's texts, so page, paper and table round alike.
    tooltip = [{"field": "label", "type": "nominal", "title": _("Periode")},
               {"field": "shown", "type": "nominal", "title": unit or _("Waarde")}]

    def only(*roles: str) -> list[dict]:
        return [{"filter": {"field": "role", "oneOf": list(roles)}}]

    # Drawing order: the lines under the band, the measured line first (its legend comes
    # first), the dashed forecast on top of its band, the dots last.
    layers: list[dict] = []
    if rules:
        layers.append({"transform": only("baseline", "target"),
                       "mark": {"type": "rule", "strokeWidth": 1.5},
                       "encoding": {"y": y, "color": color, "strokeDash": dash}})
    if path:
        layers.append({"transform": only("target-path"),
                       "mark": {"type": "line", "strokeWidth": 1.5},
                       "encoding": {"x": x, "y": y, "color": color, "strokeDash": dash}})
    if has_measured:
        layers.append({"transform": only("measured"),
                       "mark": {"type": "line", "strokeWidth": 2.5,
                                "invalid": "break-paths-show-domains"},
                       "encoding": {"x": x, "y": y, "color": color, "strokeDash": dash}})
    if predicted:
        if any(row["low"] is not None and row["high"] is not None for row in predicted):
            layers.append({
                "transform": only("joint", "forecast"),
                "mark": {"type": "area", "opacity": BAND_OPACITY},
                "encoding": {
                    "x": x,
                    "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"},
                    "fill": {"datum": band_name, "type": "nominal", "title": None,
                             "scale": {"domain": [band_name], "range": [ORANGE]},
                             "legend": {"symbolType": "square", "symbolSize": 150,
                                        "symbolOpacity": BAND_OPACITY + 0.1}}}})
        layers.append({"transform": only("joint", "forecast"),
                       "mark": {"type": "line", "strokeWidth": 2},
                       "encoding": {"x": x, "y": y, "color": color, "strokeDash": dash}})
        layers.append({"transform": only("forecast"),
                       "mark": {"type": "point", "filled": True, "fill": "white",
                                "strokeWidth": 2, "size": 45, "opacity": 1},
                       "encoding": {"x": x, "y": y, "stroke": {"value": ORANGE},
                                    "tooltip": tooltip + [
                                        {"field": "interval", "type": "nominal",
                                         "title": band_name}]}})
    if has_measured:
        layers.append({"transform": only("measured") + [{"filter": {"field": "value",
                                                                    "valid": True}}],
                       "mark": {"type": "point", "filled": True, "size": 55, "opacity": 1},
                       "encoding": {"x": x, "y": y, "color": {"value": BLUE},
                                    "tooltip": tooltip}})
    if not layers:  # nothing to show: an empty frame with the axes
        layers.append({"mark": "point", "encoding": {"y": y}})

    spec = _spec(summary, measured + joint + predicted + path + rules, layers,
                 height=HEIGHT, legend_columns=3)

    # The table: one row per period, measured and forecast side by side.
    value_head = f"{measured_name} ({unit})" if unit else measured_name
    columns = [_("Periode"), value_head]
    if predicted:
        columns += [forecast_name, band_name]
    by_end: dict[str, dict[str, Any]] = {}
    for p in points:
        by_end.setdefault(_date(p["end"]), {})["point"] = p
    for f in predicted:
        by_end.setdefault(f["end"], {})["forecast"] = f
    rows = []
    for end in sorted(by_end):
        p = by_end[end].get("point") or {}
        f = by_end[end].get("forecast") or {}
        label = str(p.get("label") or f.get("label") or _date_label(end))
        row = [label, _text(p.get("value"), decimals)]
        if predicted:
            row += [_text(f.get("value"), decimals), _interval(f, decimals)]
        rows.append(tuple(row))
    notes = []
    if baseline is not None:
        notes.append(_("%(name)s: %(value)s.") % {"name": baseline_name,
                                                  "value": _text(baseline, decimals)})
    if target is not None:
        notes.append(_("%(name)s: %(value)s.") % {"name": target_name,
                                                  "value": _text(target, decimals)})
    if path:
        steps = "; ".join(_("%(value)s op %(date)s") % {"value": _text(t["value"], decimals),
                                                          "date": _date_label(t["end"])}
                          for t in path)
        notes.append(_("%(name)s: %(value)s.") % {"name": target_name, "value": steps})
    return Chart(key=key, title=title, summary=summary, spec=spec, columns=tuple(columns),
                 rows=tuple(rows), numeric=(False,) + (True,) * (len(columns) - 1),
                 notes=tuple(notes), language=_language())


def bar_chart(key: str, title: str, rows: Sequence[Mapping[str, Any]], *,
              category_label: str, value_label: str, summary: str,
              agreed: Mapping[str, Number] | None = None, agreed_label: str | None = None,
              decimals: int = 1) -> Chart:
    """Horizontal bars, one per category in the given order (hours per Wmo rung, per
    intervention): ``rows`` ``[{"label": "Trede 1", "value": 120.5}, ...]``.

    What was agreed shows as a black tick on each bar: give it per row (``"agreed": 100``) or
    as ``agreed``, a mapping from label to value. ``agreed_label`` names it ("Afgesproken").
    """
    agreed_values = {str(r["label"]): r.get("agreed") for r in rows}
    for label, value in (agreed or {}).items():
        agreed_values[str(label)] = value
    has_agreed = any(v is not None for v in agreed_values.values())
    agreed_name = agreed_label or _("Afgesproken")
    data: list[Row] = [{"label": str(r["label"]), "value": _num(r.get("value")),
                        "agreed": _num(agreed_values.get(str(r["label"])))} for r in rows]
    # The number stands at the end of its bar, or past the agreed tick when that is close.
    reach = max([abs(v) for row in data for v in (row["value"], row["agreed"])
                 if v is not None] or [1.0])
    for row in data:
        value, tick = row["value"], row["agreed"]
        near = value is not None and tick is not None and value <= tick <= value + reach / 4
        row["place"] = tick if near else value
        row["shown"] = _text(value, decimals)
        row["agreed_shown"] = _text(tick, decimals)
    categories = [row["label"] for row in data]
    y = {"field": "label", "type": "nominal", "title": category_label, "sort": categories,
         "axis": {"ticks": False}}
    x = {"field": "value", "type": "quantitative", "title": value_label,
         "scale": {"zero": True, "nice": True}}
    legend_domain = [value_label] + ([agreed_name] if has_agreed else [])
    legend_scale = {"domain": legend_domain, "range": [BLUE, INK][:len(legend_domain)]}
    tooltip = [{"field": "label", "type": "nominal", "title": category_label},
               {"field": "shown", "type": "nominal", "title": value_label}]
    if has_agreed:
        tooltip.append({"field": "agreed_shown", "type": "nominal", "title": agreed_name})
    layers: list[dict] = [
        {"mark": {"type": "bar", "height": {"band": 0.62}, "opacity": 1},
         "encoding": {"y": y, "x": x,
                      "color": {"datum": value_label, "type": "nominal", "title": None,
                                "scale": legend_scale,
                                "legend": {"symbolType": "square", "symbolOpacity": 1,
                                           "symbolSize": 200,
                                           # The agreed tick as a thin upright bar.
                                           "encode": {"symbols": {"update": {"shape": [
                                               {"test": "datum.index === 1",
                                                "value": "M-0.18,-1H0.18V1H-0.18Z"},
                                               {"value": "square"}]}}}}
                                if has_agreed else None},
                      "tooltip": tooltip}},
        # The number at the end of each bar (beyond the agreed tick if that is further).
        {"transform": [{"filter": {"field": "value", "valid": True}}],
         "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 6,
                  "color": INK, "fontSize": 11},
         "encoding": {"y": y, "x": {"field": "place", "type": "quantitative"},
                      "text": {"field": "shown", "type": "nominal"}}},
    ]
    if has_agreed:
        layers.append({
            "transform": [{"filter": {"field": "agreed", "valid": True}}],
            "mark": {"type": "tick", "thickness": 3, "size": 22, "opacity": 1},
            "encoding": {"y": y, "x": {"field": "agreed", "type": "quantitative"},
                         "color": {"datum": agreed_name, "type": "nominal"},
                         "tooltip": tooltip}})
    spec = _spec(summary, data, layers, height={"step": 30}, legend_columns=2)
    spec["padding"] = {"top": 5, "bottom": 5, "left": 5, "right": 50}  # room for the numbers

    columns = [category_label, value_label] + ([agreed_name] if has_agreed else [])
    table = []
    for row in data:
        cells = [row["label"], _text(row["value"], decimals)]
        if has_agreed:
            cells.append(_text(row["agreed"], decimals))
        table.append(tuple(cells))
    return Chart(key=key, title=title, summary=summary, spec=spec, columns=tuple(columns),
                 rows=tuple(table), numeric=(False,) + (True,) * (len(columns) - 1),
                 language=_language())


def change_chart(key: str, title: str, rows: Sequence[Mapping[str, Any]], summary: str, *,
                 category_label: str | None = None, value_label: str | None = None,
                 decimals: int = 2) -> Chart:
    """The change in a measurement per dimension, each with its 95% interval: a dot on a line
    from ``low`` to ``high``, and a line at zero (no change).

    ``rows``: ``[{"label": "Sociale samenhang", "value": 0.4, "low": 0.1, "high": 0.7}, ...]``
    (``"change"`` is accepted for ``"value"``).
    """
    category_label = category_label or _("Dimensie")
    value_label = value_label or _("Verandering")
    # xgettext:no-python-format
    interval_name = _("95%-interval")
    data: list[Row] = []
    for r in rows:
        value = r["value"] if "value" in r else r.get("change")
        data.append({"label": str(r["label"]), "value": _num(value),
                     "low": _num(r.get("low")), "high": _num(r.get("high")),
                     "shown": _text(value, decimals, fixed=True),
                     "interval": _interval(r, decimals, fixed=True)})
    categories = [row["label"] for row in data]
    y = {"field": "label", "type": "nominal", "title": None, "sort": categories,
         "axis": {"ticks": False, "grid": True}}
    x = {"field": "value", "type": "quantitative", "title": value_label,
         "scale": {"zero": True, "nice": True}}
    tooltip = [{"field": "label", "type": "nominal", "title": category_label},
               {"field": "shown", "type": "nominal", "title": value_label},
               {"field": "interval", "type": "nominal", "title": interval_name}]
    layers: list[dict[str, Any]] = [
        {"data": {"values": [{"zero": 0}]},
         "mark": {"type": "rule", "color": INK, "strokeWidth": 1},
         "encoding": {"x": {"field": "zero", "type": "quantitative"}}},
        {"transform": [{"filter": {"field": "low", "valid": True}},
                       {"filter": {"field": "high", "valid": True}}],
         "mark": {"type": "errorbar", "ticks": {"size": 10, "opacity": 1}, "thickness": 2,
                  "color": BLUE, "opacity": 1},
         "encoding": {"y": y, "x": {"field": "low", "type": "quantitative", "title": value_label},
                      "x2": {"field": "high"}}},
        {"transform": [{"filter": {"field": "value", "valid": True}}],
         "mark": {"type": "point", "filled": True, "size": 70, "color": BLUE, "opacity": 1},
         "encoding": {"y": y, "x": x, "tooltip": tooltip}},
    ]
    spec = _spec(summary, data, layers, height={"step": 32}, legend_columns=1)

    columns = (category_label, value_label, interval_name)
    table = tuple((row["label"], row["shown"], row["interval"]) for row in data)
    return Chart(key=key, title=title, summary=summary, spec=spec, columns=columns,
                 rows=table, numeric=(False, True, True), language=_language())


# --- Helpers -------------------------------------------------------------------------------


def _spec(summary: str, values: list[dict], layers: list[dict], *, height: Any,
          legend_columns: int) -> dict[str, Any]:
    """A complete spec: width, height, data, layers and the house style of every chart."""
    return {
        "description": summary,  # the SVG's aria-label when it stands on its own
        "width": WIDTH,
        "height": height,
        "data": {"values": values},
        "layer": layers,
        "config": _config(legend_columns),
    }


def _config(legend_columns: int) -> dict[str, Any]:
    return {
        "font": FONT,
        "background": "white",
        "locale": copy.deepcopy(locales(_language())),
        "view": {"stroke": None},
        "title": {"fontSize": 14, "color": INK, "fontWeight": "bold"},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                 "labelColor": INK, "titleColor": INK, "domainColor": GREY,
                 "tickColor": GREY, "gridColor": GRID},
        # Long names (interventions) end in an ellipsis; the table has them whole. charts.js
        # shortens this limit and puts the legend in one column on a phone.
        "axisY": {"labelLimit": 220},
        "legend": {"orient": "bottom", "direction": "horizontal", "columns": legend_columns,
                   "labelFontSize": 12, "labelColor": INK, "labelLimit": 0,
                   "symbolType": "stroke", "symbolStrokeWidth": 2.5, "symbolSize": 400,
                   "columnPadding": 18, "rowPadding": 6},
    }


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _num(value: Any) -> float | None:
    """A number for the spec's JSON: Decimals become floats, None stays None."""
    if value is None or value == "":
        return None
    return float(value)


def _date(value: str | dt.date) -> str:
    """An ISO date (2026-03-31) from a date or its text; a moment loses its time."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)[:10]).isoformat()


def _date_label(value: str | dt.date) -> str:
    return date_text(dt.date.fromisoformat(_date(value)), "MEDIUM_DATE_FORMAT")


def _text(value: Any, decimals: int, fixed: bool = False) -> str:
    """A number for the table: at most ``decimals`` decimals (12,5 and 12), or exactly as
    many when ``fixed`` (0,10 beside 0,74)."""
    if value is None or value == "":
        return DASH
    return number_text(value, decimals) if fixed else short_number_text(value, decimals)


def _interval(row: Mapping[str, Any] | None, decimals: int, fixed: bool = False) -> str:
    """"12,5 tot 15,5", or a dash."""
    if not row or row.get("low") is None or row.get("high") is None:
        return DASH
    return _("%(low)s tot %(high)s") % {"low": _text(row["low"], decimals, fixed),
                                        "high": _text(row["high"], decimals, fixed)}


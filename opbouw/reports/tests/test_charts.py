"""The report charts: specs that vl-convert draws, their tables, and the include around them."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from opbouw.reports import charts

QUARTERS = [
    {"label": "2025 K1", "end": "2025-03-31", "value": Decimal("10.5")},
    {"label": "2025 K2", "end": "2025-06-30", "value": 11.25},
    {"label": "2025 K3", "end": "2025-09-30", "value": None},
    {"label": "2025 K4", "end": "2025-12-31", "value": 12},
]
FORECAST = [
    {"end": "2026-06-30", "value": 13.0, "low": Decimal("11.5"), "high": 14.5},
    {"end": "2026-12-31", "value": 14.0, "low": 11.0, "high": 17.0},
]
RUNGS = [
    {"label": "0. Algemene voorzieningen", "value": Decimal("1206.5"), "agreed": 1100},
    {"label": "1. Eigen kracht", "value": 340, "agreed": 500},
    {"label": "2. Sociaal netwerk", "value": 88.25},
]
CHANGES = [
    {"label": "Sociale samenhang", "value": 0.42, "low": 0.1, "high": 0.74},
    {"label": "Veiligheid", "value": Decimal("-0.12"), "low": -0.45, "high": 0.21},
]
HOSTILE = '<b>Buurt</b> & "co" <script>alert(1)</script>'


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def texts(svg: str) -> list[str]:
    """The texts the SVG shows, unescaped (it must be well-formed XML)."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def layer_marks(chart: charts.Chart) -> list[str]:
    return [layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]
            for layer in chart.spec["layer"]]


def curve(**kwargs):
    arguments = {"baseline": 10, "target": 16, "forecast": FORECAST, "unit": "deelnemers",
                 "summary": "Het aantal deelnemers stijgt, maar haalt 16 niet."} | kwargs
    return charts.curve_chart("bereik", "Deelnemers buurtkamer", QUARTERS, **arguments)


# --- The curve ---------------------------------------------------------------------------


def test_the_curve_shows_measurements_forecast_band_baseline_and_target_in_dutch():
    chart = curve()
    shown = texts(charts.svg(chart))
    for label in ("Gemeten", "Voorspelling als er niets verandert", "95%-onzekerheidsband",
                  "Nulwaarde", "Streefwaarde", "deelnemers"):
        assert label in shown
    # Every period on the axis, also the one without a measurement, with Dutch months.
    for month in ("mrt 2025", "jun 2025", "sep 2025", "dec 2025", "jun 2026", "dec 2026"):
        assert month in shown
    assert "area" in layer_marks(chart)
    assert 'class="mark-area' in charts.svg(chart)
    # The forecast is dashed; the measured line is not.
    dashes = dict(zip(chart.spec["layer"][0]["encoding"]["strokeDash"]["scale"]["domain"],
                      chart.spec["layer"][0]["encoding"]["strokeDash"]["scale"]["range"],
                      strict=True))
    assert dashes["Voorspelling als er niets verandert"] == charts.DASHED
    assert dashes["Gemeten"] == charts.SOLID


def test_without_a_forecast_there_is_no_band_and_no_forecast_in_the_legend():
    chart = curve(forecast=None)
    svg = charts.svg(chart)
    assert "area" not in layer_marks(chart)
    assert 'class="mark-area' not in svg
    shown = texts(svg)
    assert "Voorspelling als er niets verandert" not in shown
    assert "95%-onzekerheidsband" not in shown
    assert chart.columns == ("Periode", "Gemeten (deelnemers)")


def test_a_cumulative_target_is_a_path_from_zero_to_the_target():
    chart = curve(target=None, baseline=None, forecast=None, target_path=[
        {"end": "2025-01-01", "value": 0}, {"end": "2025-12-31", "value": Decimal("40")}])
    path = [row for row in chart.spec["data"]["values"] if row["role"] == "target-path"]
    assert [(row["end"], row["value"]) for row in path] == [("2025-01-01", 0.0),
                                                            ("2025-12-31", 40.0)]
    shown = texts(charts.svg(chart))
    assert "Streefwaarde" in shown and "Nulwaarde" not in shown
    assert chart.notes == ("Streefwaarde: 0 op 1 jan 2025; 40 op 31 dec 2025.",)
    with pytest.raises(ValueError):
        curve(target=16, target_path=[{"end": "2025-12-31", "value": 40}])


def test_the_curves_table_has_a_row_per_period_with_the_forecast_beside_it():
    chart = curve()
    assert chart.columns == ("Periode", "Gemeten (deelnemers)",
                             "Voorspelling als er niets verandert", "95%-onzekerheidsband")
    assert chart.rows == (
        ("2025 K1", "10,5", "–", "–"),
        ("2025 K2", "11,2", "–", "–"),  # at most one decimal, rounded half to even
        ("2025 K3", "–", "–", "–"),
        ("2025 K4", "12", "–", "–"),
        ("30 jun 2026", "–", "13", "11,5 tot 14,5"),
        ("31 dec 2026", "–", "14", "11 tot 17"),
    )
    assert chart.numeric == (False, True, True, True)
    assert chart.notes == ("Nulwaarde: 10.", "Streefwaarde: 16.")


def test_a_forecast_that_starts_at_the_last_measurement_joins_it_and_is_no_table_row():
    start = {"end": "2025-12-31", "value": 12, "low": 12, "high": 12}
    chart = curve(forecast=[start, FORECAST[-1]])
    roles = [(row["role"], row["end"]) for row in chart.spec["data"]["values"]
             if row["role"] in ("joint", "forecast")]
    assert roles == [("joint", "2025-12-31"), ("forecast", "2026-12-31")]
    assert chart.rows[3] == ("2025 K4", "12", "–", "–")
    # Without that point the chart makes the joint itself.
    at_end = [row["role"] for row in curve().spec["data"]["values"]
              if row.get("end") == "2025-12-31"]
    assert sorted(at_end) == ["joint", "measured"]


def test_a_fractional_value_has_a_dutch_decimal_comma_on_the_axis():
    chart = charts.curve_chart("score", "Score", [
        {"label": "a", "end": "2025-03-31", "value": 0.2},
        {"label": "b", "end": "2025-06-30", "value": 1.3}], unit="score", summary="Stijgt.")
    shown = texts(charts.svg(chart))
    assert "0,2" in shown and "1,2" in shown
    assert "0.2" not in shown


def test_in_english_the_axis_has_a_decimal_point_and_english_months():
    with translation.override("en"):
        chart = charts.curve_chart("score", "Score", [
            {"label": "a", "end": "2025-03-31", "value": 0.2},
            {"label": "b", "end": "2025-06-30", "value": 1.3}], summary="Rises.")
    assert chart.language == "en"
    shown = texts(charts.svg(chart))
    assert "0.2" in shown and "Mar 2025" in shown
    assert "0,2" not in shown and "mrt 2025" not in shown
    assert chart.spec["config"]["locale"]["number"]["decimal"] == "."


def test_an_empty_curve_still_renders():
    chart = charts.curve_chart("leeg", "Nog niets", [], target=5, summary="Nog geen metingen.")
    assert "Streefwaarde" in texts(charts.svg(chart))
    assert chart.rows == ()


# --- Bars and changes --------------------------------------------------------------------


def test_bars_with_what_was_agreed():
    chart = charts.bar_chart("uren-per-trede", "Uren per trede", RUNGS, category_label="Trede",
                             value_label="Uren", summary="De meeste uren gingen naar trede 0.")
    shown = texts(charts.svg(chart))
    for label in ("0. Algemene voorzieningen", "1. Eigen kracht", "2. Sociaal netwerk", "Uren",
                  "Trede", "Afgesproken", "1.206,5", "88,2", "1.000"):
        assert label in shown
    assert layer_marks(chart) == ["bar", "text", "tick"]
    assert chart.columns == ("Trede", "Uren", "Afgesproken")
    assert chart.rows == (("0. Algemene voorzieningen", "1.206,5", "1.100"),
                          ("1. Eigen kracht", "340", "500"),
                          ("2. Sociaal netwerk", "88,2", "–"))


def test_bars_without_agreement_have_no_ticks_and_no_legend():
    rows = [{"label": r["label"], "value": r["value"]} for r in RUNGS]
    chart = charts.bar_chart("uren", "Uren", rows, category_label="Trede", value_label="Uren",
                             summary="x")
    assert layer_marks(chart) == ["bar", "text"]
    assert "Afgesproken" not in texts(charts.svg(chart))
    assert chart.columns == ("Trede", "Uren")
    # Agreed values may also come as a mapping from label to value.
    chart = charts.bar_chart("uren", "Uren", rows, category_label="Trede", value_label="Uren",
                             summary="x", agreed={"1. Eigen kracht": 300},
                             agreed_label="Begroot")
    assert chart.columns == ("Trede", "Uren", "Begroot")
    assert chart.rows[1] == ("1. Eigen kracht", "340", "300")


def test_changes_with_their_interval_and_a_line_at_zero():
    chart = charts.change_chart("verandering", "Verandering sinds de nulmeting", CHANGES,
                                "Sociale samenhang ging vooruit.")
    shown = texts(charts.svg(chart))
    assert "Sociale samenhang" in shown and "Veiligheid" in shown and "Verandering" in shown
    assert "0,4" in shown and "\N{MINUS SIGN}0,2" in shown  # axis ticks, Dutch
    assert layer_marks(chart) == ["rule", "errorbar", "point"]
    assert chart.columns == ("Dimensie", "Verandering", "95%-interval")
    assert chart.rows == (("Sociale samenhang", "0,42", "0,10 tot 0,74"),
                          ("Veiligheid", "-0,12", "-0,45 tot 0,21"))


# --- Safety, caching, house style ----------------------------------------------------------


def test_text_from_users_is_escaped_in_the_svg_and_never_script():
    rows = [{"label": HOSTILE, "value": 3}]
    chart = charts.bar_chart("vijandig", HOSTILE, rows, category_label="Interventie & zo",
                             value_label="Uren", summary=HOSTILE)
    for svg in (charts.svg(chart, titled=True), str(chart.svg)):
        assert "<script" not in svg.lower() and "<b>" not in svg
        assert "&lt;b&gt;Buurt&lt;/b&gt; &amp;" in svg
        assert not svg.lstrip().startswith("<?xml")
    shown = texts(charts.svg(chart, titled=True))
    assert HOSTILE in shown  # the title, and the category label on the axis
    assert "Interventie & zo" in shown
    # Text from users is data, never part of a Vega expression.
    spec = json.dumps(chart.spec)
    assert "calculate" not in spec and "labelExpr" not in spec


def test_the_svg_is_cached_by_spec():
    chart = curve()
    charts.svg(chart)
    before = charts._render.cache_info()
    again = charts.curve_chart("ander-id", "Deelnemers buurtkamer", QUARTERS, baseline=10,
                               target=16, forecast=FORECAST, unit="deelnemers",
                               summary="Het aantal deelnemers stijgt, maar haalt 16 niet.")
    charts.svg(again)
    assert charts._render.cache_info().hits == before.hits + 1
    assert charts._render.cache_info().maxsize


def test_specs_are_plain_json_with_a_fixed_width():
    for chart in (curve(), charts.change_chart("c", "C", CHANGES, "s")):
        again = json.loads(json.dumps(chart.spec))
        assert again == chart.spec
        assert chart.spec["width"] == charts.WIDTH
        assert chart.spec["description"] == chart.summary
        assert chart.spec["config"]["font"] == charts.FONT
        assert "$schema" not in chart.spec  # nothing on the page points to the internet


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("colour", [charts.INK, charts.BLUE, charts.ORANGE, charts.GREY,
                                    charts.GREEN])
def test_every_colour_has_3_to_1_contrast_on_white(colour):
    assert (1.05) / (_luminance(colour) + 0.05) >= 3


def test_a_key_is_a_slug():
    with pytest.raises(ValueError):
        charts.change_chart('x" onload="y', "C", CHANGES, "s")


# --- The include ---------------------------------------------------------------------------


def _page(chart, **extra) -> str:
    return render_to_string("reports/includes/chart.html", {"chart": chart, **extra})


def test_the_include_shows_caption_svg_and_table_and_needs_no_network():
    chart = curve()
    html = _page(chart)
    assert not re.search(r"https?://", html)
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert "Deelnemers buurtkamer" in html and chart.summary in html
    assert re.search(r'<div class="opbouw-chart__graphic"[^>]*role="img"[^>]*>\s*<svg', html)
    assert 'data-chart-spec-id="chart-bereik-spec"' in html
    assert '<script id="chart-bereik-spec" type="application/json">' in html
    assert "<details" in html
    assert '<table class="utrecht-table">' in html
    assert '<caption class="utrecht-table__caption">' in html
    assert html.count('scope="col"') == 4 and html.count('scope="row"') == len(chart.rows)
    assert "11,5 tot 14,5" in html and "Nulwaarde: 10." in html
    spec = json.loads(re.search(r'<script id="chart-bereik-spec" type="application/json">(.*?)'
                                r"</script>", html, re.DOTALL).group(1))
    assert spec == chart.spec


def test_on_paper_the_table_is_open_and_there_is_no_script():
    html = _page(curve(), print=True)
    assert "<details" not in html and "<script" not in html and "data-chart-spec-id" not in html
    assert "<svg" in html and "<table" in html


def test_if_vl_convert_fails_the_page_keeps_caption_and_table(monkeypatch, caplog):
    chart = charts.change_chart("kapot", "Kapot", CHANGES, "s")

    def broken(*args):
        raise RuntimeError("no deno today")

    monkeypatch.setattr(charts, "_render", broken)
    html = _page(chart)
    assert "<svg" not in html and "0,10 tot 0,74" in html and "chart-kapot-spec" in html
    assert "kapot" in caplog.text


def test_the_include_escapes_text_from_users():
    chart = charts.bar_chart("vijandig", HOSTILE, [{"label": HOSTILE, "value": 3}],
                             category_label="Interventie", value_label="Uren", summary=HOSTILE)
    html = _page(chart)
    assert "<script>alert" not in html and "<b>Buurt" not in html
    assert "&lt;b&gt;Buurt&lt;/b&gt;" in html


def test_the_scripts_come_from_our_own_static_files():
    html = render_to_string("reports/includes/chart_scripts.html")
    assert not re.search(r"https?://|//cdn", html)
    sources = re.findall(r'src="([^"]+)"', html)
    assert sources == [settings.STATIC_URL + path for path in (
        "vendor/vega/vega.min.js", "vendor/vega-lite/vega-lite.min.js",
        "vendor/vega-embed/vega-embed.min.js", "reports/charts.js")]
    assert all("defer" in tag for tag in re.findall(r"<script[^>]*>", html))
    for path in ("vendor/vega/vega.min.js", "vendor/vega-lite/vega-lite.min.js",
                 "vendor/vega-embed/vega-embed.min.js", "reports/charts.js", "reports/charts.css"):
        assert finders.find(path), path
    dirs = {prefix: Path(folder) for prefix, folder in settings.STATICFILES_DIRS}
    assert (dirs["vendor/vega"] / "vega.min.js").is_file()
    assert (dirs["vendor/vega-lite"] / "vega-lite.min.js").is_file()
    assert (dirs["vendor/vega-embed"] / "vega-embed.min.js").is_file()


def test_charts_js_has_no_network_and_no_eval():
    source = (Path(charts.__file__).parent / "static" / "reports" / "charts.js").read_text()
    assert not re.search(r"https?://|\beval\(|new Function|innerHTML", source)
    assert "ast: true" in source and "defaultStyle: false" in source

/* Report charts (opbouw/reports/charts.py): every <figure class="opbouw-chart"> shows the SVG
   the server made from a Vega-Lite spec, so the page works without JavaScript and prints as it
   is. This script draws the same spec with Vega (from our own static files, nothing from a CDN)
   at the width of the page, with tooltips. The spec is in a <script type="application/json">
   (Django's json_script) named by the figure's data-chart-spec-id; its config.locale holds the
   number and date formats of the page's language (1.234,5 and "mrt 2026" in Dutch), the same
   that vl-convert used for the SVG.

   No inline script, no eval (Vega's expression interpreter, `ast: true`) and no injected
   <style> elements (charts.css has the tooltip's style), so a strict Content-Security-Policy
   can stay. If anything fails, the server's SVG stays. */
(function () {
  "use strict";
  if (typeof window.vegaEmbed !== "function" || !document.querySelectorAll) { return; }

  function embed(figure) {
    var source = document.getElementById(figure.getAttribute("data-chart-spec-id") || "");
    var graphic = figure.querySelector(".opbouw-chart__graphic");
    if (!source || !graphic) { return; }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    var locale = (spec.config && spec.config.locale) || {};
    // The SVG has the paper's fixed width; on the page the chart takes the width it gets
    // (Vega-Lite then fits it, axes and legend included, and follows resizes).
    spec.width = "container";
    var room = graphic.clientWidth;
    if (room && room < 520) {  // a phone: shorter names beside the bars, one legend column
      spec.config = spec.config || {};
      spec.config.legend = Object.assign({}, spec.config.legend, {
        columns: 1, layout: {bottom: {direction: "vertical", anchor: "start"}}});
      spec.config.axisY = Object.assign({}, spec.config.axisY,
                                        {labelLimit: Math.max(80, Math.round(room * 0.35))});
    }

    var kept = Array.prototype.slice.call(graphic.childNodes);
    var height = graphic.offsetHeight;
    var target = document.createElement("div");
    target.className = "opbouw-chart__live";
    if (height) { target.style.minHeight = height + "px"; }  // no jump while Vega draws
    graphic.replaceChildren(target);

    window.vegaEmbed(target, spec, {
      mode: "vega-lite",
      renderer: "svg",
      actions: false,
      ast: true,
      defaultStyle: false,
      tooltip: {disableDefaultStyle: true, theme: "light"},
      formatLocale: locale.number,
      timeFormatLocale: locale.time
    }).then(function () {
      target.style.minHeight = "";
      figure.classList.add("opbouw-chart--live");
    }).catch(function (error) {
      graphic.replaceChildren.apply(graphic, kept);
      if (window.console) { window.console.warn("Grafiek niet interactief:", error); }
    });
  }

  function start() {
    Array.prototype.forEach.call(
      document.querySelectorAll("figure.opbouw-chart[data-chart-spec-id]"), embed);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

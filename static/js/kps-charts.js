/* Shared chart behaviour for every KPS dashboard: Swedish number format, colours that
 * colour-blind readers can tell apart, an image download and no cloud buttons.
 *
 * A chart is a <div class="kps-chart" data-chart-url="..."> whose URL returns JSON
 * {"data": [...], "layout": {...}} built by a selector on the server; the page and the
 * API therefore show the same figures. Call KPS.renderCharts() or let it run on load.
 */
(function () {
  "use strict";
  var KPS = (window.KPS = window.KPS || {});

  // Okabe–Ito: distinguishable with the common forms of colour blindness.
  KPS.colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  // Traffic lights that stay apart for red–green colour blindness; always shown with a text label too.
  KPS.traffic = { green: "#1b7f4b", yellow: "#b07d00", red: "#b3261e", missing: "#9aa5b1" };

  function lang() {
    return (document.documentElement.lang || "sv").slice(0, 2);
  }

  // Every axis makes room for its labels and title, and groups thousands ("1 500", not "1500").
  var AXIS = { automargin: true, separatethousands: true };

  KPS.layout = function (layout) {
    var sv = lang() === "sv";
    var base = {
      // A decimal comma and a no-break space between thousands in Swedish, as on the pages
      // (kps/formatting.py); English conventions (point and comma) in English.
      separators: sv ? ",\u00a0" : ".,",
      colorway: KPS.colors,
      font: { family: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", size: 13, color: "#1d2733" },
      margin: { l: 60, r: 20, t: 30, b: 50 },
      hovermode: "x unified",
      // Above the plot, where it pushes the plot down instead of covering the axis labels;
      // KPS.plot then makes the figure taller if the plot got too little room.
      legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" },
      template: { layout: { xaxis: AXIS, yaxis: AXIS }, data: { heatmap: [{ colorbar: { separatethousands: true } }] } },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "#ffffff",
    };
    var own = layout || {};
    var merged = Object.assign({}, base, own);
    // A chart that sets one margin or one legend property keeps the others.
    merged.margin = Object.assign({}, base.margin, own.margin);
    merged.legend = Object.assign({}, base.legend, own.legend);
    return merged;
  };

  // The least height a plot area keeps whatever the legend and labels take.
  KPS.minPlotHeight = 220;

  KPS.config = function (filename) {
    return {
      locale: lang() === "sv" ? "sv" : "en",
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"],
      toImageButtonOptions: { format: "png", filename: filename || "kps-diagram", scale: 2 },
    };
  };

  KPS.plot = function (element, figure, filename) {
    return Plotly.newPlot(element, figure.data, KPS.layout(figure.layout), KPS.config(filename)).then(function (gd) {
      showNotes(gd, figure.notes);
      followLinks(gd);
      // Again whenever the chart is redrawn narrower (a smaller window, the printed page),
      // where the legend wraps onto more rows.
      gd.on("plotly_afterplot", function () {
        if (!gd._kpsGrowing) {
          gd._kpsGrowing = true;
          Promise.resolve(keepPlotHeight(gd)).then(function () { gd._kpsGrowing = false; });
        }
      });
      return keepPlotHeight(gd);
    });
  };

  // A legend or tick labels that need more room take it from the figure's height, not the plot's.
  function keepPlotHeight(gd) {
    var size = gd._fullLayout && gd._fullLayout._size;
    if (!size || !gd.data.length || size.h >= KPS.minPlotHeight) return gd;
    return Plotly.relayout(gd, { height: gd._fullLayout.height + (KPS.minPlotHeight - size.h) });
  }

  // Sentences about the whole chart (a grey band's meaning, a missing week) under it in HTML,
  // where they compete with neither legend nor axes.
  function showNotes(gd, notes) {
    var box = gd.parentNode.querySelector(".chart-notes");
    if (box) box.remove();
    if (!notes || !notes.length) return;
    box = document.createElement("div");
    box.className = "chart-notes";
    notes.forEach(function (text) {
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
    });
    gd.parentNode.insertBefore(box, gd.nextSibling);
  }

  // From the overview to the cause: a point whose customdata ends in a path opens it.
  function linkOf(point) {
    var data = point && point.customdata;
    var last = Array.isArray(data) ? data[data.length - 1] : data;
    return typeof last === "string" && last.charAt(0) === "/" ? last : null;
  }

  function followLinks(gd) {
    var linked = gd.data.some(function (trace) {
      var data = trace.customdata;
      var first = Array.isArray(data) && Array.isArray(data[0]) ? data[0][0] : data && data[0];
      return !!linkOf({ customdata: first });
    });
    if (!linked) return;
    gd.classList.add("kps-chart-linked");
    gd.on("plotly_click", function (event) {
      var url = event && event.points && linkOf(event.points[0]);
      if (url) window.location.assign(url);
    });
  }

  KPS.renderCharts = function (root) {
    var nodes = (root || document).querySelectorAll(".kps-chart[data-chart-url]");
    return Promise.all(
      Array.prototype.map.call(nodes, function (node) {
        node.setAttribute("aria-busy", "true");
        return fetch(node.dataset.chartUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (figure) {
            return KPS.plot(node, figure, node.dataset.filename);
          })
          .then(function () {
            node.dataset.rendered = "true";
          })
          .catch(function () {
            node.textContent = node.dataset.errorText || "Diagrammet kunde inte visas.";
            node.classList.add("kps-chart-error");
          })
          .finally(function () {
            node.removeAttribute("aria-busy");
          });
      })
    );
  };

  document.addEventListener("DOMContentLoaded", function () {
    KPS.renderCharts();
  });
})();

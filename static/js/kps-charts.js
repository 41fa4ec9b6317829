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

  KPS.layout = function (layout) {
    var sv = lang() === "sv";
    return Object.assign(
      {
        // Decimal comma and a space between thousands in Swedish; point and comma in English.
        separators: sv ? ", " : ".,",
        colorway: KPS.colors,
        font: { family: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", size: 13, color: "#1d2733" },
        margin: { l: 60, r: 20, t: 40, b: 50 },
        hovermode: "x unified",
        legend: { orientation: "h", y: -0.2 },
        paper_bgcolor: "rgba(0,0,0,0)",
        plot_bgcolor: "#ffffff",
      },
      layout || {}
    );
  };

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
    return Plotly.newPlot(element, figure.data, KPS.layout(figure.layout), KPS.config(filename));
  };

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

/* Numbers in the plan grid: reading what people type or paste, showing it, spreading a total.
 * No dependencies; used by plan-grid.js and plan-capacity.js through window.KPSPlanNumbers.
 */
(function () {
  "use strict";

  var numberFormat = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 });

  /* "1 234,5" or "12.5" as Excel and people write them; null for empty; NaN for anything else. */
  function parseNumber(value) {
    if (value === null || value === undefined) { return null; }
    if (typeof value === "number") { return value >= 0 && isFinite(value) ? Math.round(value * 100) / 100 : NaN; }
    var s = String(value).replace(/[\s\u00a0\u202f']/g, "").replace(",", ".");
    if (s === "") { return null; }
    if (!/^\d+(\.\d+)?$/.test(s)) { return NaN; }
    return Math.round(parseFloat(s) * 100) / 100;
  }

  /* Clipboard text from Excel: rows by line breaks, cells by tabs, no trailing empty row. */
  function parseClipboard(raw) {
    var lines = raw.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length && lines[lines.length - 1] === "") { lines.pop(); }
    return lines.map(function (line) { return line.split("\t"); });
  }

  /* Whole numbers in proportion to the weights, adding up to the rounded total (largest remainder). */
  function spread(total, weights) {
    var sum = weights.reduce(function (a, b) { return a + b; }, 0);
    if (sum <= 0) { return null; }
    var exact = weights.map(function (w) { return total * w / sum; });
    var floors = exact.map(Math.floor);
    var missing = Math.round(total) - floors.reduce(function (a, b) { return a + b; }, 0);
    var order = exact.map(function (v, i) { return i; }).sort(function (a, b) {
      return (exact[b] - floors[b]) - (exact[a] - floors[a]) || a - b;
    });
    for (var i = 0; i < missing && i < order.length; i++) { floors[order[i]] += 1; }
    return floors;
  }

  window.KPSPlanNumbers = { numberFormat: numberFormat, parseNumber: parseNumber, parseClipboard: parseClipboard, spread: spread };
})();

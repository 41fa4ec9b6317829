/* The printable call-in: plotly draws charts for the screen's width, so redraw them at the
 * paper's width when the browser switches to print (and back). */
(function () {
  "use strict";
  function resize() {
    document.querySelectorAll(".kps-chart[data-rendered=true]").forEach(function (node) {
      if (window.Plotly) window.Plotly.Plots.resize(node);
    });
  }
  // The print button: a handler here, since the Content-Security-Policy allows no inline ones.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", resize);
  }
})();

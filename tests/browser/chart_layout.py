"""Whether a drawn chart can be read: measured in the browser from the boxes Plotly drew.

For every chart drawn on a page (``.kps-chart[data-rendered=true]`` with data):
the legend covers no plot area, axis labels, axis titles or the chart title; each
plot area keeps at least ``MIN_PLOT_HEIGHT`` pixels; an axis's tick labels do not
run into each other (turned labels: their lines stay a text height apart) nor into
the axis title; a bar's label is at least ``MIN_TEXT_PX`` pixels high.
"""

from __future__ import annotations

MIN_PLOT_HEIGHT = 200
MIN_TEXT_PX = 10

_MEASURE = """
([minPlot, minText]) => {
  const problems = [];
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const meet = (a, b, pad = 1) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > pad && Math.min(a.b, b.b) - Math.max(a.t, b.t) > pad;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.textContent.trim() !== ""; };
  const angle = (el) => { const m = /rotate\\((-?[\\d.]+)/.exec(el.getAttribute("transform") || ""); return m ? Math.abs(parseFloat(m[1])) % 180 : 0; };
  // Where Plotly put a tick label: its translate(x, y), the tick's own position.
  const anchor = (el, horizontal) => {
    const m = /translate\\((-?[\\d.]+)[ ,]+(-?[\\d.]+)\\)/.exec(el.getAttribute("transform") || "");
    return m ? parseFloat(m[horizontal ? 1 : 2]) : NaN;
  };
  const fontPx = (el) => parseFloat(el.style.fontSize || getComputedStyle(el).fontSize);
  document.querySelectorAll(".kps-chart[data-rendered=true]").forEach((gd) => {
    const name = gd.closest("figure") ? gd.closest("figure").id : gd.dataset.chartUrl;
    if (!gd.data || !gd.data.length) return;  // a sentence saying why there is nothing to draw
    const say = (text) => problems.push(name + ": " + text);
    const plots = [...gd.querySelectorAll(".draglayer .nsewdrag")].map(box);
    plots.forEach((p) => { if (p.b - p.t < minPlot) say(`plot area ${Math.round(p.b - p.t)} px high`); });
    const legendBg = gd.querySelector(".legend .bg");
    const legend = legendBg && legendBg.getBoundingClientRect().height > 0 ? box(legendBg) : null;
    const labels = (sel) => [...gd.querySelectorAll(sel)].filter(visible);
    const axes = [["x", "xtick"], ["y", "ytick"], ["y2", "y2tick"]];
    const titles = { x: labels(".g-xtitle text"), y: labels(".g-ytitle text"), y2: labels(".g-y2title text") };
    const chartTitle = labels(".g-gtitle text");
    if (legend) {
      plots.forEach((p) => { if (meet(legend, p)) say("the legend covers the plot area"); });
      for (const [axis, tick] of axes) {
        labels(`.${tick} text`).forEach((t) => { if (meet(legend, box(t))) say(`the legend covers the ${axis} label "${t.textContent}"`); });
        titles[axis].forEach((t) => { if (meet(legend, box(t))) say(`the legend covers the ${axis} axis title`); });
      }
      chartTitle.forEach((t) => { if (meet(legend, box(t))) say("the legend covers the chart's title"); });
    }
    for (const [axis, tick] of axes) {
      const ticks = labels(`.${tick} text`);
      const horizontal = axis === "x";
      const sorted = ticks.map((t) => ({ el: t, b: box(t) }))
        .sort((a, b) => horizontal ? a.b.l - b.b.l : a.b.t - b.b.t);
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1], b = sorted[i];
        const turn = angle(b.el);
        if (turn) {
          // Turned labels' boxes overlap anyway; their lines must stay a text height apart.
          const d = anchor(b.el, horizontal) - anchor(a.el, horizontal);
          if (Math.abs(d) * Math.sin(turn * Math.PI / 180) < fontPx(b.el) * 0.9)
            say(`${axis} labels "${a.el.textContent}" and "${b.el.textContent}" run together`);
        } else if (meet(a.b, b.b, 0)) {
          say(`${axis} labels "${a.el.textContent}" and "${b.el.textContent}" overlap`);
        }
      }
      titles[axis].forEach((title) => ticks.forEach((t) => {
        if (meet(box(title), box(t))) say(`the ${axis} axis title overlaps the label "${t.textContent}"`);
      }));
    }
    labels(".bartext").forEach((t) => {
      if (fontPx(t) < minText) say(`bar label "${t.textContent}" is ${fontPx(t).toFixed(1)} px`);
    });
  });
  return problems;
}
"""


def chart_problems(page) -> list[str]:
    """What makes the page's drawn charts hard to read; empty when nothing does."""
    return page.evaluate(_MEASURE, [MIN_PLOT_HEIGHT, MIN_TEXT_PX])


def wait_for_charts(page, timeout: int = 30000) -> int:
    """Until every chart on the page has been drawn (or failed); returns how many were drawn."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.kps-chart')].every("
        "n => n.dataset.rendered === 'true' || n.classList.contains('kps-chart-error'))",
        timeout=timeout,
    )
    errors = page.locator(".kps-chart-error").all_inner_texts()
    assert not errors, errors
    # Plotly may grow a chart once after drawing it (KPS.plot keeps the plot's height).
    page.wait_for_timeout(300)
    return page.locator(".kps-chart[data-rendered=true]").count()

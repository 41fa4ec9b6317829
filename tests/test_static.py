"""The static files a chart page loads: the partial plotly.js bundle, and every trace it needs.

How they are served (hashed, compressed, cached for a year) is held in
tests/test_deployment.py, which collects and serves them as production does.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOTLY = ROOT / "static" / "vendor" / "plotly"
BUNDLE = PLOTLY / "plotly-cartesian.min.js"
# Where figures are built: every app's charts and the chart views.
FIGURE_SOURCES = ["followup", "waitlists", "rollout", "planning", "facts", "organisation", "kps"]


def bundle_trace_types() -> set[str]:
    """The trace types the vendored bundle registers (each module declares itself a trace)."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text()))


def charted_trace_types() -> set[str]:
    """Every trace type a figure in our code names: a dict literal with a "type" and data keys."""
    found = set()
    for app in FIGURE_SOURCES:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Dict):
                    continue
                keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)}  # fmt: skip
                # A trace has data; an axis ({"type": "date"}) or a shape ({"type": "rect"}) has not.
                if "type" in keys and keys.keys() & {"x", "y", "z"}:
                    assert isinstance(keys["type"], ast.Constant), f"{path}: a computed trace type"
                    found.add(keys["type"].value)
    return found


def test_pages_load_the_partial_bundle_not_the_full_one():
    include = (ROOT / "templates" / "includes" / "charts_js.html").read_text()
    assert "vendor/plotly/plotly-cartesian.min.js" in include
    assert not (PLOTLY / "plotly.min.js").exists()
    # The full bundle was 4.8 MB; the cartesian one is 1.5 MB (0.4 MB as brotli).
    assert BUNDLE.stat().st_size < 1_600_000
    assert "plotly.js (cartesian - minified) v4." in BUNDLE.read_text()[:200]
    assert (PLOTLY / "LICENSE").exists()


def test_the_bundle_draws_every_trace_type_the_charts_use():
    used = charted_trace_types()
    # The scan finds the dashboards' bar, line and heatmap charts (it is not looking at nothing).
    assert {"bar", "scatter", "heatmap"} <= used
    missing = used - bundle_trace_types()
    assert not missing, (
        f"plotly-cartesian.min.js cannot draw {sorted(missing)}: vendor a bundle that can"
    )


def test_the_swedish_locale_registers_with_the_partial_bundle():
    locale = (PLOTLY / "locale-sv.js").read_text()
    assert "Plotly.register(module.exports)" in locale
    # The bundle exposes the global the locale file registers with.
    assert "window.Plotly = Plotly;" in BUNDLE.read_text()[-200:]

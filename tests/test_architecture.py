"""The layout holds: apps read each other's facts through the facts owner, and the import names no kind.

Parsed from the source (ast), not imported, so a rule breaks when the code is
written, not when some test happens to import the module.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

# The tree under test; a different one (an older checkout) can be named to see the rules fail there.
ROOT = Path(os.environ.get("KPS_ARCHITECTURE_ROOT") or Path(__file__).resolve().parent.parent)
# The production apps. demo (builds whole demo regions), bench and tests sit above them and may
# reach any app's tables.
APPS = (
    "kps",
    "organisation",
    "facts",
    "imports",
    "planning",
    "followup",
    "waitlists",
    "rollout",
    "inpatient",
    "theatre",
    "economics",
    "purchasing",
)
# The organisation tree and reference data every app builds on.
SHARED_MODELS = {"organisation.models"}
# A model module another app may still import, with the reason. None is left: a plan, a derived
# table or an enum is reached through its owner's selectors or its ``choices`` module.
ALLOWED_MODEL_IMPORTS: set[tuple[str, str]] = set()


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path, ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imported(path: Path, module: str) -> set[str]:
    """Every module (and module.name) the file imports, with relative imports resolved."""
    names: set[str] = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    # Django settings name modules in strings (e.g. the schema's enum overrides).
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.count(".") >= 2
        ):
            names.add(node.value.rsplit(".", 1)[0])
    return names


def _edges() -> dict[str, dict[str, set[str]]]:
    """app -> modules of other apps it imports -> the files importing them."""
    edges: dict[str, dict[str, set[str]]] = {}
    for app in APPS:
        for path, module in _modules(app):
            for name in _imported(path, module):
                parts = name.split(".")
                if parts[0] in APPS and parts[0] != app and len(parts) >= 2:
                    edges.setdefault(app, {}).setdefault(".".join(parts[:2]), set()).add(module)
    return edges


def test_no_app_imports_another_apps_models():
    wrong = sorted(
        (app, target, sorted(files))
        for app, targets in _edges().items()
        for target, files in targets.items()
        if target.endswith(".models")
        and target not in SHARED_MODELS
        and (app, target) not in ALLOWED_MODEL_IMPORTS
    )
    assert wrong == [], "read facts through facts.selectors, other apps through their selectors"


def test_only_facts_imports_the_fact_models():
    wrong = sorted(
        (app, sorted(files))
        for app, targets in _edges().items()
        for target, files in targets.items()
        if target == "facts.models"
    )
    assert wrong == []
    assert (ROOT / "facts" / "models.py").is_file() or (ROOT / "facts" / "models").is_dir()


def test_the_import_pipeline_depends_on_no_app_above_it():
    above = {"facts", "planning", "followup", "waitlists", "rollout", "inpatient", "theatre",
             "economics", "purchasing"}  # fmt: skip
    reached = {target.split(".")[0] for target in _edges().get("imports", {})} & above
    # The facts reach down to imports (their kinds' declarations); imports reads facts only through
    # their public modules (the reconciliation report's weekly outcome).
    assert reached <= {"facts"} and not any(
        t.startswith("facts.") and t not in ("facts.choices", "facts.selectors")
        for t in _edges().get("imports", {})
    )


# Module-level edges between the apps above the facts that remain, with the reason. A cycle among
# planning, followup and waitlists is what this list must not grow into.
ALLOWED_APP_EDGES = {
    (
        "planning",
        "followup",
    ): "the proposal and the grid read outcome and plan figures from followup's selectors",
    ("planning", "waitlists"): "the proposal reads the waiting-list queue",
    ("waitlists", "followup"): "the pace report reads outcome figures from followup's selectors",
    ("waitlists", "planning"): "the report reads the approved plan through planning's selectors",
    ("followup", "planning"): "follow-up compares outcome with the approved plan",
    ("followup", "waitlists"): "the dashboards show the waiting-list summary",
}


@pytest.mark.parametrize("app", ["planning", "followup", "waitlists"])
def test_cross_app_reads_between_the_dashboards_are_the_documented_ones(app):
    others = {"planning", "followup", "waitlists"} - {app}
    reached = {target.split(".")[0] for target in _edges().get(app, {})} & others
    assert reached <= {b for a, b in ALLOWED_APP_EDGES if a == app}


def _kind_names() -> set[str]:
    kinds = ROOT / "facts" / "kinds"
    if not kinds.is_dir():
        # The layout before the facts owner: the kinds were one enum in imports.
        return {
            "kontakter",
            "vantande",
            "remisser",
            "bokade",
            "produktion",
            "bemanning",
            "befolkning",
            "kva",
        }
    names = set()
    # Each app that owns facts declares its kinds in its own kinds package (facts, inpatient, …).
    for path in sorted(ROOT.glob("*/kinds/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "MODULES" for t in node.targets
            ):
                names.update(ast.literal_eval(node.value))
    return names


def test_the_import_pipeline_names_no_kind():
    names = _kind_names()
    assert names
    found = sorted(
        (module, node.value)
        for path, module in _modules("imports")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.lower() in names
    )
    assert found == []

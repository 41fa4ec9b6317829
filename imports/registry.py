"""The extract kinds the pipeline knows: declared by the app that holds their facts, looked up here.

The pipeline (read, detect, validate, map, pseudonymise, stage, merge, log)
names no kind: every kind-specific rule is on its ``KindSpec``. The facts
owner registers its kinds when Django starts (``facts.apps.FactsConfig.ready``),
so a new kind is a declaration, a loader and their tests, and no change here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kinds import KindSpec

_SPECS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add a kind; registering the same name twice is a mistake in the declarations."""
    if spec.kind in _SPECS and _SPECS[spec.kind] is not spec:
        raise ValueError(f"extract kind {spec.kind!r} is declared twice")
    _SPECS[spec.kind] = spec
    return spec


def spec_for(kind: str) -> KindSpec | None:
    return _SPECS.get(kind)


def specs() -> dict[str, KindSpec]:
    """Every kind by name, in the order they were declared."""
    return dict(_SPECS)


def names() -> list[str]:
    return list(_SPECS)


def choices() -> list[tuple[str, str]]:
    """(name, label) of every kind, for forms, filters and the schema."""
    return [(spec.kind, spec.label) for spec in _SPECS.values()]


def label(kind: str) -> str:
    """The kind's label, or its name when no kind of that name is declared (an old log entry)."""
    spec = _SPECS.get(kind)
    return str(spec.label) if spec else kind

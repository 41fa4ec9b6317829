"""Every extract kind is declared beside its facts (facts.kinds, economics.kinds) and found by the
pipeline through the registry."""

from economics import kinds as economics_kinds
from facts.kinds import MODULES, Kind
from imports import registry
from imports.parsing import parse_file_name


def test_every_kind_is_registered_in_the_declared_order():
    # The facts owner's kinds first (its app comes first in INSTALLED_APPS), then economics'.
    owners = [(MODULES, Kind), (economics_kinds.MODULES, economics_kinds.Kind)]
    assert registry.names() == [name for modules, _ in owners for name in modules]
    for modules, kind in owners:
        assert list(modules) == [k.value for k in kind]


def test_a_kind_is_labelled_and_loads_into_staging_columns_it_names():
    for name, spec in registry.specs().items():
        assert spec.label
        staged = {column for column, _ in spec.loader.columns}
        assert set(spec.loader.key) <= staged, name
        assert set(spec.loader.renames.values()) <= staged | {"status"}, name


def test_a_publishers_own_file_name_still_names_its_kind():
    named = parse_file_name("kka-2021-level4.txt")
    assert (named.kind, named.source, named.hints) == (
        "kva",
        "socialstyrelsen",
        {"classification": "kka", "level": 4},
    )

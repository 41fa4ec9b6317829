"""Every extract kind is declared beside its facts (facts.kinds, theatre.kinds) and found by the
pipeline through the registry."""

from facts.kinds import MODULES, Kind
from imports import registry
from imports.parsing import parse_file_name
from theatre import kinds as theatre_kinds


def test_every_kind_is_registered_in_the_declared_order():
    # The facts owner's kinds first (its app is installed before theatre), then the operating rooms'.
    assert list(MODULES) == [k.value for k in Kind]
    assert list(theatre_kinds.MODULES) == [k.value for k in theatre_kinds.Kind]
    assert registry.names() == list(MODULES) + list(theatre_kinds.MODULES)


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

"""Every extract kind is declared beside its facts (facts.kinds, waitlists.kinds) and found by the
pipeline through the registry."""

from facts.kinds import MODULES, Kind
from imports import registry
from imports.parsing import parse_file_name
from waitlists import kinds as waitlists_kinds


def test_every_kind_is_registered_in_the_declared_order():
    assert list(MODULES) == [k.value for k in Kind]
    assert list(waitlists_kinds.MODULES) == [k.value for k in waitlists_kinds.Kind]
    names = registry.names()
    assert [n for n in names if n in MODULES] == list(MODULES)
    assert set(names) == set(MODULES) | set(waitlists_kinds.MODULES)


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

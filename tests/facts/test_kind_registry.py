"""Every extract kind is declared beside its facts (facts.kinds, inpatient.kinds, theatre.kinds,
waitlists.kinds, economics.kinds, purchasing.kinds) and found by the pipeline through the registry."""

from economics import kinds as economics_kinds
from facts import kinds as facts_kinds
from imports import registry
from imports.parsing import parse_file_name
from inpatient import kinds as inpatient_kinds
from purchasing import kinds as purchasing_kinds
from theatre import kinds as theatre_kinds
from waitlists import kinds as waitlists_kinds

OWNERS = (
    facts_kinds, inpatient_kinds, theatre_kinds, waitlists_kinds, economics_kinds, purchasing_kinds,
)  # fmt: skip


def test_every_kind_is_registered_in_the_declared_order():
    names = registry.names()
    for owner in OWNERS:
        assert list(owner.MODULES) == [k.value for k in owner.Kind]
        # Each owner's kinds keep their declared order, whichever app is installed first.
        assert [n for n in names if n in owner.MODULES] == list(owner.MODULES)
    assert set(names) == set().union(*(owner.MODULES for owner in OWNERS))


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

"""Which outcome source counts: what was asked for, COSMIC when nothing was, nothing for an unknown name."""

from facts.selectors.outcome import outcome_source


def test_it_takes_the_source_asked_for():
    assert outcome_source("diver") == "diver"


def test_it_counts_cosmic_when_none_is_asked_for():
    assert outcome_source("") == outcome_source(None) == "cosmic"


def test_it_refuses_a_name_that_is_no_source():
    assert outcome_source("excel") is None

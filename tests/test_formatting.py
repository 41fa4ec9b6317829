"""Numbers and weeks are written one way everywhere: kps.formatting, in the request's language."""

from __future__ import annotations

from django.utils import translation

from kps import formatting
from organisation.calendar import IsoWeek


def test_swedish_numbers_have_a_decimal_comma_and_a_space_between_thousands():
    with translation.override("sv"):
        assert formatting.number(4429) == "4\u00a0429"
        assert formatting.number(1234567.25, 1) == "1\u00a0234\u00a0567,3"
        assert formatting.share(0.2, 1) == "20,0\u00a0%"
        assert formatting.percent(5, 1) == "5,0\u00a0%"


def test_english_numbers_follow_english_conventions():
    with translation.override("en"):
        assert formatting.number(4429) == "4,429"
        assert formatting.share(0.2, 1) == "20.0\u00a0%"


def test_halves_round_away_from_zero_as_people_do():
    with translation.override("sv"):
        assert formatting.number(2.5) == "3" and formatting.number(-2.5) == "-3"


def test_weeks_read_v_49_with_the_year_where_it_changes():
    with translation.override("sv"):
        assert formatting.week("2026-W49") == "v 49 2026"
        assert formatting.week(202649, with_year=False) == "v 49"
        weeks = [IsoWeek(2026, 52), IsoWeek(2026, 53), IsoWeek(2027, 1), IsoWeek(2027, 2)]
        assert formatting.week_labels(weeks) == ["v 52 2026", "v 53", "v 1 2027", "v 2"]
        assert formatting.week_span("2026-W14", "2026-W26") == "v 14–26 2026"
        assert formatting.week_span("2026-W50", "2027-W03") == "v 50 2026 – v 3 2027"


def test_weeks_are_translated_in_english():
    with translation.override("en"):
        assert formatting.week("2026-W49") == "wk 49 2026"
        assert formatting.week_labels(["2026-W53", "2027-W01"], year_sep="<br>") == [
            "wk 53<br>2026",
            "wk 1<br>2027",
        ]


def test_a_long_run_of_weeks_labels_only_some():
    weeks = [IsoWeek(2026, 1) + n for n in range(26)]
    with translation.override("sv"):
        labels = formatting.week_labels(weeks, most=14)
    assert sum(1 for label in labels if label) == 13 and labels[1] == ""

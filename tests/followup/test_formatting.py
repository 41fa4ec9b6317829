"""Swedish presentation: a decimal comma, a space between thousands, ”85 %”, weeks as ”v 5”."""

from decimal import Decimal

import pytest
from django.utils import translation

from followup.selectors.traffic import Light
from followup.templatetags.followup_format import (
    amount,
    light_text,
    share,
    signed,
    week_label,
    week_ranges,
)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def test_numbers_have_a_space_between_thousands_and_unknown_is_a_dash():
    assert amount(Decimal("12345.5")) == "12\u00a0346"
    assert amount(Decimal("0")) == "0"
    assert amount(None) == "–"
    assert signed(-27) == "−27" and signed(3) == "+3"


def test_shares_read_as_percent_with_a_decimal_comma():
    assert share(0.855, 1) == "85,5\u00a0%"
    assert share(1) == "100\u00a0%"
    assert share(None) == "–"


def test_weeks_read_as_swedish_week_numbers_and_gaps_as_runs():
    assert week_label("2026-W05") == "v 5 2026" and week_label(202653) == "v 53 2026"
    assert week_ranges(["2026-W14", "2026-W21", "2026-W22", "2026-W23"]) == "v 14, v 21–23 2026"
    assert week_ranges(["2025-W52", "2026-W01"]) == "v 52 2025, v 1 2026"


def test_the_waiting_list_light_reads_in_the_active_language_with_its_change_in_percent():
    grew, shrank = (
        Light("waiting", "", "red", 0.124, detail="37"),
        Light("waiting", "", "green", -0.05, detail="8"),
    )
    assert light_text(grew) == "Vårdgarantin, väntat över 90 dagar: 37, +12\u00a0% på fyra veckor"
    assert light_text(shrank) == "Vårdgarantin, väntat över 90 dagar: 8, −5\u00a0% på fyra veckor"
    with translation.override("en"):
        assert (
            light_text(grew) == "Care guarantee, waited over 90 days: 37, +12\u00a0% in four weeks"
        )

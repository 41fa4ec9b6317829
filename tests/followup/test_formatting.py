"""Swedish presentation: a decimal comma, a space between thousands, ”85 %”, weeks as ”v 5”."""

from decimal import Decimal

import pytest
from django.utils import translation

from followup.templatetags.followup_format import amount, share, signed, week_label, week_ranges


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

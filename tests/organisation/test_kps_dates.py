"""Day and month follow the active language: lower-case month abbreviations in Swedish."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

DAYS = [date(2026, 1, 6), date(2026, 5, 1), date(2026, 10, 12), date(2026, 12, 31)]


def rendered(language: str) -> list[str]:
    template = Template("{% load kps_dates %}{% for day in days %}{{ day|day_month }};{% endfor %}")
    with translation.override(language):
        return template.render(Context({"days": DAYS})).split(";")[:-1]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["6 jan", "1 maj", "12 okt", "31 dec"]),
        ("en", ["6 Jan", "1 May", "12 Oct", "31 Dec"]),
    ],
)
def test_day_month_writes_the_month_as_the_language_does(language, expected):
    assert rendered(language) == expected


def test_day_month_leaves_a_missing_date_empty():
    assert (
        Template("{% load kps_dates %}[{{ day|day_month }}]").render(Context({"day": None})) == "[]"
    )

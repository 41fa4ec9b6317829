"""The rules on plain values: ceiling warnings from 80 % and at 100 %, and the volume to send."""

from decimal import Decimal

import pytest

from purchasing.rules import CeilingLevel, ceiling_level, volume_to_send


@pytest.mark.parametrize(
    ("used", "ceiling", "level"),
    [
        (0, 10, CeilingLevel.OK),
        (7, 10, CeilingLevel.OK),
        (Decimal("79999.99"), Decimal("100000"), CeilingLevel.OK),
        (8, 10, CeilingLevel.WARNING),  # exactly 80 %
        (Decimal("80000"), Decimal("100000"), CeilingLevel.WARNING),
        (9, 10, CeilingLevel.WARNING),
        (10, 10, CeilingLevel.REACHED),  # exactly at the ceiling
        (12, 10, CeilingLevel.REACHED),  # beyond it
    ],
)
def test_a_ceiling_warns_from_80_percent_and_is_reached_at_100(used, ceiling, level):
    assert ceiling_level(used, ceiling) == level


def test_without_a_ceiling_there_is_no_level():
    assert ceiling_level(50, None) is None


def test_the_volume_to_send_is_the_pace_beyond_the_plan_and_never_negative():
    assert volume_to_send(required_pace=12.5, plan_pace=10) == pytest.approx(2.5)
    assert volume_to_send(required_pace=8, plan_pace=10) == 0
    assert volume_to_send(required_pace=8, plan_pace=None) is None

"""The plan grid's Excel import refuses a workbook that unpacks to far more than a plan can be."""

import pytest

from planning import excel
from tests.bombs import zip_bomb

pytestmark = pytest.mark.django_db


def test_a_zip_bomb_workbook_is_refused_with_a_message_and_no_edits(draft):
    data = zip_bomb(unpacked_mib=150)
    assert len(data) < excel.MAX_UPLOAD_BYTES

    reading = excel.workbook_edits(version=draft, data=data)

    assert reading.edits == []
    assert len(reading.errors) == 1
    assert "för stor uppackad (mer än 50 MB)" in reading.errors[0]

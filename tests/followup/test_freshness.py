"""The dashboards' freshness banner reads the import log in one query, whatever the kinds, and says,
case by case, what the log means: data up to which day, a failed nightly run, a late import."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from imports.models import ImportRun, RunStatus
from imports.reports import data_freshness
from imports.tasks import NIGHTLY

pytestmark = pytest.mark.django_db

KINDS = ["kontakter", "produktion", "vantande", "bokade", "okänd"]


def run(kind, status, hours_ago, *, extract=None, started_by=NIGHTLY, message=""):
    finished = timezone.now() - timedelta(hours=hours_ago)
    row = ImportRun.objects.create(
        file_name=f"{kind}_x.csv", kind=kind, source="cosmic", checksum=f"{kind}{hours_ago}{status}",
        extract_date=extract, status=status, started_by=started_by, message=message,
    )  # fmt: skip
    ImportRun.objects.filter(pk=row.pk).update(
        started_at=finished - timedelta(minutes=3), finished_at=finished
    )


NOTHING = (None, False, "", True)
# Per case: the runs, and per kind (data until, failed, failure message, late); the late limit is 30 h.
LOGS = {
    "nothing imported": ([], {}),
    "fresh and partial": (
        [
            ("kontakter", RunStatus.OK, 26, date(2026, 11, 19)),
            ("kontakter", RunStatus.PARTIAL, 2, date(2026, 11, 21)),
        ],
        {"kontakter": (date(2026, 11, 21), False, "", False)},
    ),
    "late": (
        [("produktion", RunStatus.OK, 40, date(2026, 11, 18))],
        {"produktion": (date(2026, 11, 18), False, "", True)},
    ),
    "failed nightly after the last success": (
        [
            ("vantande", RunStatus.OK, 25, date(2026, 11, 20)),
            ("vantande", RunStatus.REFUSED, 1, None, NIGHTLY, "Obligatoriska kolumner saknas."),
        ],
        {"vantande": (date(2026, 11, 20), True, "Obligatoriska kolumner saknas.", False)},
    ),
    "older failure, manual refusal, unchanged and running runs": (
        [
            ("bokade", RunStatus.FAILED, 5, None, NIGHTLY, "Gammalt fel."),
            ("bokade", RunStatus.OK, 3, date(2026, 11, 21)),
            ("bokade", RunStatus.REFUSED, 2, None, "admin", "Fel fil."),
            ("kontakter", RunStatus.UNCHANGED, 1, date(2026, 11, 22)),
            ("produktion", RunStatus.FAILED, 6, None, NIGHTLY, "Aldrig lyckats."),
            ("produktion", RunStatus.RUNNING, 0, None),
        ],
        {
            # The nightly failure came before the success; a manual refusal does not count.
            "bokade": (date(2026, 11, 21), False, "", False),
            # An unchanged file brought nothing new.
            "kontakter": NOTHING,
            # A running import is not a result yet: the failure before it still stands.
            "produktion": (None, True, "Aldrig lyckats.", True),
        },
    ),
}


@pytest.mark.parametrize("log", list(LOGS))
def test_one_query_reads_what_the_import_log_says(log, django_assert_num_queries):
    runs, expected = LOGS[log]
    for kind, status, hours_ago, extract, *rest in runs:
        run(
            kind,
            status,
            hours_ago,
            extract=extract,
            **dict(zip(("started_by", "message"), rest, strict=False)),
        )
    with django_assert_num_queries(1):
        rows = data_freshness(kinds=KINDS)
    assert [f.kind for f in rows] == KINDS[:-1]  # an unknown kind is left out
    assert {f.kind: (f.data_until, f.failed, f.failed_message, f.late) for f in rows} == {
        kind: expected.get(kind, NOTHING) for kind in KINDS[:-1]
    }


def test_a_failed_nightly_run_warns_with_its_message():
    run("vantande", RunStatus.OK, 25, extract=date(2026, 11, 20))
    run("vantande", RunStatus.REFUSED, 1, message="Obligatoriska kolumner saknas.")
    [fresh] = data_freshness(kinds=["vantande"])
    assert fresh.failed and fresh.warning and not fresh.late
    assert fresh.failed_message == "Obligatoriska kolumner saknas."
    assert fresh.data_until == date(2026, 11, 20)

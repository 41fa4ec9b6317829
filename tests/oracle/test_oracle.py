"""The independent oracle on the demo region: every figure the API reports agrees with what
plain pandas makes of the region's raw extract files, and a changed stored fact shows up as
exactly that clinic and week.

The region is built as CI's demo step builds it (``kps_demo`` with the same scaled-down
options), with its last extract on the latest Wednesday: the running week then holds two
days of contacts and no Diver figures, whatever day the test runs, so the rule that it is
not yet outcome is checked every time.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.conftest import ROOT
from tests.oracle.edge_extracts import write_edge_extracts

sys.path.insert(0, str(ROOT / "bench"))

from oracle_figures.expected import COSMIC, week_key  # noqa: E402
from oracle_figures.run import run_oracle  # noqa: E402

pytestmark = [pytest.mark.django_db, pytest.mark.oracle]
# CI's demo step: scripts/demo --size demo --units 8 --contacts-per-year 10000 --waiting 500 --years 2
DEMO = {"size": "demo", "units": 8, "contacts_per_year": 10_000, "waiting": 500, "years": 2}


def last_wednesday(today):
    return today - timedelta(days=(today.weekday() - 2) % 7)


def build_demo(out) -> Client:
    until = last_wednesday(timezone.localdate())
    call_command(
        "kps_demo", out=str(out), force=True, until=until.isoformat(), stdout=io.StringIO(), **DEMO
    )
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def test_the_api_reports_the_figures_the_extract_files_give(tmp_path):
    client = build_demo(tmp_path)
    today = timezone.localdate()
    # The cases the demo never writes, imported over it: a year the demo holds whole.
    edges = write_edge_extracts(tmp_path, connection, year=today.year - 1, day=today)
    reports = io.StringIO()
    call_command("kps_import", *map(str, edges), stdout=reports)

    result, _expected = run_oracle(
        extracts=tmp_path, client=client, today=today, connection=connection
    )

    imported = [json.loads(line) for line in reports.getvalue().splitlines()]
    assert [(r["status"], r["rows_rejected"]) for r in imported] == [("ok", 0)] * len(edges)
    assert sum(result.compared.values()) > 1000
    for capability in ("theatre", "inpatient", "economics", "purchasing"):
        assert any(figure.startswith(f"{capability}.") for figure in result.compared)
    if result.differences:
        pytest.fail(
            "The API and the extract files disagree:\n" + result.report(limit=10), pytrace=False
        )


def test_the_oracle_names_the_clinic_and_week_of_a_stored_outcome_changed_behind_its_back(tmp_path):
    client = build_demo(tmp_path)
    today = timezone.localdate()
    before, expected = run_oracle(
        extracts=tmp_path, client=client, today=today, connection=connection, parts={"weekly"}
    )
    # A complete week well inside the data, and the largest COSMIC outcome in it.
    week = week_key(last_wednesday(today) - timedelta(weeks=5))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT o.id, o.unit_id, o.activity_id, o.count FROM followup_weeklyoutcome o "
            "WHERE o.source = %s AND o.week = %s ORDER BY o.count DESC, o.id LIMIT 1",
            [COSMIC, week],
        )
        row_id, unit_id, activity_id, count = cursor.fetchone()
        cursor.execute(
            "UPDATE followup_weeklyoutcome SET count = count + 3 WHERE id = %s", [row_id]
        )

    after, _ = run_oracle(
        extracts=tmp_path, client=client, today=today, connection=connection, parts={"weekly"}
    )

    new = set(after.differing("weekly_outcome.cosmic")) - set(
        before.differing("weekly_outcome.cosmic")
    )
    clinic = expected.clinic_name[expected.clinic_of[unit_id]]
    activity = expected.ref.activities[activity_id]
    label = f"{week // 100}-W{week % 100:02d}"
    assert [(d.clinic, d.when, d.detail, d.expected, d.reported) for d in new] == [
        (clinic, label, activity, float(count), float(count) + 3)
    ]
    assert "oracle" in after.report() and clinic in after.report()

"""The generated files import through the real importer without a rejected or held row,
and the reconciliation of COSMIC against Diver finds exactly the deliberate deviations: the
differences as differences, the weeks Diver left out as missing weeks."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from demo.generator import Size, generate
from demo.region import region_spec
from demo.services import demo_region_build, demo_users_create

pytestmark = pytest.mark.django_db
SIZE = Size(units=12, contacts_per_year=12_000, waiting=300, years=1)


def test_generated_files_import_cleanly_and_reconcile(tmp_path):
    if not apps.is_installed("imports"):
        pytest.skip("the imports app is not installed")
    from imports.models import ImportRun
    from imports.reports import outcome_reconciliation, outcome_reconciliation_missing

    spec = region_spec(units=SIZE.units)
    demo_region_build(spec=spec)
    demo_users_create()
    paths = generate(tmp_path, size=SIZE, until=date(2026, 3, 2), seed=3)
    call_command("kps_import", *map(str, paths), stdout=io.StringIO())

    runs = ImportRun.objects.all()
    assert runs.count() == len(paths)
    assert {run.status for run in runs} == {"ok"}, [
        (r.file_name, r.status, r.message) for r in runs if r.status != "ok"
    ]
    assert sum(run.rows_rejected + run.rows_held for run in runs) == 0

    admin = User.objects.get(username="admin")
    differing = {row["unit__code"] for row in outcome_reconciliation(user=admin)}
    missing = {row["unit__code"] for row in outcome_reconciliation_missing(user=admin)}
    deviation = {u.code: u.profile.diver_deviation for u in spec.units if u.profile.diver_deviation}
    # Weeks Diver never delivered are missing, not differences against 0.
    assert differing == {code for code, kind in deviation.items() if kind != "missing_weeks"}
    assert missing == {code for code, kind in deviation.items() if kind == "missing_weeks"}

"""The kps_import command's JSON lines and exit code; the drop-folder task's order and skipping."""

from __future__ import annotations

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from facts.models import Contact
from imports.models import ImportRun, RunStatus
from imports.selectors import drop_folder_pending
from imports.tasks import import_drop_folder, import_file_task
from tests.imports.conftest import lines

GOOD = "K1;2026-01-05;C100;;1;BESOK;LAK;;GENOMFORD;;;;;"


def test_the_command_prints_one_json_object_per_file(units, write):
    good = write(
        "kontakter_cosmic_20260110.csv",
        lines(
            GOOD,
            *[GOOD.replace("K1", f"K{i}") for i in range(2, 40)],
            "K99;2026-01-05;C100;;7;BESOK;LAK;;GENOMFORD;;;;;",
        ),
    )
    out = StringIO()
    call_command("kps_import", str(good), stdout=out)

    report = json.loads(out.getvalue().strip())
    assert {
        k: report[k]
        for k in ("kind", "source", "status", "rows_read", "rows_accepted", "rows_rejected")
    } == {
        "kind": "kontakter",
        "source": "cosmic",
        "status": "partial",
        "rows_read": 40,
        "rows_accepted": 39,
        "rows_rejected": 1,
    }
    assert report["file"] == str(good)
    assert report["errors"] == [
        {"line": 41, "column": "fas", "message": "'7' är inget heltal mellan 1 och 5."}
    ]


def test_the_command_exits_non_zero_when_a_file_is_refused(units, write):
    good = write("kontakter_cosmic_20260110.csv", lines(GOOD))
    bad = write("export.csv", "a;b\n1;2\n")
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("kps_import", str(good), str(bad), stdout=out)

    assert error.value.returncode != 0
    statuses = [json.loads(line)["status"] for line in out.getvalue().splitlines()]
    assert statuses == ["ok", "refused"]
    assert Contact.objects.count() == 1


def test_kind_and_source_options(units, write):
    path = write("export.txt", lines(GOOD))
    out = StringIO()
    call_command("kps_import", str(path), "--kind", "kontakter", "--source", "cosmic", stdout=out)

    assert json.loads(out.getvalue())["status"] == "ok"


def test_the_file_task_only_calls_the_service(units, write):
    run_id = import_file_task(
        str(write("kontakter_cosmic_20260110.csv", lines(GOOD))), started_by="admin"
    )

    assert ImportRun.objects.get(pk=run_id).started_by == "admin"


def test_the_drop_folder_imports_new_files_oldest_extract_first(units, tmp_path, settings):
    settings.KPS_DROP_FOLDER = tmp_path
    (tmp_path / "kontakter_cosmic_20260112.csv").write_text(
        lines("K1;2026-01-05;C100;;4;BESOK;LAK;;GENOMFORD;;;;;")
    )
    (tmp_path / "kontakter_cosmic_20260110.csv").write_text(lines(GOOD))
    (tmp_path / "kontakter_cosmic_20260111_b.csv").write_text(lines(GOOD.replace("K1", "K2")))
    (tmp_path / "kontakter_cosmic_20260111_a.csv").write_text(lines(GOOD.replace("K1", "K3")))
    (tmp_path / "README.md").write_text("not an extract")
    # The newest file is older on disk: order must come from the extract date in the name.
    os.utime(tmp_path / "kontakter_cosmic_20260112.csv", (0, 0))

    assert [p.name for p in drop_folder_pending(folder=tmp_path)] == [
        "kontakter_cosmic_20260110.csv",
        "kontakter_cosmic_20260111_a.csv",
        "kontakter_cosmic_20260111_b.csv",
        "kontakter_cosmic_20260112.csv",
    ]
    ids = import_drop_folder()

    runs = ImportRun.objects.filter(pk__in=ids)
    assert {r.status for r in runs} == {RunStatus.OK} and {r.started_by for r in runs} == {
        "nattlig import"
    }
    # The later extract wins: K1 ends as a return visit.
    assert Contact.objects.get(contact_id="K1").activity.code == "lak-ater"
    # Already imported checksums are skipped the next night.
    assert drop_folder_pending(folder=tmp_path) == []
    assert import_drop_folder() == []

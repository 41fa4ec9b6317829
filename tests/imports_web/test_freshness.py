"""How current the data is: the latest extract day, the last import, and warnings when late or failed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from imports.models import ImportRun, RunStatus
from imports.reports import data_freshness
from imports.tasks import NIGHTLY

pytestmark = pytest.mark.django_db


def run(
    kind: str,
    status: str,
    finished_at: datetime,
    *,
    extract_date: date | None = None,
    started_by: str = NIGHTLY,
    message: str = "",
) -> ImportRun:
    row = ImportRun.objects.create(
        file_name=f"{kind}_x.csv", kind=kind, source="cosmic", checksum=f"{kind}{finished_at}",
        extract_date=extract_date, status=status, started_by=started_by, message=message,
    )  # fmt: skip
    # started_at is set on create; the log's times are what the tests are about.
    ImportRun.objects.filter(pk=row.pk).update(
        started_at=finished_at - timedelta(minutes=3), finished_at=finished_at
    )
    return row


def render(kinds: str) -> str:
    html = Template("{% load kps_freshness %}{% data_freshness kinds %}").render(
        Context({"kinds": kinds})
    )
    return " ".join(html.split())


def today_at(hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time())).replace(
        hour=hour, minute=minute
    )


def test_it_names_the_latest_extract_day_and_todays_import_time(db):
    run(
        "kontakter",
        RunStatus.OK,
        today_at(0, 5) - timedelta(days=1),
        extract_date=date(2026, 11, 20),
    )
    run("kontakter", RunStatus.PARTIAL, today_at(2, 14), extract_date=date(2026, 11, 21))
    assert render("kontakter") == (
        '<div class="freshness"> <p class="freshness-status muted"> <span class="freshness-kind" '
        'data-kind="kontakter">Data t.o.m. 2026-11-21, importerad 02:14</span> </p> </div>'
    )


def test_an_import_of_an_earlier_day_shows_its_date_and_a_late_one_warns(db, settings):
    settings.KPS_IMPORT_LATE_HOURS = 30
    finished = timezone.now() - timedelta(hours=31)
    run("produktion", RunStatus.OK, finished, extract_date=date(2026, 11, 19))
    html = render("produktion")
    local = timezone.localtime(finished)
    assert f"Data t.o.m. 2026-11-19, importerad {local:%Y-%m-%d %H:%M}" in html
    assert (
        "Produktion har inte importerats på över 30 timmar; siffrorna kan vara inaktuella." in html
    )
    assert 'role="alert"' in html

    settings.KPS_IMPORT_LATE_HOURS = 32
    assert "inte importerats" not in render("produktion")


def test_a_failed_nightly_run_after_the_last_success_warns_with_its_message(db):
    run(
        "kontakter",
        RunStatus.OK,
        timezone.now() - timedelta(hours=25),
        extract_date=date(2026, 11, 20),
    )
    run(
        "kontakter",
        RunStatus.REFUSED,
        timezone.now() - timedelta(hours=1),
        message="Obligatoriska kolumner saknas.",
    )
    [fresh] = data_freshness(kinds=["kontakter"])
    assert fresh.failed and not fresh.late
    html = render("kontakter")
    assert (
        "Senaste nattliga importen av kontakter misslyckades. Obligatoriska kolumner saknas."
        in html
    )
    assert "Data t.o.m. 2026-11-20" in html


def test_a_refused_manual_upload_or_an_older_failure_does_not_warn(db):
    run("kontakter", RunStatus.FAILED, timezone.now() - timedelta(hours=5))
    run(
        "kontakter",
        RunStatus.OK,
        timezone.now() - timedelta(hours=2),
        extract_date=date(2026, 11, 21),
    )
    run("kontakter", RunStatus.REFUSED, timezone.now() - timedelta(hours=1), started_by="admin")
    [fresh] = data_freshness(kinds=["kontakter"])
    assert not fresh.warning
    assert "Varning" not in render("kontakter")


def test_a_kind_never_imported_says_so_and_several_kinds_are_labelled(db):
    run(
        "kontakter",
        RunStatus.OK,
        timezone.now() - timedelta(hours=1),
        extract_date=date(2026, 11, 21),
    )
    html = render("kontakter, produktion,okänd")
    assert "Kontakter: Data t.o.m. 2026-11-21" in html
    assert "Produktion:" not in html
    assert "Produktion har aldrig importerats." in html
    assert "okänd" not in html


def test_an_unchanged_rerun_does_not_count_as_fresh_data(db):
    run(
        "kontakter",
        RunStatus.UNCHANGED,
        timezone.now() - timedelta(hours=1),
        extract_date=date(2026, 11, 21),
    )
    [fresh] = data_freshness(kinds=["kontakter"])
    assert fresh.imported_at is None and fresh.late


def test_the_home_page_and_the_import_log_show_the_freshness(client_as):
    run(
        "kontakter",
        RunStatus.OK,
        timezone.now() - timedelta(hours=1),
        extract_date=date(2026, 11, 21),
    )
    home = client_as("ledare").get(reverse("home")).content.decode()
    assert "Kontakter: Data t.o.m. 2026-11-21" in home
    assert "Produktion har aldrig importerats." in home
    log = client_as("admin").get(reverse("imports:index")).content.decode()
    assert "Kontakter: Data t.o.m. 2026-11-21" in log
    assert "Väntande har aldrig importerats." in log

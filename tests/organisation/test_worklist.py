"""The home page's "what waits for me today": each role sees its own items, each linking onward."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from followup.models import Action, Meeting
from imports.models import ImportRun, RunStatus
from imports.tasks import NIGHTLY
from organisation import selectors, worklist
from organisation.calendar import IsoWeek
from planning import services

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)
NEXT = 2027


def sections(user, today=TODAY) -> dict:
    return {s.key: s for s in worklist.worklist(user=user, today=today)}


def test_a_submitted_plan_waits_for_its_clinics_manager_not_for_others(
    org, kps_leader, clinic_manager, area_manager, qulturum_user
):
    version = services.plan_create(clinic=org.clinics[0], year=NEXT, user=kps_leader)
    services.plan_submit(version=version, user=kps_leader)
    for manager in (clinic_manager, area_manager):
        [item] = sections(manager)["approvals"].items
        assert "Ortopedkliniken" in item.text
        assert item.url == reverse("planning:plan", args=[version.plan_id])
    # A KPS leader and Qulturum approve nothing: the question is not theirs.
    assert "approvals" not in sections(kps_leader)
    assert "approvals" not in sections(qulturum_user)


def test_open_actions_past_their_due_date_are_listed_per_clinic(org, kps_leader, clinic_manager):
    meeting = Meeting.objects.create(clinic=org.clinics[0], held_on=TODAY, week=202649)
    for title, due, status in (
        ("Ring patienterna", TODAY - timedelta(days=10), "open"),
        ("Boka fler tider", TODAY - timedelta(days=3), "in_progress"),
        ("Klar sedan länge", TODAY - timedelta(days=20), "done"),
        ("Inte än", TODAY + timedelta(days=3), "open"),
    ):
        Action.objects.create(
            clinic=org.clinics[0], meeting=meeting, title=title, owner="Eva", due_date=due,
            status=status,
        )  # fmt: skip
    Action.objects.create(
        clinic=org.clinics[2], meeting=Meeting.objects.create(
            clinic=org.clinics[2], held_on=TODAY, week=202649
        ), title="Annan klinik", owner="Per", due_date=TODAY - timedelta(days=5),
    )  # fmt: skip
    [item] = sections(kps_leader)["actions"].items
    assert item.text == "Ortopedkliniken: 2 öppna åtgärder efter sitt datum"
    assert f"klinik={org.clinics[0].id}" in item.url and item.url.startswith(
        reverse("followup:callin")
    )
    assert "27 november 2026" in item.detail


def test_clinics_without_an_approved_plan_for_next_year_after_the_lay_by_date(
    org, area_manager, kps_leader, clinic_manager
):
    deadline = selectors.schedule_periods(area=org.areas[0], year=NEXT)[0].lay_by
    # Before the schedule clock's deadline nothing is late yet.
    assert sections(area_manager, today=deadline)["plans"].items == []
    version = services.plan_create(clinic=org.clinics[0], year=NEXT, user=kps_leader)
    services.plan_submit(version=version, user=kps_leader)
    services.plan_approve(version=version, user=clinic_manager)
    after = deadline + timedelta(days=1)
    [item] = sections(area_manager, today=after)["plans"].items
    # The area's other clinic has none; Ortopedkliniken's is approved.
    assert item.text == "Kirurgisk vård: 1 klinik utan fastställd plan"
    assert "Ögonkliniken" in item.detail and "Ortopedkliniken" not in item.detail
    assert item.url == reverse("planning:clock", args=[org.areas[0].id]) + f"?ar={NEXT}"


def test_a_failed_nightly_import_is_shown_to_those_who_read_the_import_log(
    org, kps_admin, kps_leader
):
    ImportRun.objects.create(
        file_name="kontakter_cosmic_20261206.csv", kind="kontakter", checksum="x" * 64,
        started_by=NIGHTLY, status=RunStatus.FAILED, message="Filen gick inte att läsa.",
        finished_at=timezone.now(),
    )  # fmt: skip
    items = sections(kps_admin)["imports"].items
    failed = [i for i in items if "misslyckades" in i.text]
    assert len(failed) == 1 and "Filen gick inte att läsa." in failed[0].detail
    assert failed[0].url == reverse("imports:index") + "?kind=kontakter&status=failed"
    assert "imports" not in sections(kps_leader)


@pytest.mark.parametrize("username", ["ledare", "chef", "omradeschef", "qulturum", "admin"])
def test_every_roles_home_page_has_the_worklist(client, role_users, username):
    client.force_login(role_users[username])
    html = client.get(reverse("home")).content.decode()
    assert "Det här väntar på dig i dag" in html
    assert "Åtgärder som passerat sitt datum" in html
    year = IsoWeek.of(timezone.localdate()).year + 1
    assert f"Kliniker utan fastställd plan för {year}" in html

"""A plan whose capacity check is red goes on only with a comment; a KPS leader can withdraw it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from facts.models import StaffHours
from organisation.models import ClinicTimeStandard
from planning import capacity, services
from planning.errors import PlanLocked
from planning.models import PlanStatus, PlanStatusChange

from .conftest import YEAR, edits

pytestmark = pytest.mark.django_db


@pytest.fixture
def red(draft, clinic, unit, activities, kps_leader):
    """A draft needing 30 doctor hours in period 1 where HR has 5: a red capacity check."""
    ClinicTimeStandard.objects.create(clinic=clinic, activity=activities["lak-ny"], minutes=60)
    cells = edits(unit, activities["lak-ny"], {1: 30})
    services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0, cells=cells)
    StaffHours.objects.create(unit=unit, week=YEAR * 100 + 1, profession="LAK", hours=Decimal(5))
    assert capacity.plan_capacity_red(version=draft)
    return draft


def last_change(version) -> PlanStatusChange:
    return PlanStatusChange.objects.filter(version=version).order_by("-id").first()


def test_submitting_a_red_plan_without_a_comment_is_refused(red, kps_leader):
    with pytest.raises(ValidationError, match="Kapacitetskontrollen är röd"):
        services.plan_submit(version=red, user=kps_leader)
    with pytest.raises(ValidationError, match="Kapacitetskontrollen är röd"):
        services.plan_submit(version=red, user=kps_leader, comment="  ")
    red.refresh_from_db()
    assert red.status == PlanStatus.DRAFT


def test_the_comment_is_stored_with_the_status_change(red, kps_leader, clinic_manager):
    services.plan_submit(version=red, user=kps_leader, comment="Två läkare börjar i mars.")
    change = last_change(red)
    assert (change.to_status, change.reason) == (PlanStatus.SUBMITTED, "Två läkare börjar i mars.")
    with pytest.raises(ValidationError, match="Kapacitetskontrollen är röd"):
        services.plan_approve(version=red, user=clinic_manager)
    services.plan_approve(version=red, user=clinic_manager, comment="Övertid godkänd av HR.")
    change = last_change(red)
    assert (change.to_status, change.reason) == (PlanStatus.APPROVED, "Övertid godkänd av HR.")


def test_a_plan_with_a_green_check_needs_no_comment(draft, kps_leader, clinic_manager):
    services.plan_submit(version=draft, user=kps_leader)
    services.plan_approve(version=draft, user=clinic_manager)
    assert draft.status == PlanStatus.APPROVED


def test_a_comment_may_not_hold_an_identity_number(red, kps_leader):
    with pytest.raises(ValidationError, match="personnummer"):
        services.plan_submit(version=red, user=kps_leader, comment="Patient 19121212-1212 väntar")


def test_a_kps_leader_withdraws_a_submission_back_to_draft_and_it_is_logged(
    draft, kps_leader, clinic_manager
):
    services.plan_submit(version=draft, user=kps_leader)
    with pytest.raises(PermissionDenied):
        services.plan_withdraw(version=draft, user=clinic_manager)
    services.plan_withdraw(version=draft, user=kps_leader, reason="Glömde enhet 2.")
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and draft.submitted_at is None
    change = last_change(draft)
    assert (change.from_status, change.to_status, change.user, change.reason) == (
        PlanStatus.SUBMITTED,
        PlanStatus.DRAFT,
        kps_leader,
        "Glömde enhet 2.",
    )
    with pytest.raises(PlanLocked):
        services.plan_withdraw(version=draft, user=kps_leader)


def test_the_plan_page_asks_for_the_comment_and_shows_it_in_the_history(client, red, kps_leader):
    client.force_login(kps_leader)
    html = client.get(reverse("planning:plan", args=[red.plan_id])).content.decode()
    assert 'name="comment"' in html and "Kommentar (krävs)" in html
    url = reverse("planning:status", args=[red.id, "skicka-in"])
    html = client.post(url, follow=True).content.decode()
    assert "Kapacitetskontrollen är röd" in html
    red.refresh_from_db()
    assert red.status == PlanStatus.DRAFT
    html = client.post(url, {"comment": "Vi hyr in en läkare."}, follow=True).content.decode()
    assert "inskickad för fastställelse" in html
    html = client.get(reverse("planning:history", args=[red.plan_id])).content.decode()
    assert "Vi hyr in en läkare." in html
    # Submitted: the leader sees the withdraw button and uses it.
    assert (
        "Dra tillbaka" in client.get(reverse("planning:plan", args=[red.plan_id])).content.decode()
    )
    client.post(reverse("planning:status", args=[red.id, "dra-tillbaka"]))
    red.refresh_from_db()
    assert red.status == PlanStatus.DRAFT


def test_the_api_asks_for_the_comment_withdraws_and_lists_the_status_changes(red, kps_leader):
    api = APIClient()
    api.force_authenticate(kps_leader)
    submit = reverse("planversion-submit", kwargs={"pk": red.pk})
    response = api.post(submit, format="json")
    assert response.status_code == 400
    assert "Kapacitetskontrollen är röd" in response.json()["detail"]
    response = api.post(submit, {"comment": "Inhyrd läkare."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == PlanStatus.SUBMITTED
    response = api.post(reverse("planversion-withdraw", kwargs={"pk": red.pk}), format="json")
    assert response.status_code == 200 and response.json()["status"] == PlanStatus.DRAFT
    changes = api.get(reverse("planversion-status-changes", kwargs={"pk": red.pk})).json()
    assert [(c["from_status"], c["to_status"]) for c in changes] == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "draft"),
    ]
    assert changes[1]["reason"] == "Inhyrd läkare."

"""The meeting log: what a meeting decides is written down and carried to the next until closed."""

from datetime import date

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followup import services
from followup.models import Action, ActionStatus, ActionUpdate, DiscussedDeviation, Meeting
from followup.selectors import meeting_log
from organisation import access

from .facts import activity

pytestmark = pytest.mark.django_db


def log_a_meeting(client, clinic, **extra):
    """Posts the meeting form as the page lays it out: one deviation and one action answering it."""
    data = {
        "mote-held_on": "2026-05-18",
        "mote-week": "2026-W20",
        "mote-attendees": "Chef, KPS-ledare",
        "mote-notes": "Operation under plan två veckor i rad.",
        "avvikelse-0-activity": str(activity("operation").id),
        "avvikelse-0-description": "Två operationssalar stängda, narkospersonal saknas.",
        "avvikelse-0-planned": "24",
        "avvikelse-0-outcome": "17",
        "atgard-0-title": "Låna narkossköterska från Länssjukhuset",
        "atgard-0-owner": "Anna Andersson",
        "atgard-0-due_date": "2026-05-29",
        "atgard-0-deviation": "1",
        **extra,
    }
    url = reverse("followup:meeting_create") + f"?klinik={clinic.id}&vecka=2026-W20"
    return client.post(url, data)


def test_a_manager_logs_a_meeting_with_a_deviation_and_an_action(client, org, clinic_manager):
    client.force_login(clinic_manager)
    response = log_a_meeting(client, org.clinics[0])
    assert response.status_code == 302 and response.url.endswith("#motesanteckningar")
    meeting = Meeting.objects.get()
    assert (meeting.clinic, meeting.week, meeting.created_by) == (
        org.clinics[0],
        202620,
        clinic_manager,
    )
    deviation = DiscussedDeviation.objects.get()
    assert (
        deviation.activity.code == "operation"
        and deviation.planned == 24
        and deviation.outcome == 17
    )
    action = Action.objects.get()
    assert action.deviation == deviation and action.status == ActionStatus.OPEN
    assert action.owner == "Anna Andersson" and action.due_date == date(2026, 5, 29)
    # The dashboard shows it where the next meeting will see it.
    html = client.get(response.url.split("#")[0]).content.decode()
    assert (
        "Låna narkossköterska från Länssjukhuset" in html and "Två operationssalar stängda" in html
    )


def test_an_action_needs_an_owner_and_a_due_date(client, org, clinic_manager):
    client.force_login(clinic_manager)
    response = log_a_meeting(
        client, org.clinics[0], **{"atgard-0-owner": "", "atgard-0-due_date": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Ange vem som ansvarar för åtgärden." in html and "Ange när åtgärden ska vara klar." in html
    )
    assert not Meeting.objects.exists()


def test_open_actions_are_carried_to_the_next_meeting_until_closed(client, org, kps_leader):
    client.force_login(kps_leader)
    log_a_meeting(client, org.clinics[0])
    action = Action.objects.get()
    # The next week's meeting: the action is still in progress, with a comment.
    form = client.get(
        reverse("followup:meeting_create"), {"klinik": org.clinics[0].id, "vecka": "2026-W21"}
    )
    assert "Låna narkossköterska" in form.content.decode()
    client.post(
        reverse("followup:meeting_create") + f"?klinik={org.clinics[0].id}&vecka=2026-W21",
        {"mote-held_on": "2026-05-25", "mote-week": "2026-W21", f"status-{action.id}-status": "in_progress",
         f"status-{action.id}-comment": "Frågat Länssjukhuset, svar på fredag."},
    )  # fmt: skip
    log = meeting_log(clinic_id=org.clinics[0].id)
    assert [a.id for a in log.open_actions] == [action.id]
    assert log.open_actions[0].last_comment == "Frågat Länssjukhuset, svar på fredag."
    assert [m.week for m in log.meetings] == [202621, 202620]
    # Closed between meetings from the dashboard: it leaves the list, the day is kept.
    client.post(reverse("followup:action_status", args=[action.id]),
                {f"status-{action.id}-status": "done", f"status-{action.id}-comment": "Klart."})  # fmt: skip
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.closed_on is not None
    assert meeting_log(clinic_id=org.clinics[0].id).open_actions == []
    assert list(ActionUpdate.objects.filter(action=action).values_list("status", flat=True)) == [
        "open", "in_progress", "done"
    ]  # fmt: skip


def test_the_form_suggests_last_weeks_red_activities(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    html = client.get(reverse("followup:meeting_create"), {"vecka": "2026-W20"}).content.decode()
    # Operation was at 71 % of plan in week 20 of the scenario.
    assert f'<option value="{activity("operation").id}" selected>' in html


def test_only_the_clinics_leaders_and_managers_write_in_its_log(org, role_users):
    clinic = org.clinics[0]
    assert access.can_log_meeting(role_users["ledare"], clinic)
    assert access.can_log_meeting(role_users["chef"], clinic)
    assert access.can_log_meeting(role_users["omradeschef"], clinic)
    assert access.can_log_meeting(role_users["admin"], clinic)
    assert not access.can_log_meeting(role_users["qulturum"], clinic)
    assert not access.can_log_meeting(role_users["ledare"], org.clinics[2])
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            user=role_users["qulturum"], clinic=clinic, held_on=date(2026, 5, 18), week=202620
        )


def test_a_meeting_for_a_unit_of_another_clinic_is_refused(org, role_users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.meeting_create(user=role_users["admin"], clinic=org.clinics[0], held_on=date(2026, 5, 18),
                                week=202620, unit_id=org.units[4].id)  # fmt: skip
    assert not Meeting.objects.exists()


def test_a_meeting_note_with_an_identity_number_is_refused_with_the_reason_and_nothing_is_saved(
    client, org, clinic_manager
):
    client.force_login(clinic_manager)
    response = log_a_meeting(
        client, org.clinics[0],
        **{"mote-notes": "Patient 19121212-1212 väntar.", "atgard-0-title": "Ring 191212 1212 i dag"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("ser ut som ett personnummer") == 2
    assert "utan skydd för personuppgifter" in html
    assert not Meeting.objects.exists() and not Action.objects.exists()


def test_a_number_that_is_no_possible_birth_date_is_kept_in_a_note(client, org, clinic_manager):
    client.force_login(clinic_manager)
    response = log_a_meeting(
        client, org.clinics[0], **{"mote-notes": "Beställning 20269999-0001 skickad."}
    )
    assert response.status_code == 302
    assert Meeting.objects.get().notes == "Beställning 20269999-0001 skickad."


def test_the_admin_refuses_an_identity_number_in_a_meetings_notes_as_the_page_does(
    rf, org, role_users
):
    request = rf.get("/")
    request.user = role_users["admin"]
    form_class = admin.site._registry[Meeting].get_form(request)
    data = {"clinic": org.clinics[0].pk, "held_on": "2026-05-18", "week": 202620, "attendees": ""}

    refused = form_class(data={**data, "notes": "Gäller 19121212-1212"})
    kept = form_class(data={**data, "notes": "Operation under plan."})

    assert "ser ut som ett personnummer" in str(refused.errors["notes"])
    assert kept.is_valid(), kept.errors


def test_an_action_due_before_the_meeting_is_refused_in_swedish(client, org, clinic_manager):
    client.force_login(clinic_manager)
    response = log_a_meeting(client, org.clinics[0], **{"atgard-0-due_date": "2026-05-11"})
    assert response.status_code == 200
    assert "Datumet ligger före mötet (18 maj 2026)" in response.content.decode()
    assert not Meeting.objects.exists() and not Action.objects.exists()
    # The service holds the same rule for any other caller.
    with pytest.raises(ValidationError, match="före mötet"):
        services.meeting_create(
            user=clinic_manager, clinic=org.clinics[0], held_on=date(2026, 5, 18), week=202620,
            actions=[services.ActionInput(title="Ring", owner="Eva", due_date=date(2026, 5, 1))],
        )  # fmt: skip


def test_the_form_keeps_its_hints_after_a_refused_save(client, org, clinic_manager, half_year):
    client.force_login(clinic_manager)
    url = reverse("followup:meeting_create") + f"?klinik={org.clinics[0].id}&vecka=2026-W20"
    first = client.get(url).content.decode()
    assert "Utfall" in first and "av plan" in first and "t.ex. 2026-W05" in first
    refused = client.post(url, {"mote-held_on": "", "mote-week": "2026-W20"}).content.decode()
    assert "Utfall" in refused and "av plan" in refused and "t.ex. 2026-W05" in refused

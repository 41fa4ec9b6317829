""" "Var ska vi titta först?": deviations ranked by their size, the rest folded, and a profession
HR does not staff is an unknown, not a red 0 %.

Ortopedkliniken follows up 2026-W10. Its reception plans 100 Läkarbesök ny a
week and 6 written contacts (Övrig, 10 minutes each: an hour a week); its
ward 10 Läkarbesök åter. HR delivers doctors' hours for the weeks ahead and
none for Övrig at all.
"""

import re

import pytest
from django.urls import reverse

from followup.selectors import Scope
from followup.selectors.callin import callin_dashboard
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.traffic import GREEN, MISSING, NO_HR_HOURS, RED, SHOWN_FIRST, YELLOW
from followup.templatetags.followup_format import light_gap, light_text
from organisation.calendar import IsoWeek

from .facts import activity, approved_plan, outcome, staff

pytestmark = pytest.mark.django_db

WEEK = IsoWeek(2026, 10)


@pytest.fixture
def clinic_week(org):
    clinic, reception, ward = org.clinics[0], org.units[0], org.units[1]
    new, ret, written = activity("lak-ny"), activity("lak-ater"), activity("skriftlig")
    weeks = [IsoWeek(2026, w) for w in range(1, 21)]
    approved_plan(
        clinic,
        2026,
        {(reception, new, w.key): 100 for w in weeks}
        | {(ward, ret, w.key): 10 for w in weeks}
        | {(reception, written, w.key): 6 for w in weeks},
    )
    for w in weeks[:10]:
        outcome(reception, new, w.key, 90)  # 90 % every week: yellow, 10 a week under plan
        outcome(
            ward, ret, w.key, 7 if w == WEEK else 10
        )  # 70 % in the week followed up: red, 3 under
        outcome(reception, written, w.key, 6)
    for ahead in range(11, 15):
        staff(reception, IsoWeek(2026, ahead).key, "LAK", 100)
    return Scope(clinic_ids=(clinic.id,), unit_ids=(reception.id, ward.id))


def lights_of(scope):
    return callin_dashboard(scope=scope, week=WEEK, catalogue=activity_catalogue()).lights


def test_a_profession_with_need_but_no_hr_hours_at_all_is_missing_not_red(clinic_week):
    light = next(x for x in lights_of(clinic_week) if x.kind == "staffing" and x.subject == "Övrig")
    assert light.level == MISSING and light.value is None and light.detail == NO_HR_HOURS
    assert light_text(light) == "Övrig: HR-uppgift saknas"
    doctors = next(
        x for x in lights_of(clinic_week) if x.kind == "staffing" and x.subject == "Läkare"
    )
    assert doctors.level == GREEN


def test_a_profession_hr_staffs_with_zero_hours_is_still_red(clinic_week, org):
    staff(org.units[0], IsoWeek(2026, 11).key, "OVR", 0)
    light = next(x for x in lights_of(clinic_week) if x.kind == "staffing" and x.subject == "Övrig")
    # HR reports Övrig now: the four weeks it delivered have none of the hour a week needed.
    assert (light.level, light.value, light.gap) == (RED, 0.0, 4.0)


def test_deviations_are_ranked_by_their_size_in_volume_not_by_colour(clinic_week):
    lights = lights_of(clinic_week)
    deviations = [(x.kind, x.subject, x.level, x.gap) for x in lights if x.level in (RED, YELLOW)]
    # 12 weeks back, 10 known: 10 × 10 under plan; the week itself 10 under; the ward's red 3 under.
    assert deviations == [
        ("rolling", "Läkarbesök ny", YELLOW, 100.0),
        ("last_week", "Läkarbesök ny", YELLOW, 10.0),
        ("last_week", "Läkarbesök åter", RED, 3.0),
    ]
    levels = [x.level for x in lights]
    assert levels[: len(deviations)] == [YELLOW, YELLOW, RED]
    rest = levels[len(deviations) :]
    assert rest == sorted(rest, key=[MISSING, GREEN].index)
    assert light_gap(lights[0]) == "100 under plan"


def test_the_page_shows_the_first_few_and_folds_the_rest(client, clinic_manager, clinic_week):
    client.force_login(clinic_manager)
    html = client.get(reverse("followup:callin"), {"vecka": str(WEEK)}).content.decode()
    section = html[html.index('id="lights-title"') : html.index("</section>")]
    shown, folded = section.split("<details", 1)
    assert shown.count('<li class="light') == SHOWN_FIRST
    total = len(lights_of(clinic_week))
    assert total > SHOWN_FIRST
    assert folded.count('<li class="light') == total - SHOWN_FIRST
    assert re.search(rf"Visa {total - SHOWN_FIRST} till", folded)
    # The largest deviation comes first, with its size beside it.
    first = shown[shown.index('<li class="light') :].split("</li>")[0]
    assert "Läkarbesök ny" in first and "100 under plan" in first
    assert "Övrig: 0" not in section and "Övrig: HR-uppgift saknas" in section


def test_the_printed_call_in_shows_the_folded_lights_too(client, clinic_manager, clinic_week):
    client.force_login(clinic_manager)
    html = client.get(reverse("followup:callin_print"), {"vecka": str(WEEK)}).content.decode()
    assert '<details class="lights-folded" open>' in html

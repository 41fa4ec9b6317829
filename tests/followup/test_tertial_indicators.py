"""The indicator table's tertials are calendar months, and its return-visit indicator counts the
return visits performed by their medical target date, not the share of those still waiting.

Ortopedkliniken (Kirurgisk vård) in 2024: T1 runs 1 January – 30 April; ISO week 18 begins on
Monday 29 April, so T1's weeks end with week 17 while its last day, and the waiting-list
snapshot taken on it, fall two days later.
"""

from datetime import date

import pytest
from django.urls import reverse

from facts.models import Contact
from followup.selectors.strategic import strategic_dashboard
from organisation.calendar import IsoWeek
from waitlists.services import waiting_summary_sync

from .facts import activity, waiting

pytestmark = pytest.mark.django_db

TODAY = date(2024, 9, 16)  # in T3


def surgery_tertial(org, tertial: int, *, today: date = TODAY) -> dict:
    s = strategic_dashboard(clinic_ids=[c.id for c in org.clinics], year=2024, today=today)
    return next(r for r in s.indicators if r["label"] == "Kirurgisk vård")["tertials"][tertial - 1]


def return_visit(unit, day: date, target: date | None, n: int) -> None:
    ret = activity("lak-ater")
    start = Contact.objects.count()
    Contact.objects.bulk_create(
        Contact(source="cosmic", contact_id=f"R{start + i}", date=day, week=IsoWeek.of(day).key, unit=unit,
                activity=ret, phase=4, contact_type="BESOK", profession="LAK", target_date=target)
        for i in range(n)
    )  # fmt: skip


def test_t1_2024s_waiting_list_indicator_uses_the_30_april_snapshot(org):
    unit = org.units[0]
    waiting(
        unit, snapshot=date(2024, 4, 26), decided=date(2024, 4, 1), n=3
    )  # the last in T1's weeks
    waiting(unit, snapshot=date(2024, 4, 30), decided=date(2024, 1, 2))  # 119 days: not within 60
    waiting(unit, snapshot=date(2024, 4, 30), decided=date(2024, 4, 1))  # within
    waiting(unit, snapshot=date(2024, 5, 2), decided=date(2024, 5, 1), n=7)  # T2
    waiting_summary_sync()
    t1 = surgery_tertial(org, 1)
    assert t1["snapshot_date"] == date(2024, 4, 30)
    assert t1["first_visit_waiting"] == 2 and t1["first_visit_share"] == pytest.approx(0.5)
    assert surgery_tertial(org, 2)["snapshot_date"] == date(2024, 5, 2)


def test_the_running_tertial_reads_the_last_snapshot_so_far(org):
    waiting(org.units[0], snapshot=date(2024, 5, 6), decided=date(2024, 5, 1))
    waiting(org.units[0], snapshot=date(2024, 6, 3), decided=date(2024, 5, 1))
    waiting_summary_sync()
    assert surgery_tertial(org, 2, today=date(2024, 5, 20))["snapshot_date"] == date(2024, 5, 6)


def test_return_visits_count_those_performed_by_their_target_date_not_those_still_waiting(org):
    unit = org.units[0]
    # Performed in T1: 6 on or before the target date, 2 after it, 5 without one (not counted),
    # and 4 late ones in T2 that must not count in T1.
    return_visit(unit, date(2024, 3, 11), date(2024, 3, 11), 4)  # on the day: within
    return_visit(unit, date(2024, 4, 30), date(2024, 5, 15), 2)  # early, on T1's last day
    return_visit(unit, date(2024, 2, 5), date(2024, 1, 20), 2)  # after the target date
    return_visit(unit, date(2024, 2, 5), None, 5)
    return_visit(unit, date(2024, 5, 2), date(2024, 4, 1), 4)
    # Still waiting at T1's last snapshot: one of four before its target date (25 %).
    waiting(
        unit,
        snapshot=date(2024, 4, 30),
        decided=date(2024, 1, 1),
        phase=4,
        target=date(2024, 5, 30),
    )
    waiting(
        unit,
        snapshot=date(2024, 4, 30),
        decided=date(2024, 1, 1),
        phase=4,
        target=date(2024, 3, 1),
        n=3,
    )
    waiting_summary_sync()
    t1, t2 = surgery_tertial(org, 1), surgery_tertial(org, 2)
    assert t1["return_visits_performed"] == 8 and t1["return_visit_share"] == pytest.approx(6 / 8)
    assert t1["return_visit_waiting"] == 4 and t1["return_visit_waiting_share"] == pytest.approx(
        0.25
    )
    assert t2["return_visits_performed"] == 4 and t2["return_visit_share"] == 0
    assert surgery_tertial(org, 3)["return_visit_share"] is None  # nothing performed yet


def test_the_page_names_the_weeks_each_tertial_counts_and_both_return_visit_figures(
    client, clinic_manager, org
):
    client.force_login(clinic_manager)
    html = client.get(reverse("followup:strategic"), {"ar": "2024"}).content.decode()
    # Week 35 runs 26 August – Sunday 1 September: it ends in T3.
    assert "T1 (1/1–30/4): v 1–17" in html and "T2 (1/5–31/8): v 18–34" in html
    assert "T3 (1/9–31/12): v 35–52" in html
    assert (
        "Återbesök utförda inom medicinskt måldatum" in html
        and "Väntande återbesök före måldatum" in html
    )

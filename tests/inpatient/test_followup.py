"""The bed follow-up on a hand-built week, its API and its page, per role.

The week 2026-W10 (Monday 2 – Sunday 8 March). Cardiology's ward has 10 staffed beds
every day, occupied 9, 10, 11, 10, 9, 8, 8 (Σ 65 of Σ 70); one överbeläggning on
Wednesday, utlokaliserade 1 on Tuesday and Wednesday. Three patients:
- P1 admitted the Friday before the week (27 Feb 14:00), discharged Wednesday 11:00:
  4 days 21 hours = 4.875 days;
- P2 admitted Tuesday 10:00, still admitted: no length of stay yet;
- P3 admitted and discharged on Thursday, 08:00–20:00: 0.5 days.
Orthopaedics' ward has 20 staffed and 15 occupied beds every day and no episodes.
"""

from __future__ import annotations

from datetime import date

import pytest

from inpatient.selectors import bed_followup
from organisation.models import Role
from tests import factories

MONDAY, SUNDAY = date(2026, 3, 2), date(2026, 3, 8)


@pytest.fixture
def admin_user(db):
    return factories.make_user("admin", Role.ADMIN)


def test_the_hand_built_week_of_one_ward(week, admin_user):
    result = bed_followup(
        user=admin_user, start=MONDAY, end=SUNDAY, period="week", ward=week.cardiology.id
    )
    assert [g.name for g in result.groups] == [week.cardiology.name]
    [period] = result.groups[0].periods
    assert (period.key, period.start, period.end) == ("2026-W10", MONDAY, SUNDAY)
    f = period.figures
    assert f.days_measured == 7
    assert f.staffed_beds == pytest.approx(10)
    assert f.occupied_beds == pytest.approx(65 / 7)
    assert f.occupancy == pytest.approx(65 / 70)
    assert (f.overcrowding, f.outlying) == (1, 2)
    # Per 100 staffed beds: 100 × Σ överbeläggningar ÷ Σ staffed = 100 × 1 / 70.
    assert f.overcrowding_per_100 == pytest.approx(100 / 70)
    assert f.outlying_per_100 == pytest.approx(200 / 70)
    # Admitted in the week: P2 and P3 (P1 came before it); discharged: P1 and P3.
    assert (f.admissions, f.discharges) == (2, 2)
    # (4.875 + 0.5) / 2: P2, still admitted, has no length of stay yet.
    assert f.mean_length_of_stay == pytest.approx(2.6875)
    by_day = {d.weekday: d for d in result.weekdays}
    assert [d.days for d in result.weekdays] == [1] * 7
    assert (by_day[2].admissions_per_day, by_day[2].mean_length_of_stay, by_day[2].load) == (
        1,
        None,
        None,
    )
    assert by_day[4].load == pytest.approx(0.5)  # Thursday: 1 admission/day × 0.5 days
    # Friday: P1's stay counts (admitted on a Friday, discharged in the range) but nobody came.
    assert (by_day[5].admissions_per_day, by_day[5].load) == (0, 0)


def test_days_and_the_hospital_add_up_as_ratios_of_sums(week, admin_user):
    days = bed_followup(user=admin_user, start=MONDAY, end=SUNDAY, period="day", level="site")
    [site] = days.groups
    assert [p.key for p in site.periods][:2] == ["2026-03-02", "2026-03-03"]
    wednesday = site.periods[2].figures
    assert (wednesday.staffed_sum, wednesday.occupied_sum, wednesday.overcrowding) == (30, 26, 1)
    assert wednesday.discharges == 1 and wednesday.mean_length_of_stay == pytest.approx(4.875)
    # The whole week: (65 + 7·15) ÷ (70 + 7·20), not a mean of the wards' occupancies.
    assert site.total.occupancy == pytest.approx(170 / 210)
    assert site.total.staffed_beds == pytest.approx(30)
    region = bed_followup(user=admin_user, start=MONDAY, end=SUNDAY, level="region")
    assert region.groups[0].total.occupancy == pytest.approx(170 / 210)


def test_a_tertial_is_clipped_to_the_range(week, admin_user):
    result = bed_followup(user=admin_user, start=MONDAY, end=SUNDAY, period="tertial")
    [period] = result.groups[0].periods
    assert (period.key, period.start, period.end) == ("2026-T1", MONDAY, SUNDAY)


def test_a_clinics_reader_sees_only_its_wards(week, client):
    cardio = week.org.clinics[2]
    leader = factories.make_user("kar", Role.KPS_LEADER, clinic=cardio)
    result = bed_followup(user=leader, start=MONDAY, end=SUNDAY, level="region")
    assert result.wards == 1
    assert result.total.staffed_sum == 70
    client.force_login(leader)
    answer = client.get(
        "/api/v1/beds/occupancy/",
        {"from": "2026-03-02", "to": "2026-03-08", "ward": week.orthopaedics.id},
    )
    assert answer.status_code == 400
    assert "vårdavdelning" in answer.json()["errors"]["ward"][0]


def test_the_occupancy_api(week, admin_user, client):
    client.force_login(admin_user)
    answer = client.get(
        "/api/v1/beds/occupancy/",
        {
            "from": "2026-03-02",
            "to": "2026-03-08",
            "level": "clinic",
            "clinic": week.org.clinics[2].id,
        },
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    [group] = body["groups"]
    assert group["name"] == week.org.clinics[2].name
    assert group["total"]["occupancy"] == pytest.approx(65 / 70)
    assert group["total"]["mean_length_of_stay"] == pytest.approx(2.6875)
    assert group["periods"][0]["key"] == "2026-W10"
    assert len(body["weekdays"]) == 7


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"to": "2026-03-08"}, "from"),
        ({"from": "2026-03-09", "to": "2026-03-08"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-08", "period": "month"}, "period"),
        ({"from": "2026-03-02", "to": "2026-03-08", "site": "x"}, "site"),
        ({"from": "2026-03-02", "to": "nej"}, "to"),
    ],
)
def test_bad_occupancy_queries_get_a_message_per_parameter(week, admin_user, client, query, field):
    client.force_login(admin_user)
    answer = client.get("/api/v1/beds/occupancy/", query)
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == [field]


def test_the_page_shows_the_week_and_its_definitions(week, admin_user, client):
    client.force_login(admin_user)
    page = client.get(
        "/vardplatser/", {"fran": "2026-03-02", "till": "2026-03-08", "niva": "site"}
    ).content.decode()
    assert "Vårdplatser och beläggning" in page and "Så räknas siffrorna" in page
    assert "81,0\u00a0%" in page  # 170 / 210
    chart = client.get("/vardplatser/diagram/", {"fran": "2026-03-02", "till": "2026-03-08"}).json()
    assert {trace["name"] for trace in chart["data"]} == {
        week.cardiology.name,
        week.orthopaedics.name,
    }
    # Bad input: a Swedish message and the defaults, not an error page.
    bad = client.get("/vardplatser/", {"fran": "igår", "period": "månad", "sjukhus": "99"})
    assert bad.status_code == 200 and "inget datum" in bad.content.decode()


def test_a_user_without_wards_is_told_so_and_has_no_menu_entry(week, client):
    eye = week.org.clinics[1]
    client.force_login(factories.make_user("ogon", Role.KPS_LEADER, clinic=eye))
    page = client.get("/vardplatser/").content.decode()
    assert "Du har inte tillgång till någon klinik med vårdavdelningar." in page
    assert 'href="/vardplatser/"' not in page


def test_a_week_without_a_measurement_is_a_grey_band_not_a_zero(week, admin_user, client):
    client.force_login(admin_user)
    chart = client.get(
        "/vardplatser/diagram/", {"fran": "2026-02-23", "till": "2026-03-08", "niva": "site"}
    ).json()
    [line] = chart["data"]
    assert line["text"] == ["v 9 2026", "v 10 2026"]
    assert line["y"] == [None, pytest.approx(100 * 170 / 210, abs=0.05)]
    assert [s["x0"] for s in chart["layout"]["shapes"] if s["type"] == "rect"] == [-0.5]


WEEK_BY_DAY = {"fran": "2026-03-02", "till": "2026-03-08", "period": "day", "niva": "ward"}


def _periods(client, **query) -> tuple[int, str]:
    answer = client.get("/vardplatser/perioder/", {**WEEK_BY_DAY, **query})
    return answer.status_code, answer.content.decode()


def test_each_wards_days_are_fetched_when_its_block_is_opened(week, admin_user, client):
    client.force_login(admin_user)
    page = client.get("/vardplatser/", WEEK_BY_DAY).content.decode()
    # The totals are in the page: cardiology 65 / 70, orthopaedics 105 / 140.
    assert "92,9\u00a0%" in page and "75,0\u00a0%" in page
    # Cardiology's Wednesday (11 occupied of 10 staffed) is a day's row: not in the page ...
    assert "110,0\u00a0%" not in page
    assert page.count("/vardplatser/perioder/?") == 2
    # ... but in its block's table, a row a day (and the header's row).
    tables = [_periods(client, grupp=i)[1] for i in (0, 1)]
    [cardiology] = [t for t in tables if "110,0\u00a0%" in t]
    [orthopaedics] = [t for t in tables if t is not cardiology]
    assert cardiology.count("<tr") == orthopaedics.count("<tr") == 1 + 7
    assert orthopaedics.count("75,0\u00a0%") == 7 and "110,0" not in orthopaedics
    # A lone ward's block is open, its days in the page.
    lone = client.get("/vardplatser/", {**WEEK_BY_DAY, "avdelning": week.cardiology.id})
    assert (
        "110,0\u00a0%" in lone.content.decode()
        and "/vardplatser/perioder/" not in lone.content.decode()
    )


def test_a_blocks_days_follow_the_users_wards(week, client):
    leader = factories.make_user("kar", Role.KPS_LEADER, clinic=week.org.clinics[2])
    client.force_login(leader)
    # Asking for orthopaedics' ward gets the reader's own (cardiology's), its only group.
    status, table = _periods(client, avdelning=week.orthopaedics.id, grupp=0)
    assert status == 200 and "110,0\u00a0%" in table and "75,0" not in table
    status, text = _periods(client, grupp=1)
    assert status == 404 and "Gruppen finns inte i urvalet." in text
    assert _periods(client, grupp="x")[0] == 404
    client.force_login(factories.make_user("ogon", Role.KPS_LEADER, clinic=week.org.clinics[1]))
    assert _periods(client, grupp=0)[0] == 403
    client.logout()
    assert _periods(client, grupp=0)[0] == 302

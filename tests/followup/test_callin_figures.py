"""The call-in's figures by hand, on a year end with week 53 and a week whose extract never came.

Ortopedkliniken follows up 2027-W01. Its reception plans 10 Läkarbesök ny a
week and its ward 20 Läkarbesök åter, from 2026-W40 into 2027. 2026 has 53
weeks. Week 2026-W50 has no outcome anywhere in the region (missing, not
zero); in 2026-W51 the reception has no row but the region does (a known
zero).
"""

from datetime import date
from decimal import Decimal

import pytest

from followup.selectors import Scope
from followup.selectors.callin import (
    bookings_ahead,
    callin_dashboard,
    callin_grid,
    last_week,
    rolling_share,
)
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.traffic import GREEN, RED, YELLOW
from followup.selectors.waiting import waiting_list_change, waiting_list_trend
from organisation.calendar import IsoWeek, weeks_in_year
from organisation.models import ClinicTimeStandard

from .facts import activity, approved_plan, bookings, outcome, staff, waiting

pytestmark = pytest.mark.django_db

WEEK = IsoWeek(2027, 1)
MEETING = date(2027, 1, 11)


def weeks(first: IsoWeek, last: IsoWeek):
    week = first
    while week <= last:
        yield week
        week = week + 1


@pytest.fixture
def year_end(org):
    clinic, reception, ward = org.clinics[0], org.units[0], org.units[1]
    elsewhere = org.units[4]  # Kardiologiska kliniken, same region
    new, ret = activity("lak-ny"), activity("lak-ater")
    for year in (2026, 2027):
        planned = [w for w in weeks(IsoWeek(2026, 40), IsoWeek(2027, 5)) if w.year == year]
        approved_plan(
            clinic,
            year,
            {(reception, new, w.key): 10 for w in planned}
            | {(ward, ret, w.key): 20 for w in planned},
        )
    for w in weeks(IsoWeek(2026, 30), WEEK):
        if w == IsoWeek(2026, 50):
            continue
        outcome(elsewhere, new, w.key, 5)
        outcome(ward, ret, w.key, 20)
        if w != IsoWeek(2026, 51):
            outcome(reception, new, w.key, {IsoWeek(2026, 53): 12, WEEK: 9}.get(w, 8))
    return {
        "clinic": clinic,
        "reception": reception,
        "ward": ward,
        "elsewhere": elsewhere,
        "new": new,
        "ret": ret,
    }


def scope_of(f, **extra) -> Scope:
    return Scope(clinic_ids=(f["clinic"].id,), unit_ids=(f["reception"].id, f["ward"].id), **extra)


def test_last_week_per_activity_in_volume_and_share(year_end):
    catalogue = activity_catalogue()
    grid = callin_grid(scope=scope_of(year_end), week=WEEK)
    figures = last_week(grid=grid, week=WEEK, catalogue=catalogue)
    rows = {r["activity"]: r for r in figures["rows"]}
    assert rows["Läkarbesök ny"]["plan"] == 10 and rows["Läkarbesök ny"]["outcome"] == 9
    assert rows["Läkarbesök ny"]["difference"] == -1 and rows["Läkarbesök ny"][
        "share"
    ] == pytest.approx(0.9)
    assert rows["Läkarbesök åter"]["share"] == pytest.approx(1.0)
    assert figures["total"]["plan"] == 30 and figures["total"]["outcome"] == 29


def test_the_rolling_12_weeks_leave_the_missing_week_out_and_count_week_53(year_end):
    assert weeks_in_year(2026) == 53
    grid = callin_grid(scope=scope_of(year_end), week=WEEK)
    series = {r["week"]: r for r in rolling_share(grid=grid, week=WEEK)}
    now = series["2027-W01"]
    # 2026-W43…W53 and 2027-W01: 12 weeks, W50 unknown. Ny: 7×8 + 0 (W51) + 8 + 12 + 9 = 85 of 110;
    # åter: 11×20 of 11×20.
    assert now["weeks_known"] == 11
    assert now["plan"] == Decimal(330) and now["outcome"] == Decimal(305)
    assert now["share"] == pytest.approx(305 / 330)
    # The missing week is a gap, not a zero; the week after it is computed as usual.
    assert series["2026-W50"]["share"] is None and series["2026-W50"]["week_outcome"] is None
    assert series["2026-W51"]["week_outcome"] == Decimal(20)
    per_activity = rolling_share(grid=grid, week=WEEK, activity_id=year_end["new"].id)[-1]
    assert per_activity["plan"] == 110 and per_activity["outcome"] == 85


def test_an_activity_filter_narrows_plan_and_outcome_but_not_the_known_weeks(year_end):
    grid = callin_grid(scope=scope_of(year_end, activity_ids=(year_end["new"].id,)), week=WEEK)
    assert grid.activity_ids == {year_end["new"].id}
    assert IsoWeek(2026, 51).key in grid.known and IsoWeek(2026, 50).key not in grid.known
    assert grid.outcome_of(None, IsoWeek(2026, 51).key) == 0
    # Staffing compares with the whole plan, filter or not.
    assert grid.plan_all[year_end["ret"].id, IsoWeek(2027, 2).key] == 20


def test_weeks_after_the_import_cut_off_are_unknown_whether_or_not_the_caller_has_it(year_end):
    """The page passes the cut-off it read for the freshness banner; a chart lets the outcome's
    statement look it up. Both leave out a week with rows that ended after the last extract."""
    from facts.kinds import Kind
    from imports.models import ImportRun, RunStatus

    scope = scope_of(year_end)
    assert (
        IsoWeek(2026, 52).key in callin_grid(scope=scope, week=WEEK).known
    )  # no import log: all weeks
    for status, extract in (
        (RunStatus.OK, date(2026, 12, 20)),
        (RunStatus.FAILED, date(2027, 1, 10)),
    ):
        ImportRun.objects.create(file_name=f"kontakter_{status}.csv", kind=Kind.KONTAKTER, source="cosmic",
                                 checksum=status, extract_date=extract, status=status)  # fmt: skip
    # The last successful extract is from Sunday 2026-12-20, the end of week 51.
    looked_up = callin_grid(scope=scope, week=WEEK).known
    given = callin_grid(scope=scope, week=WEEK, data_until=date(2026, 12, 20)).known
    assert looked_up == given
    assert IsoWeek(2026, 51).key in looked_up
    assert not {IsoWeek(2026, 52).key, IsoWeek(2026, 53).key, WEEK.key} & looked_up
    assert IsoWeek(2026, 50).key not in looked_up  # never arrived


def test_the_weeks_ahead_against_the_snapshot_the_meeting_saw(year_end):
    reception, new = year_end["reception"], year_end["new"]
    for ahead, n in zip(range(2, 6), (9, 6, 0, 2), strict=True):
        bookings(reception, new, IsoWeek(2027, ahead), n, snapshot=MEETING)
    # An older and a later snapshot must not count.
    bookings(reception, new, IsoWeek(2027, 2), 3, snapshot=date(2027, 1, 4))
    bookings(reception, new, IsoWeek(2027, 2), 10, snapshot=date(2027, 1, 12), start=100)
    scope = scope_of(year_end)
    grid = callin_grid(scope=scope, week=WEEK)
    ahead = bookings_ahead(scope=scope, grid=grid, week=WEEK, catalogue=activity_catalogue())
    assert ahead["snapshot_date"] == MEETING
    ny = next(a for a in ahead["activities"] if a["activity"] == "Läkarbesök ny")
    assert [c["booked"] for c in ny["weeks"]] == [9, 6, 0, 2]
    assert [c["share"] for c in ny["weeks"]] == pytest.approx([0.9, 0.6, 0.0, 0.2])
    assert ahead["total"] == {"plan": Decimal(120), "booked": 17, "share": pytest.approx(17 / 120)}


def test_no_booking_snapshot_is_unknown_not_zero(year_end):
    scope = scope_of(year_end)
    ahead = bookings_ahead(scope=scope, grid=callin_grid(scope=scope, week=WEEK), week=WEEK,
                           catalogue=activity_catalogue())  # fmt: skip
    assert ahead["snapshot_date"] is None and ahead["total"]["booked"] is None
    assert all(c["booked"] is None and c["share"] is None for c in ahead["weeks"])


def test_the_waiting_list_counts_long_waits_deviations_and_passed_target_dates(year_end):
    reception, elsewhere = year_end["reception"], year_end["elsewhere"]
    waiting(reception, snapshot=MEETING, decided=date(2026, 10, 1))  # 102 days
    waiting(reception, snapshot=MEETING, decided=date(2026, 10, 13))  # exactly 90: not over
    waiting(reception, snapshot=MEETING, decided=date(2026, 9, 1), deviation="PVV")  # 132 days, PVV
    waiting(
        reception, snapshot=MEETING, decided=date(2026, 12, 20), target=date(2027, 1, 5), phase=4
    )
    waiting(
        reception,
        snapshot=MEETING,
        decided=date(2026, 12, 1),
        target=date(2027, 2, 1),
        deviation="MOV",
    )
    waiting(elsewhere, snapshot=MEETING, decided=date(2025, 1, 1))  # another clinic
    waiting(reception, snapshot=date(2026, 12, 14), decided=date(2026, 10, 1))  # 74 days then
    waiting(
        elsewhere, snapshot=date(2026, 12, 21), decided=date(2026, 12, 1)
    )  # a day with none here
    waiting(
        reception, snapshot=date(2027, 1, 12), decided=date(2020, 1, 1), n=50
    )  # after the meeting
    trend = waiting_list_trend(unit_ids=[reception.id, year_end["ward"].id], as_of=MEETING)
    assert [t["snapshot_date"] for t in trend] == [date(2026, 12, 14), date(2026, 12, 21), MEETING]
    assert [t["total"] for t in trend] == [1, 0, 5]
    assert trend[-1] == {"snapshot_date": MEETING, "total": 5, "over_90": 2, "over_90_excl": 1,
                         "past_target": 1, "pvv": 1, "mov": 1}  # fmt: skip
    change = waiting_list_change(trend)
    assert change["since"] == date(2026, 12, 14) and change["total"] == 4 and change["over_90"] == 2


def test_staff_hours_against_the_plans_need_with_the_clinics_own_time_standard(year_end):
    reception, ward = year_end["reception"], year_end["ward"]
    ClinicTimeStandard.objects.create(
        clinic=year_end["clinic"], activity=year_end["new"], minutes=60
    )
    staff(reception, IsoWeek(2027, 2).key, "LAK", 15)
    staff(ward, IsoWeek(2027, 2).key, "LAK", 3)
    staff(reception, IsoWeek(2027, 2).key, "SSK", 5)
    d = callin_dashboard(
        scope=scope_of(year_end),
        week=WEEK,
        catalogue=activity_catalogue(clinic_id=year_end["clinic"].id),
    )
    by = {p["profession"]: {w["week"]: w for w in p["weeks"]} for p in d.staffing}
    # 10 Ny × 60 min + 20 Åter × 30 min = 20 hours; HR scheduled 18.
    assert (
        by["LAK"]["2027-W02"]["needed"] == Decimal(20) and by["LAK"]["2027-W02"]["available"] == 18
    )
    assert by["LAK"]["2027-W02"]["share"] == pytest.approx(0.9)
    # A week HR has not delivered is missing; a delivered week without the profession is zero.
    assert by["LAK"]["2027-W03"]["available"] is None and by["LAK"]["2027-W03"]["share"] is None
    assert by["SSK"]["2027-W02"]["available"] == 5 and by["SSK"]["2027-W02"]["needed"] == 0
    assert by["SSK"]["2027-W02"]["share"] is None


def test_the_traffic_lights_put_red_first_and_judge_like_with_like(year_end):
    reception, ward, new = year_end["reception"], year_end["ward"], year_end["new"]
    bookings(reception, new, IsoWeek(2027, 2), 9, snapshot=MEETING)
    staff(reception, IsoWeek(2027, 2).key, "LAK", 18)
    staff(ward, IsoWeek(2027, 2).key, "LAK", 0)
    d = callin_dashboard(scope=scope_of(year_end), week=WEEK, catalogue=activity_catalogue())
    lights = {(light.kind, light.subject): light for light in d.lights}
    assert lights["last_week", "Läkarbesök ny"].level == YELLOW  # 90 %
    assert lights["last_week", "Läkarbesök åter"].level == GREEN
    assert lights["rolling", "Läkarbesök ny"].level == RED  # 85 of 110
    assert lights["booked", "Läkarbesök åter"].level == RED  # nothing booked
    # Staffing over the weeks HR delivered (W02 only): 18 of 10×40/60 + 20×30/60 ≈ 16,7 hours.
    assert lights["staffing", "Läkare"].level == GREEN
    levels = [light.level for light in d.lights]
    assert levels == sorted(levels, key=["red", "yellow", "missing", "green"].index)
    assert d.missing_weeks == ["2026-W50"]

"""The planning calendar: ISO weeks, holidays, tertials and the schedule clock."""

from datetime import date, timedelta

import pytest

from organisation import calendar
from organisation.calendar import IsoWeek


@pytest.mark.parametrize(
    ("year", "weeks"),
    [(2020, 53), (2021, 52), (2024, 52), (2025, 52), (2026, 53), (2027, 52), (2032, 53)],
)
def test_it_counts_iso_weeks_in_a_year(year, weeks):
    assert calendar.weeks_in_year(year) == weeks
    assert len(calendar.weeks_of_year(year)) == weeks


def test_week_53_of_2026_runs_into_january_2027():
    week = IsoWeek(2026, 53)
    assert week.monday == date(2026, 12, 28)
    assert week.sunday == date(2027, 1, 3)
    assert week + 1 == IsoWeek(2027, 1)
    assert IsoWeek.of(date(2027, 1, 1)) == week


def test_it_refuses_a_week_the_year_does_not_have():
    with pytest.raises(ValueError, match="ingen vecka 53"):
        IsoWeek(2025, 53)


@pytest.mark.parametrize("text", ["2026-W05", "2026W05", "2026-w5", " 2026-W05 "])
def test_it_parses_iso_week_strings(text):
    assert IsoWeek.parse(text) == IsoWeek(2026, 5)


@pytest.mark.parametrize("text", ["2026-05", "W05", "2026-W54", "2025-W53", "abc", ""])
def test_it_rejects_malformed_weeks_with_a_swedish_message(text):
    with pytest.raises(ValueError):
        IsoWeek.parse(text)


def test_week_keys_sort_and_round_trip():
    weeks = [IsoWeek(2026, 53), IsoWeek(2027, 1), IsoWeek(2026, 1)]
    assert sorted(weeks) == [IsoWeek(2026, 1), IsoWeek(2026, 53), IsoWeek(2027, 1)]
    assert IsoWeek(2026, 5).key == 202605
    assert IsoWeek.from_key(202653) == IsoWeek(2026, 53)
    assert IsoWeek(2027, 2) - IsoWeek(2026, 52) == 3


def test_easter_moves_between_years():
    h2026 = calendar.holidays_in(2026)
    h2027 = calendar.holidays_in(2027)
    assert h2026[date(2026, 4, 3)] == "Långfredagen"
    assert h2026[date(2026, 4, 6)] == "Annandag påsk"
    assert h2027[date(2027, 3, 26)] == "Långfredagen"
    assert h2027[date(2027, 3, 29)] == "Annandag påsk"


def test_clinics_close_on_the_eves_too():
    days = calendar.holidays_in(2026)
    assert days[date(2026, 6, 19)] == "Midsommarafton"
    assert days[date(2026, 12, 24)] == "Julafton"
    assert days[date(2026, 12, 31)] == "Nyårsafton"
    # Sundays are not listed as holidays: a week's working days are weekdays.
    assert date(2026, 3, 1) not in days


def test_holiday_names_follow_the_active_language_on_the_same_days():
    from django.utils import translation

    with translation.override("sv"):
        swedish = calendar.holidays_in(2026)
    with translation.override("en"):
        english = calendar.holidays_in(2026)
    assert swedish.keys() == english.keys()
    assert english[date(2026, 4, 3)] == "Good Friday"
    assert english[date(2026, 6, 19)] == "Midsummer Eve"
    assert english[date(2026, 12, 24)] == "Christmas Eve"
    assert english[date(2026, 12, 31)] == "New Year's Eve"
    assert swedish[date(2026, 12, 24)] == "Julafton"
    with translation.override("de"):  # a language the UI does not offer: Swedish, as the UI
        assert calendar.holidays_in(2026) == swedish


@pytest.mark.parametrize(
    ("week", "days"),
    [
        (IsoWeek(2026, 10), 5),  # an ordinary week
        (IsoWeek(2026, 14), 4),  # Långfredagen; Easter Monday falls in the next week
        (IsoWeek(2026, 15), 4),  # Annandag påsk, Monday 6 April
        (IsoWeek(2026, 20), 4),  # Kristi himmelsfärdsdag
        (IsoWeek(2026, 52), 3),  # Julafton (Thu), Juldagen (Fri); Annandag jul is a Saturday
        (
            IsoWeek(2026, 53),
            3,
        ),  # Nyårsafton (Thu) and Nyårsdagen 2027 (Fri): a week across two years
        (IsoWeek(2026, 25), 4),  # Midsommarafton, Friday 19 June
    ],
)
def test_it_counts_working_days(week, days):
    assert calendar.working_days(week) == days


@pytest.mark.parametrize(
    ("week", "tertial"),
    [
        (IsoWeek(2026, 1), 1),  # Monday 29 December 2025, ends 4 January
        (IsoWeek(2026, 17), 1),  # ends Sunday 26 April
        (IsoWeek(2026, 18), 2),  # Thursday 30 April, but it ends 3 May: not complete when T1 is
        (IsoWeek(2026, 36), 3),  # 31 August to 6 September
        (IsoWeek(2026, 53), 3),  # ends 3 January 2027: the ISO year's last week stays in its T3
        (IsoWeek(2025, 1), 1),  # begins 30 December 2024
    ],
)
def test_a_week_belongs_to_the_tertial_it_ends_in(week, tertial):
    assert calendar.tertial_of(week) == tertial


@pytest.mark.parametrize(
    ("tertial", "first", "last"),
    [
        (1, date(2024, 1, 1), date(2024, 4, 30)),
        (2, date(2024, 5, 1), date(2024, 8, 31)),
        (3, date(2024, 9, 1), date(2024, 12, 31)),
    ],
)
def test_a_tertial_is_four_calendar_months(tertial, first, last):
    assert calendar.tertial_dates(2024, tertial) == (first, last)
    assert calendar.tertial_of_day(first) == calendar.tertial_of_day(last) == tertial


def test_tertials_partition_the_year():
    for year in (2024, 2025, 2026, 2027):
        weeks = [w for t in (1, 2, 3) for w in calendar.tertial_weeks(year, t)]
        assert weeks == calendar.weeks_of_year(year)


def test_the_default_schedule_clock_covers_a_52_week_year_in_13_week_periods():
    periods = calendar.default_schedule_periods(2027)
    assert [len(p.weeks) for p in periods] == [13, 13, 13, 13]
    calendar.validate_periods(2027, periods)


def test_the_last_period_of_a_53_week_year_takes_week_53():
    periods = calendar.default_schedule_periods(2026)
    assert [len(p.weeks) for p in periods] == [13, 13, 13, 14]
    assert IsoWeek(2026, 53) in periods[3]
    assert periods[3].end == date(2027, 1, 3)
    calendar.validate_periods(2026, periods)


def test_a_schedule_is_laid_12_weeks_before_its_period_starts_by_default():
    period = calendar.default_schedule_periods(2027)[1]
    assert period.start == date(2027, 4, 5)
    assert period.lay_by == date(2027, 1, 11)


def test_configured_boundaries_must_be_contiguous_and_cover_the_year():
    periods = calendar.periods_from_start_weeks(2026, (1, 12, 25, 38))
    assert [p.first_week.week for p in periods] == [1, 12, 25, 38]
    assert [len(p.weeks) for p in periods] == [11, 13, 13, 16]
    calendar.validate_periods(2026, periods)

    second = periods[1]
    with_gap = [
        periods[0],
        calendar.Period(2, second.start + timedelta(weeks=1), second.end, second.lay_by),
        *periods[2:],
    ]
    with pytest.raises(ValueError, match="följa direkt"):
        calendar.validate_periods(2026, with_gap)
    with pytest.raises(ValueError, match="sista vecka"):
        calendar.validate_periods(
            2026,
            periods[:3]
            + [calendar.Period(4, periods[3].start, date(2026, 12, 27), periods[3].lay_by)],
        )
    with pytest.raises(ValueError):
        calendar.periods_from_start_weeks(2026, (2, 14, 27, 40))
    with pytest.raises(ValueError):
        calendar.periods_from_start_weeks(2025, (1, 14, 27, 53))


@pytest.mark.django_db
def test_an_area_uses_its_configured_periods_and_the_default_clock_otherwise():
    from organisation import selectors
    from organisation.models import Area, Region, SchedulePeriod

    area = Area.objects.create(
        region=Region.objects.create(name="R", county_code="06"), code="A", name="A"
    )
    assert selectors.schedule_periods(area=area, year=2026) == calendar.default_schedule_periods(
        2026
    )
    for period in calendar.periods_from_start_weeks(2026, (1, 12, 25, 38)):
        SchedulePeriod.objects.create(
            area=area, year=2026, number=period.number, start=period.start, end=period.end
        )
    configured = selectors.schedule_periods(area=area, year=2026)
    assert [p.first_week.week for p in configured] == [1, 12, 25, 38]
    assert selectors.period_of(area=area, week=IsoWeek(2026, 12)).number == 2
    assert configured[1].lay_by == configured[1].start - timedelta(weeks=12)


@pytest.mark.django_db
def test_the_admin_refuses_periods_that_leave_a_gap(admin_client):
    from organisation.models import Area, Region, SchedulePeriod

    area = Area.objects.create(
        region=Region.objects.create(name="R", county_code="06"), code="A", name="A"
    )
    periods = calendar.periods_from_start_weeks(2027, (1, 14, 27, 40))
    data = {
        "region": area.region_id,
        "code": "A",
        "name": "A",
        "plan_target": 11,
        "schedule_periods-TOTAL_FORMS": 4,
        "schedule_periods-INITIAL_FORMS": 0,
    }
    for i, p in enumerate(periods):
        end = p.end - timedelta(weeks=1) if i == 1 else p.end  # period 2 ends a week early
        data |= {
            f"schedule_periods-{i}-year": 2027,
            f"schedule_periods-{i}-number": p.number,
            f"schedule_periods-{i}-start": p.start.isoformat(),
            f"schedule_periods-{i}-end": end.isoformat(),
        }
    response = admin_client.post(f"/admin/organisation/area/{area.pk}/change/", data)
    assert response.status_code == 200
    assert "följa direkt" in response.content.decode()
    assert not SchedulePeriod.objects.exists()
    data["schedule_periods-1-end"] = periods[1].end.isoformat()
    response = admin_client.post(f"/admin/organisation/area/{area.pk}/change/", data)
    assert response.status_code == 302
    assert SchedulePeriod.objects.filter(area=area, year=2027).count() == 4


@pytest.mark.parametrize(
    ("day", "tertial"), [(date(2026, 4, 30), 1), (date(2026, 5, 2), 2), (date(2027, 1, 2), 1)]
)
def test_the_home_page_names_the_tertial_of_the_day_not_of_its_week(day, tertial, db):
    from organisation.selectors import today_in_calendar

    assert today_in_calendar(area=None, today=day)["tertial"] == tertial

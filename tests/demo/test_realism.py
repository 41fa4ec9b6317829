"""The generated region behaves like a region: seasons, queues, cancellations, plans ahead, and a fixed seed."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date, timedelta

from demo.generator import generate

from .conftest import SEED, SMALL, UNTIL, read_rows


def _contacts(small_region) -> list[dict]:
    return [
        row | {"file": p.name} for p in small_region.of_kind("kontakter") for row in read_rows(p)
    ]


def _weekly(rows: list[dict]) -> Counter:
    return Counter(
        date.fromisoformat(r["kontakt_datum"]).isocalendar()[:2]
        for r in rows
        if r["status"] == "GENOMFORD"
    )


def test_summer_weeks_are_clearly_below_may(small_region):
    weekly = _weekly(_contacts(small_region))
    may = [weekly[(2026, w)] for w in (19, 20, 21)]
    summer = [weekly[(2026, w)] for w in (28, 29, 30, 31)]
    assert max(summer) < 0.75 * min(may), (summer, may)


def test_holiday_weeks_shrink_with_their_working_days(small_region):
    weekly = _weekly(_contacts(small_region))
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April close two days of weeks 14 and 15.
    normal = sum(weekly[(2026, w)] for w in (10, 11, 12)) / 3
    assert weekly[(2026, 14)] < 0.9 * normal
    assert weekly[(2026, 52)] < 0.6 * normal  # Christmas


def test_week_53_of_2026_is_in_contacts_production_and_staffing(small_region):
    weekly = _weekly(_contacts(small_region))
    assert weekly[(2026, 53)] > 0
    produktion = {r["vecka"] for p in small_region.of_kind("produktion") for r in read_rows(p)}
    bemanning = {r["vecka"] for p in small_region.of_kind("bemanning") for r in read_rows(p)}
    assert "2026-W53" in produktion and "2026-W53" in bemanning


def test_the_waiting_list_has_long_waiters_and_deviations(small_region):
    latest = read_rows(small_region.of_kind("vantande")[-1])
    assert abs(len(latest) - SMALL.waiting) < 0.1 * SMALL.waiting
    waits = [
        (date.fromisoformat(r["matdatum"]) - date.fromisoformat(r["beslut_datum"])).days
        for r in latest
    ]
    assert sum(w > 90 for w in waits) > 0.05 * len(latest)
    assert sum(w > 150 for w in waits) > 0
    deviation = Counter(r["avvikelse"] for r in latest)
    assert 0.04 * len(latest) <= deviation["PVV"] <= 0.12 * len(latest), deviation
    assert deviation["MOV"] > 0
    returns = [r for r in latest if r["fas"] == "4"]
    assert returns and all(r["medicinskt_maldatum"] for r in returns)
    assert any(
        r["medicinskt_maldatum"] < r["matdatum"] for r in returns
    )  # some past their target date
    assert {r["prioritet"] for r in latest} >= {"1", "2", "3", "4"}
    assert Counter(r["hemlan"] for r in latest).most_common(1)[0][0] == "06"
    assert {"05", "08"} <= {r["hemlan"] for r in latest}


def test_snapshots_at_each_month_end_and_the_latest_day(small_region):
    days = [read_rows(p)[0]["matdatum"] for p in small_region.of_kind("vantande")]
    assert days[-1] == (UNTIL - timedelta(days=1)).isoformat()
    assert "2026-06-30" in days and "2026-12-31" in days
    for path in small_region.of_kind("vantande"):
        assert len({r["matdatum"] for r in read_rows(path)}) == 1  # a file is one snapshot


def test_pressured_units_queue_grows(small_region):
    by_day = defaultdict(Counter)
    for path in small_region.of_kind("vantande"):
        for r in read_rows(path):
            by_day[r["matdatum"]][r["enhet_kod"]] += 1
    days = sorted(by_day)
    pressured = [u.cosmic_code for u in small_region.spec.units if u.profile.pressure >= 1.1]
    assert pressured
    first, last = by_day[days[1]], by_day[days[-1]]
    assert sum(last[c] for c in pressured) > sum(first[c] for c in pressured)


def test_cancelled_contacts_were_performed_in_an_earlier_file(small_region):
    rows = _contacts(small_region)
    performed = {r["kontakt_id"]: r["file"] for r in rows if r["status"] == "GENOMFORD"}
    cancelled = [r for r in rows if r["status"] == "MAKULERAD"]
    assert cancelled and len(cancelled) < 0.03 * len(rows)
    for r in cancelled:
        assert performed[r["kontakt_id"]] < r["file"]


def test_staffing_covers_the_period_and_all_of_next_year(small_region):
    weeks = {r["vecka"] for p in small_region.of_kind("bemanning") for r in read_rows(p)}
    assert {"2026-W01", f"{UNTIL.year + 1}-W01", f"{UNTIL.year + 1}-W52"} <= weeks


def test_the_booking_book_is_measured_each_recent_sunday_and_yesterday(small_region):
    # The call-in reads the snapshot of its meeting's Monday: the Sunday before each meeting has one.
    measured = []
    for path in small_region.of_kind("bokade"):
        (day,) = {r["matdatum"] for r in read_rows(path)}
        measured.append(date.fromisoformat(day))
        # Extracted the night after the day it measures.
        assert path.name == f"bokade_cosmic_{measured[-1] + timedelta(days=1):%Y%m%d}.csv"
    *sundays, latest = measured
    assert latest == UNTIL - timedelta(days=1)
    assert len(sundays) == 8 and all(d.weekday() == 6 for d in sundays)
    assert all(b - a == timedelta(weeks=1) for a, b in zip(sundays, sundays[1:], strict=False))
    assert timedelta(0) < latest - sundays[-1] < timedelta(weeks=1)


def test_bookings_cover_eight_weeks_from_the_day_after_the_snapshot_and_thin_out(small_region):
    for path in small_region.of_kind("bokade"):
        rows = read_rows(path)
        first = date.fromisoformat(rows[0]["matdatum"]) + timedelta(days=1)
        weeks = Counter((date.fromisoformat(r["bokad_datum"]) - first).days // 7 for r in rows)
        assert min(weeks) == 0 and max(weeks) == 7, path.name
    assert weeks[7] < weeks[1]  # the latest snapshot, clear of the Christmas weeks


def test_operations_carry_real_kva_codes(small_region):
    from demo.generator.kva import codes

    surgical = set(codes("kka"))
    operations = [r for r in _contacts(small_region) if r["fas"] == "2"]
    assert operations
    assert all(r["kva_koder"].split()[0] in surgical for r in operations)


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not(small_region, tmp_path):
    def digest(paths):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}

    again = generate(tmp_path / "again", size=SMALL, until=UNTIL, seed=SEED)
    assert digest(again) == digest(small_region.paths)
    other = generate(tmp_path / "other", size=SMALL, until=UNTIL, seed=SEED + 1)
    changed = {n for n, h in digest(other).items() if h != digest(small_region.paths)[n]}
    assert any(n.startswith("kontakter_") for n in changed)

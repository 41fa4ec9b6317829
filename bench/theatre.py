"""Benchmark: room-time utilisation (``GET /api/v1/operating-rooms/utilisation/``) at a region's size.

    DATABASE_URL=postgres://user@host:5432/kps python bench/theatre.py [--rebuild] [--repeat 30]
        [--years 5] [--scale 1.0]

Works in a PostgreSQL database of its own (the configured name + "_theatre_bench"), built on
the first run and kept for the next (``--rebuild`` starts over; a different ``--years`` or
``--scale`` needs it too). The data are made here with COPY, not by the demo generator or
the importer: a region of three hospitals with six operating clinics each (two units per
clinic, a manager per clinic) and ten operating rooms each (30 in all), every room admitting
two or three of its hospital's clinics; for every weekday of the years (2027 back, holidays
closed, half the rooms closed in the summer weeks) a session plan: a staffed full-day session
per room for an eligible clinic, now and then split in a morning and an afternoon between
two clinics, staffed open time no clinic holds, or a room not staffed; and the operations
that fill the sessions, about 60 000 performed a year (clinics with short operations do more
a session), with late starts, turnarounds, fills that sometimes run over closing time and
past midnight, and struck bookings, some of them late. ``--scale`` scales the rooms per
hospital (and so the operations); ``--years`` the years built.

Each request goes through Django's full stack in-process (middleware, session, DRF, access
checks, serializer) for one hospital and one tertial, hospitals and tertials changing from
request to request: as Qulturum for the whole hospital, as Qulturum for one clinic
(``clinic``), and as a clinic's manager (who sees their own clinic only). Three untimed
requests warm the caches first. Prints p50/p95 of the server time and of the SQL time (the
time inside the database driver, every statement) and the queries per request, and the rows
a request reads. Target: p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from harness import own_database, percentiles, source_static_files, time_calls

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LAST_YEAR = 2026
SITES = ("Norra sjukhuset", "Södra sjukhuset", "Västra sjukhuset")
# Each hospital's operating clinics and the operations a full-day session holds (cataracts are
# short, hips long); scaled so the region performs about 60 000 a year.
CLINICS = {"ORT": 4, "KIR": 5, "URO": 6, "GYN": 6, "ONH": 7, "OGO": 12}
OPERATIONS_A_YEAR = 60_000
# Which clinics each of a hospital's ten rooms admits (equipment: laminar flow for orthopaedics).
ROOM_CLINICS = [
    ("ORT", "KIR"), ("ORT", "KIR"), ("ORT",), ("KIR", "URO"), ("KIR", "URO", "GYN"),
    ("URO", "GYN"), ("GYN", "KIR"), ("ONH", "GYN"), ("ONH", "OGO"), ("OGO", "ONH"),
]  # fmt: skip
DAY = {False: (7 * 60 + 30, 16 * 60), True: (7 * 60 + 30, 13 * 60 + 30)}  # Friday?
CAUSES = np.array(["PAT", "MED", "RES", "OVR"])


def copy(table: str, frame: pd.DataFrame) -> None:
    """COPY a frame into a table, in blocks; ``\\N`` for missing values."""
    from django.db import connection

    columns = ", ".join(frame.columns)
    with connection.cursor() as cursor:
        for start in range(0, len(frame), 200_000):
            buffer = io.StringIO()
            frame.iloc[start : start + 200_000].to_csv(
                buffer, header=False, index=False, na_rep="\\N"
            )
            with cursor.copy(
                f"COPY {table} ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
            ) as stream:
                stream.write(buffer.getvalue())


def weekdays(years: int) -> list[date]:
    from organisation.calendar import holidays_in

    first = LAST_YEAR - years + 1
    closed = {d for y in range(first, LAST_YEAR + 1) for d in holidays_in(y)}
    day, days = date(first, 1, 1), []
    while day.year <= LAST_YEAR:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += timedelta(days=1)
    return days


def build(*, years: int, scale: float) -> None:
    """The region, its rooms, session plans and operations. Kept between runs."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from organisation.calendar import SUMMER_WEEKS
    from organisation.models import Area, Clinic, Membership, Region, Role, Site, Unit
    from theatre.models import Room

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(16)
    began = time.perf_counter()
    region = Region.objects.create(name="Region Salsland", county_code="07")
    area = Area.objects.create(region=region, code="OP", name="Opererande område")
    per_site = max(1, round(len(ROOM_CLINICS) * scale))
    rooms = []  # (room id, the clinic ids it admits, the units of each)
    units_of: dict[int, list[int]] = {}
    per_session: dict[int, int] = {}
    for s, name in enumerate(SITES):
        site = Site.objects.create(region=region, code=f"SJH{s}", name=name)
        clinic_ids = {}
        for code in CLINICS:
            clinic = Clinic.objects.create(
                area=area, site=site, code=f"{code}{s}", name=f"{code} {name}"
            )
            clinic_ids[code] = clinic.id
            per_session[clinic.id] = CLINICS[code]
            units_of[clinic.id] = [
                Unit.objects.create(clinic=clinic, code=f"{code}{s}-{u}", name=f"{code} {u}").id
                for u in (1, 2)
            ]
            user = User.objects.create_user(f"chef-{code}{s}", password="bench")
            Membership.objects.create(user=user, role=Role.MANAGER, clinic=clinic)
        for r in range(per_site):
            room = Room.objects.create(site=site, code=f"S{r + 1:02d}", name=f"Sal {r + 1}")
            admitted = [clinic_ids[c] for c in ROOM_CLINICS[r % len(ROOM_CLINICS)]]
            room.clinics.set(admitted)
            rooms.append((room.id, admitted))
    days = weekdays(years)
    # The session plan first: (room, day, start, end, clinic, staffed) and the share of a full
    # day's operations each allocated, staffed session holds.
    sessions, weights = [], []
    for day in days:
        friday = day.weekday() == 4
        summer = day.isocalendar().week in SUMMER_WEEKS
        opens, closes = DAY[friday]
        for room, admitted in rooms:
            if summer and rng.random() < 0.5:
                continue
            draw = rng.random()
            if draw < 0.04:  # staffed, no clinic holds it
                sessions.append((room, day, opens, closes, None, True))
                weights.append(0.0)
                continue
            if draw < 0.07:  # allocated, but not staffed
                sessions.append((room, day, opens, closes, int(rng.choice(admitted)), False))
                weights.append(0.0)
                continue
            split = len(admitted) > 1 and rng.random() < 0.2
            halves = [(opens, 12 * 60), (12 * 60, closes)] if split else [(opens, closes)]
            held = rng.permutation(admitted)
            for n, (start, end) in enumerate(halves):
                clinic = int(held[n % len(held)])
                sessions.append((room, day, start, end, clinic, True))
                weights.append(per_session[clinic] * (end - start) / (8.5 * 60))
    # Then the operations, scaled so a full-size region performs OPERATIONS_A_YEAR a year.
    factor = OPERATIONS_A_YEAR * years * scale / sum(weights)
    operations = []
    for (room, day, start, end, clinic, _staffed), weight in zip(sessions, weights, strict=True):
        if weight:
            count = rng.poisson(weight * factor)
            operations += _fill(day, room, units_of[clinic], start, end, count, rng)
    print(f"  generated {len(sessions)} sessions, {len(operations)} operations: "
          f"{time.perf_counter() - began:.0f} s")  # fmt: skip

    frame = pd.DataFrame(sessions, columns=["room_id", "date", "start", "end", "clinic", "staffed"])
    unit_of = {c: u[0] for c, u in units_of.items()}
    frame["unit_id"] = frame["clinic"].map(unit_of).astype("Int64")
    frame["start_time"] = frame["start"].map(lambda m: f"{m // 60:02d}:{m % 60:02d}")
    frame["end_time"] = frame["end"].map(lambda m: f"{m // 60:02d}:{m % 60:02d}")
    copy(
        "theatre_session",
        frame[["room_id", "date", "start_time", "end_time", "unit_id", "staffed"]],
    )
    ops = pd.DataFrame(
        operations,
        columns=["room_id", "unit_id", "date", "patient_in", "op_start", "op_end", "patient_out",
                 "struck_at", "strike_cause"],
    )  # fmt: skip
    midnight = pd.to_datetime(ops["date"])
    for column in ("patient_in", "op_start", "op_end", "patient_out", "struck_at"):
        local = midnight + pd.to_timedelta(ops[column], unit="m")
        ops[column] = local.dt.tz_localize(
            "Europe/Stockholm",
            ambiguous=np.zeros(len(ops), dtype=bool),
            nonexistent="shift_forward",
        )
    ops["status"] = np.where(ops["patient_in"].isna(), "STRUKEN", "GENOMFORD")
    ops = ops.assign(source="cosmic", operation_id=[f"OP{i:08d}" for i in range(len(ops))],
                     patient="", kva_codes="")  # fmt: skip
    copy("theatre_operation", ops[["source", "operation_id", "room_id", "unit_id", "date", "patient",
                                   "kva_codes", "patient_in", "op_start", "op_end", "patient_out",
                                   "status", "struck_at", "strike_cause"]])  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  built in {time.perf_counter() - began:.0f} s")


def _fill(day, room, units, start, end, count, rng) -> list[tuple]:
    """One session's operations back to back (minutes from the day's midnight): a late start
    now and then, turnarounds, a fill around nine tenths of the session that sometimes runs
    over; and now and then a struck booking, on the day, after 17 the day before, or earlier."""
    rows: list[tuple] = []
    if count:
        late = 0 if rng.random() < 0.4 else min(90, int(rng.exponential(14)))
        turnarounds = np.round(10 + rng.gamma(2.0, 6.0, size=count)).astype(int)
        turnarounds[0] = 0
        # Now and then a long list that runs into the evening, or past midnight.
        fill = float(np.clip(rng.normal(0.9, 0.12), 0.55, 1.3))
        if rng.random() < 0.002:
            fill = 1.0 + (24 * 60 - end + 60) / (end - start)
        patient_time = max(count * 15, int(fill * (end - start)) - late - int(turnarounds.sum()))
        shares = rng.dirichlet(np.full(count, 4.0))
        durations = np.maximum(10, np.round(shares * patient_time)).astype(int)
        clock = start + late
        for turnaround, duration in zip(turnarounds, durations, strict=True):
            clock += int(turnaround)
            before, after = min(15, int(duration) // 3), min(10, int(duration) // 3)
            unit = units[int(rng.integers(len(units)))]
            rows.append((room, unit, day, clock, clock + before, clock + duration - after,
                         clock + duration, None, ""))  # fmt: skip
            clock += int(duration)
    if rng.random() < 0.3:
        when = rng.random()
        if when < 0.35:
            struck = 6 * 60 + int(rng.integers(0, 210))
        elif when < 0.55:
            struck = -24 * 60 + 17 * 60 + int(rng.integers(0, 240))
        else:
            struck = -int(rng.integers(1, 20)) * 24 * 60 + 8 * 60 + int(rng.integers(0, 480))
        cause = str(CAUSES[rng.choice(len(CAUSES), p=(0.4, 0.25, 0.25, 0.1))])
        rows.append((room, units[0], day, None, None, None, None, struck, cause))
    return rows


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from organisation.calendar import tertial_dates
    from organisation.models import Clinic, Membership, Role, Site
    from theatre.models import Operation, Session

    print(f"load average before measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")  # fmt: skip
    sites = list(Site.objects.filter(operating_rooms__isnull=False).distinct().order_by("id"))
    years = sorted({d.year for d in Session.objects.dates("date", "year")})
    tertials = [tertial_dates(y, t) for y in years for t in (1, 2, 3)]
    # The clinics a hospital's rooms admit (with fewer rooms, --scale, not all of them).
    clinics = {
        s.id: list(Clinic.objects.filter(operating_rooms__site=s).distinct().order_by("id"))
        for s in sites
    }
    managers = {
        m.clinic_id: m.user
        for m in Membership.objects.select_related("user").filter(role=Role.MANAGER)
    }
    qulturum, _ = User.objects.get_or_create(username="bench-qulturum")
    Membership.objects.get_or_create(user=qulturum, role=Role.QULTURUM)
    clients: dict[int, Client] = {}
    for user in [qulturum, *managers.values()]:
        clients[user.id] = Client()
        clients[user.id].force_login(user)

    def site_of(i: int):
        return sites[i % len(sites)]

    def tertial_of(i: int):
        return tertials[(i * 7) % len(tertials)]

    def clinic_of(i: int) -> Clinic:
        return clinics[site_of(i).id][(i * 5) % len(clinics[site_of(i).id])]

    def params(i: int, clinic: bool = False) -> dict:
        start, end = tertial_of(i)
        query = {"site": site_of(i).id, "from": start.isoformat(), "to": end.isoformat()}
        return {**query, "clinic": clinic_of(i).id} if clinic else query

    url = "/api/v1/operating-rooms/utilisation/"
    cases = {
        "Qulturum, hospital": lambda i: (qulturum, params(i)),
        "Qulturum, one clinic": lambda i: (qulturum, params(i, clinic=True)),
        "manager, hospital": lambda i: (managers[clinic_of(i).id], params(i)),
    }
    print(f"\nGET {url}, a hospital and a tertial ({len(tertials)} tertials × {len(sites)} "
          f"hospitals, varying), {repeat} requests each (ms)")  # fmt: skip
    print(f"  {'as':<24}{'server p50':>11}{'p95':>7}{'SQL p50':>9}{'p95':>7}{'queries':>9}"
          f"{'operations read':>17}")  # fmt: skip
    worst = 0.0
    for label, case in cases.items():

        def get(i, case=case):
            user, query = case(i)
            response = clients[user.id].get(url, query)
            assert response.status_code == 200, (response.status_code, response.content[:300])

        runs = time_calls(get, repeat)
        p50, p95 = percentiles([r.ms for r in runs])
        s50, s95 = percentiles([r.sql_ms for r in runs])
        low, high = min(r.queries for r in runs), max(r.queries for r in runs)
        read = []
        for i in range(3, 3 + repeat):
            user, query = case(i)
            ops = Operation.objects.filter(
                room__site_id=query["site"], date__range=(query["from"], query["to"])
            )
            if "clinic" in query:
                ops = ops.filter(unit__clinic_id=query["clinic"])
            elif user != qulturum:
                ops = ops.filter(unit__clinic_id=clinic_of(i).id)
            read.append(ops.count())
        counts = f"{low}" if low == high else f"{low}–{high}"
        print(f"  {label:<24}{p50:9.1f}{p95:9.1f}{s50:9.1f}{s95:7.1f}{counts:>9}"
              f"{int(np.median(read)):>17}")  # fmt: skip
        worst = max(worst, p95)
    print(
        f"\ntarget p95 < 300 ms: slowest p95 {worst:.1f} ms, {'met' if worst < 300 else 'NOT MET'}"
    )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database again")
    parser.add_argument("--repeat", type=int, default=30, help="requests per case")
    parser.add_argument("--years", type=int, default=5, help="years of operations (up to 2026)")
    parser.add_argument("--scale", type=float, default=1.0, help="rooms per hospital, × 10")
    args = parser.parse_args()
    fresh = own_database("_theatre_bench", rebuild=args.rebuild)
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    source_static_files()
    if fresh:
        print(f"building the region (once; --rebuild to start over): {args.years} years, "
              f"scale {args.scale}")  # fmt: skip
        build(years=args.years, scale=args.scale)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the code may have moved on since the data were built
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    measure(args.repeat)


if __name__ == "__main__":
    main()

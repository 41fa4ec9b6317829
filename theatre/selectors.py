"""Reads of the operating-room module: hospitals and rooms a user may see, and room-time follow-up.

Access follows ``organisation.access``: a user reads a hospital when one of their clinics
works there, and the figures of their own clinics only. Region-wide readers (Qulturum,
administrators) see the whole hospital, open time not allocated included; a clinic's
reader sees as the hospital's total the sum of their own clinics (their sessions' share
of the opening hours), never figures of clinics they may not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, tzinfo

import numpy as np
import pandas as pd
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import Case, FloatField, Func, QuerySet, When
from django.utils import timezone

from organisation import access
from organisation.models import Clinic, Site

from .choices import OperationStatus
from .models import DEFAULT_OPENING_HOURS, OpeningHours, Operation, Room, Session
from .utilisation import DAY, NONE, Figures, Operations, Sessions, compute, seconds_of_day


def opening_hours(*, site_id: int) -> dict[int, tuple[time, time]]:
    """Each weekday's elective opening hours: the hospital's own, or SPOR's default when it has none."""
    own = {h.weekday: (h.opens, h.closes) for h in OpeningHours.objects.filter(site_id=site_id)}
    return own or {int(day): hours for day, hours in DEFAULT_OPENING_HOURS.items()}


def _site_clinics(site_id: int) -> QuerySet[Clinic]:
    """The clinics that operate in a hospital: those one of its rooms admits."""
    return Clinic.objects.filter(operating_rooms__site_id=site_id).distinct()


def visible_sites(user: User | AnonymousUser) -> QuerySet[Site]:
    """The hospitals with operating rooms that admit at least one of the user's clinics."""
    with_rooms = Site.objects.filter(operating_rooms__isnull=False).distinct()
    if access.sees_whole_region(user):
        return with_rooms
    return with_rooms.filter(operating_rooms__clinics__in=access.visible_clinics(user)).distinct()


def may_read(user: User | AnonymousUser) -> bool:
    """Whether the user sees any hospital's room time (the menu shows the section only then)."""
    return user.is_authenticated and visible_sites(user).exists()


def site_clinics(*, user: User | AnonymousUser, site_id: int) -> list[Clinic]:
    """The hospital's operating clinics the user may see, by name."""
    return list(_site_clinics(site_id).filter(id__in=access.visible_clinics(user)).order_by("name"))


def site_rooms(*, site_id: int) -> list[Room]:
    return list(Room.objects.filter(site_id=site_id).order_by("code"))


@dataclass
class Named:
    id: int
    code: str
    name: str
    figures: Figures


@dataclass
class Utilisation:
    site: Site
    start: date
    end: date
    whole_hospital: bool
    total: Figures
    clinics: list[Named]
    rooms: list[Named]


class _Epoch(Func):
    """A moment as seconds since 1970-01-01 UTC, a float.

    A hospital's tertial holds about 30 000 times; the driver loads a timestamp with time
    zone in Python and a float in C, so reading them as floats took that read from 150–350
    to 55–80 ms on a busy machine (``bench/theatre.py``).
    """

    output_field = FloatField()
    template = "EXTRACT(EPOCH FROM %(expressions)s)::double precision"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite holds the moment as UTC text; julianday counts days from 4714 BC.
        template = "(julianday(%(expressions)s) - 2440587.5) * 86400.0"
        return self.as_sql(compiler, connection, template=template, **extra)


def _wall_seconds(utc: np.ndarray, zone: tzinfo) -> np.ndarray:
    """Moments (seconds since 1970 UTC) as seconds of local wall time since 1970, to the
    second; NaN for none. Converted all at once: one at a time cost more than the read."""
    missing = np.isnan(utc)
    seconds = np.round(np.where(missing, 0, utc)).astype(np.int64)
    local = pd.to_datetime(seconds, unit="s", utc=True).tz_convert(zone).tz_localize(None)
    wall = local.to_numpy("datetime64[s]").astype(np.int64).astype(float)
    wall[missing] = np.nan
    return wall


def _days(epoch: np.ndarray) -> np.ndarray:
    """Days since 1970 from their midnights' seconds (``_Epoch`` of a date)."""
    return np.round(epoch / DAY).astype(np.int64)


def _sessions(room_ids: list[int], start: date, end: date) -> Sessions:
    # In no order (the computation orders them), so the rooms' names are not joined to sort.
    rows = (
        Session.objects.filter(room_id__in=room_ids, date__range=(start, end))
        .order_by()
        .values_list(
            "room_id", _Epoch("date"), "start_time", "end_time", "unit__clinic_id", "staffed"
        )
    )
    room, day, begins, ends, clinic, staffed = list(zip(*rows, strict=True)) or [()] * 6
    return Sessions(
        room=np.array(room, dtype=np.int64),
        day=_days(np.array(day, dtype=float)),
        start=np.array([seconds_of_day(t) for t in begins], dtype=np.int64),
        end=np.array([seconds_of_day(t) for t in ends], dtype=np.int64),
        clinic=np.array([NONE if c is None else c for c in clinic], dtype=np.int64),
        staffed=np.array(staffed, dtype=bool),
    )


def _operations(operations: QuerySet[Operation]) -> Operations:
    performed = Case(When(status=OperationStatus.PERFORMED, then=1), default=0)
    query = operations.values_list(
        "room_id",
        _Epoch("date"),
        "unit__clinic_id",
        performed,
        *(
            _Epoch(name)
            for name in ("patient_in", "op_start", "op_end", "patient_out", "struck_at")
        ),
        "strike_cause",
    )
    # Read as the driver gives the rows: Django's converters, a call per value, cost more than
    # the read itself for a hospital's tertial (tens of thousands of values).
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    numbers = np.array([row[:-1] for row in rows], dtype=float).reshape(-1, 9)
    # Asked once: a hospital's tertial holds tens of thousands of times to convert.
    zone = timezone.get_current_timezone()
    times = [_wall_seconds(numbers[:, column], zone) for column in range(4, 9)]
    return Operations(
        room=numbers[:, 0].astype(np.int64),
        day=_days(numbers[:, 1]),
        clinic=numbers[:, 2].astype(np.int64),
        performed=numbers[:, 3] == 1,
        patient_in=times[0],
        op_start=times[1],
        op_end=times[2],
        patient_out=times[3],
        struck_at=times[4],
        strike_cause=[row[-1] for row in rows],
    )


def room_utilisation(
    *,
    user: User | AnonymousUser,
    site: Site,
    start: date,
    end: date,
    clinic: Clinic | None = None,
    room: Room | None = None,
) -> Utilisation:
    """Room time of a hospital (optionally one clinic, one room) from ``start`` to ``end``."""
    if clinic is not None:
        clinics: set[int] | None = {clinic.id}
    elif access.sees_whole_region(user):
        clinics = None
    else:
        clinics = {c.id for c in site_clinics(user=user, site_id=site.id)}
    rooms = Room.objects.filter(site=site)
    if room is not None:
        rooms = rooms.filter(id=room.id)
    room_list = list(rooms.order_by("code"))
    # The rooms by id, not as a subquery: then the (room, date) index finds the interval's
    # operations instead of a scan of every operation of every year.
    room_ids = [r.id for r in room_list]
    operations = Operation.objects.filter(room_id__in=room_ids, date__range=(start, end))
    if clinics is not None:
        operations = operations.filter(unit__clinic_id__in=clinics)
    result = compute(
        hours=opening_hours(site_id=site.id),
        sessions=_sessions(room_ids, start, end),
        operations=_operations(operations),
        clinics=clinics,
    )
    shown_clinics = (
        site_clinics(user=user, site_id=site.id)
        if clinics is None
        else list(Clinic.objects.filter(id__in=clinics).order_by("name"))
    )
    # Clinics that held sessions or operated here without being listed for the hospital.
    known = {c.id for c in shown_clinics}
    extra = [
        cid for cid in result.clinics if cid not in known and (clinics is None or cid in clinics)
    ]
    shown_clinics += list(Clinic.objects.filter(id__in=extra).order_by("name"))
    admitting = (
        set()
        if clinics is None
        else set(rooms.filter(clinics__in=clinics).values_list("id", flat=True))
    )
    return Utilisation(
        site=site,
        start=start,
        end=end,
        whole_hospital=result.whole_hospital,
        total=result.total,
        clinics=[
            Named(c.id, c.code, c.name, result.clinics.get(c.id, Figures())) for c in shown_clinics
        ],
        rooms=[
            Named(r.id, r.code, r.name, result.rooms.get(r.id, Figures()))
            for r in room_list
            # A clinic's reader sees the rooms that admit their clinics or that they used.
            if clinics is None or r.id in result.rooms or r.id in admitting
        ],
    )

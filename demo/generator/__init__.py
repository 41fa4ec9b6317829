"""The demo region generator: writes a synthetic region's extract files.

``generate(out_dir, size="demo", until=date(2026, 11, 22), seed=1)`` writes
every kind of extract (see the extract format) for the calendar years up to
``until`` and returns the paths in the order they should be imported. The
same arguments always give the same files.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from django.utils import timezone

from organisation.calendar import IsoWeek

from ..region import RegionSpec, region_spec
from ..theatre import rooms_for
from . import (
    capacity,
    economics,
    extracts,
    inpatient,
    neighbours,
    population,
    production,
    purchasing,
    queue,
    volumes,
)
from .contacts import KindTable, contacts, patient_windows
from .files import month_start
from .people import patient_pool
from .sizes import SIZES, Size, add_size_arguments, size_from_options
from .theatre import theatre as operating_rooms
from .timeline import timeline

__all__ = [
    "SIZES",
    "Size",
    "add_size_arguments",
    "generate",
    "load_order",
    "size_from_options",
    "spec_for",
]

PATIENTS_PER_CONTACT = 0.45  # distinct patients per yearly contact
# Import order: reference data first, then by extract date; within a day,
# contacts before the aggregates that summarise them.
KIND_ORDER = [
    "kva",
    "befolkning",
    "drgvikter",
    "bemanning",
    "remisser",
    "kontakter",
    "salstider",
    "operationer",
    "produktion",
    "vantande",
    "kopt_vard",
    "bokade",
    "vardtillfallen",
    "vardplatser",
    "vantanderapport",
    "kpp",
]


# <kind>_<source>_<YYYYMMDD>: a kind's name may join words with "_" (kopt_vard).
_NAME = re.compile(r"^(?P<kind>[a-z_]+?)_[a-z0-9]+_(?P<day>\d{8})")


def load_order(paths: list[Path]) -> list[Path]:
    """Sort extract files the way they should be imported: KVÅ and population first, then by date."""

    def key(path: Path) -> tuple:
        named = _NAME.match(path.name)
        if not named:  # Socialstyrelsen's own KVÅ names, e.g. kka-2021-level1.txt
            return (0, "", 0, path.name)
        kind, day = named["kind"], named["day"]
        reference = kind in ("kva", "befolkning", "drgvikter")
        return (
            0 if reference else 1,
            day,
            KIND_ORDER.index(kind) if kind in KIND_ORDER else 99,
            path.name,
        )

    return sorted(paths, key=key)


def _check(size: Size) -> None:
    if size.units is not None and size.units < 1:
        raise ValueError("Antalet enheter måste vara minst 1.")
    if size.years < 1:
        raise ValueError("Antalet år måste vara minst 1.")
    if size.contacts_per_year < 1 or size.waiting < 0:
        raise ValueError("Antal kontakter och väntande kan inte vara negativa.")


def generate(
    out_dir: Path | str,
    *,
    size: Size | str = "demo",
    until: date | None = None,
    years: int | None = None,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the region's extracts into ``out_dir``; data runs to the day before ``until``."""
    size = SIZES[size] if isinstance(size, str) else size
    size = replace(size, years=years) if years else size
    _check(size)
    until = until or timezone.localdate()
    last = until - timedelta(days=1)  # a night's extract holds yesterday's contacts
    start = date(last.year - size.years + 1, 1, 1)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _message: None)
    began = time.monotonic()

    spec = region_spec(units=size.units)
    streams = [
        np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(seed).spawn(11)
    ]
    # Spawned apart from the ten above, so the other kinds' files stay as they were for a seed.
    economics_rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 18])))
    tl = timeline(start, last)
    units = volumes.UnitTable.of(spec)
    kinds = KindTable.of(spec)
    scale = volumes.volume_scale(units, tl, size.contacts_per_year)
    patients = patient_pool(
        streams[0],
        int(size.contacts_per_year * PATIENTS_PER_CONTACT),
        reference=start - timedelta(days=30),
        counties=population.counties(),
    )
    windows = patient_windows(streams[1], spec, patients, units.weekly * scale * 45)

    waiting = queue.waiting_list(
        spec=spec,
        kinds=kinds,
        scale=scale,
        start=start,
        last=last,
        target=size.waiting,
        windows=windows,
        rng=streams[2],
    )
    frame = contacts(
        spec=spec,
        tl=tl,
        lam=volumes.expected(units, tl, scale, streams[3]),
        kinds=kinds,
        windows=windows,
        rng=streams[4],
        origin=start,
        wait_scale=waiting.wait_scale,
    )
    say(
        f"{_sv(len(frame))} kontakter och {_sv(len(waiting.frame))} vårdbehov dragna"
        f" ({time.monotonic() - began:.0f} s)"
    )

    paths = extracts.kva(out)
    paths += extracts.befolkning(
        out,
        population.population(years=list(range(start.year, last.year + 1)), rng=streams[5]),
        until=until,
    )
    paths += extracts.kontakter(out, frame, spec=spec, kinds=kinds, patients=patients, until=until)
    # The operating rooms: fas 2 of the operating units, placed in a session plan of every week.
    rooms = rooms_for(spec)
    rooms_day = operating_rooms(spec=spec, frame=frame, rng=streams[10])
    paths += extracts.salstider(out, rooms_day, spec=spec, rooms=rooms, until=until)
    paths += extracts.operationer(
        out, rooms_day, frame, spec=spec, rooms=rooms, patients=patients, until=until
    )
    week_key = tl.week_key[
        (frame["day"].to_numpy().astype("datetime64[D]") - tl.days[0]).astype(int)
    ]
    # Diver reports whole weeks: the last one ends on the last Sunday of the data.
    last_sunday = last - timedelta(days=(last.weekday() + 1) % 7)
    counts = production.production(
        spec=spec,
        frame=frame,
        kinds=kinds,
        week_key=week_key,
        last_week=IsoWeek.of(last_sunday).key,
        rng=streams[6],
    )
    paths += extracts.produktion(out, counts, spec=spec, until=until)
    paths += extracts.remisser(
        out,
        queue.referrals(queue=waiting, start=start, last=last, rng=streams[7]),
        spec=spec,
        until=until,
    )
    snapshots = _snapshots(waiting, start, last)
    paths += extracts.vantande(out, snapshots, spec=spec, patients=patients, until=until)
    # Long waiters sent to other providers, from their own stream: the other files stay as they were.
    sent = purchasing.referrals(
        snapshots,
        spec=spec,
        last=last,
        rng=np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 20]))),
    )
    paths += purchasing.kopt_vard(out, sent, spec=spec, patients=patients, until=until)
    # The neighbours' reports, from their own streams: the demo region's files do not change.
    paths += neighbours.reports(
        out,
        snapshots,
        own_county=spec.county_code,
        rng=np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 19]))),
    )
    paths += extracts.bemanning(
        out,
        capacity.staffing(
            spec=spec, kinds=kinds, scale=scale, start=start, until=until, rng=streams[8]
        ),
        spec=spec,
        until=until,
    )
    for measured in capacity.booking_snapshot_days(start, last):
        booked = capacity.bookings(
            spec=spec, kinds=kinds, scale=scale, start=start, measured=measured, rng=streams[9]
        )
        # Each snapshot is extracted the night after the day it measures, as ``last``'s is on ``until``.
        paths += extracts.bokade(
            out, booked, spec=spec, measured=measured, until=measured + timedelta(days=1)
        )
    # The wards draw from their own stream, so the outpatient files stay as they were.
    ward_rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 17])))
    simulated = inpatient.wards(spec.wards, start=start, last=last, rng=ward_rng, patients=patients)
    paths += inpatient.vardtillfallen(
        out, simulated, patients=patients, start=start, last=last, until=until
    )
    paths += inpatient.vardplatser(out, simulated, until=until)
    years = list(range(start.year, last.year + 1))
    paths += economics.weight_lists(out, years=years, rng=economics_rng)
    paths += economics.kpp(
        out, frame, spec=spec, kinds=kinds, last=last, until=until, rng=economics_rng
    )
    say(f"{len(paths)} extraktfiler skrivna till {out} ({time.monotonic() - began:.0f} s)")
    return load_order(paths)


def _sv(number: int) -> str:
    """A count as Swedish writes it: a space between thousands (175 200)."""
    return f"{number:,}".replace(",", "\u00a0")


def _snapshots(waiting: queue.Queue, start: date, last: date) -> list:
    """Month ends in the period, and the latest day."""
    months = np.arange(np.datetime64(start, "M"), np.datetime64(last, "M") + 1).astype(int)
    ends = [month_start(m + 1) - timedelta(days=1) for m in months]
    days = sorted({d for d in ends if d <= last} | {last})
    return [(np.datetime64(d, "D"), waiting.snapshot(np.datetime64(d, "D"))) for d in days]


def spec_for(size: Size | str) -> RegionSpec:
    """The region a size generates, for building the organisation to match."""
    size = SIZES[size] if isinstance(size, str) else size
    return region_spec(units=size.units)

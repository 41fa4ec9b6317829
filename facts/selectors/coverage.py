"""Which weeks the platform knows: a week whose extract has not arrived is missing, not zero.

A week's outcome is known for a source when (1) the source delivered the week
(``delivered_per_unit``: for COSMIC some unit of the region has outcome in the
week, for Diver one of the units asked about), and (2) when the import log has
successful imports of the source's kind, the latest of them was extracted on
or after the week's Sunday (the "data t.o.m." date of the freshness banner).
Rule (1) catches a week lost between deliveries, rule (2) a week still under
way or whose extract is late. Facts loaded without the import log (tests,
benchmarks, a first bulk load) are judged by rule (1) alone.
"""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import Max

from imports.selectors import SUCCESSFUL, successful_runs
from organisation.calendar import IsoWeek, weeks_between
from organisation.models import Area, Clinic, Unit

from ..choices import OutcomeSource
from ..kinds import Kind
from . import rows as facts_rows
from .sql import placeholders, table

# The extract kind that delivers each outcome source (EXTRACTS.md).
KIND_OF_SOURCE = {OutcomeSource.COSMIC: Kind.KONTAKTER, OutcomeSource.DIVER: Kind.PRODUKTION}
# Runs that brought data in; "unchanged" re-read a file already there, so it adds nothing newer.
SUCCESS_STATUSES = SUCCESSFUL
# "Look the cut-off up in the import log" (None already means "no import log for the kind").
UNKNOWN = object()


def delivered_per_unit(source: str | None) -> bool:
    """Whether ``source`` delivers its weeks unit by unit: the one rule for which units' rows
    tell that a week arrived.

    Diver's production extract replaces per (unit, week), so a unit-week it left out is
    missing even when it delivered the week for other units; a clinic's (or area's) week is
    known when any of its units was delivered. COSMIC's contacts extract covers the whole
    region, so once the region has the week, a unit without contacts in it had none: a
    real 0. Facts other than outcome (referrals) are read like COSMIC's.
    """
    return source == OutcomeSource.DIVER


def data_until(*, kind: str) -> date | None:
    """The latest extract date of a successful import of ``kind``, if any. One query."""
    return successful_runs().filter(kind=kind).aggregate(until=Max("extract_date"))["until"]


def outcome_data_until(*, source: str) -> date | None:
    """The latest extract date of a successful import delivering ``source``'s outcome, if any."""
    return data_until(kind=KIND_OF_SOURCE.get(source, source))


def complete(week_key: int, until: date | None) -> bool:
    """Whether a week had ended by the import cut-off (always, without an import log).

    The one rule for every figure built from weeks: the running week and later ones are
    unknown, never counted as whole weeks with what has arrived so far.
    """
    return until is None or IsoWeek.from_key(week_key).sunday <= until


def last_complete_week(until: date) -> IsoWeek:
    """The latest week that had ended by ``until`` (``complete``): its own week on a Sunday,
    else the week before."""
    week = IsoWeek.of(until)
    return week if complete(week.key, until) else week - 1


def present_weeks_sql(
    model,
    week_keys: list[int],
    *,
    unit_ids=None,
    region_id: int | None = None,
    source: str | None = None,
    cut_off_kind: str | None = None,
) -> tuple[str, list]:
    """SQL naming which of ``week_keys`` have rows of ``model`` (a fact with ``unit`` and
    ``week``) anywhere in a region: the given one, or the one ``unit_ids`` belong to; for a
    source delivered per unit (``delivered_per_unit``) in ``unit_ids`` themselves.

    Each week is one probe that stops at the first row found (``LIMIT 1`` over
    the week's index), so asking costs the number of weeks, not the number of
    rows; a DISTINCT over the region's rows would read them all. Given
    ``unit_ids``, their own rows are probed first: nearly always they have the
    week, found through the (unit, week) index every fact has, and the region
    is searched only for the weeks they lack. ``cut_off_kind`` also leaves out
    the weeks that had not ended by that kind's import cut-off (``complete``),
    looked up in the same statement.
    """
    unit, clinic, area = table(Unit), table(Clinic), table(Area)
    if region_id is not None:
        region_sql, region_params = "%s", [region_id]
    else:
        units_sql, region_params = placeholders(unit_ids)
        region_sql = (
            f"SELECT a2.region_id FROM {unit} u2 JOIN {clinic} c2 ON c2.id = u2.clinic_id "
            f"JOIN {area} a2 ON a2.id = c2.area_id WHERE u2.id IN ({units_sql})"
        )
    source_sql, source_params = (" AND k.source = %s", [source]) if source else ("", [])
    probe = (
        f"(SELECT 1 FROM {table(model)} k WHERE k.week = v.column1{source_sql} AND k.unit_id IN ("
    )
    region_probe = (
        f"{probe}SELECT u.id FROM {unit} u JOIN {clinic} c ON c.id = u.clinic_id JOIN {area} a ON a.id = c.area_id "
        f"WHERE a.region_id IN ({region_sql})) LIMIT 1) IS NOT NULL"
    )
    own_sql, own_params = "", []
    if region_id is None:
        own_sql, own_params = (
            f"{probe}{units_sql}) LIMIT 1) IS NOT NULL",
            [*source_params, *region_params],
        )
        if delivered_per_unit(source):
            region_probe, source_params, region_params = "", [], []
        else:
            # OR is evaluated left to right and stops at the first true.
            own_sql += " OR "
    values, value_params = ", ".join(["(%s)"] * len(week_keys)), list(week_keys)
    cut_sql, cut_params = "", []
    if cut_off_kind is not None:
        # Each week with its Sunday; no successful import of the kind (NULL) cuts nothing.
        values = ", ".join(["(%s, %s)"] * len(week_keys))
        value_params = [x for key in week_keys for x in (key, IsoWeek.from_key(key).sunday)]
        cut_sql = (
            f"v.column2 <= COALESCE((SELECT MAX(r.extract_date) FROM {table(successful_runs().model)} r "
            f"WHERE r.kind = %s AND r.status IN (%s, %s)), v.column2) AND "
        )
        cut_params = [cut_off_kind, *SUCCESS_STATUSES]
    sql = f"SELECT v.column1 FROM (VALUES {values}) v WHERE {cut_sql}({own_sql}{region_probe})"
    return sql, [*value_params, *cut_params, *own_params, *source_params, *region_params]


def _fetch_weeks(sql: str, params: list) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {int(week) for (week,) in cursor.fetchall()}


def outcome_weeks_known(
    *, region_of: dict[int, int], source: str, first: IsoWeek, last: IsoWeek, data_until=UNKNOWN
) -> dict[int, set[int]]:
    """Per clinic id (``region_of`` maps each to its region id): the week keys between
    ``first`` and ``last`` whose outcome is known for it.

    One query per region (a region's own deployment has one), one in all for a source
    delivered per unit (``delivered_per_unit``: its weeks are each clinic's own), plus one
    for the import log's cut-off unless ``data_until`` is given.
    """
    if not region_of:
        return {}
    until = outcome_data_until(source=source) if data_until is UNKNOWN else data_until
    weeks = [w.key for w in weeks_between(first, last) if complete(w.key, until)]
    if not weeks:
        return {clinic: set() for clinic in region_of}
    if delivered_per_unit(source):
        return _clinic_weeks(weeks, list(region_of), source)
    by_region = {
        region: _fetch_weeks(
            *present_weeks_sql(
                facts_rows.weekly_outcomes().model, weeks, region_id=region, source=source
            )
        )
        for region in set(region_of.values())
    }
    return {clinic: by_region[region] for clinic, region in region_of.items()}


def _clinic_weeks(week_keys: list[int], clinic_ids: list[int], source: str) -> dict[int, set[int]]:
    """Per clinic, which of ``week_keys`` ``source`` delivered for any of its units: one probe
    per clinic and week, stopping at the first row (the (unit, week) index), as
    ``present_weeks_sql`` probes."""
    clinics_sql, clinic_params = placeholders(clinic_ids)
    sql = (
        f"SELECT c.id, v.column1 FROM (VALUES {', '.join(['(%s)'] * len(week_keys))}) v, {table(Clinic)} c "
        f"WHERE c.id IN ({clinics_sql}) AND (SELECT 1 FROM {table(facts_rows.weekly_outcomes().model)} k WHERE k.week = v.column1 "
        f"AND k.source = %s AND k.unit_id IN (SELECT u.id FROM {table(Unit)} u WHERE u.clinic_id = c.id) "
        "LIMIT 1) IS NOT NULL"
    )
    known: dict[int, set[int]] = {clinic: set() for clinic in clinic_ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*week_keys, *clinic_params, source])
        for clinic, week in cursor.fetchall():
            known[clinic].add(int(week))
    return known


def outcome_weeks_known_for_units(
    *, unit_ids, source: str, first: IsoWeek, last: IsoWeek, data_until=UNKNOWN
) -> set[int]:
    """The known weeks of the region(s) the units belong to, without a separate region lookup.

    ``data_until``: the import cut-off if the caller has it, else it is looked up.
    """
    return weeks_with_rows(
        facts_rows.weekly_outcomes().model,
        unit_ids=unit_ids,
        first=first,
        last=last,
        until=outcome_data_until(source=source) if data_until is UNKNOWN else data_until,
        source=source,
    )


def weeks_with_rows(
    model, *, unit_ids, first: IsoWeek, last: IsoWeek, until: date | None, source: str | None = None
) -> set[int]:
    """Week keys in which ``model`` (a fact with ``unit`` and ``week``) has rows anywhere in
    the region of ``unit_ids``, cut at ``until``. One query."""
    weeks = [w.key for w in weeks_between(first, last) if complete(w.key, until)]
    if not weeks or not unit_ids:
        return set()
    return _fetch_weeks(*present_weeks_sql(model, weeks, unit_ids=unit_ids, source=source))

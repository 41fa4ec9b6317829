"""What every waiting-list read shares: the access filter, the guarantee rules, snapshots, population."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf

from facts.choices import Deviation
from facts.selectors import rows as facts_rows
from organisation import access
from organisation.models import Clinic, Phase, Region

from ..care_areas import CareAreaResolver
from ..models import MedicalCareArea, MedicalCareAreaCode

# The care guarantee covers first visits and operations/procedures; return visits
# are judged against their medical target date instead.
GUARANTEE_PHASES = (Phase.FIRST, Phase.PROCEDURE)
GUARANTEE_DAYS = 90
# National rule for those still waiting: patient-chosen and medically caused waits are left out.
EXCLUDED_WHILE_WAITING = (Deviation.PVV, Deviation.MOV)
# National rule for performed contacts: only patient-chosen waits are left out.
EXCLUDED_WHEN_DONE = (Deviation.PVV,)
# National waiting-time buckets in days: (first, last); None = open-ended.
BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 30), (31, 60), (61, 90), (91, 120), (121, 180), (181, 365), (366, None),
)  # fmt: skip


BUCKET_FIELDS = [f"bucket_{i}" for i in range(len(BUCKETS))]
# The counts kept per snapshot, unit, phase and KVÅ code (see WaitingSummary), summed by every level.
COMPARED_FIELDS = ["waiting", "guarantee", "over_90", "over_long", "pvv", "mov", "wait_days"]
SUMMARY_FIELDS = [*COMPARED_FIELDS, "past_target", "with_target", *BUCKET_FIELDS]


def long_wait_days() -> int:
    """The region's own long-wait threshold (one region reports over 150 days)."""
    return int(getattr(settings, "KPS_WAITLIST_LONG_DAYS", 150))


def guarantee_waiting_q() -> Q:
    """Who still waiting counts for the guarantee: phases 1–2, neither PVV nor MOV."""
    return Q(phase__in=GUARANTEE_PHASES) & ~Q(deviation__in=EXCLUDED_WHILE_WAITING)


def waited_more_than(days: int, snapshot: date) -> Q:
    # The snapshot is one fixed day, so "waited more than N days" is a plain date comparison an index can use.
    return Q(decision_date__lt=snapshot - timedelta(days=days))


def bucket_q(first: int, last: int | None, snapshot: date) -> Q:
    query = Q() if first == 0 else waited_more_than(first - 1, snapshot)
    if last is not None:
        query &= Q(decision_date__gte=snapshot - timedelta(days=last))
    return query


def bucket_label(first: int, last: int | None) -> str:
    return f"{first}–{last}" if last is not None else f">{first - 1}"


def visible_entries(*, user: User | AnonymousUser) -> QuerySet:
    return access.restrict(facts_rows.waiting_entries().all(), user, clinic_path="unit__clinic")


def visible_regions(*, user: User | AnonymousUser) -> QuerySet[Region]:
    return Region.objects.filter(areas__clinics__in=access.visible_clinics(user)).distinct()


def limited_clinics(*, user: User | AnonymousUser) -> dict[int, list[str]]:
    """Region id → names of the user's clinics there, when the user sees only some of their regions' clinics.

    Empty when every clinic of the user's regions is visible. Per-capita figures divide by a
    county's population, which is the catchment of a region's whole waiting list, never of one
    clinic's: a view limited to some clinics must say so and show no such rate.
    """
    visible = access.visible_clinics(user)
    if (
        not Clinic.objects.filter(area__region__in=visible_regions(user=user))
        .exclude(id__in=visible.values("id"))
        .exists()
    ):
        return {}
    limited: dict[int, list[str]] = {}
    for region_id, name in visible.order_by("name").values_list("area__region_id", "name"):
        limited.setdefault(region_id, []).append(name)
    return limited


def snapshot_dates(model=None) -> list[date]:
    """Every measurement day held (in ``model``'s table), oldest first.

    A recursive query that jumps from one date to the next through the
    (snapshot_date, unit) index: one index probe per snapshot instead of a
    DISTINCT over millions of rows. Which days exist is not sensitive, so no
    access filter applies.
    """
    model = model or facts_rows.waiting_entries().model
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"""
        WITH RECURSIVE days(day) AS (
            SELECT MIN(snapshot_date) FROM {table}
            UNION ALL
            SELECT (SELECT MIN(snapshot_date) FROM {table} WHERE snapshot_date > days.day)
            FROM days WHERE days.day IS NOT NULL
        )
        SELECT day FROM days WHERE day IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [
            day if isinstance(day, date) else date.fromisoformat(day)
            for (day,) in cursor.fetchall()
        ]


def month_end_snapshots(dates: Iterable[date]) -> list[date]:
    """The last measurement day of each month."""
    last: dict[tuple[int, int], date] = {}
    for day in dates:
        key = (day.year, day.month)
        last[key] = max(day, last.get(key, day))
    return sorted(last.values())


def month_end_before(snapshot: date, dates: Iterable[date]) -> date | None:
    """The month-end figure to show beside a snapshot: the snapshot itself on a month's last day,
    else the last snapshot of an earlier month."""
    if (snapshot + timedelta(days=1)).month != snapshot.month:
        return snapshot
    earlier = [
        d for d in month_end_snapshots(dates) if (d.year, d.month) < (snapshot.year, snapshot.month)
    ]
    return earlier[-1] if earlier else None


def populations(*, county_codes: Iterable[str], year: int) -> tuple[dict[str, int], int | None]:
    """Inhabitants per county for the year, or the latest year before it; and the year used."""
    codes = set(county_codes)
    rows = (
        facts_rows.populations()
        .filter(county_code__in=codes, year__lte=year)
        .order_by("county_code", "-year")
    )
    found: dict[str, int] = {}
    years = set()
    for code, row_year, count in rows.values_list("county_code", "year", "count"):
        if code not in found:
            found[code] = count
            years.add(row_year)
    return found, (max(years) if years else None)


def population_by_year(*, county_codes: Iterable[str]):
    """A function year → inhabitants of the counties, each county at its latest year up to that one."""
    rows = list(
        facts_rows.populations()
        .filter(county_code__in=set(county_codes))
        .values_list("county_code", "year", "count")
    )

    def inhabitants(year: int) -> int | None:
        latest: dict[str, tuple[int, int]] = {}
        for code, row_year, count in rows:
            if row_year <= year and row_year >= latest.get(code, (0, 0))[0]:
                latest[code] = (row_year, count)
        return sum(count for _, count in latest.values()) or None

    return inhabitants


def per_100k(count: int, population: int | None) -> float | None:
    return count * 100_000 / population if population else None


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def care_area_resolver() -> CareAreaResolver:
    return CareAreaResolver(
        MedicalCareAreaCode.objects.values_list("classification", "prefix", "area_id")
    )


def care_areas() -> QuerySet[MedicalCareArea]:
    """The medical care areas, in their order: for apps that group by them (purchased care)."""
    return MedicalCareArea.objects.all()


def kva_texts(codes: Iterable[str]) -> dict[str, str]:
    """Swedish text of each code (level-4 codes are unique across the two classifications)."""
    return dict(facts_rows.kva_codes().filter(code__in=list(codes)).values_list("code", "text"))


# The shape of a level-4 code per classification, as database regexes (see care_areas). They
# also match the first code of a list such as a contact's "NFB49 ZXA10".
_CODE_SHAPES = {"kka": r"^[A-Z]{3}[0-9]{2}([ ,]|$)", "kma": r"^[A-Z]{2}[0-9]{3}([ ,]|$)"}


def care_area_q(area_id: int, *, field: str = "kva_code") -> Q:
    """A filter on a code column matching exactly the codes the resolver gives to the area.

    A code belongs to the area when one of the area's prefixes matches it and no
    longer prefix of another area does, so trends over years of snapshots can be
    filtered in the database instead of resolving every code ever seen.
    """
    rules = list(MedicalCareAreaCode.objects.values_list("classification", "prefix", "area_id"))
    query = Q(pk__in=[])
    for classification, prefix, owner in rules:
        if owner != area_id:
            continue
        match = Q(
            **{f"{field}__startswith": prefix, f"{field}__regex": _CODE_SHAPES[classification]}
        )
        for other_class, other_prefix, other_owner in rules:
            if (
                other_class == classification
                and other_owner != area_id
                and len(other_prefix) > len(prefix)
                and other_prefix.startswith(prefix)
            ):
                match &= ~Q(**{f"{field}__startswith": other_prefix})
        query |= match
    return query


class DaysBetween(Func):
    """Whole days from one date column to another, as an integer.

    Summing days as integers is several times cheaper than summing the
    intervals Django's date subtraction gives on PostgreSQL.
    """

    output_field = IntegerField()

    def __init__(self, later: str, earlier: str):
        super().__init__(F(later), F(earlier))

    def as_sql(self, compiler, connection, **extra):
        # Standard SQL (PostgreSQL): date minus date is a number of days.
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def home_county_or_treating():
    """The patient's home county, or for a patient without one the county of the treating region."""
    return Coalesce(NullIf("home_county", Value("")), "unit__clinic__area__region__county_code")


def entry_aggregates(snapshot: date, long_days: int) -> dict:
    """The summary's counts as aggregates over the waiting entries of one snapshot.

    The snapshot is one fixed day, so every wait limit is a constant date.
    """
    guarantee = guarantee_waiting_q()
    aggregates = {
        "waiting": Count("id"),
        "guarantee": Count("id", filter=guarantee),
        "over_90": Count("id", filter=guarantee & waited_more_than(GUARANTEE_DAYS, snapshot)),
        "over_long": Count("id", filter=guarantee & waited_more_than(long_days, snapshot)),
        "pvv": Count("id", filter=Q(deviation=Deviation.PVV)),
        "mov": Count("id", filter=Q(deviation=Deviation.MOV)),
        "wait_days": Coalesce(
            Sum(DaysBetween("snapshot_date", "decision_date"), filter=guarantee), 0
        ),
    }
    aggregates |= {
        "past_target": Count("id", filter=Q(target_date__lt=snapshot)),
        "with_target": Count("id", filter=Q(target_date__isnull=False)),
    }
    for name, (first, last) in zip(BUCKET_FIELDS, BUCKETS, strict=True):
        aggregates[name] = Count("id", filter=guarantee & bucket_q(first, last, snapshot))
    return aggregates

"""Reads for the import's web side: the log, data quality, reconciliation and freshness.

Selectors only; nothing here writes. The import itself lives in ``services``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Abs, Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from facts.choices import OutcomeSource
from facts.selectors import rows as facts_rows
from organisation import access
from organisation.models import Role

from . import registry
from .cells import safe_cell
from .models import HeldRow, HoldReason, ImportRun, RejectedRow, RunStatus
from .pseudonym import mask_identities
from .tasks import NIGHTLY

# Runs that brought a file's data in; an "unchanged" run re-read a file already there.
SUCCESS_STATUSES = (RunStatus.OK, RunStatus.PARTIAL)
FAILURE_STATUSES = (RunStatus.FAILED, RunStatus.REFUSED)
LOG_ROLES = (Role.ADMIN, Role.QULTURUM, Role.MANAGER)


# --- who may see what ---------------------------------------------------------------------------


def can_view_import_log(user: User | AnonymousUser) -> bool:
    """Administrators, Qulturum and managers read the import log; KPS leaders do not."""
    # primary_role is the broadest role held, so a leader who is also a manager counts as a manager.
    return access.primary_role(user) in LOG_ROLES


def can_upload(user: User | AnonymousUser) -> bool:
    return access.is_admin(user)


# --- the import log -----------------------------------------------------------------------------


def import_run_list(
    *, user: User | AnonymousUser, kind: str = "", source: str = "", status: str = ""
) -> QuerySet[ImportRun]:
    """The import log, newest first, for a user allowed to read it (else empty)."""
    if not can_view_import_log(user):
        return ImportRun.objects.none()
    runs = ImportRun.objects.all()
    if kind:
        runs = runs.filter(kind=kind)
    if source:
        runs = runs.filter(source=source)
    if status:
        runs = runs.filter(status=status)
    return runs.order_by("-started_at", "-id")


def import_run_sources() -> list[str]:
    """The sources the log holds, for the filter's choices."""
    # Without order_by() the model's ordering (by start time) joins the DISTINCT: one per run.
    return list(
        ImportRun.objects.exclude(source="")
        .order_by("source")
        .values_list("source", flat=True)
        .distinct()
    )


def shown(text: str) -> str:
    """Text from a delivered file as pages and reports may show it: identity numbers masked.

    File names, codes and columns come from the source systems; a misplaced
    personnummer in any of them must not reach a page in clear text.
    """
    return mask_identities(text) if isinstance(text, str) else text


def import_run_duration(run: ImportRun) -> timedelta | None:
    return run.finished_at - run.started_at if run.finished_at else None


ERROR_REPORT_HEADER = ("fil", "rad", "kolumn", "meddelande")


def error_report_rows(*, run: ImportRun) -> list[tuple]:
    """The rejected rows of a run as export rows, every text cell neutralised against formulas.

    Messages may quote the offending value, which came from the file and can be anything.
    """
    rows = (
        RejectedRow.objects.filter(run=run)
        .order_by("line", "id")
        .values_list("line", "column", "message")
    )
    return [
        tuple(safe_cell(shown(v)) for v in (run.file_name, line, column, message))
        for line, column, message in rows
    ]


def error_report_csv(*, run: ImportRun) -> bytes:
    """The error report as CSV the way Swedish Excel opens it: semicolons, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(ERROR_REPORT_HEADER)
    writer.writerows(error_report_rows(run=run))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def error_report_xlsx(*, run: ImportRun) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Avvisade rader"))
    sheet.append(ERROR_REPORT_HEADER)
    for row in error_report_rows(run=run):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- data quality: held rows --------------------------------------------------------------------


@dataclass(frozen=True)
class HeldGroup:
    """Held rows that wait for the same mapping: one code of one kind from one source."""

    source: str
    kind: str
    reason: str
    code: str
    rows: int
    first_held: datetime
    files: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return registry.label(self.kind)

    @property
    def reason_label(self) -> str:
        reference = self._reference
        if reference is not None:
            return str(reference.label)
        return HoldReason(self.reason).label if self.reason in HoldReason.values else self.reason

    @property
    def hint(self) -> str:
        """What brings the rows in when no mapping in the admin does (the reference's hint)."""
        reference = self._reference
        return str(reference.hint) if reference is not None else ""

    @property
    def _reference(self):
        spec = registry.spec_for(self.kind)
        if self.reason == HoldReason.REFERENCE and spec is not None:
            return spec.reference
        return None

    @property
    def combination(self) -> dict[str, str]:
        """For a contact code "fas/kontakttyp/yrkeskategori": its parts, as the admin's form names them."""
        # The importer writes an empty profession as "-".
        parts = [("" if p == "-" else p) for p in (self.code.split("/") + ["", "", ""])[:3]]
        return {"phase": parts[0], "contact_type": parts[1], "profession": parts[2]}


def held_row_groups() -> list[HeldGroup]:
    """Held rows grouped by what an administrator must map, most rows first.

    Two aggregate queries: the counts, then the distinct files each group came from.
    Codes and file names are masked for display, so a personnummer delivered in
    the wrong column does not show.
    """
    group_fields = ("source", "kind", "reason", "code")
    counts = (
        HeldRow.objects.values(*group_fields)
        .annotate(rows=Count("id"), first_held=Min("created_at"))
        .order_by("-rows", *group_fields)
    )
    files: dict[tuple, list[str]] = {}
    for *group, file_name in (
        HeldRow.objects.filter(run__isnull=False)
        .values_list(*group_fields, "run__file_name")
        .distinct()
        .order_by(*group_fields, "run__file_name")
    ):
        files.setdefault(tuple(group), []).append(file_name)
    return [
        HeldGroup(
            source=c["source"],
            kind=c["kind"],
            reason=c["reason"],
            code=shown(c["code"]),
            rows=c["rows"],
            first_held=c["first_held"],
            files=tuple(shown(f) for f in files.get(tuple(c[f] for f in group_fields), ())),
        )
        for c in counts
    ]


def held_row_total() -> int:
    return HeldRow.objects.count()


# --- reconciliation: COSMIC against Diver -------------------------------------------------------

RECONCILIATION_ORDERS = {
    "abs": ("-abs_difference", "-pct_difference"),
    "pct": ("-pct_difference", "-abs_difference"),
    "week": ("-week", "-abs_difference"),
}


def _visible_outcomes(
    *, user: User | AnonymousUser, clinic_id: int | None, week_from: int | None, week_to: int | None
) -> QuerySet:
    outcomes = access.restrict(facts_rows.weekly_outcomes().all(), user, clinic_path="unit__clinic")
    if clinic_id:
        outcomes = outcomes.filter(unit__clinic_id=clinic_id)
    if week_from:
        outcomes = outcomes.filter(week__gte=week_from)
    if week_to:
        outcomes = outcomes.filter(week__lte=week_to)
    return outcomes


def _delivered(source: str) -> Exists:
    """Whether ``source`` delivered the outer row's unit and week (any activity)."""
    return Exists(
        facts_rows.weekly_outcomes().filter(
            unit_id=OuterRef("unit_id"), week=OuterRef("week"), source=source
        )
    )


_AMOUNT = DecimalField(max_digits=14, decimal_places=2)


def outcome_reconciliation(
    *,
    user: User | AnonymousUser,
    clinic_id: int | None = None,
    week_from: int | None = None,
    week_to: int | None = None,
    order: str = "abs",
) -> QuerySet:
    """Where COSMIC's contacts and Diver's production disagree, per unit, activity and week.

    One grouped query over ``facts_rows.weekly_outcomes().model``: each source's count side by side,
    the difference COSMIC − Diver, its absolute value and its share of Diver's
    figure in per cent (None when Diver has nothing to compare with), and
    ``total_rows``, the number of disagreements in all. Only a unit's weeks both
    sources delivered are compared: there an activity one source lacks is a real 0.
    A week only one source delivered is missing, not a difference
    (``outcome_reconciliation_missing``).
    """
    outcomes = _visible_outcomes(
        user=user, clinic_id=clinic_id, week_from=week_from, week_to=week_to
    ).filter(_delivered(OutcomeSource.COSMIC), _delivered(OutcomeSource.DIVER))
    amount = _AMOUNT
    zero = Value(Decimal(0), output_field=amount)
    rows = (
        outcomes.values(
            "unit_id",
            "unit__code",
            "unit__name",
            "unit__clinic__name",
            "activity_id",
            "activity__name",
            "week",
        )
        .annotate(
            cosmic=Coalesce(
                Sum("count", filter=Q(source=OutcomeSource.COSMIC)), zero, output_field=amount
            ),
            diver=Coalesce(
                Sum("count", filter=Q(source=OutcomeSource.DIVER)), zero, output_field=amount
            ),
        )
        .annotate(difference=ExpressionWrapper(F("cosmic") - F("diver"), output_field=amount))
        .annotate(abs_difference=Abs("difference"))
        .exclude(difference=0)
    )
    # Per cent of Diver's figure; with nothing from Diver there is no share, and it sorts last.
    # Floats, because SQLite divides whole-number decimals as integers.
    rows = rows.annotate(
        pct_difference=Case(
            When(diver=0, then=Value(None)),
            default=Cast("abs_difference", FloatField()) * 100 / Cast("diver", FloatField()),
            output_field=FloatField(),
        )
    )
    # How many disagreements there are in all, in the same query as the first page of them.
    rows = rows.annotate(total_rows=Window(Count("*")))
    ordering = [
        F(name[1:]).desc(nulls_last=True)
        for name in RECONCILIATION_ORDERS.get(order, RECONCILIATION_ORDERS["abs"])
    ]
    return rows.order_by(*ordering, "unit__code", "activity__name", "week")


def outcome_reconciliation_missing(
    *,
    user: User | AnonymousUser,
    clinic_id: int | None = None,
    week_from: int | None = None,
    week_to: int | None = None,
) -> QuerySet:
    """A unit's weeks only one of COSMIC and Diver delivered, newest first: nothing to compare yet.

    Each row names the unit and week, ``missing`` (the source without the week) and
    ``present`` (the other source's total for it), with ``total_rows`` as in
    ``outcome_reconciliation``. One grouped query.
    """
    outcomes = _visible_outcomes(
        user=user, clinic_id=clinic_id, week_from=week_from, week_to=week_to
    )
    zero = Value(Decimal(0), output_field=_AMOUNT)
    cosmic, diver = Q(source=OutcomeSource.COSMIC), Q(source=OutcomeSource.DIVER)
    return (
        outcomes.values("unit_id", "unit__code", "unit__name", "unit__clinic__name", "week")
        .annotate(cosmic_rows=Count("id", filter=cosmic), diver_rows=Count("id", filter=diver))
        .filter(Q(cosmic_rows=0) | Q(diver_rows=0))
        .annotate(
            missing=Case(
                When(cosmic_rows=0, then=Value(OutcomeSource.COSMIC.label)),
                default=Value(OutcomeSource.DIVER.label),
            ),
            present=Coalesce(Sum("count"), zero, output_field=_AMOUNT),
            total_rows=Window(Count("*")),
        )
        .order_by("-week", "unit__clinic__name", "unit__code")
    )


# --- freshness: how current the imported data is -------------------------------------------------

# The scheduled run's started_by, as the import log records it.
NIGHTLY_STARTED_BY = NIGHTLY


@dataclass(frozen=True)
class Freshness:
    """How current one kind of data is: the latest day it covers and when it last came in."""

    kind: str
    data_until: date | None
    imported_at: datetime | None
    # The latest nightly run of the kind failed or was refused after the last success.
    failed: bool
    failed_message: str
    # No successful import within KPS_IMPORT_LATE_HOURS (or ever).
    late: bool

    @property
    def label(self) -> str:
        return registry.label(self.kind)

    @property
    def warning(self) -> bool:
        return self.failed or self.late


def late_after_hours() -> float:
    return float(getattr(settings, "KPS_IMPORT_LATE_HOURS", 30))


def data_freshness(
    *, kinds: list[str] | tuple[str, ...], now: datetime | None = None
) -> list[Freshness]:
    """Per kind: the latest extract date of a successful import, its time, and whether to warn
    (a failed nightly run after it, or none for too long). One query, whatever the kinds: every
    dashboard asks on every request.

    The extract date is the day in the file name (``kontakter_cosmic_20261121.csv``),
    which the contract defines as the day the data was taken out of the source.
    Unknown kinds are left out.
    """
    now = now or timezone.now()
    kinds = [k for k in kinds if registry.spec_for(k)]
    if not kinds:
        return []
    success = Q(status__in=SUCCESS_STATUSES)
    nightly = (
        ImportRun.objects.filter(kind=OuterRef("kind"), started_by=NIGHTLY_STARTED_BY)
        .exclude(status=RunStatus.RUNNING)
        .order_by("-started_at", "-id")
    )
    rows = {
        row["kind"]: row
        for row in ImportRun.objects.filter(kind__in=kinds)
        .values("kind")
        .annotate(
            imported_at=Max("finished_at", filter=success),
            data_until=Max("extract_date", filter=success),
            nightly_status=Subquery(nightly.values("status")[:1]),
            nightly_started_at=Subquery(nightly.values("started_at")[:1]),
            nightly_message=Subquery(nightly.values("message")[:1]),
        )
        .order_by()
    }
    limit = now - timedelta(hours=late_after_hours())
    result = []
    for kind in kinds:
        row = rows.get(kind, {})
        imported_at = row.get("imported_at")
        failed = bool(
            row.get("nightly_status") in FAILURE_STATUSES
            and (imported_at is None or row["nightly_started_at"] > imported_at)
        )
        result.append(
            Freshness(
                kind=kind,
                data_until=row.get("data_until"),
                imported_at=imported_at,
                failed=failed,
                failed_message=row["nightly_message"] if failed else "",
                late=imported_at is None or imported_at < limit,
            )
        )
    return result

"""The KPP rows summed per year, unit, care form, tertial, outlier and weight: what the DRG figures read.

A region's year is about 1.5 million KPP rows; the figures of a year and the one before
summed from them, with each row's contact or episode and each DRG's weight looked up,
took seconds. Summed per (year, unit, care form, tertial, outlier flag, weighted) a year
is a few thousand rows, and ``selectors.drg_report`` adds those up instead.

``groups_sql`` is the one definition of a group (see ``selectors`` for the rules it follows,
and ``tertials`` for the tertial of a row, which the production assignments share):
the summary is filled with it, and a year not yet summed is read with the same SELECT
straight from the KPP rows, so the figures are the same either way, only slower. Points
are kept in ten-thousandths and costs in öre, as integers: sums that are exact on both
databases (SQLite would add the weights as floats).

The summary is a derived table with no model of its own: it is written and read in SQL,
here and in ``selectors``; migration 0003 declares it. ``economics_drgsummaryyear`` says
per year whether the summary holds it (``summed``). What changes a year's figures marks
the year unsummed in the same transaction where it can, and queues the sum
(``tasks.sum_drg_years``) when it commits:

- a ``kpp`` file or held KPP rows brought in: its merge marks the file's years
  (``kinds.kpp``); a row saved by hand (the admin) marks its year;
- a ``kontakter`` file (a contact cancelled after its KPP row, a contact moved to another
  tertial), a ``vardtillfallen`` file (an episode discharged, moved or cancelled: its
  inpatient row's tertial) or a ``drgvikter`` weight list (a weight changed, a DRG that lost
  its weight): every year, once the file has committed; a weight saved or deleted by hand:
  its year.

Until the task has run (a moment, on the worker) those years are read from the KPP rows.
The facts are otherwise changed by their imports only (as ``kps.figure_cache`` assumes);
``drg_summary_sync(rebuild=True)`` sums every year again from scratch.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection, transaction

from facts.selectors.sql import placeholders, table
from kps.figure_cache import figures_changed_on_commit
from organisation.models import Unit

from .models import DrgWeight, KppRow
from .tertials import row_tertial

SUMMARY = "economics_drgsummary"
YEARS = "economics_drgsummaryyear"
POINT_SCALE, COST_SCALE = 4, 2  # the decimal places of a weight and of a cost


def _scaled(expression: str, places: int) -> str:
    """A decimal column as an integer count of its smallest unit, exact on both databases."""
    return f"CAST(ROUND({expression} * {10**places}) AS BIGINT)"


def groups_sql(where: str = "") -> tuple[str, list]:
    """SELECT year, unit_id, care_form, tertial, outlier, weighted, rows, points, cost: the KPP
    rows grouped as the summary holds them; ``where`` adds conditions on ``k`` (a KPP row)
    and ``u`` (its unit). Points in ten-thousandths, cost in öre."""
    kpp, weight, unit = table(KppRow), table(DrgWeight), table(Unit)
    tertial = row_tertial("k")
    sql = (
        f"SELECT k.year, k.unit_id, k.care_form, {tertial.expression} AS tertial, "
        f"k.outlier, (w.weight IS NOT NULL) AS weighted, "
        f"COUNT(*) AS row_count, COALESCE(SUM({_scaled('w.weight', POINT_SCALE)}), 0) AS points, "
        f"SUM({_scaled('k.cost', COST_SCALE)}) AS cost "
        f"FROM {kpp} k JOIN {unit} u ON u.id = k.unit_id {tertial.joins} "
        f"LEFT JOIN {weight} w ON w.year = k.year AND w.care_form = k.care_form AND w.code = k.drg_code "
        f"WHERE true {where} "
        f"GROUP BY k.year, k.unit_id, k.care_form, 4, k.outlier, 6"
    )
    return sql, [*tertial.expression_params, *tertial.join_params]


def points(value) -> Decimal:
    """A summed weight read back: ten-thousandths to points, with four decimals as the weights have."""
    return Decimal(value or 0).scaleb(-POINT_SCALE)


def kronor(value) -> Decimal:
    """A summed cost read back: öre to kronor, with two decimals as the costs have."""
    return Decimal(value or 0).scaleb(-COST_SCALE)


def summed_years(years: list[int]) -> set[int]:
    """Those of ``years`` the summary holds as they are now."""
    marks, params = placeholders(years)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT year FROM {YEARS} WHERE summed AND year IN ({marks})", params)
        return {year for (year,) in cursor.fetchall()}


def years_changed(cursor, select_years: str, params: list | tuple = ()) -> None:
    """Mark the years ``select_years`` (a SELECT of one column) as not summed, in the caller's
    transaction. A sum of one of them under way keeps its row locked: this waits for it, so
    a sum begun before the change can never mark the year as summed after it. Rows are
    locked in the order of the years, whoever marks them, so two marks never deadlock."""
    cursor.execute(
        f"INSERT INTO {YEARS} (year, summed) SELECT DISTINCT y.year, false FROM ({select_years}) y "
        f"WHERE y.year IS NOT NULL ORDER BY y.year ON CONFLICT (year) DO UPDATE SET summed = false",
        params,
    )


def _forget_all() -> None:
    with connection.cursor() as cursor:
        years_changed(cursor, f"SELECT year FROM {YEARS} WHERE summed")


def _next_year(cursor) -> int | None:
    # Newest first: this year's figures are the ones being read. Two sums share the work.
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    cursor.execute(f"SELECT year FROM {YEARS} WHERE NOT summed ORDER BY year DESC LIMIT 1{lock}")
    found = cursor.fetchone()
    return found[0] if found else None


def drg_summary_sync(*, rebuild: bool = False) -> list[int]:
    """Sum the years not summed (every year with KPP rows, ``rebuild``); returns them.

    One query when there is nothing to do. Each year is summed in a transaction of its
    own, so the newest is read from the summary again while older ones are still summed.
    """
    if rebuild:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SUMMARY}")
            cursor.execute(f"DELETE FROM {YEARS}")
            years_changed(cursor, f"SELECT DISTINCT year FROM {table(KppRow)}")
    done: list[int] = []
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            year = _next_year(cursor)
            if year is None:
                break
            if not done and connection.vendor == "postgresql":
                # A year just imported is not in the table's statistics yet: taken for a few
                # rows, its contacts were looked up one at a time (45 s for a year, not 13).
                cursor.execute(f"ANALYZE {table(KppRow)}")
            select, params = groups_sql("AND k.year = %s")
            cursor.execute(f"DELETE FROM {SUMMARY} WHERE year = %s", [year])
            cursor.execute(
                f"INSERT INTO {SUMMARY} (year, unit_id, care_form, tertial, outlier, weighted, "
                f"row_count, points, cost) {select}",
                [*params, year],
            )
            if cursor.rowcount:
                cursor.execute(f"UPDATE {YEARS} SET summed = true WHERE year = %s", [year])
            else:  # the year's KPP rows are gone
                cursor.execute(f"DELETE FROM {YEARS} WHERE year = %s", [year])
            figures_changed_on_commit()  # bulk writes send no model signal
        done.append(year)
    return done


def _queue_sum() -> None:
    from .tasks import sum_drg_years

    sum_drg_years.delay()


def _facts_imported(sender, *, kind: str, **kwargs) -> None:
    """After an import has committed: the years it changed are summed again."""
    from facts.kinds import Kind as FactsKind
    from inpatient.kinds import Kind as InpatientKind

    from .kinds import Kind

    if kind in (FactsKind.KONTAKTER, InpatientKind.VARDTILLFALLEN, Kind.DRGVIKTER):
        # Which years a contacts or episodes file or a weight list touches is not known here:
        # all of them.
        _forget_all()
    elif kind != Kind.KPP:  # its merge has marked its years already
        return
    _queue_sum()


def _saved(sender, instance, **kwargs) -> None:
    """A KPP row or a weight saved (or a weight deleted) by hand: its year, in its transaction."""
    with connection.cursor() as cursor:
        years_changed(cursor, "SELECT %s AS year", [instance.year])
    transaction.on_commit(_queue_sum)


def connect() -> None:
    """Wire the summary to the writes that change it (once, from ``EconomicsConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save

    from imports.signals import facts_imported

    facts_imported.connect(_facts_imported, dispatch_uid="economics.summary.imported")
    post_save.connect(_saved, sender=KppRow, dispatch_uid="economics.summary.kpp_saved")
    post_save.connect(_saved, sender=DrgWeight, dispatch_uid="economics.summary.weight_saved")
    # Weights only: a receiver on KPP rows' deletes would make Django load every row an
    # import or a clean-up deletes in bulk, to send each a signal.
    post_delete.connect(_saved, sender=DrgWeight, dispatch_uid="economics.summary.weight_deleted")

"""The two big writes of a save, in one statement each, whatever the number of cells.

On PostgreSQL the rows travel as one array per column and are unnested by
the server: a year of 795 cells costs two round trips and none of the ORM's
per-value preparation, which otherwise takes more time than the database.
Elsewhere (SQLite in development and tests) ``bulk_create`` does the same.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

from .models import PlanCell, PlanCellChange

CellRow = tuple[int, int, int, Decimal]
ChangeRow = tuple[int, int, int, Decimal | None, Decimal | None]


def _columns(model, names: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)


def cells_upsert(*, version_id: int, rows: list[CellRow]) -> None:
    """Insert new cells and update the volume of existing ones."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        PlanCell.objects.bulk_create(
            [
                PlanCell(version_id=version_id, unit_id=u, activity_id=a, week=w, volume=v)
                for u, a, w, v in rows
            ],
            update_conflicts=True,
            unique_fields=["version", "unit", "activity", "week"],
            update_fields=["volume"],
        )
        return
    units, activities, weeks, volumes = (list(column) for column in zip(*rows, strict=True))
    table = connection.ops.quote_name(PlanCell._meta.db_table)
    key = _columns(PlanCell, ["version", "unit", "activity", "week"])
    volume = _columns(PlanCell, ["volume"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {volume}) "
            "SELECT %s, * FROM unnest(%s::bigint[], %s::bigint[], %s::integer[], %s::numeric[]) "
            f"ON CONFLICT ({key}) DO UPDATE SET {volume} = EXCLUDED.{volume}",
            [version_id, units, activities, weeks, volumes],
        )


def changes_insert(*, save_id: int, rows: list[ChangeRow]) -> None:
    """One history row per changed cell of a save."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        PlanCellChange.objects.bulk_create(
            PlanCellChange(
                save_record_id=save_id,
                unit_id=u,
                activity_id=a,
                week=w,
                old_volume=old,
                new_volume=new,
            )
            for u, a, w, old, new in rows
        )
        return
    units, activities, weeks, olds, news = (list(column) for column in zip(*rows, strict=True))
    table = connection.ops.quote_name(PlanCellChange._meta.db_table)
    columns = _columns(
        PlanCellChange, ["save_record", "unit", "activity", "week", "old_volume", "new_volume"]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) "
            "SELECT %s, * FROM unnest(%s::bigint[], %s::bigint[], %s::integer[], %s::numeric[], %s::numeric[])",
            [save_id, units, activities, weeks, olds, news],
        )

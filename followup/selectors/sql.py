"""Small SQL building blocks the selectors share, written once for PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (two date columns), computed in the database.

    Django's date arithmetic with timedelta compiles to datetime strings on
    SQLite, which compare wrongly with plain dates on the boundary day; an
    integer number of days compares the same way on both databases.
    """

    arity = 2
    output_field = IntegerField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"({end[0]} - {start[0]})", end[1] + start[1]

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = (compiler.compile(expression) for expression in self.get_source_expressions())
        return f"CAST(julianday({end[0]}) - julianday({start[0]}) AS INTEGER)", end[1] + start[1]


def placeholders(values) -> tuple[str, list]:
    """``%s, %s, …`` for an IN list in hand-written SQL, and the values as parameters."""
    values = list(values)
    return ", ".join(["%s"] * len(values)) or "NULL", values


def days_between_sql(end: str, start: str) -> str:
    """Whole days from ``start`` to ``end`` (two SQL date expressions) in this database's dialect."""
    if connection.vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def as_date(value) -> date | None:
    """SQLite hands dates computed in SQL (MAX, CASE) back as text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)

"""Small SQL building blocks the selectors share, written once for PostgreSQL and SQLite."""

from __future__ import annotations

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

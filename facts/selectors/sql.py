"""Small SQL building blocks the selectors share, written once for PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection


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


def as_decimal(value) -> Decimal | None:
    """A sum read with hand-written SQL: SQLite gives floats or integers, PostgreSQL Decimals."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)

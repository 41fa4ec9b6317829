"""Writing accepted rows: a staging table filled in chunks, then the kind's SQL merge.

The staging columns and the merge are each kind's (its ``Loader``, declared in
``facts.kinds``); this module holds what every kind shares: the staging table,
the temporary tables a merge may use, and ``upsert``.

On PostgreSQL chunks go in with COPY; elsewhere with executemany. The merge
statements are the same on both databases, so the semantics tested on
SQLite are the ones that run in production.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pyarrow as pa
from django.db import connection
from psycopg.copy import QueuedLibpqWriter
from pyarrow import csv as arrow_csv

from .kinds import KindSpec, Loader

STAGE = "kps_stage"
TOUCHED = "kps_touched"
EXISTING = "kps_existing"


@dataclass(frozen=True)
class Context:
    """What a merge needs besides the rows: the file's source and snapshot day."""

    source: str
    snapshot_date: date | None = None
    # Held rows come back additively: they must not replace what other rows of the same scope brought.
    replace: bool = True


def table_name(model) -> str:
    """The model's table, quoted for the merge statements a kind's loader writes."""
    return connection.ops.quote_name(model._meta.db_table)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _temp(name: str) -> str:
    return f"pg_temp.{name}" if _is_postgres() else f"temp.{name}"


def stage_frame(loader: Loader, frame: pd.DataFrame) -> pd.DataFrame:
    """The staging table's columns, in order, from a resolved chunk."""
    staged = frame.rename(columns=loader.renames)
    if loader.stage is not None:
        staged = loader.stage(staged)
    return staged[[name for name, _ in loader.columns]]


def _python_values(column: pd.Series) -> list:
    """Plain Python values with None for no value, as the database drivers take them."""
    if column.dtype == object:
        return column.tolist()
    return column.astype(object).where(column.notna(), None).tolist()


def _arrow_column(column: pd.Series) -> pa.Array:
    if isinstance(column.dtype, pd.ArrowDtype):
        return pa.array(column.array)
    if column.dtype == object:
        # Typed values of a staged text column are str or None (dates as ISO text, decimals as text).
        return pa.array(column.to_numpy(), type=pa.string(), from_pandas=True)
    return pa.array(column, from_pandas=True)


def copy_csv(frame: pd.DataFrame) -> bytes:
    """The rows as COPY's CSV: text quoted (so "" stays an empty string), no value as NULL.

    Arrow's C++ writer formats a million rows in a fraction of a second, where
    formatting them row by row in Python took seconds.
    """
    table = pa.table({name: _arrow_column(frame[name]) for name in frame.columns})
    sink = pa.BufferOutputStream()
    arrow_csv.write_csv(
        table, sink, arrow_csv.WriteOptions(include_header=False, quoting_style="needed")
    )
    return sink.getvalue().to_pybytes()


class Stage:
    """The temporary table one import stages its accepted rows in."""

    def __init__(self, loader: Loader):
        self.loader = loader
        self.columns = loader.columns
        self.rows = 0
        self._copy = None

    def create(self) -> None:
        columns = ", ".join(f"{name} {sql_type}" for name, sql_type in self.columns)
        with connection.cursor() as cursor:
            for table in (STAGE, TOUCHED, EXISTING):
                cursor.execute(f"DROP TABLE IF EXISTS {_temp(table)}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    @contextmanager
    def streaming(self):
        """While open, writes go into one COPY that a second thread sends to PostgreSQL, so the
        server stores one chunk while Python checks the next. The connection is the COPY's
        until the block ends: nothing else may query in between."""
        if not _is_postgres():
            yield
            return
        names = ", ".join(name for name, _ in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(
                f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)", writer=QueuedLibpqWriter(raw)
            ) as copy:
                self._copy = copy
                try:
                    yield
                finally:
                    self._copy = None

    def write(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        frame = frame[[name for name, _ in self.columns]]
        if self._copy is not None:
            self._copy.write(copy_csv(frame))
        elif _is_postgres():
            names = ", ".join(name for name, _ in self.columns)
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv)") as copy,
            ):
                copy.write(copy_csv(frame))
        else:
            names = ", ".join(name for name, _ in self.columns)
            marks = ", ".join(["%s"] * len(self.columns))
            columns = [_python_values(frame[name]) for name, _ in self.columns]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {STAGE} ({names}) VALUES ({marks})",
                    list(zip(*columns, strict=True)),
                )
        self.rows += len(frame)

    def drop_superseded(self) -> None:
        """Keep only the last line of each key (a file may list a contact twice as it changed)."""
        keys = self.loader.key
        same = " AND ".join(f"later.{k} = {STAGE}.{k}" for k in keys)
        with connection.cursor() as cursor:
            if not _is_postgres():
                cursor.execute(f"CREATE INDEX {STAGE}_key ON {STAGE} ({', '.join(keys)}, line)")
            cursor.execute(
                f"DELETE FROM {STAGE} WHERE EXISTS "
                f"(SELECT 1 FROM {STAGE} later WHERE {same} AND later.line > {STAGE}.line)"
            )

    def take_repeated(self) -> list[list[int]]:
        """Remove every row whose key another row shares; return their lines, grouped by key."""
        keys = self.loader.key
        same = " AND ".join(f"other.{k} = {STAGE}.{k}" for k in keys)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(keys)}, line FROM {STAGE} WHERE EXISTS "
                f"(SELECT 1 FROM {STAGE} other WHERE {same} AND other.line <> {STAGE}.line) "
                f"ORDER BY {', '.join(keys)}, line"
            )
            groups: dict[tuple, list[int]] = {}
            for *key, line in cursor.fetchall():
                groups.setdefault(tuple(key), []).append(int(line))
            lines = [line for group in groups.values() for line in group]
            for start in range(0, len(lines), 500):
                part = lines[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {STAGE} WHERE line IN ({', '.join(['%s'] * len(part))})", part
                )
        self.rows -= len(lines)
        return sorted(groups.values())

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table in (STAGE, TOUCHED, EXISTING):
                cursor.execute(f"DROP TABLE IF EXISTS {_temp(table)}")


def upsert(
    cursor, model, columns: list[str], select: str, conflict: list[str], params: list
) -> None:
    """INSERT ... SELECT ... ON CONFLICT DO UPDATE: the merge of a kind whose rows replace by key."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in conflict)
    cursor.execute(
        f"INSERT INTO {table_name(model)} ({', '.join(columns)}) {select} "
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}",
        params,
    )


def merge(spec: KindSpec, context: Context) -> None:
    """Move the staged rows into the fact tables with the kind's replace semantics."""
    with connection.cursor() as cursor:
        if _is_postgres():
            # One import of a kind at a time: the merges below read, then write the same keys.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"kps-import-{spec.kind}"]
            )
        spec.loader.merge(cursor, context)

"""Keep the rows of every table and put them back: fast repeated demo data in tests.

Only for test databases: ``snapshot_restore`` empties every table before inserting. Foreign
keys are checked at commit (Django creates them deferrable on SQLite and PostgreSQL), so the
order of tables does not matter inside the test's transaction. Lives outside the installed apps
(``testing/``), so a deployment has no function that empties every table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


def _tables() -> list[str]:
    known = set(connection.introspection.table_names())
    names = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in known:
            names.add(model._meta.db_table)
    return sorted(names)


def snapshot_take() -> list[Table]:
    """Read every table of the project's models as raw rows."""
    quote = connection.ops.quote_name
    tables = []
    with connection.cursor() as cursor:
        for name in _tables():
            cursor.execute(f"SELECT * FROM {quote(name)}")  # noqa: S608 (our own table names)
            columns = tuple(col[0] for col in cursor.description)
            tables.append(Table(name, columns, tuple(cursor.fetchall())))
    return tables


def snapshot_restore(tables: list[Table]) -> None:
    """Replace the content of every table by the snapshot's rows."""
    quote = connection.ops.quote_name
    param = "%s"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table.name)}")  # noqa: S608
        for table in tables:
            if not table.rows:
                continue
            columns = ", ".join(quote(c) for c in table.columns)
            if connection.vendor == "postgresql":  # COPY is many times faster than INSERTs
                raw = cursor.cursor
                with raw.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                    for row in table.rows:
                        copy.write_row(row)
                continue
            values = ", ".join([param] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({values})",  # noqa: S608
                list(table.rows))
        if connection.vendor == "postgresql":
            models = [m for m in apps.get_models(include_auto_created=True)
                      if m._meta.managed and not m._meta.proxy]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

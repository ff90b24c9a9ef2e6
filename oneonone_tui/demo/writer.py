"""``oneonone demo``'s writing: the simulated history (:func:`.simulation.generate`) bulk
inserted into the bound, empty database in one transaction, ids computed beforehand: 50
reps x 260 weeks (about 11,000 meetings, 270,000 rows) take about four seconds."""

from __future__ import annotations

import datetime as dt

from peewee import PostgresqlDatabase, fn

from oneonone_tui.demo.rows import TABLES, DemoData
from oneonone_tui.demo.simulation import generate
from oneonone_tui.store.models import Rep, db

BATCH = 20_000  # rows per executemany


class NotEmpty(Exception):
    """The target database already holds a team."""


def next_ids() -> dict[str, int]:
    """The first free id of each table in the bound database."""
    return {
        table: (model.select(fn.MAX(model.id)).scalar() or 0) + 1 for table, model in TABLES.items()
    }


def write(data: DemoData) -> None:
    """Bulk-insert ``data`` into the bound database in one transaction, parents first.

    Each row holds a value for every column of its model, in the model's field order.
    Peewee renders each table's ``insert_many`` statement once; the rows, which already
    hold what the fields' ``db_value`` gives (int, str, bool, date, datetime, None), go
    through the driver's ``executemany`` (rendering 300,000 rows through Peewee's SQL
    builder alone would take half a minute)."""
    with db.atomic():
        cursor = db.cursor()
        for table, model in TABLES.items():
            rows = getattr(data, table)
            if not rows:
                continue
            columns = model._meta.sorted_fields
            if len(rows[0]) != len(columns):
                raise RuntimeError(
                    f"the demo's {table} rows hold {len(rows[0])} values, "
                    f"the {model.__name__} model {len(columns)} columns"
                )
            sql, _params = model.insert_many([rows[0]], fields=columns).sql()
            sql = sql.split(" RETURNING ")[0]
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])
        if isinstance(db.obj, PostgresqlDatabase):
            for model in TABLES.values():
                name = model._meta.table_name
                db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{name}"), 1))'
                )


def fill(reps: int = 50, weeks: int = 260, seed: int = 1, *, today: dt.date) -> dict[str, int]:
    """Fill the bound, team-less database; returns the row counts written."""
    if Rep.select().exists():
        raise NotEmpty(
            "the database already holds reps; the demo only fills an empty "
            "database: point --db at a new file"
        )
    data = generate(reps, weeks, seed, today=today, first_ids=next_ids())
    write(data)
    return data.counts()

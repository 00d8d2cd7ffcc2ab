"""The search index is written by the job worker after a write commits, not in the write's
transaction: on SQLite from a log of the rows to index (the triggers now only log), on
PostgreSQL as a partial GIN index over the rows the worker marked (the SQL is
duban/plans/fts.py)."""

from django.db import migrations

from duban.plans import fts

TABLE = "plans_task"


def indexed_by_triggers(table):
    """The triggers of 0002, which indexed each row as it was written."""
    f = f"{table}_fts"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {f}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {f}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {f}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {f}({f}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {f}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {f}({f}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {f}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def drop_triggers(table):
    return [f"DROP TRIGGER IF EXISTS {table}_fts_{t}" for t in ("ai", "ad", "au")]


def forwards(apps, schema_editor):
    statements = {
        "sqlite": [*drop_triggers(TABLE), *fts.sqlite(TABLE)],
        # The index of 0002, over every row, goes; the rows there now count as indexed.
        "postgresql": [f"DROP INDEX IF EXISTS {TABLE}_search_trgm", *fts.postgres(TABLE)],
    }
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in [
            *fts.postgres_reverse(TABLE),
            f"CREATE INDEX IF NOT EXISTS {TABLE}_search_trgm ON {TABLE} "
            "USING gin (search_text gin_trgm_ops)",
        ]:
            schema_editor.execute(sql)
    if schema_editor.connection.vendor != "sqlite":
        return
    f = f"{TABLE}_fts"
    for sql in [
        *drop_triggers(TABLE),
        f"DROP TABLE IF EXISTS {f}_pending",
        *indexed_by_triggers(TABLE),
        f"INSERT INTO {f}({f}) VALUES ('rebuild')",
    ]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("plans", "0013_indicator_more_than")]
    operations = [migrations.RunPython(forwards, backwards)]

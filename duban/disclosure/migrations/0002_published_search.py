"""Full-text search on published tasks, as on live ones (see plans/migrations/_fts.py)."""

from django.db import migrations

from duban.plans.migrations import _fts

TABLE = "disclosure_publishedtask"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": _fts.sqlite(TABLE), "postgresql": _fts.postgres(TABLE)}.get(vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _fts.sqlite_reverse(TABLE),
                  "postgresql": _fts.postgres_reverse(TABLE)}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial"), ("plans", "0002_task_search")]
    operations = [migrations.RunPython(forwards, backwards)]

"""Full-text search on published tasks, as on live ones (the SQL is duban/plans/fts.py)."""

from django.db import migrations

from duban.plans import fts

TABLE = "disclosure_publishedtask"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": fts.sqlite(TABLE), "postgresql": fts.postgres(TABLE)}.get(vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": fts.sqlite_reverse(TABLE),
                  "postgresql": fts.postgres_reverse(TABLE)}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial"), ("plans", "0002_task_search")]
    operations = [migrations.RunPython(forwards, backwards)]

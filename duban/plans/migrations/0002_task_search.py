"""Full-text search on Task.search_text: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL."""

from django.db import migrations


from duban.plans import fts

TABLE = "plans_task"


def forwards(apps, schema_editor):
    statements = {"sqlite": fts.sqlite(TABLE), "postgresql": fts.postgres(TABLE)}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": fts.sqlite_reverse(TABLE), "postgresql": fts.postgres_reverse(TABLE)}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

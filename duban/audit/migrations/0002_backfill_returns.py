"""Reports returned before the audit log existed get their entry, from the reports' history,
so that the public scorecard counts returns by action code (duban.report.returned) and not by
matching the history's free text."""

from django.db import migrations


def backfill(apps, schema_editor):
    History = apps.get_model("reporting", "HistoricalProgressReport")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    returns = History.objects.filter(state="returned", history_change_reason="returned")
    if not returns.exists():
        return
    kind, _ = ContentType.objects.get_or_create(app_label="reporting", model="progressreport")
    logged = set(AuditEntry.objects.filter(action="duban.report.returned")
                 .values_list("object_id", "data__version"))
    entries = []
    for row in returns.select_related("task").iterator():
        if (row.id, row.version) in logged:
            continue
        entries.append(AuditEntry(
            action="duban.report.returned", actor_id=row.history_user_id,
            created_at=row.history_date, content_type=kind, object_id=row.id,
            object_repr=f"report {row.id}",
            data={"plan": row.task.plan_id, "task": row.task_id, "unit": row.unit_id,
                  "period": row.period, "version": row.version, "backfilled": True}))
    AuditEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("reporting", "0006_reminder_channels"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

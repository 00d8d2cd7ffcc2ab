"""Existing rows get their owner: what an import wrote is the document's, the rest the
office's; figures and completions an accepted year-end report wrote are the report's.

Imports are recognised by what only they write: a task's source line (the office's screens
leave it empty), and adjustments with no indicator, document or reason that were not
recorded through the office's service (whose history says "adjustment recorded"). Every
indicator so far came from an import.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q


def forwards(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    Indicator = apps.get_model("plans", "Indicator")
    TargetAdjustment = apps.get_model("plans", "TargetAdjustment")
    HistoricalTargetAdjustment = apps.get_model("plans", "HistoricalTargetAdjustment")
    ProgressReport = apps.get_model("reporting", "ProgressReport")
    IndicatorValue = apps.get_model("reporting", "IndicatorValue")
    Assignment = apps.get_model("plans", "Assignment")

    Task.objects.filter(source_line__isnull=False).update(source="document")
    Task.objects.filter(source_line__isnull=True).update(source="office")
    year_end = ProgressReport.objects.filter(
        task=OuterRef("pk"), state="accepted", period__endswith="-Y", text=OuterRef("completion"),
        unit__in=Assignment.objects.filter(task=OuterRef("task"), role="lead").values("unit"),
    )
    Task.objects.filter(Exists(year_end)).update(completion_source="report")

    Indicator.objects.update(source="document")
    reported = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"), value=OuterRef("actual_value"),
        report__state="accepted", report__period__endswith="-Y",
    )
    Indicator.objects.filter(Exists(reported), actual_span="").update(actual_source="report")

    recorded = HistoricalTargetAdjustment.objects.filter(
        id=OuterRef("pk"), history_change_reason="adjustment recorded"
    )
    TargetAdjustment.objects.update(source="document")
    TargetAdjustment.objects.filter(
        Q(indicator__isnull=False) | ~Q(document="") | ~Q(reason="") | Exists(recorded)
    ).update(source="office")


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0008_provenance"),
        ("reporting", "0004_provenance"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

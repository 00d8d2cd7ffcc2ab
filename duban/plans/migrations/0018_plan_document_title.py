from django.db import migrations, models


def imported_titles(apps, schema_editor):
    """A plan made by an import bears its document's title until the office renames it."""
    Plan = apps.get_model("plans", "Plan")
    Plan.objects.exclude(source_name="").update(document_title=models.F("title"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0017_unit_government")]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="document_title",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="document_title",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(imported_titles, migrations.RunPython.noop),
    ]

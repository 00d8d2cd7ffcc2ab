"""A unit belongs to a government (Unit.government, the string of Plan.government); its name
is unique per government, no longer site-wide.

Each existing unit is given the government of the plans it is assigned in. A unit assigned in
plans of two governments (the import reused Kunming's 市教育局 for Chengdu's) is split: it
stays with the government that assigns it most (ties: the first by name), and a copy is made
for each other government, with that government's assignments, progress reports, requests
and reminders moved to it. The unit's people (accounts) and webhook channels stay with the
original: the migration cannot tell whose they are, so the office gives the copy its people.
A unit no plan assigns goes to the site's government when it holds one, else to none ("").
"""

from collections import Counter

from django.db import migrations, models


def place_units(apps, schema_editor):
    Unit = apps.get_model("plans", "Unit")
    Assignment = apps.get_model("plans", "Assignment")
    Plan = apps.get_model("plans", "Plan")
    moved = [
        apps.get_model("plans", "Assignment"),
        apps.get_model("reporting", "ProgressReport"),
        apps.get_model("reporting", "Request"),
        apps.get_model("reporting", "Reminder"),
    ]
    counts: dict[int, Counter[str]] = {}
    rows = Assignment.objects.values_list("unit_id", "task__plan__government")
    for unit_id, government in rows.iterator():
        counts.setdefault(unit_id, Counter())[government] += 1
    governments = set(Plan.objects.values_list("government", flat=True))
    only = next(iter(governments)) if len(governments) == 1 else ""
    for unit in Unit.objects.order_by("pk").iterator():
        placed = sorted(counts.get(unit.pk, Counter()).items(), key=lambda gc: (-gc[1], gc[0]))
        first, *others = [g for g, _n in placed] or [only]
        Unit.objects.filter(pk=unit.pk).update(government=first)
        for government in others:
            copy = Unit.objects.create(
                government=government, name=unit.name, aliases=unit.aliases, kind=unit.kind
            )
            for model in moved:
                model.objects.filter(unit_id=unit.pk, task__plan__government=government).update(
                    unit_id=copy.pk
                )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0016_assignment_leads_first"),
        ("reporting", "0007_attachment_sha256"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalunit",
            name="government",
            field=models.CharField(
                blank=True, default="", max_length=100, verbose_name="government"
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="government",
            field=models.CharField(
                blank=True, default="", max_length=100, verbose_name="government"
            ),
        ),
        migrations.AlterField(
            model_name="historicalunit",
            name="name",
            field=models.CharField(max_length=100, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=100, verbose_name="name"),
        ),
        migrations.RunPython(place_units, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                fields=("government", "name"), name="unit_name_per_government"
            ),
        ),
    ]

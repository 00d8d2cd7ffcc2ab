"""A publication freezes the outcomes with the tasks: the public sees the promise and the
result as they stood when the office published."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from duban.disclosure.models import Publication

from .models import Outcome, PublishedOutcome


@receiver(post_save, sender=Publication, dispatch_uid="completions-snapshot")
def snapshot(sender: type, instance: Publication, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    rows = [
        PublishedOutcome(
            publication=instance,
            number=o.task.number,
            state=o.state,
            text=o.text,
            item_labels=o.item_labels[:100],
            source_name=o.completion_import.source_name,
            document_title=o.completion_import.title,
        )
        for o in Outcome.objects.filter(task__plan_id=instance.plan_id).select_related(
            "task", "completion_import"
        )
    ]
    PublishedOutcome.objects.bulk_create(rows, batch_size=500)

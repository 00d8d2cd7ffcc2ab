"""Keep derived search text right when the office edits tasks or assignments in the admin."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import search
from .models import Assignment, Task


@receiver(post_save, sender=Task)
@receiver(post_save, sender=Assignment)
@receiver(post_delete, sender=Assignment)
def _refresh_search(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    task_id = instance.id if sender is Task else instance.task_id
    if getattr(instance, "_skip_search_refresh", False):
        return
    transaction.on_commit(lambda: search.refresh([task_id]))

"""State changes of plans and tasks. Each checks permission, runs in a transaction and leaves
a history entry; the screens, the API and the command line call these and nothing else."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User

from .models import Status, Task


def confirm_status(task: Task, user: User, status: str, note: str = "") -> Task:
    """The office confirms the machine's proposal or sets another status; both are kept."""
    if not (user.is_authenticated and user.is_office):
        raise PermissionDenied(_("Only the supervision office confirms a status."))
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        locked.status = status
        locked.status_note = note.strip()
        locked.status_confirmed_by = user
        locked.status_confirmed_at = timezone.now()
        locked._change_reason = (  # type: ignore[attr-defined]
            "status confirmed" if status == locked.proposed_status else "status corrected"
        )
        locked.save(update_fields=[
            "status", "status_note", "status_confirmed_by", "status_confirmed_at",
        ])
    return locked

"""One entry of the audit log. Entries are only ever added (save refuses to change one)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlainJSONEncoder(DjangoJSONEncoder):
    """Chinese as itself (the data are mostly Chinese text); dates and decimals as strings."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


# Every action code a service writes, with what the log screen calls it.
ACTIONS = {
    "duban.plan.created": _("Plan created"),
    "duban.plan.changed": _("Plan changed"),
    "duban.plan.imported": _("Plan imported"),
    "duban.plan.rows_added": _("Rows added to the plan"),
    "duban.plan.published": _("Plan published"),
    "duban.completion.imported": _("Completion report imported into the plan"),
    "duban.completion.task_added": _("Completion item added as a task"),
    "duban.completion.chosen": _("Year-end completion chosen"),
    "duban.category.added": _("Category added"),
    "duban.task.created": _("Task created"),
    "duban.task.changed": _("Task changed"),
    "duban.task.status_confirmed": _("Status confirmed"),
    "duban.indicator.added": _("Indicator added by the office"),
    "duban.indicator.corrected": _("Indicator corrected by the office"),
    "duban.indicator.removed": _("Indicator dismissed by the office"),
    "duban.task.closed": _("Task closed"),
    "duban.report.saved": _("Report draft saved"),
    "duban.report.attachment_removed": _("Attachment removed"),
    "duban.report.sent_for_approval": _("Report sent to the unit head"),
    "duban.report.submitted": _("Report submitted"),
    "duban.report.approved": _("Report approved by the unit head"),
    "duban.report.accepted": _("Report accepted"),
    "duban.report.returned": _("Report returned"),
    "duban.report.corrected": _("Correction started"),
    "duban.instruction.written": _("Instruction written"),
    "duban.instruction.answered": _("Instruction answered"),
    "duban.request.made": _("Request made"),
    "duban.request.granted": _("Request granted"),
    "duban.request.refused": _("Request refused"),
    "duban.adjustment.recorded": _("Target adjustment recorded"),
    "duban.reminder.sent": _("Reminder sent"),
    "duban.milestone.added": _("Milestone added"),
    "duban.milestone.changed": _("Milestone changed"),
    "duban.milestone.removed": _("Milestone removed"),
    "duban.channel.saved": _("Reminder channel saved"),
    "duban.channel.removed": _("Reminder channel removed"),
    "duban.bulletin.generated": _("Bulletin generated"),
    "duban.unit.added": _("Unit added"),
    "duban.unit.changed": _("Unit renamed or its aliases changed"),
    "duban.unit.merged": _("Units merged"),
    "duban.account.added": _("Account added"),
    "duban.account.changed": _("Account changed"),
    "duban.account.password_reset": _("Password reset to a one-time password"),
    "duban.account.password_changed": _("Password changed by its owner"),
    "duban.account.deactivated": _("Account deactivated"),
    "duban.account.activated": _("Account activated again"),
}


class AuditEntry(models.Model):
    action = models.CharField(_("action"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object = GenericForeignKey("content_type", "object_id")
    # The object as it read then: the entry outlives a deleted task or plan.
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=PlainJSONEncoder)
    # The token of the form that asked for the change: the same form posted twice (a double
    # click) makes one change (log.once).
    token = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "token"], condition=~models.Q(token=""), name="audit_token_once"
            )
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("an audit entry is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("an audit entry is never deleted")

    @property
    def label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))

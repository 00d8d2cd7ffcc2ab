"""What the state changes of the cycle share: the stale-edit error, the audit entry of a
report, the history reason, the unit of the account acting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from duban.accounts.models import User
from duban.audit.log import log_action
from duban.plans.access import unit_of

from ..models import ProgressReport

State = ProgressReport.State


class StaleEdit(ValidationError):
    """Someone else saved this report since it was opened."""


def _reason(obj: object, reason: str) -> None:
    obj._change_reason = reason  # type: ignore[attr-defined]


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("task__plan").get(pk=report.pk)


def _log(action: str, user: User | None, report: ProgressReport, **data: object) -> None:
    log_action(
        action,
        user,
        report,
        {
            "plan": report.task.plan_id,
            "task": report.task_id,
            "unit": report.unit_id,
            "period": report.period,
            "version": report.version,
            **data,
        },
    )


def _own_unit(user: User) -> int:
    """The unit of an account that works on the task (required before: it has one)."""
    unit_id = unit_of(user)
    if unit_id is None:
        raise PermissionDenied("no unit")
    return unit_id

"""A unit's requests (an extension, 延期申请; a target adjustment) and the office's decision;
adjustments the office records; closing a task."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban import text_fields
from duban.accounts.models import User
from duban.audit.log import log_action, logged_object, once, token_key
from duban.plans.access import is_office, require, works_on
from duban.plans.adjusted import reassess
from duban.plans.models import Assignment, TargetAdjustment, Task
from duban.text_fields import check_length

from ..models import Request
from ..notify import notify, notify_actor, office_people, task_name, task_url, unit_people
from ._common import _own_unit, _reason


def request_change(
    task: Task,
    user: User,
    kind: str,
    reason: str,
    new_deadline: dt.date | None = None,
    proposed_target: str = "",
    once_token: str = "",
) -> Request:
    """A unit asks for more time or another target. once_token: the form's; the same form
    sent twice (a double click) makes one request."""
    require(works_on(user, task), _("Only the units of this task make requests on it."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    check_length("reason", reason.strip(), text_fields.REQUEST_REASON)
    if kind == Request.Kind.EXTENSION and new_deadline is None:
        raise ValidationError({"new_deadline": _("Give the new deadline.")})
    if kind == Request.Kind.ADJUSTMENT and not proposed_target.strip():
        raise ValidationError({"proposed_target": _("Give the proposed target.")})
    key = token_key("duban.request.made", task, once_token) if once_token else ""
    return once(
        key,
        user,
        lambda: _make_request(task, user, kind, reason, new_deadline, proposed_target, key),
        lambda entry: logged_object(Request, entry),
    )


def _make_request(
    task: Task,
    user: User,
    kind: str,
    reason: str,
    new_deadline: dt.date | None,
    proposed_target: str,
    key: str,
) -> Request:
    with transaction.atomic():
        req = Request(
            task=task,
            unit_id=_own_unit(user),
            kind=kind,
            reason=reason.strip(),
            new_deadline=new_deadline,
            proposed_target=proposed_target.strip(),
            requested_by=user,
        )
        _reason(req, "requested")
        req.save()
        log_action(
            "duban.request.made",
            user,
            req,
            {
                "plan": task.plan_id,
                "task": task.pk,
                "unit": req.unit_id,
                "kind": kind,
                "reason": req.reason[:200],
                "new_deadline": new_deadline,
                "proposed_target": req.proposed_target,
            },
            token=key,
        )
        notify(
            office_people(),
            _("%(task)s: %(unit)s requests %(kind)s.")
            % {"task": task_name(task), "unit": req.unit.name, "kind": req.get_kind_display()},
            task_url(task),
        )
    return req


def decide_request(
    req: Request, user: User, grant: bool, note: str = "", approving_body: str = ""
) -> Request:
    require(is_office(user), _("Only the supervision office decides requests."))
    with transaction.atomic():
        req = Request.objects.select_for_update().select_related("task").get(pk=req.pk)
        if req.state != Request.State.PENDING:
            raise ValidationError(_("This request was decided already."))
        req.state = Request.State.GRANTED if grant else Request.State.REFUSED
        req.decided_by, req.decided_at, req.decision_note = user, timezone.now(), note.strip()
        _reason(req, req.state)
        req.save()
        task = req.task
        log_action(
            "duban.request.granted" if grant else "duban.request.refused",
            user,
            req,
            {
                "plan": task.plan_id,
                "task": task.pk,
                "unit": req.unit_id,
                "kind": req.kind,
                "note": req.decision_note,
                "approving_body": approving_body.strip(),
            },
        )
        if grant and req.kind == Request.Kind.EXTENSION:
            task.deadline = req.new_deadline
            _reason(task, "extension granted")
            task.save()
        if grant and req.kind == Request.Kind.ADJUSTMENT:
            indicator = task.indicators.first()
            TargetAdjustment.objects.create(
                task=task,
                indicator=indicator,
                from_text=indicator.target_text if indicator else "",
                to_text=req.proposed_target,
                approving_body=approving_body.strip(),
                approved_on=timezone.localdate(),
                reason=req.reason,
            )
        said = {"task": task_name(task), "unit": req.unit.name, "state": req.get_state_display()}
        notify_actor(
            req.requested_by,
            unit_people(req.unit_id),
            _("%(task)s: your request was %(state)s.") % said,
            _("%(task)s: the request of %(unit)s was %(state)s.") % said,
            task_url(task),
        )
    return req


def record_adjustment(
    task: Task,
    user: User,
    from_text: str,
    to_text: str,
    approving_body: str,
    approved_on: dt.date | None,
    document: str = "",
    reason: str = "",
) -> TargetAdjustment:
    """The office records a target adjustment (some need the People's Congress standing
    committee's approval: its body, date and document are kept)."""
    require(is_office(user), _("Only the supervision office records adjustments."))
    if not to_text.strip():
        raise ValidationError({"to_text": _("Give the adjusted target.")})
    check_length("reason", reason.strip(), text_fields.ADJUSTMENT_REASON)  # refused, not cut
    with transaction.atomic():
        adjustment = TargetAdjustment(
            task=task,
            indicator=task.indicators.first(),
            from_text=from_text.strip(),
            to_text=to_text.strip(),
            approving_body=approving_body.strip(),
            approved_on=approved_on,
            document=document.strip(),
            reason=reason.strip(),
        )
        adjustment._change_reason = "adjustment recorded"  # type: ignore[attr-defined]
        adjustment.save()
        reassess(task)  # the completion, if any, against the target as adjusted
        log_action(
            "duban.adjustment.recorded",
            user,
            adjustment,
            {
                "plan": task.plan_id,
                "task": task.pk,
                "from": adjustment.from_text,
                "to": adjustment.to_text,
                "approving_body": adjustment.approving_body,
                "document": adjustment.document,
            },
        )
        lead_units = task.assignments.filter(role=Assignment.Role.LEAD).values_list(
            "unit_id", flat=True
        )
        notify(
            [p for u in lead_units for p in unit_people(u)],
            _("%(task)s: the target was adjusted to %(to)s.")
            % {"task": task_name(task), "to": adjustment.to_text},
            task_url(task),
        )
    return adjustment


def close_task(task: Task, user: User) -> Task:
    """办结: the office closes a task once its year-end status is confirmed."""
    require(is_office(user), _("Only the supervision office closes tasks."))
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if not task.status:
            raise ValidationError(_("Confirm the task's status before closing it."))
        task.closed_at, task.closed_by = timezone.now(), user
        _reason(task, "closed")
        task.save()
        log_action("duban.task.closed", user, task, {"plan": task.plan_id, "status": task.status})
        lead_units = task.assignments.filter(role=Assignment.Role.LEAD).values_list(
            "unit_id", flat=True
        )
        notify(
            [p for u in lead_units for p in unit_people(u)],
            _("%(task)s was closed.") % {"task": task_name(task)},
            task_url(task),
        )
    return task

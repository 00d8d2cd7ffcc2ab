"""Every state change of the supervision cycle: one function each, which checks permission,
runs in a transaction, leaves a history entry and notifies. Screens, API and commands call
these and nothing else.

Report states: draft → (pending: the unit head approves) → submitted → accepted, or
submitted → returned → draft. An accepted report never changes: a correction is a new version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import BinaryIO, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action, logged_object, once, token_key
from duban.plans.access import is_office, leads_unit, require, unit_of, works_on
from duban.plans.models import Assignment, Indicator, Source, TargetAdjustment, Task, Unit

from . import filetypes
from .labels import period_label
from .models import IndicatorValue, Instruction, ProgressReport, ReportAttachment, Request
from .notify import notify, office_people, task_url, unit_people
from .periods import is_year_end, period_by_code

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


def save_draft(
    task: Task,
    user: User,
    period: str,
    text: str,
    values: Mapping[int, Decimal] | None = None,
    files: Iterable[UploadedFile] = (),
    revision: int | None = None,
) -> ProgressReport:
    """Write or update the unit's draft for a period (also a returned report, reopened)."""
    require(works_on(user, task), _("Only the units of this task write its reports."))
    if task.closed_at:
        raise ValidationError(_("This task is closed."))
    plan = task.plan
    if period_by_code(task.reporting_cycle, plan.year, period, plan.due_day) is None:
        raise ValidationError({"period": _("Not a reporting period of this task.")})
    if not text.strip():
        raise ValidationError({"text": _("Write what was done.")})
    files = list(files)
    _check_files(files)  # before anything is written, the files to storage included
    unit_id = _own_unit(user)
    with _removed_unless_committed() as written, transaction.atomic():
        latest = (
            ProgressReport.objects.select_for_update()
            .filter(task=task, unit_id=unit_id, period=period)
            .order_by("-version")
            .first()
        )
        if latest is None:
            report = ProgressReport(task=task, unit_id=unit_id, period=period, author=user)
        elif latest.state in (State.DRAFT, State.RETURNED):
            report = latest
            # revision 0: the form saw no draft; one saved since (another tab) is not replaced.
            if revision is not None and revision != report.revision:
                raise StaleEdit(
                    _(
                        "This report was changed by someone else since you opened "
                        "it. Reload it to see their changes."
                    )
                )
        elif latest.state == State.ACCEPTED:
            raise ValidationError(_("This period's report was accepted; write a correction."))
        else:
            raise ValidationError(_("This report is with the reviewer and cannot be edited."))
        report.text = text.strip()
        report.state = State.DRAFT
        report.author = user
        report.revision += 1
        _reason(report, "draft saved")
        report.save()
        _save_values(report, task, values or {})
        _check_room(report, files)
        _save_files(report, user, files, written)
        _log(
            "duban.report.saved",
            user,
            report,
            text=report.text[:200],
            files=[f.name for f in files],
        )
    return report


def _save_values(report: ProgressReport, task: Task, values: Mapping[int, Decimal]) -> None:
    allowed = set(Indicator.objects.filter(task=task).values_list("id", flat=True))
    for indicator_id, value in values.items():
        if indicator_id not in allowed:
            raise ValidationError(_("An indicator of another task."))
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
            continue
        IndicatorValue.objects.update_or_create(
            report=report, indicator_id=indicator_id, defaults={"value": value}
        )


def _check_files(files: list[UploadedFile]) -> None:
    for f in files:
        name = f.name or "file"
        # An UploadedFile reads and seeks as a binary file: File passes both to its file.
        why = filetypes.problem(name, cast(BinaryIO, f), f.size or 0)
        if why == "type":
            raise ValidationError(
                {
                    "files": _("%(name)s: attach PDF, Word, Excel, images, text or zip.")
                    % {"name": name}
                }
            )
        if why == "size":
            raise ValidationError(
                {
                    "files": _("%(name)s is over 20 MB: compress or split it, and choose it again.")
                    % {"name": name}
                }
            )
        if why == "content":
            raise ValidationError(
                {"files": _("%(name)s is not the kind of file its name says.") % {"name": name}}
            )


def _check_room(report: ProgressReport, files: list[UploadedFile]) -> None:
    """A report and a unit (in one plan) hold a bounded number and size of attachments
    (settings DUBAN_REPORT_ATTACHMENTS, DUBAN_UNIT_ATTACHMENTS): one request cannot fill
    the disk, nor can one unit. The unit's row is locked while it is counted, so that two
    saves at once cannot both take the last room."""
    if not files:
        return
    Unit.objects.select_for_update().filter(pk=report.unit_id).first()
    adding, size = len(files), sum(f.size or 0 for f in files)

    def used(rows: object) -> tuple[int, int]:
        totals = rows.aggregate(n=Count("id"), bytes=Sum("size"))  # type: ignore[attr-defined]
        return totals["n"] or 0, totals["bytes"] or 0

    count_limit, bytes_limit = settings.DUBAN_REPORT_ATTACHMENTS
    n, total = used(ReportAttachment.objects.filter(report=report))
    if n + adding > count_limit:
        raise ValidationError(
            {
                "files": _(
                    "A report has at most %(limit)d attachments: "
                    "remove some, or put them in one zip."
                )
                % {"limit": count_limit}
            }
        )
    if total + size > bytes_limit:
        raise ValidationError(
            {
                "files": _(
                    "A report's attachments add up to at most %(limit)s: compress or remove some."
                )
                % {"limit": filesizeformat(bytes_limit)}
            }
        )
    count_limit, bytes_limit = settings.DUBAN_UNIT_ATTACHMENTS
    n, total = used(
        ReportAttachment.objects.filter(
            report__unit_id=report.unit_id, report__task__plan_id=report.task.plan_id
        )
    )
    if n + adding > count_limit or total + size > bytes_limit:
        raise ValidationError(
            {
                "files": _(
                    "Your unit's attachments in this plan have reached the limit (%(count)d files, "
                    "%(size)s): remove old ones, or ask the supervision office."
                )
                % {"count": count_limit, "size": filesizeformat(bytes_limit)}
            }
        )


def _own_unit(user: User) -> int:
    """The unit of an account that works on the task (required before: it has one)."""
    unit_id = unit_of(user)
    if unit_id is None:
        raise PermissionDenied("no unit")
    return unit_id


@contextmanager
def _removed_unless_committed() -> Iterator[list[str]]:
    """The stored files of a save, deleted again when the save fails: a refused or failed
    save leaves no file without its row. (A process killed in between leaves one, which
    the sweep job removes: cleanup.sweep.)"""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _save_files(
    report: ProgressReport, user: User, files: Iterable[UploadedFile], written: list[str]
) -> None:
    for f in files:
        name = f.name or "file"
        item = ReportAttachment(report=report, name=name[:255], size=f.size or 0, uploaded_by=user)
        item.file.save(name, f, save=False)
        if item.file.name:  # the name the storage chose (set by the save)
            written.append(item.file.name)
        item.save()


def remove_attachment(item: ReportAttachment, user: User) -> None:
    """Take an attachment off the unit's draft (or returned report); the history keeps the
    record, the stored file goes once the removal is committed."""
    report = item.report
    require(
        works_on(user, report.task) and unit_of(user) == report.unit_id,
        _("Only the reporting unit changes its report."),
    )
    with transaction.atomic():
        report = _locked(report)
        if report.state not in (State.DRAFT, State.RETURNED):
            raise ValidationError(_("Only a draft's attachments can be removed."))
        stored = item.file.name
        _reason(item, "removed from the draft")
        item.delete()
        _log("duban.report.attachment_removed", user, report, name=item.name, size=item.size)
        if stored:
            transaction.on_commit(lambda: item.file.storage.delete(stored))


def submit(report: ProgressReport, user: User) -> ProgressReport:
    require(
        works_on(user, report.task) and unit_of(user) == report.unit_id,
        _("Only the reporting unit submits its report."),
    )
    with transaction.atomic():
        report = _locked(report)
        if report.state != State.DRAFT:
            raise ValidationError(_("Only a draft can be submitted."))
        needs_head = report.task.plan.requires_unit_approval and user.role != User.Role.UNIT_HEAD
        report.state = State.PENDING if needs_head else State.SUBMITTED
        report.submitted_at = timezone.now()
        if not needs_head:
            report.approved_by, report.approved_at = (
                (user, report.submitted_at) if user.role == User.Role.UNIT_HEAD else (None, None)
            )
        report.revision += 1
        _reason(report, "submitted for unit approval" if needs_head else "submitted")
        report.save()
        _log(
            "duban.report.sent_for_approval" if needs_head else "duban.report.submitted",
            user,
            report,
        )
        task = report.task
        if needs_head:
            notify(
                unit_people(report.unit_id, [User.Role.UNIT_HEAD]),
                _("A report on task %(n)s awaits your approval.") % {"n": task.number},
                task_url(task),
            )
        else:
            notify(
                office_people(),
                _("%(unit)s submitted a report on task %(n)s (%(period)s).")
                % {
                    "unit": report.unit.name,
                    "n": task.number,
                    "period": period_label(report.period),
                },
                task_url(task),
            )
    return report


def _move(
    report: ProgressReport, start: str, end: str, refusal: str, reason: str, **fields: object
) -> ProgressReport:
    """The step every review shares (approve, send back, accept, return): inside the caller's
    transaction, the report locked and in state start (else refusal), moved to end with
    fields set, its revision counted, saved with the history's reason."""
    report = _locked(report)
    if report.state != start:
        raise ValidationError(refusal)
    report.state = end
    for name, value in fields.items():
        setattr(report, name, value)
    report.revision += 1
    _reason(report, reason)
    report.save()
    return report


def _comment(comment: str) -> str:
    """What should change, which a report sent back or returned must say."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be changed.")})
    return comment.strip()


def approve(report: ProgressReport, user: User) -> ProgressReport:
    """The unit head sends the unit's report on to the office."""
    require(
        user.role == User.Role.UNIT_HEAD and unit_of(user) == report.unit_id,
        _("Only the unit head approves the unit's report."),
    )
    with transaction.atomic():
        report = _move(
            report,
            State.PENDING,
            State.SUBMITTED,
            _("Only a report awaiting approval can be approved."),
            "approved by the unit head",
            approved_by=user,
            approved_at=timezone.now(),
        )
        _log("duban.report.approved", user, report)
        notify(
            office_people(),
            _("A report on task %(n)s was submitted.") % {"n": report.task.number},
            task_url(report.task),
        )
    return report


def send_back(report: ProgressReport, user: User, comment: str) -> ProgressReport:
    """The unit head sends the unit's report back to its reporter (退回承办人) with what should
    change, before it reaches the office; the reporter corrects it and submits it again."""
    require(
        user.role == User.Role.UNIT_HEAD and unit_of(user) == report.unit_id,
        _("Only the unit head sends the unit's report back."),
    )
    said = _comment(comment)[:2000]
    with transaction.atomic():
        report = _move(
            report,
            State.PENDING,
            State.RETURNED,
            _("Only a report awaiting approval can be sent back."),
            "sent back by the unit head",
            review_comment=said,
            reviewed_by=user,
        )
        _log("duban.report.returned", user, report, comment=report.review_comment, by="unit_head")
        notify(
            unit_people(report.unit_id, [User.Role.REPORTER]),
            _("The unit head sent your report on task %(n)s (%(period)s) back: %(comment)s")
            % {
                "n": report.task.number,
                "period": period_label(report.period),
                "comment": report.review_comment[:120],
            },
            task_url(report.task),
        )
    return report


def accept(report: ProgressReport, user: User) -> ProgressReport:
    """The office accepts. The year-end report becomes the task's completion (全年完成情况)."""
    require(is_office(user), _("Only the supervision office reviews reports."))
    with transaction.atomic():
        report = _move(
            report,
            State.SUBMITTED,
            State.ACCEPTED,
            _("Only a submitted report can be accepted."),
            "accepted",
            reviewed_by=user,
            accepted_at=timezone.now(),
        )
        _log("duban.report.accepted", user, report)
        task = report.task
        if is_year_end(report.period) and leads_unit_id(task, report.unit_id):
            # From now on the report owns these: a re-import of the document keeps them.
            task.completion, task.completion_source = report.text, Source.REPORT
            _reason(task, "year-end report accepted")
            task.save()
            for value in report.values.select_related("indicator"):
                indicator = value.indicator
                indicator.actual_value = value.value
                indicator.actual_unit = indicator.unit
                indicator.actual_in_target_unit = value.value
                indicator.actual_span = ""
                indicator.actual_source = Source.REPORT
                indicator.save()
        notify(
            unit_people(report.unit_id),
            _("Your report on task %(n)s (%(period)s) was accepted.")
            % {"n": task.number, "period": period_label(report.period)},
            task_url(task),
        )
    return report


def leads_unit_id(task: Task, unit_id: int) -> bool:
    return task.assignments.filter(unit_id=unit_id, role=Assignment.Role.LEAD).exists()


def return_report(report: ProgressReport, user: User, comment: str) -> ProgressReport:
    require(is_office(user), _("Only the supervision office reviews reports."))
    said = _comment(comment)
    with transaction.atomic():
        report = _move(
            report,
            State.SUBMITTED,
            State.RETURNED,
            _("Only a submitted report can be returned."),
            "returned",
            review_comment=said,
            reviewed_by=user,
        )
        _log("duban.report.returned", user, report, comment=report.review_comment)
        notify(
            unit_people(report.unit_id),
            _("Your report on task %(n)s (%(period)s) was returned: %(comment)s")
            % {
                "n": report.task.number,
                "period": period_label(report.period),
                "comment": comment[:120],
            },
            task_url(report.task),
        )
    return report


def correct(report: ProgressReport, user: User) -> ProgressReport:
    """An accepted report never changes: a correction starts a new version as a draft."""
    require(
        works_on(user, report.task) and unit_of(user) == report.unit_id,
        _("Only the reporting unit corrects its report."),
    )
    if report.state != State.ACCEPTED:
        raise ValidationError(_("Only an accepted report is corrected by a new version."))
    with transaction.atomic():
        newest = (
            ProgressReport.objects.select_for_update()
            .filter(task=report.task, unit=report.unit, period=report.period)
            .order_by("-version")
            .first()
        )
        if newest is not None and newest.pk != report.pk:
            raise ValidationError(_("A newer version of this report exists."))
        version = ProgressReport(
            task=report.task,
            unit=report.unit,
            period=report.period,
            text=report.text,
            version=report.version + 1,
            author=user,
        )
        _reason(version, "correction started")
        version.save()
        for value in report.values.all():
            IndicatorValue.objects.create(
                report=version, indicator_id=value.indicator_id, value=value.value
            )
        _log("duban.report.corrected", user, version, corrects=report.pk)
    return version


# --- instructions (批示) -----------------------------------------------------------------


def write_instruction(task: Task, user: User, text: str, once_token: str = "") -> Instruction:
    """A leader's instruction. once_token: the form's; the same form sent twice (a double
    click) writes one instruction."""
    require(
        user.role == User.Role.LEADER and task.leader_id == user.pk,
        _("Only the task's responsible leader writes instructions on it."),
    )
    if not text.strip():
        raise ValidationError({"text": _("Write the instruction.")})
    key = token_key("duban.instruction.written", task, once_token) if once_token else ""
    return once(
        key,
        user,
        lambda: _write_instruction(task, user, text, key),
        lambda entry: logged_object(Instruction, entry),
    )


def _write_instruction(task: Task, user: User, text: str, key: str) -> Instruction:
    with transaction.atomic():
        instruction = Instruction(task=task, leader=user, text=text.strip())
        _reason(instruction, "written")
        instruction.save()
        log_action(
            "duban.instruction.written",
            user,
            instruction,
            {"plan": task.plan_id, "task": task.pk, "text": instruction.text[:200]},
            token=key,
        )
        lead_units = task.assignments.filter(role=Assignment.Role.LEAD).values_list(
            "unit_id", flat=True
        )
        people = [p for unit in lead_units for p in unit_people(unit)]
        notify(
            [*people, *office_people()],
            _("%(leader)s wrote an instruction on task %(n)s.")
            % {"leader": user.get_full_name() or user.username, "n": task.number},
            task_url(task),
        )
    return instruction


def answer_instruction(instruction: Instruction, user: User, text: str) -> Instruction:
    """The lead unit acknowledges the instruction (at once) and answers it."""
    require(leads_unit(user, instruction.task), _("Only the lead unit answers the instruction."))
    with transaction.atomic():
        instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
        now = timezone.now()
        if instruction.acknowledged_at is None:
            instruction.acknowledged_by, instruction.acknowledged_at = user, now
        if text.strip():
            instruction.answer = text.strip()
            instruction.answered_by, instruction.answered_at = user, now
        _reason(instruction, "answered" if text.strip() else "acknowledged")
        instruction.save()
        log_action(
            "duban.instruction.answered",
            user,
            instruction,
            {
                "plan": instruction.task.plan_id,
                "task": instruction.task_id,
                "answer": instruction.answer[:200],
            },
        )
        if text.strip():  # an acknowledgement alone tells the leader nothing new
            notify(
                [instruction.leader],
                _("Task %(n)s: the unit answered your instruction.")
                % {"n": instruction.task.number},
                task_url(instruction.task),
            )
    return instruction


# --- requests: extension (延期申请) and target adjustment -----------------------------------


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
            _("Task %(n)s: a request for %(kind)s.")
            % {"n": task.number, "kind": req.get_kind_display()},
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
        notify(
            unit_people(req.unit_id),
            _("Task %(n)s: your request was %(state)s.")
            % {"n": task.number, "state": req.get_state_display()},
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
            _("Task %(n)s: the target was adjusted to %(to)s.")
            % {"n": task.number, "to": adjustment.to_text},
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
            _("Task %(n)s was closed.") % {"n": task.number},
            task_url(task),
        )
    return task

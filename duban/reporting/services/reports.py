"""A progress report's life: draft, files, submit, the unit head's approval, the office's
review (accept, send back, return), and a correction as a new version."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import BinaryIO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from duban import text_fields
from duban.accounts.models import User
from duban.plans.access import is_office, require, unit_of, works_on
from duban.plans.models import Assignment, Indicator, Source, Task, Unit
from duban.quantities.typed import may_be_negative, plain
from duban.text_fields import check_length

from .. import filetypes
from ..labels import period_label
from ..models import IndicatorValue, ProgressReport, ReportAttachment
from ..notify import notify, notify_actor, office_people, task_name, task_url, unit_people
from ..periods import is_year_end, period_by_code
from ._common import StaleEdit, State, _locked, _log, _own_unit, _reason


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
    check_length("text", text.strip(), text_fields.REPORT_TEXT)
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
            if revision == 0 and report.revision:
                raise StaleEdit(
                    _(
                        "%(period)s already has a draft, which this form did not show: "
                        "open that period's draft before saving over it."
                    )
                    % {"period": period_label(period)}
                )
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
        fresh, repeated = _new_files(report, files)
        _check_room(report, fresh)
        _save_files(report, user, fresh, written)
        _log(
            "duban.report.saved",
            user,
            report,
            text=report.text[:200],
            files=[f.name for f in fresh],
            **({"repeated": repeated} if repeated else {}),
        )
    report.repeated_files = tuple(repeated)
    return report


def _save_values(report: ProgressReport, task: Task, values: Mapping[int, Decimal]) -> None:
    allowed = {i.id: i for i in Indicator.objects.filter(task=task).only("id", "metric", "unit")}
    for indicator_id, value in values.items():
        ind = allowed.get(indicator_id)
        if ind is None:
            raise ValidationError(_("An indicator of another task."))
        if value is not None and value < 0 and not may_be_negative(ind.metric, ind.unit):
            # The form refuses it too; the API and the CLI come here only.
            raise ValidationError(
                _("%(field)s cannot be below zero: “%(typed)s”. Please check.")
                % {"field": ind.metric, "typed": plain(value)}
            )
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
            continue
        IndicatorValue.objects.update_or_create(
            report=report, indicator_id=indicator_id, defaults={"value": value}
        )


def refused_files(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """The files that cannot be attached, each with why (for a person). The web page saves
    the draft with the others and names these; save_draft refuses them all."""
    refused = []
    for f in files:
        name = f.name or "file"
        # An UploadedFile reads and seeks as a binary file: File passes both to its file.
        why = filetypes.problem(name, cast(BinaryIO, f), f.size or 0)
        if why == "type":
            refused.append(
                (f, _("%(name)s: attach PDF, Word, Excel, images, text or zip.") % {"name": name})
            )
        elif why == "size":
            refused.append(
                (
                    f,
                    _("%(name)s is over 20 MB: compress or split it, and choose it again.")
                    % {"name": name},
                )
            )
        elif why == "content":
            refused.append(
                (f, _("%(name)s is not the kind of file its name says.") % {"name": name})
            )
    return refused


def _check_files(files: list[UploadedFile]) -> None:
    refused = refused_files(files)
    if refused:
        raise ValidationError({"files": [why for _f, why in refused]})


def _digest(f: UploadedFile) -> str:
    sha = hashlib.sha256()
    for chunk in f.chunks():
        sha.update(chunk)
    f.seek(0)
    return sha.hexdigest()


def _new_files(
    report: ProgressReport, files: list[UploadedFile]
) -> tuple[list[UploadedFile], list[str]]:
    """The files whose content the report does not hold yet (each hashed, with its hash
    set on it), and the names of the others: a file chosen twice is stored once."""
    if not files:
        return [], []
    held = list(ReportAttachment.objects.filter(report=report).only("sha256", "size", "file"))
    seen = {a.sha256 for a in held if a.sha256}
    older = [a for a in held if not a.sha256]  # before the column: hashed when a size matches
    fresh, repeated = [], []
    for f in files:
        digest = _digest(f)
        for a in [a for a in older if a.size == (f.size or 0)]:
            a.sha256 = _stored_digest(a)
            ReportAttachment.objects.filter(pk=a.pk).update(sha256=a.sha256)
            seen.add(a.sha256)
            older.remove(a)
        if digest in seen:
            repeated.append(f.name or "file")
            continue
        seen.add(digest)
        f.sha256 = digest  # type: ignore[attr-defined]
        fresh.append(f)
    return fresh, repeated


def _stored_digest(item: ReportAttachment) -> str:
    sha = hashlib.sha256()
    try:
        with item.file.open("rb") as stored:
            for chunk in stored.chunks():
                sha.update(chunk)
    except OSError:  # the stored file is gone: nothing to compare with
        return "-"
    return sha.hexdigest()


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
        item = ReportAttachment(
            report=report,
            name=name[:255],
            size=f.size or 0,
            sha256=getattr(f, "sha256", "") or _digest(f),
            uploaded_by=user,
        )
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
                _("%(unit)s's report on %(task)s (%(period)s) awaits your approval.")
                % _named(report),
                task_url(task),
            )
        else:
            _tell_office(report)
    return report


def _named(report: ProgressReport) -> dict[str, str]:
    """What a notice of a report names: its unit, its task (notify.task_name), its period."""
    return {
        "unit": report.unit.name,
        "task": task_name(report.task),
        "period": period_label(report.period),
    }


def _tell_office(report: ProgressReport) -> None:
    """The office is told of a report that reached it (submitted, or approved by the head)."""
    notify(
        office_people(),
        _("%(unit)s submitted a report on %(task)s (%(period)s).") % _named(report),
        task_url(report.task),
    )


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
    check_length("comment", comment.strip(), text_fields.REVIEW_COMMENT)
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
        _tell_office(report)
    return report


def send_back(report: ProgressReport, user: User, comment: str) -> ProgressReport:
    """The unit head sends the unit's report back to its reporter (退回承办人) with what should
    change, before it reaches the office; the reporter corrects it and submits it again."""
    require(
        user.role == User.Role.UNIT_HEAD and unit_of(user) == report.unit_id,
        _("Only the unit head sends the unit's report back."),
    )
    said = _comment(comment)
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
        named = _named(report) | {"comment": report.review_comment[:120]}
        notify_actor(
            report.author,
            unit_people(report.unit_id, [User.Role.REPORTER]),
            _("The unit head sent your report on %(task)s (%(period)s) back: %(comment)s") % named,
            _("The unit head sent %(unit)s's report on %(task)s (%(period)s) back: %(comment)s")
            % named,
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
        notify_actor(
            report.author,
            unit_people(report.unit_id),
            _("Your report on %(task)s (%(period)s) was accepted.") % _named(report),
            _("%(unit)s's report on %(task)s (%(period)s) was accepted.") % _named(report),
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
        named = _named(report) | {"comment": report.review_comment[:120]}
        notify_actor(
            report.author,
            unit_people(report.unit_id),
            _("Your report on %(task)s (%(period)s) was returned: %(comment)s") % named,
            _("%(unit)s's report on %(task)s (%(period)s) was returned: %(comment)s") % named,
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
            revision=1,  # a draft there is: a form that saw none (revision 0) is refused
        )
        _reason(version, "correction started")
        version.save()
        for value in report.values.all():
            IndicatorValue.objects.create(
                report=version, indicator_id=value.indicator_id, value=value.value
            )
        _log("duban.report.corrected", user, version, corrects=report.pk)
    return version

"""The workspace of the office, the units and the leaders: short views over the services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban import fragments
from duban.accounts.requests import SignedInRequest
from duban.plans.access import (
    get_task_for_user,
    is_leader,
    is_office,
    leads_unit,
    unit_of,
    visible_tasks,
    works_on,
)
from duban.plans.models import Task

from . import ledger, office_home, services, task_reads, unit_home, workspace
from .access import (
    get_instruction_for_user,
    get_report_for_user,
    get_request_for_user,
    visible_reports,
    visible_requests,
)
from .forms import (
    AdjustmentForm,
    AnswerForm,
    DecideForm,
    InstructionForm,
    ReportForm,
    RequestForm,
    ReturnForm,
    report_opening,
)
from .history import status_history, task_history, task_rows
from .milestone_text import milestones as milestone_text
from .models import IndicatorValue, Notification, ProgressReport, ReportAttachment, Request
from .reasons import text as reason_text
from .warnings import page_warning

View = Callable[..., HttpResponse]


def acting(view: View) -> View:
    """POST views: a refused change comes back as a message on the task, not an error page.
    (A PermissionDenied stays a 403.)"""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(_came_from(request))

    return login_required(require_POST(wrapper))


def _came_from(request: HttpRequest) -> str:
    """Where the refused form was, if that is on this site (next= and Referer are the
    client's to write: never a way off the site)."""
    for url in (request.POST.get("next"), request.META.get("HTTP_REFERER")):
        if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return url
    return "/"


def _back(task: Task) -> HttpResponse:
    return redirect("reporting:task", plan_id=task.plan_id, number=task.number)


@login_required
def home(request: SignedInRequest) -> HttpResponse:
    """Each role's work: the office works plan by plan (a site may hold a thousand), units
    and leaders see their own tasks. Every list is bounded, whatever the size of the site."""
    user = request.user
    unit = unit_of(user)
    context: dict[str, Any] = {}
    scope = None
    if unit is not None:
        scope = workspace.Scope("unit", unit)
        context |= unit_home.unit_context(unit, head=user.role == user.Role.UNIT_HEAD)
    elif is_leader(user):
        scope = workspace.Scope("leader", user.pk)
        context |= _leader_context(user)
    elif is_office(user):
        context |= _office_context(request)
        scope = workspace.Scope("plan", context["plan"].id) if context["plan"] else None
    context |= workspace.task_list(request, scope, context.get("plan"))
    context["unit_name"] = unit_home.unit_name(user.unit_id) if user.unit_id else ""
    return render(request, "reporting/home.html", context)


def _leader_context(user: Any) -> dict[str, Any]:
    """A leader's own instructions with the units' answers, unanswered first, and the tasks
    they lead that are closed (办结): the open list shows only the open ones."""
    from .models import Instruction

    mine = Instruction.objects.filter(leader=user, task__in=visible_tasks(user))
    closed = visible_tasks(user).filter(leader=user, closed_at__isnull=False)
    return {
        "my_instructions": list(
            mine.select_related("task__plan", "answered_by__unit").order_by(
                F("answered_at").asc(nulls_first=True), "-created_at"
            )[:LEADER_LIST]
        ),
        "instruction_counts": {
            "all": mine.count(),
            "unanswered": mine.filter(answered_at__isnull=True).count(),
        },
        "closed_tasks": list(
            closed.select_related("plan")
            .only(*LISTED, "proposed_status")
            .order_by("-closed_at")[:LEADER_LIST]
        ),
        "closed_total": closed.count(),
    }


LEADER_LIST = 100  # the newest; a leader writes a few dozen instructions a year
# What the closed list reads of a task and its plan (not the long texts).
LISTED = (
    "plan",
    "number",
    "content",
    "deadline",
    "reporting_cycle",
    "status",
    "closed_at",
    "plan__title",
    "plan__year",
    "plan__due_day",
    "plan__warning_days",
)


def _office_context(request: SignedInRequest) -> dict[str, Any]:
    """The plans (a page of them), the chosen one (?plan=, else the newest), the review
    queue, oldest first, and pending requests (office_home.py)."""
    from duban.disclosure.forms import PublishForm

    context = office_home.office_context(request.GET.get("plan", ""), request.GET.get("plans"))
    plan = context["plan"]
    months = ledger.months(plan) if plan else []
    # The publication a plan most likely wants: its year's end once the year is over (a plan
    # of 2008 imported now is no mid-year progress, walk), else the mid-year progress.
    year_over = bool(plan) and plan.year < timezone.localdate().year
    kind = "year_end" if year_over else "mid_year"
    choices = [(str(v), str(label)) for v, label in PublishForm.base_fields["kind"].choices]  # type: ignore[attr-defined]
    return context | {
        "bulletin_months": months,
        "publish_kind": kind,
        "publish_choices": choices,
        "tools_key": fragments.key("office-plan-tools", plan.id if plan else None, months),
        "publish_key": fragments.key("office-publish", plan, kind, choices),
    }


@login_required
def task(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    return _task_page(request, get_task_for_user(request.user, plan_id, number))


def _task_page(request: SignedInRequest, t: Task, **refused: Any) -> HttpResponse:
    """The task's workspace page. A refused form (report_form, request_form,
    adjustment_form) comes back bound, with every word typed and its errors on its fields."""
    user = request.user
    report_form = refused.get("report_form")
    reports = (
        task_reads.every_report(t.id)  # the office's are all of them, read in SQL kept
        if is_office(user)
        else list(
            visible_reports(user, t)
            .select_related("unit", "author", "reviewed_by")
            .prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")),
                "files",
            )
            .order_by("period", "-version")
        )
    )
    _report_keys(reports)
    _mark_newest(reports)
    asked = report_form.data.get("period") if report_form else request.GET.get("period")
    own_open, period = report_opening(t, reports, unit_of(user), asked)
    # Every period reported (accepted, or with the head or the office): no form, which
    # would open on a period done and refuse whatever was typed in it.
    if report_form is None and works_on(user, t) and not t.closed_at and period:
        # Revision 0: "no draft when I opened the page" — a draft saved meanwhile from another
        # tab is not overwritten by this one.
        initial: dict[str, Any] = {"revision": 0, "period": period, "loaded": period}
        if own_open:
            initial |= {"revision": own_open.revision, "text": own_open.text}
            initial |= {f"ind_{v.indicator_id}": v.value for v in own_open.values.all()}
        report_form = ReportForm(task=t, initial=initial)
    history = task_rows(t) if is_office(user) else None
    milestones = _milestones(t, user, refused.pop("milestone_form", None))
    # The light as the lists show it, every reason; the office's reports are all of them.
    indicators = task_reads.indicators(t.id)
    everything = reports if is_office(user) else None
    adjustments = task_reads.adjustments(t.id)
    warning = page_warning(t, milestones["milestones"], everything, indicators, adjustments)
    first_indicator = indicators[0] if indicators else None
    context = {
        "task": t,
        "plan": t.plan,
        "reports": reports,
        "own_open": own_open,
        "report_form": report_form,
        "warning": warning,
        "warning_lines": (lines := [(r["colour"], reason_text(r)) for r in warning.reasons]),
        # The whole light (colour, reasons, each period with its state) and its lines' words.
        "warning_key": fragments.key("task-warning", warning, lines),
        "instructions": task_reads.instructions(t.id),
        "requests": _requests(user, t, refused.pop("decide_form", None)),
        "can_review": is_office(user),
        "is_unit": works_on(user, t),
        "leads": leads_unit(user, t),
        "can_instruct": is_leader(user) and t.leader_id == user.pk,
        "instruction_form": InstructionForm(),
        "answer_form": AnswerForm(),
        "request_form": RequestForm(),
        "return_form": ReturnForm(),
        "adjustment_form": AdjustmentForm(
            initial={"from_text": _current_target(first_indicator, adjustments)}
        ),
        "adjustments": adjustments,
        **milestones,
        # Made only when their fragment is not cached (the template calls them).
        "history": (lambda: task_history(history)) if history else [],
        "status_history": (lambda: status_history(history)) if history else [],
        "history_key": fragments.key("task-history", history) if history else "",
        "status_form": refused.pop("status_form", None)
        or (_status_form(t) if is_office(user) else None),
    }
    return render(request, "reporting/task.html", context | refused)


def _current_target(indicator: Any, adjustments: list[Any]) -> str:
    """What an adjustment starts from: the target as last adjusted, else as printed."""
    if indicator is None:
        return ""
    own = [a for a in adjustments if a.indicator_id == indicator.id]
    return max(own, key=lambda a: a.pk).to_text if own else indicator.target_text


def _requests(user: Any, t: Task, refused: DecideForm | None) -> list[Request]:
    """The task's requests, each pending one with its decision form for the office (the one
    refused bound, with what was typed)."""
    requests = list(visible_requests(user, t).select_related("unit", "requested_by"))
    if is_office(user):
        for q in requests:
            if q.state == Request.State.PENDING:
                mine = refused is not None and refused.auto_id == _decide_id(q.pk)
                q.decide_form = refused if mine else DecideForm(auto_id=_decide_id(q.pk))  # type: ignore[attr-defined]
    return requests


def _decide_id(request_id: int) -> str:
    return f"decide-{request_id}-%s"  # one page holds a form per pending request


def _changed_or_refused(
    request: SignedInRequest,
    t: Task,
    name: str,
    form: forms.Form,
    change: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """A change a task page's form asks for: made (the form valid, the service agreeing),
    back to the task saying `done`; refused, the task page with the form bound as `name`,
    every word typed kept and its errors on its fields — never a redirect that loses them."""
    if form.is_valid():
        try:
            change(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return _back(t)
    return _task_page(request, t, **{name: form})


def _report_keys(reports: list[ProgressReport]) -> None:
    """Each report's body_key: the key of its text's cached HTML (task.html), made of all the
    text shows — the same for everyone who may read the report."""
    for r in reports:
        figures = [(v.indicator.metric, v.value, v.indicator.unit) for v in r.values.all()]
        shown = (r.period, r.version, r.unit.name, r.state, r.submitted_at, r.text, figures)
        r.body_key = fragments.key("report-body", r.id, *shown)  # type: ignore[attr-defined]


def _mark_newest(reports: list[ProgressReport]) -> None:
    """Each report's newest: whether no later version of its unit's period exists (only
    that one may be corrected; the older ones' button was refused when pressed)."""
    newest: dict[tuple[int, str], int] = {}
    for r in reports:
        key = (r.unit_id, r.period)
        newest[key] = max(newest.get(key, 0), r.version)
    for r in reports:
        r.newest = r.version == newest[(r.unit_id, r.period)]  # type: ignore[attr-defined]


def _milestones(t: Task, user: Any, refused: forms.Form | None) -> dict[str, Any]:
    """The task's milestones, each with what its row's fields show (`typed`, the refused
    form's words on its row, and its errors), the new one's row, and whether the task's text
    prints some not yet among them."""
    have = task_reads.milestones(t.id)
    for m in have:
        m.typed = {"due": m.due.isoformat(), "text": m.text, "done": m.done, "errors": []}
    new: dict[str, Any] = {"due": "", "text": "", "done": False, "errors": []}
    if refused is not None:
        typed = {
            "due": refused.data.get("due", ""),
            "text": refused.data.get("text", ""),
            "done": bool(refused.data.get("done")),
            "errors": [e for errors in refused.errors.values() for e in errors],
        }
        row = getattr(refused, "milestone_id", None)
        for m in have:
            if m.pk == row:
                m.typed = typed
        if row is None:
            new = typed
    known = {(m.due, m.text) for m in have}
    unread = is_office(user) and any(
        (m.due, m.text) not in known for m in milestone_text(t.content, t.plan.year)
    )
    return {
        "milestones": have,
        "new_milestone": new,
        "milestones_in_text": unread,
        "today": timezone.localdate(),
    }


def _status_form(t: Task) -> Any:
    from duban.disclosure.forms import StatusForm

    return StatusForm(task=t)


@login_required
@require_POST
def report_save(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    """Save the draft (and submit it). Refused, the page comes back with what was typed and
    the errors listed at the top of the form. A file that cannot be attached is named
    there and the draft is saved with the others; a file already attached is kept once."""
    t = get_task_for_user(request.user, plan_id, number)
    form = ReportForm(request.POST, request.FILES, task=t)
    chosen = bool(request.FILES.getlist("files"))
    if not form.is_valid():
        return _task_page(request, t, report_form=form, files_dropped=chosen)
    files = form.cleaned_data["files"]
    refused = services.refused_files(files)
    kept = [f for f in files if all(f is not r for r, _why in refused)]
    try:
        report = services.save_draft(
            t,
            request.user,
            form.cleaned_data["period"],
            form.cleaned_data["text"],
            form.values(),
            kept,
            form.cleaned_data.get("revision"),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        for _f, why in refused:  # said too, so that it is not chosen again as it was
            form.add_error("files", why)
        return _task_page(request, t, report_form=form, files_dropped=chosen)
    for name in report.repeated_files:
        messages.info(
            request,
            _("%(name)s is attached to this report already: it was not stored again.")
            % {"name": name},
        )
    if refused:
        return _files_refused(request, t, report, [why for _f, why in refused], kept)
    if "submit" not in request.POST:
        messages.success(request, _("Draft saved."))
        return _back(t)
    try:
        report = services.submit(report, request.user)
    except ValidationError as exc:  # the draft is saved; only the submission was refused
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _submitted(report))
    return _back(t)


def _submitted(report: ProgressReport) -> str:
    """Where a submitted report went: to the unit head, or to the office."""
    if report.state == ProgressReport.State.PENDING:
        return _("Report sent to the unit head for review.")
    return _("Report sent to the supervision office for review.")


def _files_refused(
    request: SignedInRequest, t: Task, report: ProgressReport, why: list[str], kept: list[Any]
) -> HttpResponse:
    """The draft was saved with the good files; the form comes back (at the current
    revision, so that it saves again) naming each refused file and why, not submitted."""
    data = request.POST.copy()
    data["revision"] = str(report.revision)
    form = ReportForm(data, task=t)
    form.is_valid()
    for line in why:
        form.add_error("files", line)
    names = [f.name for f in kept if f.name not in report.repeated_files]
    return _task_page(
        request,
        t,
        report_form=form,
        files_saved=names,
        draft_saved=True,
        not_submitted="submit" in request.POST,
    )


@acting
def attachment_remove(request: SignedInRequest, attachment_id: int) -> HttpResponse:
    item = _attachment_for_user(request, attachment_id)
    services.remove_attachment(item, request.user)
    messages.success(request, _("Attachment %(name)s removed.") % {"name": item.name})
    return _back(item.report.task)


@acting
def report_action(request: SignedInRequest, report_id: int, action: str) -> HttpResponse:
    report = get_report_for_user(request.user, report_id)
    user = request.user
    if action == "submit":
        messages.success(request, _submitted(services.submit(report, user)))
        return _back(report.task)
    done = {
        "approve": (services.approve, _("Report approved and sent to the office.")),
        "accept": (services.accept, _("Report accepted.")),
        "correct": (services.correct, _("A new version of the report is open as a draft.")),
    }
    if action in done:
        change, message = done[action]
        change(report, user)
    elif action in ("send-back", "return"):
        return _review_comment(request, report, action)
    else:
        raise ValidationError(_("Unknown action."))
    messages.success(request, message)
    return _back(report.task)


def _review_comment(request: SignedInRequest, report: ProgressReport, action: str) -> HttpResponse:
    """Send back or return with what should change. Refused (empty, too long), the task
    page comes back with the comment still in its box and the refusal beside it."""
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["comment"]))
        if action == "send-back":
            services.send_back(report, request.user, form.cleaned_data["comment"])
            message = _("Report sent back to the reporter.")
        else:
            services.return_report(report, request.user, form.cleaned_data["comment"])
            message = _("Report returned to the unit.")
    except ValidationError as exc:
        refused = {
            "id": report.id,
            "action": action,
            "text": request.POST.get("comment", ""),
            "errors": exc.messages,
        }
        return _task_page(request, report.task, refused_comment=refused)
    messages.success(request, message)
    return _back(report.task)


@login_required
@require_POST
def instruction_new(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    """A leader's instruction; refused, the page comes back with the text in its box."""
    t = get_task_for_user(request.user, plan_id, number)
    return _changed_or_refused(
        request,
        t,
        "instruction_form",
        InstructionForm(request.POST),
        lambda d: services.write_instruction(t, request.user, d["text"], d["once"]),
        _("Instruction sent."),
    )


@login_required
@require_POST
def instruction_answer(request: SignedInRequest, instruction_id: int) -> HttpResponse:
    instruction = get_instruction_for_user(request.user, instruction_id)
    text = request.POST.get("text", "")
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["text"]))
        text = form.cleaned_data["text"]
        services.answer_instruction(instruction, request.user, text)
    except ValidationError as exc:
        refused = {"id": instruction.id, "text": text, "errors": exc.messages}
        return _task_page(request, instruction.task, refused_answer=refused)
    # Sent empty, the form acknowledges the instruction without answering it yet.
    messages.success(
        request, _("Answer sent.") if text.strip() else _("Instruction acknowledged as read.")
    )
    return _back(instruction.task)


@login_required
@require_POST
def request_new(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    t = get_task_for_user(request.user, plan_id, number)
    return _changed_or_refused(
        request,
        t,
        "request_form",
        RequestForm(request.POST),
        lambda d: services.request_change(
            t,
            request.user,
            d["kind"],
            d["reason"],
            d.get("new_deadline"),
            d.get("proposed_target", ""),
            d.get("once", ""),
        ),
        _("Request sent to the office."),
    )


@login_required
@require_POST
def request_decide(request: SignedInRequest, request_id: int) -> HttpResponse:
    req = get_request_for_user(request.user, request_id)
    # Refused, the note and the approving body typed are kept, beside the request they were for.
    return _changed_or_refused(
        request,
        req.task,
        "decide_form",
        DecideForm(request.POST, auto_id=_decide_id(req.pk)),
        lambda d: services.decide_request(
            req, request.user, d["grant"], d["note"], d["approving_body"]
        ),
        _("Decision recorded."),
    )


@login_required
@require_POST
def adjustment_new(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    t = get_task_for_user(request.user, plan_id, number)
    return _changed_or_refused(
        request,
        t,
        "adjustment_form",
        AdjustmentForm(request.POST),
        lambda d: services.record_adjustment(t, request.user, **d),
        _("Adjustment recorded."),
    )


@login_required
@require_POST
def confirm_status(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    from duban.disclosure.forms import StatusForm
    from duban.plans.services import confirm_status as confirm

    t = get_task_for_user(request.user, plan_id, number)
    return _changed_or_refused(
        request,
        t,
        "status_form",
        StatusForm(request.POST, task=t),
        lambda d: confirm(t, request.user, d["status"], d["note"]),
        _("Status saved."),
    )


@acting
def task_close(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    t = get_task_for_user(request.user, plan_id, number)
    services.close_task(t, request.user)
    messages.success(request, _("Task closed."))
    return _back(t)


def _attachment_for_user(request: SignedInRequest, attachment_id: int) -> ReportAttachment:
    """An attachment of a report the person may read (404 otherwise)."""
    try:
        item = ReportAttachment.objects.select_related("report__task").get(pk=attachment_id)
    except ReportAttachment.DoesNotExist:
        raise Http404("no such file") from None
    item.report = get_report_for_user(request.user, item.report_id)
    return item


@login_required
def attachment(request: SignedInRequest, attachment_id: int) -> FileResponse:
    """An attachment, to those who may read its report; always as a download."""
    item = _attachment_for_user(request, attachment_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
def notifications(request: SignedInRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)[:200]
    response = render(request, "reporting/notifications.html", {"items": items})
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return response

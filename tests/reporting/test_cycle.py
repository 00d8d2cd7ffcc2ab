"""The supervision cycle through its services: every transition, and the refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from duban.plans.models import Status, TargetAdjustment
from duban.reporting import services
from duban.reporting.models import Instruction, Notification, ProgressReport, Request

State = ProgressReport.State


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    """Task 1 (GDP), led by 区发展改革委, responsible leader: the leader persona."""
    t = plan.tasks.get(number=1)
    t.reporting_cycle = "month"
    t.save()
    return t


def test_draft_submit_accept(task, people, django_capture_on_commit_callbacks) -> None:
    indicator = task.indicators.get()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.save_draft(
            task, people.reporter, "2020-03", "一季度增长-6.6%。", {indicator.id: Decimal("-6.6")}
        )
        assert report.state == State.DRAFT and report.values.get().value == Decimal("-6.6")
        services.submit(report, people.reporter)
        report.refresh_from_db()
        assert report.state == State.SUBMITTED and report.submitted_at
        services.accept(report, people.office)
    report.refresh_from_db()
    assert report.state == State.ACCEPTED and report.reviewed_by == people.office
    assert Notification.objects.filter(user=people.office, text__contains="2020年3月").exists()
    assert Notification.objects.filter(user=people.reporter, text__contains="2020年3月").exists()
    assert [h.history_change_reason for h in report.history.order_by("history_date")] == [
        "draft saved",
        "submitted",
        "accepted",
    ]


def test_returned_report_goes_back_to_draft_and_is_resubmitted(task, people) -> None:
    report = services.save_draft(task, people.reporter, "2020-03", "初稿")
    services.submit(report, people.reporter)
    services.return_report(report, people.office, "请补充数据。")
    report.refresh_from_db()
    assert report.state == State.RETURNED and report.review_comment == "请补充数据。"
    again = services.save_draft(
        task, people.reporter, "2020-03", "补充了数据", revision=report.revision
    )
    assert again.pk == report.pk and again.state == State.DRAFT
    services.submit(again, people.reporter)
    assert ProgressReport.objects.get(pk=report.pk).state == State.SUBMITTED


def test_return_needs_a_comment(task, people) -> None:
    report = services.save_draft(task, people.reporter, "2020-03", "初稿")
    services.submit(report, people.reporter)
    with pytest.raises(ValidationError):
        services.return_report(report, people.office, "  ")


def test_unit_head_approval_when_the_plan_asks(task, people) -> None:
    task.plan.requires_unit_approval = True
    task.plan.save()
    report = services.save_draft(task, people.reporter, "2020-03", "初稿")
    services.submit(report, people.reporter)
    report.refresh_from_db()
    assert report.state == State.PENDING
    with pytest.raises(ValidationError):
        services.accept(report, people.office)  # not submitted yet
    with pytest.raises(PermissionDenied):
        services.approve(report, people.reporter)
    services.approve(report, people.head)
    report.refresh_from_db()
    assert report.state == State.SUBMITTED and report.approved_by == people.head


def test_accepted_report_never_changes_a_correction_is_a_new_version(task, people) -> None:
    report = services.save_draft(task, people.reporter, "2020-03", "原文")
    services.submit(report, people.reporter)
    services.accept(report, people.office)
    with pytest.raises(ValidationError):
        services.save_draft(task, people.reporter, "2020-03", "改动")
    version = services.correct(ProgressReport.objects.get(pk=report.pk), people.reporter)
    assert (version.version, version.state, version.text) == (2, State.DRAFT, "原文")
    assert ProgressReport.objects.get(pk=report.pk).text == "原文"


def test_second_editor_is_told_the_report_changed(task, people) -> None:
    report = services.save_draft(task, people.reporter, "2020-03", "一")
    opened = report.revision
    services.save_draft(task, people.head, "2020-03", "二", revision=opened)
    with pytest.raises(services.StaleEdit):
        services.save_draft(task, people.reporter, "2020-03", "三", revision=opened)
    assert ProgressReport.objects.get(pk=report.pk).text == "二"


def test_year_end_report_becomes_the_completion(task, people) -> None:
    report = services.save_draft(task, people.reporter, "2020-Y", "全年增长-1.1%。")
    services.submit(report, people.reporter)
    services.accept(report, people.office)
    task.refresh_from_db()
    assert task.completion == "全年增长-1.1%。"
    assert task.history.first().history_change_reason == "year-end report accepted"


def test_not_a_period_of_the_task(task, people) -> None:
    with pytest.raises(ValidationError):
        services.save_draft(task, people.reporter, "2020-Q1", "x")  # a monthly task


def test_instruction_written_acknowledged_answered(task, people) -> None:
    instruction = services.write_instruction(task, people.leader, "请加强经济运行监测。")
    services.answer_instruction(instruction, people.reporter, "")
    instruction.refresh_from_db()
    assert instruction.acknowledged_by == people.reporter and not instruction.answer
    services.answer_instruction(instruction, people.reporter, "已建立周调度机制。")
    instruction.refresh_from_db()
    assert instruction.answer == "已建立周调度机制。" and instruction.answered_at


def test_extension_granted_moves_the_deadline(task, people) -> None:
    req = services.request_change(
        task, people.reporter, Request.Kind.EXTENSION, "疫情影响", new_deadline=dt.date(2021, 3, 31)
    )
    services.decide_request(req, people.office, grant=True, note="同意")
    task.refresh_from_db()
    assert task.deadline == dt.date(2021, 3, 31)
    with pytest.raises(ValidationError):
        services.decide_request(req, people.office, grant=False)  # decided already


def test_adjustment_granted_is_recorded(task, people) -> None:
    req = services.request_change(
        task, people.reporter, Request.Kind.ADJUSTMENT, "疫情影响", proposed_target="正增长"
    )
    services.decide_request(req, people.office, grant=True, approving_body="区人大常委会第42次会议")
    adjustment = TargetAdjustment.objects.filter(task=task).order_by("-id").first()
    assert adjustment.to_text == "正增长" and adjustment.approving_body == "区人大常委会第42次会议"


def test_close_needs_a_confirmed_status(task, people) -> None:
    from duban.plans.services import confirm_status

    with pytest.raises(ValidationError):
        services.close_task(task, people.office)
    confirm_status(task, people.office, Status.NOT_MET_AFTER_ADJUSTMENT)
    services.close_task(task, people.office)
    task.refresh_from_db()
    assert task.closed_at and task.closed_by == people.office
    with pytest.raises(ValidationError):
        services.save_draft(task, people.reporter, "2020-03", "x")


# --- the permission matrix --------------------------------------------------------------
# Who may do what (docs/architecture.md): every role against every action, the refusals too.


def _draft(task, people):  # type: ignore[no-untyped-def]
    return services.save_draft(task, people.reporter, "2020-03", "初稿")


def _submitted(task, people):  # type: ignore[no-untyped-def]
    r = _draft(task, people)
    services.submit(r, people.reporter)
    return ProgressReport.objects.get(pk=r.pk)


def _pending(task, people):  # type: ignore[no-untyped-def]
    """A report awaiting the unit head (the plan asks for the head's approval)."""
    task.plan.requires_unit_approval = True
    task.plan.save()
    r = _draft(task, people)
    services.submit(r, people.reporter)
    r = ProgressReport.objects.get(pk=r.pk)
    assert r.state == State.PENDING
    return r


def _accepted(task, people):  # type: ignore[no-untyped-def]
    r = _submitted(task, people)
    services.accept(r, people.office)
    return ProgressReport.objects.get(pk=r.pk)


def _attachment(task, people):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = services.save_draft(
        task, people.reporter, "2020-03", "初稿", files=[SimpleUploadedFile("台账.txt", b"1")]
    )
    return r.files.get()


def _plans():  # type: ignore[no-untyped-def]
    from duban.plans import services as plan_services

    return plan_services


def _units(task, role: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    return [a.unit for a in task.assignments.filter(role=role).select_related("unit")]


ACTIONS = {
    "write report": lambda t, p, u: services.save_draft(t, u, "2020-03", "x"),
    "submit report": lambda t, p, u: services.submit(_draft(t, p), u),
    "accept report": lambda t, p, u: services.accept(_submitted(t, p), u),
    "return report": lambda t, p, u: services.return_report(_submitted(t, p), u, "改"),
    "request": lambda t, p, u: services.request_change(
        t, u, Request.Kind.EXTENSION, "因", new_deadline=dt.date(2021, 1, 31)
    ),
    "decide request": lambda t, p, u: services.decide_request(
        services.request_change(
            t, p.reporter, Request.Kind.EXTENSION, "因", new_deadline=dt.date(2021, 1, 31)
        ),
        u,
        grant=True,
    ),
    "write instruction": lambda t, p, u: services.write_instruction(t, u, "批示"),
    "answer instruction": lambda t, p, u: services.answer_instruction(
        Instruction.objects.create(task=t, leader=p.leader, text="批示"), u, "答"
    ),
    "confirm status": lambda t, p, u: __import__(
        "duban.plans.services", fromlist=["x"]
    ).confirm_status(t, u, "completed"),
    "close task": lambda t, p, u: services.close_task(t, u),
    "approve report": lambda t, p, u: services.approve(_pending(t, p), u),
    "send report back": lambda t, p, u: services.send_back(_pending(t, p), u, "改"),
    "correct report": lambda t, p, u: services.correct(_accepted(t, p), u),
    "remove attachment": lambda t, p, u: services.remove_attachment(_attachment(t, p), u),
    "record adjustment": lambda t, p, u: services.record_adjustment(
        t, u, "6%", "5%", "区人大常委会", dt.date(2020, 6, 30)
    ),
    "edit task": lambda t, p, u: _plans().save_task(
        u, t.plan, t, {"content": t.content + "（修订）"}, _units(t, "lead"), _units(t, "co")
    ),
    "edit plan": lambda t, p, u: _plans().save_plan(u, t.plan, {"caption": "修订的说明"}),
    "publish": lambda t, p, u: __import__("duban.disclosure.services", fromlist=["x"]).publish(
        t.plan, u, "mid_year"
    ),
    "remind": lambda t, p, u: __import__("duban.reporting.reminders", fromlist=["x"]).remind_tasks(
        u, [t], dt.date(2020, 4, 20)
    ),
    "add milestone": lambda t, p, u: __import__(
        "duban.reporting.milestones", fromlist=["x"]
    ).add_milestone(u, t, dt.date(2020, 6, 30), "完成上半年目标"),
}
ALLOWED = {
    "write report": {"reporter", "head"},
    "submit report": {"reporter", "head"},
    "accept report": {"office"},
    "return report": {"office"},
    "request": {"reporter", "head"},
    "decide request": {"office"},
    "write instruction": {"leader"},
    "answer instruction": {"reporter", "head"},
    "confirm status": {"office"},
    "close task": {"office"},
    "approve report": {"head"},
    "send report back": {"head"},
    "correct report": {"reporter", "head"},
    "remove attachment": {"reporter", "head"},
    "record adjustment": {"office"},
    "edit task": {"office"},
    "edit plan": {"office"},
    "publish": {"office"},
    "remind": {"office"},
    "add milestone": {"office"},
}
PERSONAS = ["office", "reporter", "head", "outsider", "leader", "leader2"]


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(task, people, action: str, persona: str) -> None:
    user = getattr(people, persona)
    if action == "close task" and persona == "office":
        from duban.plans.services import confirm_status

        confirm_status(task, people.office, "completed")
    if persona in ALLOWED[action]:
        ACTIONS[action](task, people, user)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](task, people, user)

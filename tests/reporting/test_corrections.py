"""A correction (更正, a new version of an accepted report) leaves the period accepted: the
light, its reason, the period's row, the ledger, the bulletin, the workspace and the
reminders read the accepted version while the correction is written, reviewed or returned."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from duban.plans.models import Assignment
from duban.reporting import ledger, reminders, services
from duban.reporting.lights import TaskFacts, fold_reports, light
from duban.reporting.models import ProgressReport, Reminder
from duban.reporting.reasons import text
from duban.reporting.warnings import current_lights

TODAY = dt.date(2020, 12, 2)  # October's report was due on November 5th: 27 days ago
State = ProgressReport.State


@pytest.fixture
def corrected(plan, people, monkeypatch):  # type: ignore[no-untyped-def]
    """Task 1, monthly and under way on TODAY: every period to November accepted, October
    through the services (the unit head approves); then October corrected (v2, a draft)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    plan.requires_unit_approval = True
    plan.save()
    task = plan.tasks.get(number=1)
    task.completion, task.reporting_cycle, task.deadline = "", "month", None
    task.save()
    task.milestones.all().delete()
    mine = people.reporter.unit_id
    for unit_id in task.assignments.filter(role=Assignment.Role.LEAD).values_list(
        "unit_id", flat=True
    ):
        for month in range(1, 12):
            if (unit_id, month) != (mine, 10):
                ProgressReport.objects.create(
                    task=task,
                    unit_id=unit_id,
                    period=f"2020-{month:02d}",
                    text=f"{month}月进展。",
                    state=State.ACCEPTED,
                )
    v1 = services.submit(
        services.save_draft(task, people.reporter, "2020-10", "10月进展。"), people.reporter
    )
    services.approve(v1, people.head)
    services.accept(ProgressReport.objects.get(pk=v1.pk), people.office)
    v2 = services.correct(ProgressReport.objects.get(pk=v1.pk), people.reporter)
    return task, v2


def _light(task):  # type: ignore[no-untyped-def]
    from duban.reporting.models import TaskLight

    TaskLight.objects.filter(task=task).delete()  # (the services forget it on commit)
    return current_lights([task.id], TODAY)[task.id]


def _sent_back(task, v2, people):  # type: ignore[no-untyped-def]
    services.save_draft(task, people.reporter, "2020-10", "10月进展（更正）。")
    services.submit(ProgressReport.objects.get(pk=v2.pk), people.reporter)
    return services.send_back(ProgressReport.objects.get(pk=v2.pk), people.head, "请核对数据。")


def test_fold_keeps_the_accepted_version_and_names_the_correction() -> None:
    rows = [(1, "2020-10", "accepted"), (1, "2020-10", "returned"), (1, "2020-11", "draft")]
    states, corrections = fold_reports(rows)
    assert states == {(1, "2020-10"): "accepted", (1, "2020-11"): "draft"}
    assert corrections == {(1, "2020-10"): "returned"}
    states, corrections = fold_reports([*rows, (1, "2020-10", "accepted")])
    assert states[(1, "2020-10")] == "accepted" and corrections == {}


@pytest.mark.parametrize(
    ("correction", "line"),
    [
        ("draft", "10月进展已采纳（更正稿编写中）"),
        ("pending", "10月进展已采纳（更正稿待单位负责人审核）"),
        ("submitted", "10月进展已采纳（更正稿待督查室审核）"),
        ("returned", "10月进展已采纳（更正稿被退回）"),
    ],
)
def test_a_correction_of_an_accepted_period_is_green_never_late(correction, line) -> None:
    months = {(1, f"2020-{m:02d}"): "accepted" for m in range(1, 11)}
    f = TaskFacts(year=2020, leads=[(1, "区发展改革委")], reports=months)
    f.corrections = {(1, "2020-10"): correction}
    got = light(f, dt.date(2020, 11, 20))
    assert got.colour == "green"
    assert [text(r) for r in got.reasons] == [line]
    assert got.periods[-1].state == "accepted" and got.periods[-1].correction == correction


def test_a_report_with_the_head_reads_so_not_the_office() -> None:
    f = TaskFacts(year=2020, leads=[(1, "区发展改革委")], cycle="quarter")
    f.reports = {(1, "2020-Q1"): "pending"}
    assert [text(r) for r in light(f, dt.date(2020, 4, 8)).reasons] == [
        "第1季度进展待单位负责人审核"
    ]
    assert [text(r) for r in light(f, dt.date(2020, 4, 1)).reasons] == [
        "第1季度进展待单位负责人审核"
    ]
    f.reports = {(1, "2020-Q1"): "submitted"}
    assert [text(r) for r in light(f, dt.date(2020, 4, 8)).reasons] == ["第1季度进展待督查室审核"]


def test_the_reason_names_the_newest_period_reported() -> None:
    """November waiting for the head is the news, not October's acceptance."""
    months = {(1, f"2020-{m:02d}"): "accepted" for m in range(1, 11)}
    f = TaskFacts(
        year=2020, leads=[(1, "区发展改革委")], reports=months | {(1, "2020-11"): "pending"}
    )
    assert [text(r) for r in light(f, dt.date(2020, 12, 1)).reasons] == ["11月进展待单位负责人审核"]
    f.reports[(1, "2020-11")] = "accepted"
    f.corrections = {(1, "2020-11"): "pending"}
    assert [text(r) for r in light(f, dt.date(2020, 12, 1)).reasons] == [
        "11月进展已采纳（更正稿待单位负责人审核）"
    ]


def test_the_task_stays_green_through_the_whole_correction(corrected, people) -> None:
    task, v2 = corrected
    got = _light(task)
    assert got.colour == "green"
    assert [text(r) for r in got.reasons] == ["10月进展已采纳（更正稿编写中）", "11月进展已采纳"]
    sent_back = _sent_back(task, v2, people)
    assert sent_back.state == State.RETURNED
    got = _light(task)
    assert got.colour == "green" and text(got.reasons[0]) == "10月进展已采纳（更正稿被退回）"
    services.save_draft(task, people.reporter, "2020-10", "再次更正。")  # the returned v2
    services.submit(ProgressReport.objects.get(pk=v2.pk), people.reporter)
    services.approve(ProgressReport.objects.get(pk=v2.pk), people.head)
    services.return_report(ProgressReport.objects.get(pk=v2.pk), people.office, "仍需核对。")
    got = _light(task)
    assert got.colour == "green" and text(got.reasons[0]) == "10月进展已采纳（更正稿被退回）"
    services.save_draft(task, people.reporter, "2020-10", "第三次更正。")
    got = _light(task)
    assert got.colour == "green" and text(got.reasons[0]) == "10月进展已采纳（更正稿编写中）"


def test_the_task_page_ledger_bulletin_and_workspace_agree(
    corrected, people, reporter_client, office_client
) -> None:
    import openpyxl
    from docx import Document

    task, v2 = corrected
    _sent_back(task, v2, people)
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, 1])).content.decode()
    assert "10月进展已采纳（更正稿被退回）" in page and "逾期" not in page
    assert '2020年10月</th><td>2020-11-05</td><td class="word">已采纳（更正稿：已退回）' in page
    sheet = openpyxl.load_workbook(io.BytesIO(ledger.ledger_xlsx(task.plan))).active
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == 1)
    assert (row[9], row[10]) == ("绿灯", "10月进展已采纳（更正稿被退回）；11月进展已采纳")
    assert row[8] == "2020年11月：11月进展。"
    doc = Document(io.BytesIO(ledger.bulletin_docx(task.plan, "2020-12", TODAY)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert not any(p.startswith("1. ") for p in paragraphs)  # task 1 is not flagged
    tables = doc.tables[2:]  # none: "四、…" says 无
    trouble = {r.cells[0].text: r.cells[2].text for t in tables for r in t.rows[1:]}
    assert trouble.get("区发展改革委", "0") == "0"
    for client in (reporter_client, office_client):
        red = client.get(
            reverse("reporting:home"), {"plan": task.plan_id, "warning": "red"}
        ).content.decode()
        assert not re.search(r'<th scope="row">1</th>', red.split("</thead>", 1)[-1])


def test_no_reminder_for_a_period_accepted_and_being_corrected(corrected, people) -> None:
    task, v2 = corrected
    _sent_back(task, v2, people)
    reminders.send_reminders(TODAY)
    assert not Reminder.objects.filter(task=task, period="2020-10").exists()
    reminders.remind_tasks(people.office, [task], TODAY)
    assert not Reminder.objects.filter(task=task, period="2020-10").exists()


def test_a_correction_submitted_after_the_due_date_is_no_late_report(
    corrected, people, monkeypatch
) -> None:
    """The public scorecard's late reports (disclosure): October's v1 was on time; its
    correction, submitted weeks after the due date, is not a report sent late."""
    from duban.disclosure.services import unit_report_counts

    task, v2 = corrected
    on_time = dt.datetime(2020, 11, 2, 2, 0, tzinfo=dt.UTC)
    ProgressReport.objects.filter(task=task, submitted_at__isnull=False).update(
        submitted_at=on_time
    )
    services.submit(ProgressReport.objects.get(pk=v2.pk), people.reporter)
    ProgressReport.objects.filter(pk=v2.pk).update(
        submitted_at=dt.datetime(2020, 12, 1, 2, 0, tzinfo=dt.UTC)
    )
    monkeypatch.undo()  # (the day of each submission is read in Beijing's time)
    counts = unit_report_counts(task.plan).get(people.reporter.unit.name, {"late": 0})
    assert counts["late"] == 0


def test_a_correction_under_way_is_said_beside_the_other_reasons() -> None:
    """An indicator on pace is a reason of its own: the correction is still said, after it."""
    from decimal import Decimal

    from duban.reporting.lights import IndicatorFacts

    months = {(1, f"2020-{m:02d}"): "accepted" for m in range(1, 11)}
    f = TaskFacts(year=2020, leads=[(1, "区发展改革委")], reports=months)
    f.corrections = {(1, "2020-10"): "pending"}
    f.indicators = [
        IndicatorFacts(
            "固定资产投资", Decimal(200), latest=Decimal(190), as_of=dt.date(2020, 10, 31)
        )
    ]
    got = light(f, dt.date(2020, 11, 20))
    assert got.colour == "green"
    assert [text(r) for r in got.reasons] == [
        "进度正常：固定资产投资完成95%，序时应达83%",
        "10月进展已采纳（更正稿待单位负责人审核）",
    ]


def test_the_public_page_tells_a_corrected_period_once_in_its_corrected_words(
    corrected, people, client
) -> None:  # type: ignore[no-untyped-def]
    from duban.disclosure.services import publish

    task, v2 = corrected
    services.save_draft(task, people.reporter, "2020-10", "10月进展（更正：投资额为1.2亿元）。")
    services.submit(ProgressReport.objects.get(pk=v2.pk), people.reporter)
    services.approve(ProgressReport.objects.get(pk=v2.pk), people.head)
    services.accept(ProgressReport.objects.get(pk=v2.pk), people.office)
    publish(task.plan, people.office, "year_end")
    page = client.get(reverse("disclosure:task", args=[task.plan_id, task.number]))
    text = page.content.decode()
    assert text.count("10月进展") == 1 and "投资额为1.2亿元" in text
    assert "已更正" in text
    assert text.count("9月进展") == 1 and text.count("已更正") == 1


def test_only_the_newest_version_offers_a_correction(corrected, people, reporter_client) -> None:
    task, v2 = corrected
    url = reverse("reporting:task", args=[task.plan_id, 1])
    correct = re.compile(r'action="/work/reports/(\d+)/correct/"')

    def offered() -> set[int]:
        return {int(n) for n in correct.findall(reporter_client.get(url).content.decode())}

    september = ProgressReport.objects.get(task=task, unit=people.reporter.unit, period="2020-09")
    # v1 of October is accepted but its correction (v2) is being written: pressing it was
    # refused with "该报告已有更新的版本".
    assert v2.version == 2 and september.id in offered() and v2.id not in offered()
    assert not {r.id for r in ProgressReport.objects.filter(period="2020-10")} & offered()

"""The task page's history sections are cached under a digest of the history rows and the
names they show (history.task_rows): every change is on the next view, whoever or whatever
wrote it, and only the office is shown them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.plans import services as plan_services

pytestmark = pytest.mark.django_db


def _history(client, task) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    assert page.status_code == 200
    body = page.content.decode()
    return body[body.index('id="close-h"') :] if 'id="close-h"' in body else ""


def _edit(task, people, **changes):  # type: ignore[no-untyped-def]
    from duban.plans.models import Unit

    data = {
        "number": task.number,
        "content": task.content,
        "category": task.category,
        "deadline": task.deadline,
        "reporting_cycle": task.reporting_cycle,
        "leader": task.leader,
        **changes,
    }
    lead = [a.unit for a in task.assignments.filter(role="lead")]
    co = changes.pop("co", [Unit.objects.get(name="区体育局")])
    plan_services.save_task(people.office, task.plan, task, data, lead, co)


def test_an_edit_shows_in_the_history_at_once(office_client, plan, people) -> None:
    task = plan.tasks.get(number=3)
    before = _history(office_client, task)
    _edit(task, people, deadline=dt.date(2020, 12, 15))
    after = _history(office_client, task)
    assert after != before and "<ins>2020-12-15</ins>" in after and "<ins>区体育局</ins>" in after


def test_names_in_the_history_follow_the_people_units_and_leaders(
    office_client, plan, people
) -> None:
    from duban.accounts.models import User
    from duban.plans.models import Assignment, Task, Unit

    task = plan.tasks.get(number=4)
    _edit(task, people, leader=people.leader)
    for model in (Task, Assignment):  # written by the office (a service run outside a request)
        model.history.model.objects.update(history_user=people.office)
    assert "<ins>区体育局</ins>" in _history(office_client, task)
    User.objects.filter(pk=people.office.pk).update(first_name="改名的督查员", last_name="")
    User.objects.filter(pk=people.leader.pk).update(first_name="改名的分管领导", last_name="")
    Unit.objects.filter(name="区体育局").update(name="区体育局（改名）")
    html = _history(office_client, task)
    assert "改名的督查员" in html and "<ins>改名的分管领导</ins>" in html
    assert "<ins>区体育局（改名）</ins>" in html


def test_a_history_row_written_without_signals_shows(office_client, plan, people) -> None:
    from duban.plans.models import Task

    task = plan.tasks.get(number=5)
    _edit(task, people, reporting_cycle="quarter")
    assert "季" in _history(office_client, task)
    historical = Task.history.model
    newest = historical.objects.filter(id=task.id).order_by("-history_date").first()
    historical.objects.filter(pk=newest.pk).update(history_change_reason="批量补记的原因")
    assert "批量补记的原因" in _history(office_client, task)
    historical.objects.filter(pk=newest.pk).delete()
    assert "批量补记的原因" not in _history(office_client, task)


def test_the_status_history_follows_the_task(office_client, plan, people) -> None:
    from duban.plans.models import Task

    task = plan.tasks.get(number=6)
    Task.objects.filter(pk=task.pk).update(proposed_status="")
    fresh = Task.objects.get(pk=task.pk)
    fresh.proposed_status = "completed"
    fresh.save()
    assert "状态变更记录" in _history(office_client, task)
    historical = Task.history.model
    historical.objects.filter(id=task.id).update(proposed_status="")  # as if never proposed
    assert "状态变更记录" not in _history(office_client, task)


def test_only_the_office_is_shown_the_history(office_client, reporter_client, plan, people) -> None:
    task = plan.tasks.filter(assignments__unit=people.reporter.unit).order_by("number").first()
    _edit(task, people, deadline=dt.date(2020, 12, 20))
    assert "<ins>2020-12-20</ins>" in _history(office_client, task)
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    assert page.status_code == 200 and 'id="hist-h"' not in page.content.decode()


def _reports(client, task) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    body = page.content.decode()
    return body.split('id="reports-h"')[1].split("</section>")[0]


def test_a_report_s_text_figures_unit_and_state_show_at_once(
    office_client, reporter_client, plan, people
) -> None:
    from duban.plans.models import Indicator, Unit
    from duban.reporting import services
    from duban.reporting.models import IndicatorValue, ProgressReport

    task = plan.tasks.filter(assignments__unit=people.reporter.unit).order_by("number").first()
    indicator = Indicator.objects.create(task=task, metric="新建住房", target_value=100, unit="套")
    report = services.save_draft(task, people.reporter, "2020-09", "第一稿。", {indicator.id: 10})
    for client in (office_client, reporter_client):
        assert "第一稿" in _reports(client, task) and "新建住房：10套" in _reports(client, task)
    ProgressReport.objects.filter(pk=report.pk).update(text="批量改写的进展")
    shown = _reports(reporter_client, task)
    assert "批量改写的进展" in shown and "第一稿" not in shown
    IndicatorValue.objects.filter(report=report).update(value=12)
    assert "新建住房：12套" in _reports(reporter_client, task)
    Indicator.objects.filter(pk=indicator.pk).update(metric="改名的指标", unit="户")
    assert "改名的指标：12户" in _reports(reporter_client, task)
    Unit.objects.filter(pk=report.unit_id).update(name="改了名的报送单位")
    assert "改了名的报送单位" in _reports(reporter_client, task)
    draft = _reports(office_client, task)
    ProgressReport.objects.filter(pk=report.pk).update(state="submitted")
    for client in (office_client, reporter_client):
        assert "<strong>草稿</strong>" not in _reports(client, task)
    assert "<strong>草稿</strong>" in draft
    assert 'name="csrfmiddlewaretoken"' in _reports(office_client, task)  # accept / return


def _warning(client, task) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    body = page.content.decode()
    return body.split('id="why-h"')[1].split("</section>")[0]


def test_the_light_its_reasons_and_periods_follow_the_task(office_client, plan) -> None:
    from duban.plans.models import Task
    from duban.reporting.models import Milestone

    task = plan.tasks.get(number=7)
    Task.objects.filter(pk=task.pk).update(status="", proposed_status="", completion="")
    before = _warning(office_client, task)
    milestone = Milestone.objects.create(task=task, due=dt.date(2020, 3, 31), text="完成方案编制")
    overdue = _warning(office_client, task)
    assert "完成方案编制" in overdue and overdue != before
    Milestone.objects.filter(pk=milestone.pk).update(done=True)
    assert "完成方案编制" not in _warning(office_client, task)
    Task.objects.filter(pk=task.pk).update(reporting_cycle="quarter")
    page = office_client.get(reverse("reporting:task", args=[task.plan_id, task.number]))
    periods = page.content.decode().split('id="periods-h"')[1].split("</table>")[0]
    assert "季度" in periods and "月" not in periods.replace("年", "")

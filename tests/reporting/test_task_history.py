"""The task page's history: each change with the field's Chinese name and its value before
and after, units added and removed, reports' states; never a field's code name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.plans import services as plan_services
from duban.plans.models import Unit

pytestmark = pytest.mark.django_db


def edit_task_2(plan, people, added: str = ""):  # type: ignore[no-untyped-def]
    """The office gives task 2 a deadline, a quarterly cycle, a leader and 区体育局 beside
    its lead units (and `added` after its text): a change in every kind of field."""
    task = plan.tasks.get(number=2)
    data = {
        "number": 2,
        "content": task.content + added,
        "category": task.category,
        "deadline": dt.date(2020, 11, 30),
        "reporting_cycle": "quarter",
        "leader": people.leader,
    }
    lead = [a.unit for a in task.assignments.filter(role="lead")]
    plan_services.save_task(
        people.office, plan, task, data, lead, [Unit.objects.get(name="区体育局")]
    )
    return plan.tasks.get(number=2)


def _history_html(client, plan, number: int) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("reporting:task", args=[plan.id, number])).content.decode()
    return page[page.index('id="hist-h"') :]


def test_an_edit_shows_old_and_new_values_with_chinese_labels(office_client, plan, people) -> None:
    task = plan.tasks.get(number=2)
    old_deadline = task.deadline
    edit_task_2(plan, people)
    html = _history_html(office_client, plan, 2)
    assert "完成时限" in html and "2020-11-30" in html
    assert f"<del>{old_deadline.isoformat() if old_deadline else '—'}</del>" in html
    assert "报送周期" in html and "季" in html
    assert "分管领导" in html and "<ins>leader</ins>" in html
    assert "配合单位" in html and "<ins>区体育局</ins>" in html
    for code in ("deadline", "quarter", "leader_id", "revision", "office_fields"):
        assert code not in html.split("</section>")[0]


def test_a_report_shows_its_states(office_client, plan, people) -> None:
    from duban.reporting import services

    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-Y", "全年进展。")
    services.submit(report, people.reporter)
    html = _history_html(office_client, plan, 1)
    assert "全年" in html and "<del>草稿</del>" in html

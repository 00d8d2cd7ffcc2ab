"""Milestones (节点): the office adds, edits, marks done and removes them on the task page,
or reads them from the text; a passed milestone turns the light red; others may only look."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.reporting.milestones import read_milestones
from duban.reporting.models import Milestone
from duban.reporting.warnings import current_lights


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    t = plan.tasks.get(number=1)
    t.completion = ""  # the year under way
    t.save()
    return t


def _url(task, name="reporting:milestone-add"):  # type: ignore[no-untyped-def]
    return reverse(name, args=[task.plan_id, task.number])


def test_the_office_adds_edits_and_removes_a_milestone(office_client, task) -> None:
    office_client.post(_url(task), {"due": "2020-06-30", "text": "完成招标"})
    m = Milestone.objects.get(task=task)
    assert (m.due, m.text, m.done) == (dt.date(2020, 6, 30), "完成招标", False)
    page = office_client.get(reverse("reporting:task", args=[task.plan_id, 1])).content.decode()
    assert 'value="完成招标"' in page
    office_client.post(
        reverse("reporting:milestone-change", args=[m.id]),
        {"due": "2020-07-15", "text": "完成招标", "done": "on"},
    )
    m.refresh_from_db()
    assert m.due == dt.date(2020, 7, 15) and m.done and m.done_on is not None
    office_client.post(
        reverse("reporting:milestone-change", args=[m.id]),
        {"due": "2020-07-15", "text": "完成招标", "remove": "1"},
    )
    assert not Milestone.objects.filter(task=task).exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="duban.milestone")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["duban.milestone.added", "duban.milestone.changed", "duban.milestone.removed"]


def test_a_refused_milestone_keeps_what_was_typed(office_client, task) -> None:
    # No date (a browser without a date picker): the task page again, the words typed in
    # the new milestone's row, the error above it — not a redirect that loses them.
    response = office_client.post(_url(task), {"due": "", "text": "完成招标"})
    page = response.content.decode()
    assert response.status_code == 200 and not Milestone.objects.exists()
    assert "请填写节点时间。" in page and 'name="text" value="完成招标"' in page


def test_a_refused_change_keeps_the_rows_words_and_changes_nothing(office_client, task) -> None:
    office_client.post(_url(task), {"due": "2020-06-30", "text": "完成招标"})
    m = Milestone.objects.get(task=task)
    typed = "完成招标并签订合同" * 30  # 270 characters, pasted from a Word file
    response = office_client.post(
        reverse("reporting:milestone-change", args=[m.id]), {"due": "2020-07-15", "text": typed}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{typed}"' in page and 'value="2020-07-15"' in page
    assert "最多 200 字，已输入 270 字" in page  # the limit, said on the row
    m.refresh_from_db()
    assert (m.due, m.text) == (dt.date(2020, 6, 30), "完成招标")
    # The other rows show what they hold: the new milestone's row is empty.
    assert page.count('value="完成招标"') == 0 and 'name="due" value=""' in page


def test_a_passed_milestone_turns_the_light_red(task, people) -> None:
    read_milestones(people.office, [task])  # task 1 prints no dated clause
    Milestone.objects.create(task=task, due=dt.date(2020, 6, 30), text="完成招标")
    light = current_lights([task.id], dt.date(2020, 7, 12))[task.id]
    assert (
        light.colour == "red"
        and {
            "code": "milestone_late",
            "colour": "red",
            "text": "完成招标",
            "date": "2020-06-30",
            "days": 12,
        }
        in light.reasons
    )


def test_milestones_are_read_from_the_text_once(task, people, office_client) -> None:
    task.content = "新建学校一所，6月底前完成招标，12月底前建成。"
    task.save()
    office_client.post(_url(task, "reporting:milestone-read"))
    office_client.post(_url(task, "reporting:milestone-read"))
    assert list(Milestone.objects.filter(task=task).values_list("due", "text", "source")) == [
        (dt.date(2020, 6, 30), "完成招标", "document"),
        (dt.date(2020, 12, 31), "建成", "document"),
    ]


def test_a_unit_sees_milestones_but_cannot_change_them(
    reporter_client, outsider_client, task
) -> None:
    m = Milestone.objects.create(task=task, due=dt.date(2020, 6, 30), text="完成招标")
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, 1])).content.decode()
    assert "完成招标" in page and 'name="text" value="完成招标"' not in page
    change = reverse("reporting:milestone-change", args=[m.id])
    assert reporter_client.post(change, {"due": "2020-07-01", "text": "x"}).status_code == 403
    assert outsider_client.post(change, {"due": "2020-07-01", "text": "x"}).status_code == 404
    assert reporter_client.post(_url(task), {"due": "2020-07-01", "text": "x"}).status_code == 403
    m.refresh_from_db()
    assert m.text == "完成招标"

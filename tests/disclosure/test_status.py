"""Status on the plan and task pages, and the office's confirmation of it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duban.plans.models import Status


def _rows(response) -> list[str]:
    return re.findall(r'<tr id="task-(\d+)"', response.content.decode())


def test_every_task_has_a_proposed_status(plan) -> None:
    assert not plan.tasks.filter(proposed_status="").exists()
    gdp = plan.tasks.get(number=1)
    assert gdp.proposed_status == Status.NOT_MET_AFTER_ADJUSTMENT
    assert gdp.flags == ["target_missed_after_adjustment"]
    (adjustment,) = gdp.adjustments.all()
    assert (adjustment.from_text, adjustment.to_text) == ("6%左右", "正增长")
    assert adjustment.approved_on.isoformat() == "2020-12-22"


def test_indicators_hold_target_and_actual(plan) -> None:
    (lift,) = plan.tasks.get(number=110).indicators.all()
    assert (lift.target_text, lift.actual_text) == ("15部", "19部")
    assert lift.met is True
    schools = {i.target_value: i for i in plan.tasks.get(number=94).indicators.all()}
    assert schools[5000].actual_value == 12482


def test_plan_page_shows_status_target_actual_and_discrepancy(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    row = body[body.index('id="task-1"') : body.index('id="task-2"')]
    assert "调整后仍未完成" in row and "⚠ 未达到调整后的目标" in row
    page4 = client.get(reverse("disclosure:plan", args=[plan.id]), {"page": 4}).content.decode()
    row110 = page4[page4.index('id="task-110"') : page4.index('id="task-111"')]
    assert "目标 15部 · 实际 19部" in row110
    assert "承诺兑现情况" in body


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"status": "not_met_after_adjustment"}, lambda rows: rows == ["1"]),
        ({"status": "kept"}, lambda rows: "110" in rows and "1" not in rows),
        ({"flagged": "on"}, lambda rows: "1" in rows and "110" not in rows),
    ],
)
def test_filter_by_status_and_discrepancy(client, plan, params, check) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    rows = [n for page in range(1, 6) for n in _rows(client.get(url, {**params, "page": page}))]
    assert check(list(dict.fromkeys(rows)))  # (a page past the last is the last again)


def test_summary_counts_add_up(client, plan) -> None:
    from duban.disclosure import summary
    from duban.disclosure.services import latest

    rows = list(latest(plan).tasks.all())
    categories = summary.by_category(rows)
    assert sum(t.total for t in categories) == 136
    assert summary.overall(rows).kept > 0
    units = summary.by_unit(rows)
    assert units[0].total >= units[-1].total


def test_office_confirms_a_different_status_and_both_are_kept(office_client, plan) -> None:
    task = plan.tasks.get(number=3)
    url = reverse("reporting:confirm-status", args=[plan.id, 3])
    response = office_client.post(url, {"status": "completed", "note": "收入增速快于经济增速"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "completed" and task.proposed_status == "ongoing"
    assert task.status_confirmed_by.username == "office"
    record = task.history.first()
    assert record.history_user.username == "office"
    assert record.history_change_reason == "status corrected"
    page = office_client.get(reverse("reporting:task", args=[plan.id, 3])).content.decode()
    assert "督查室已确认" in page and "系统建议" in page and "状态变更记录" in page


@pytest.mark.parametrize("persona", ["client", "reporter_client", "leader_client"])
def test_only_the_office_confirms(request, plan, persona) -> None:
    c = request.getfixturevalue(persona)
    url = reverse("reporting:confirm-status", args=[plan.id, 3])
    # Anonymous: to the login page; others: not their task (404) or not theirs to decide (403).
    assert c.post(url, {"status": "completed"}).status_code in (302, 403, 404)
    assert plan.tasks.get(number=3).status == ""
    page = c.get(reverse("disclosure:task", args=[plan.id, 3])).content.decode()
    assert "确认状态" not in page


def test_confirm_rejects_unknown_status(office_client, plan) -> None:
    url = reverse("reporting:confirm-status", args=[plan.id, 3])
    office_client.post(url, {"status": "done!"})
    assert plan.tasks.get(number=3).status == ""


def test_reimport_keeps_the_confirmed_status(office_client, plan) -> None:
    from duban.plans.importing import import_bytes
    from tests.conftest import XICHENG

    office_client.post(
        reverse("reporting:confirm-status", args=[plan.id, 3]), {"status": "completed"}
    )
    result = import_bytes(XICHENG.read_bytes(), XICHENG.name)
    assert not result.changed
    assert plan.tasks.get(number=3).status == "completed"


def test_task_page_shows_evidence_and_adjustment(client, plan) -> None:
    body = client.get(reverse("disclosure:task", args=[plan.id, 1])).content.decode()
    assert "增幅-1.1%" in body and "6%左右 → 正增长" in body
    assert "区第十六届人大常委会第42次会议" in body

"""A leader's workspace: the instructions they wrote with the units' answers, and the tasks
they lead that are closed, beside the open ones."""

from __future__ import annotations

from django.urls import reverse

from duban.reporting import services


def test_the_leader_sees_their_instructions_with_answers(leader_client, plan, people) -> None:
    task1, task2 = plan.tasks.get(number=1), plan.tasks.get(number=2)
    first = services.write_instruction(task1, people.leader, "请加快进度。")
    services.answer_instruction(first, people.reporter, "已制定进度表，按月调度。")
    services.write_instruction(task2, people.leader, "请报送资金使用情况。")
    page = leader_client.get(reverse("reporting:home")).content.decode()
    assert "我的批示（2，1条尚未答复）" in page
    assert "请加快进度。" in page and "已制定进度表，按月调度。" in page
    assert "区发展改革委" in page  # who answered: the unit
    assert page.index("请报送资金使用情况。") < page.index("请加快进度。")  # unanswered first
    assert "尚未答复" in page


def test_another_leaders_instructions_are_not_listed(client, plan, people) -> None:
    services.write_instruction(plan.tasks.get(number=1), people.leader, "只有我看得到的批示。")
    client.force_login(people.leader2)
    page = client.get(reverse("reporting:home")).content.decode()
    assert "只有我看得到的批示。" not in page
    assert "我的批示（0）" in page


def test_closed_tasks_stay_in_the_leaders_workspace(leader_client, plan, people) -> None:
    from duban.plans.services import confirm_status

    task = plan.tasks.get(number=3)
    confirm_status(task, people.office, "completed")
    services.close_task(task, people.office)
    page = leader_client.get(reverse("reporting:home")).content.decode()
    closed = page[page.index('id="closed-h"') : page.index('id="tasks-h"')]
    assert "已办结的任务（1）" in closed and f"{task.number}. {task.content[:20]}" in closed
    open_list = page[page.index('id="tasks-h"') :]
    assert f"/tasks/{task.number}/" not in open_list


def test_the_lists_are_the_leaders_only(reporter_client, office_client) -> None:
    for client in (reporter_client, office_client):
        page = client.get(reverse("reporting:home")).content.decode()
        assert "我的批示" not in page and 'id="closed-h"' not in page

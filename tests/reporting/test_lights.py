"""Warning lights from what is true: done tasks are done, no lead unit is red, late reports
name the period and the days, pace per indicator, the worst reason wins (lights.py), and the
stored lights are read in one query and kept current by the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from duban.reporting import services
from duban.reporting.lights import (
    IndicatorFacts,
    MilestoneFacts,
    TaskFacts,
    expected_share,
    light,
)
from duban.reporting.models import TaskLight
from duban.reporting.reasons import one_line, text
from duban.reporting.warnings import current_lights

D = dt.date


def _facts(**kw) -> TaskFacts:  # type: ignore[no-untyped-def]
    return TaskFacts(year=2020, leads=[(1, "区教委")], **kw)


def _lines(f: TaskFacts, today: dt.date) -> list[str]:
    return [text(r) for r in light(f, today).reasons]


def test_a_task_whose_year_end_completion_is_in_is_done_not_late() -> None:
    f = _facts(completed=True, status="completed")
    got = light(f, D(2021, 3, 1))
    assert got.colour == "done" and _lines(f, D(2021, 3, 1)) == ["全年完成情况已报送：已完成"]


def test_a_done_task_the_government_reports_not_completed_is_red() -> None:
    assert light(_facts(completed=True, status="delayed"), D(2021, 3, 1)).colour == "red"
    assert light(_facts(completed=True, status="partial"), D(2021, 3, 1)).colour == "yellow"
    assert _lines(_facts(completed=True, status="delayed"), D(2021, 3, 1)) == ["全年：延期"]


def test_no_lead_unit_is_red() -> None:
    f = TaskFacts(year=2020)
    got = light(f, D(2020, 2, 1))
    assert got.colour == "red" and _lines(f, D(2020, 2, 1)) == ["未分配牵头单位"]


def test_a_late_report_names_the_period_and_the_days() -> None:
    # March is due on April 5th: on April 10th it is five days late.
    f = _facts(cycle="quarter")
    assert _lines(f, D(2020, 4, 10)) == ["第1季度进展逾期5天"]
    monthly = _facts(reports={(1, "2020-01"): "accepted", (1, "2020-02"): "accepted"})
    assert _lines(monthly, D(2020, 4, 10)) == ["3月进展逾期5天"]


def test_several_late_periods_are_one_line_with_the_longest() -> None:
    f = _facts()
    assert _lines(f, D(2020, 4, 10)) == ["1月、2月、3月进展逾期，最长65天"]
    assert _lines(f, D(2020, 7, 10)) == ["1月至6月（共6期）进展逾期，最长156天"]


def test_due_soon_returned_and_in_review_are_yellow() -> None:
    f = _facts(cycle="quarter")
    assert light(f, D(2020, 4, 3)).colour == "yellow"
    assert _lines(f, D(2020, 4, 3)) == ["第1季度进展4月5日到期"]
    returned = _facts(cycle="quarter", reports={(1, "2020-Q1"): "returned"})
    assert _lines(returned, D(2020, 4, 1)) == ["第1季度进展被退回，待修改"]
    waiting = _facts(cycle="quarter", reports={(1, "2020-Q1"): "submitted"})
    assert _lines(waiting, D(2020, 4, 8)) == ["第1季度进展待督查室审核"]


def test_green_says_why() -> None:
    f = _facts(cycle="quarter", reports={(1, "2020-Q1"): "accepted"})
    got = light(f, D(2020, 5, 1))
    assert got.colour == "green" and _lines(f, D(2020, 5, 1)) == ["第1季度进展已采纳"]
    assert _lines(_facts(cycle="quarter"), D(2020, 2, 1)) == ["尚未到报送时间"]


def test_pace_against_the_share_of_the_year_at_the_reported_period() -> None:
    # 45 of 100 at the end of September: 75% expected, 30 points behind: red.
    behind = _facts(
        cycle="quarter",
        reports={(1, "2020-Q1"): "accepted", (1, "2020-H1"): "accepted"},
        indicators=[
            IndicatorFacts("新建口袋公园", Decimal(100), ">=", Decimal(45), D(2020, 9, 30))
        ],
    )
    got = light(behind, D(2020, 10, 2))
    assert got.colour == "red"
    assert "进度滞后：新建口袋公园完成45%，序时应达75%" in _lines(behind, D(2020, 10, 2))
    slightly = _facts(
        indicators=[IndicatorFacts("m", Decimal(100), ">=", Decimal(60), D(2020, 9, 30))]
    )
    assert light(slightly, D(2020, 1, 2)).colour == "yellow"
    on_pace = _facts(
        indicators=[IndicatorFacts("m", Decimal(100), ">=", Decimal(80), D(2020, 9, 30))]
    )
    assert light(on_pace, D(2020, 1, 2)).colour == "green"
    at_most = _facts(indicators=[IndicatorFacts("m", Decimal(2), "<=", Decimal(0), D(2020, 9, 30))])
    assert light(at_most, D(2020, 1, 2)).reasons[0]["code"] == "not_due"


def test_expected_share_counts_whole_months() -> None:
    assert expected_share(D(2020, 11, 30), 2020) == Decimal(11) / 12
    assert expected_share(D(2020, 4, 20), 2020) == Decimal(3) / 12
    assert expected_share(D(2021, 1, 1), 2020) == 1
    assert expected_share(D(2019, 12, 31), 2020) == 0


def test_a_missed_milestone_is_red_and_the_worst_reason_comes_first() -> None:
    f = _facts(
        cycle="year",
        milestones=[
            MilestoneFacts(D(2020, 6, 30), "完成招标"),
            MilestoneFacts(D(2020, 12, 31), "建成"),
            MilestoneFacts(D(2020, 3, 31), "完成立项", done=True),
        ],
    )
    got = light(f, D(2020, 7, 12))
    assert got.colour == "red"
    assert _lines(f, D(2020, 7, 12)) == ["节点逾期12天：完成招标（6月30日）"]
    assert _lines(f, D(2020, 12, 29)) == [
        "节点逾期182天：完成招标（6月30日）",
        "节点12月31日到期：建成",
    ]


def test_the_list_line_names_the_worst_and_counts_the_rest() -> None:
    f = _facts(deadline=D(2020, 3, 31))
    got = light(f, D(2020, 4, 10))
    assert one_line(got.reasons) == "1月、2月、3月进展逾期，最长65天（另有1条）"


# -- stored lights ------------------------------------------------------------------------------


def test_the_xicheng_demo_shows_done_where_the_government_reported_done(plan) -> None:
    tasks = list(plan.tasks.all())
    lights = current_lights([t.id for t in tasks], D(2021, 3, 1))
    # Every task has its completion from the government's document: done, unless the
    # document says it was not (delayed, not completed, missed even the adjusted target).
    for t in tasks:
        expected = {
            "partial": "yellow",
            "delayed": "red",
            "not_completed": "red",
            "not_met_after_adjustment": "red",
        }.get(t.effective_status, "done")
        assert lights[t.id].colour == expected, (t.number, t.effective_status)
    assert sum(lt.colour == "done" for lt in lights.values()) > 120


def test_stored_lights_are_read_in_one_query(plan, django_assert_num_queries) -> None:
    ids = list(plan.tasks.values_list("id", flat=True))
    current_lights(ids)
    with django_assert_num_queries(1):
        current_lights(ids)


def test_a_plan_of_lights_is_computed_in_a_few_queries(plan, django_assert_max_num_queries) -> None:
    ids = list(plan.tasks.values_list("id", flat=True))
    with django_assert_max_num_queries(9):
        current_lights(ids)


@pytest.fixture
def open_task(plan):  # type: ignore[no-untyped-def]
    """Task 1 as if the year were under way: no completion yet, quarterly."""
    task = plan.tasks.get(number=1)
    task.completion, task.reporting_cycle = "", "quarter"
    task.save()
    return task


def test_a_service_change_makes_the_stored_light_current(
    open_task, people, django_capture_on_commit_callbacks
) -> None:
    # (Lights are forgotten once the change has committed: the callbacks run it here.)
    today = D(2020, 4, 10)
    assert current_lights([open_task.id], today)[open_task.id].colour == "red"
    with django_capture_on_commit_callbacks(execute=True):
        report = services.save_draft(open_task, people.reporter, "2020-Q1", "一季度进展。")
        services.submit(report, people.reporter)
    assert TaskLight.objects.get(task=open_task).computed_on is None  # forgotten
    assert current_lights([open_task.id], today)[open_task.id].reasons[0]["code"] == "in_review"
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(report, people.office)
    assert current_lights([open_task.id], today)[open_task.id].colour == "green"


def test_a_light_is_forgotten_only_once_the_change_commits(open_task, people) -> None:
    """Forgotten inside the change, a reader could store the old state's light again before
    the commit; and the change would hold the light's row while it runs."""
    today = D(2020, 4, 10)
    current_lights([open_task.id], today)
    from django.db import transaction

    with transaction.atomic():
        services.save_draft(open_task, people.reporter, "2020-Q1", "一季度进展。")
        assert TaskLight.objects.get(task=open_task).computed_on == today  # not yet


def test_a_light_of_yesterday_is_computed_again(open_task) -> None:
    current_lights([open_task.id], D(2020, 4, 1))
    assert current_lights([open_task.id], D(2020, 4, 10))[open_task.id].colour == "red"


def test_a_task_without_lead_unit_is_red_on_its_page(office_client, open_task) -> None:
    open_task.assignments.filter(role="lead").delete()
    page = office_client.get(reverse("reporting:task", args=[open_task.plan_id, 1]))
    body = page.content.decode()
    assert "未分配牵头单位" in body and 'light light-red">红灯' in body


def test_a_passed_deadline_is_red_until_a_status_is_confirmed() -> None:
    f = _facts(cycle="year", deadline=D(2020, 6, 30))
    assert _lines(f, D(2020, 7, 10)) == ["已过完成时限6月30日，超期10天"]
    f.confirmed, f.status = True, "delayed"
    assert light(f, D(2020, 7, 10)).colour == "green"

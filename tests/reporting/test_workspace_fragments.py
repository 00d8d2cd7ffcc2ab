"""The office's workspace around the task rows — the plans, the review queue, the requests,
the filters — is cached as fragments under the values they show (office_home.py,
workspace.task_list): a change shows on the next view, even one written in bulk without a
signal, and the office's parts reach no one else."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def _home(client, **params) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("reporting:home"), params)
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str, heading_id: str) -> str:
    return body.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _report(plan, people, number: int = 1):  # type: ignore[no-untyped-def]
    from duban.reporting.models import ProgressReport

    task = plan.tasks.get(number=number)
    unit = task.assignments.filter(role="lead").first().unit
    return ProgressReport.objects.create(
        task=task,
        unit=unit,
        period="2020-09",
        text="进展",
        state=ProgressReport.State.SUBMITTED,
        submitted_at=timezone.now(),
        author=people.reporter,
    )


def test_a_report_entering_and_leaving_the_queue_shows_at_once(office_client, plan, people) -> None:
    from duban.reporting.models import ProgressReport

    before = _home(office_client, plan=plan.id)
    total = 0
    if 'id="queue-h"' in before:
        total = int(before.split('id="queue-h">')[1].split("（")[1].split("）")[0])
    report = _report(plan, people)
    queue = _section(_home(office_client, plan=plan.id), "queue-h")
    assert f"（{total + 1}）" in queue and f"/tasks/{report.task.number}/" in queue
    ProgressReport.objects.filter(pk=report.pk).update(state=ProgressReport.State.ACCEPTED)
    after = _home(office_client, plan=plan.id)
    assert f"（{total + 1}）" not in (after.split('id="queue-h"')[1] if total else after)


def test_what_a_queued_report_shows_follows_its_task_and_unit(office_client, plan, people) -> None:
    from duban.plans.models import Task, Unit

    report = _report(plan, people)
    assert report.unit.name in _section(_home(office_client, plan=plan.id), "queue-h")
    Task.objects.filter(pk=report.task_id).update(content="排队报告的任务改了内容")
    Unit.objects.filter(pk=report.unit_id).update(name="排队报告的单位改了名")
    queue = _section(_home(office_client, plan=plan.id), "queue-h")
    assert "排队报告的任务改了内容" in queue and "排队报告的单位改了名" in queue


def test_a_pending_request_shows_at_once(office_client, plan, people) -> None:
    from duban.reporting.models import Request

    task = plan.tasks.get(number=2)
    unit = task.assignments.filter(role="lead").first().unit
    body = _home(office_client, plan=plan.id)
    shown = body.count("/tasks/2/") if 'id="req-h"' in body else 0
    made = Request.objects.create(
        task=task,
        unit=unit,
        kind=Request.Kind.EXTENSION,
        reason="延期",
        requested_by=people.reporter,
    )
    requests = _section(_home(office_client, plan=plan.id), "req-h")
    assert requests.count("/tasks/2/") == shown + 1 and "延期" in requests  # the kind's label
    Request.objects.filter(pk=made.pk).update(kind=Request.Kind.ADJUSTMENT)
    assert "调整" in _section(_home(office_client, plan=plan.id), "req-h")


def test_the_plan_list_follows_titles_publications_and_the_chosen_plan(
    office_client, plan, hidden_plan, people
) -> None:
    from duban.disclosure.services import publish
    from duban.plans.models import Plan

    plans = _section(_home(office_client, plan=plan.id), "plans-h")
    assert f'aria-current="true"><th scope="row"><a href="?plan={plan.id}"' in plans
    other = _section(_home(office_client, plan=hidden_plan.id), "plans-h")
    assert f'aria-current="true"><th scope="row"><a href="?plan={hidden_plan.id}"' in other
    row = other.split(f'href="?plan={hidden_plan.id}"')[1].split("</tr>")[0]
    assert "—" in row  # never published
    Plan.objects.filter(pk=hidden_plan.pk).update(title="改过标题的计划")
    publish(Plan.objects.get(pk=hidden_plan.pk), people.office, "update")
    plans = _section(_home(office_client, plan=plan.id), "plans-h")
    row = plans.split(f'href="?plan={hidden_plan.id}"')[1].split("</tr>")[0]
    assert "改过标题的计划" in row and timezone.localdate().isoformat() in row


def test_the_filters_follow_units_categories_leaders_and_the_choice(
    office_client, plan, people
) -> None:
    from duban.accounts.models import User
    from duban.plans.models import Category, Task, Unit

    task = plan.tasks.order_by("number").first()
    filters = _home(office_client, plan=plan.id).split('class="inline-form filters"')[1]
    unit = task.assignments.filter(role="lead").first().unit
    assert f'<option value="{unit.id}">' in filters.split("</form>")[0]
    Unit.objects.filter(pk=unit.pk).update(name="筛选里改名的单位")
    Category.objects.filter(pk=task.category_id).update(name="筛选里改名的类别")
    Task.objects.filter(plan=plan).update(leader=people.leader)
    User.objects.filter(pk=people.leader.pk).update(first_name="改名的领导")
    other = plan.tasks.exclude(pk=task.pk).order_by("number").first()
    Task.objects.filter(pk=other.pk).update(leader=people.leader2)
    form = _home(office_client, plan=plan.id).split('class="inline-form filters"')[1]
    form = form.split("</form>")[0]
    assert "筛选里改名的单位" in form and "筛选里改名的类别" in form and "改名的领导" in form
    chosen = _home(office_client, plan=plan.id, unit=unit.id).split('class="inline-form filters"')
    assert f'<option value="{unit.id}" selected>' in chosen[1].split("</form>")[0]


def test_the_office_s_parts_reach_no_one_else(office_client, reporter_client, plan, people) -> None:
    _report(plan, people)
    assert 'id="queue-h"' in _home(office_client, plan=plan.id)
    mine = _home(reporter_client, plan=plan.id)
    assert 'id="queue-h"' not in mine and 'id="plans-h"' not in mine


def test_the_office_s_workspace_reads_twelve_queries(
    office_client, plan, people, django_assert_num_queries
) -> None:
    _report(plan, people)
    _home(office_client, plan=plan.id)  # the lights stored
    with django_assert_num_queries(12):
        _home(office_client, plan=plan.id)


def test_a_filter_finds_tasks_beyond_the_first_read(office_client, plan, monkeypatch) -> None:
    # The list reads at most MAX_TASKS open tasks and filters those rows; a plan with more
    # must still give a filter its every task (here the cap is 5, the unit's task No. 120).
    from duban.reporting import workspace

    monkeypatch.setattr(workspace, "MAX_TASKS", 5)
    task = plan.tasks.get(number=120)
    unit = task.assignments.filter(role="lead").first().unit
    body = _home(office_client, plan=plan.id, unit=unit.id)
    assert f"/tasks/{task.number}/" in body


def test_the_publish_choice_offers_the_year_end_once_the_year_is_over(office_client, plan) -> None:
    # The demo plan is of 2020: its publication is the year's end, not a mid-year progress.
    body = _home(office_client, plan=plan.id)
    assert '<option value="year_end" selected>' in body
    plan.year = timezone.localdate().year
    plan.save()
    assert '<option value="mid_year" selected>' in _home(office_client, plan=plan.id)


def test_the_plans_tools_and_publish_form_follow_its_title_and_year(office_client, plan) -> None:
    from duban.plans.models import Plan

    def tools(**params) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        body = _home(office_client, plan=plan.id, **params)
        part = body.split('class="office-tools"')[1]
        return part.split('id="bulletin-month"')[1].split("</select>")[0], part.split("</form>")[2]

    months, publish = tools()
    assert "2020年12月" in months and f"<strong>{plan.title}</strong>" in publish
    Plan.objects.filter(pk=plan.pk).update(title="改了标题的计划", year=2019)  # no signal
    months, publish = tools()
    assert "2019年12月" in months and "2020年" not in months
    assert "<strong>改了标题的计划</strong>" in publish
    assert f'action="/work/plans/{plan.id}/publish/"' in publish
    other = Plan.objects.create(government="另一区", year=2019, title="另一个计划")
    body = _home(office_client, plan=other.id)
    assert "<strong>另一个计划</strong>" in body and f"/work/plans/{other.id}/ledger.xlsx" in body


def test_the_light_counts_follow_the_lights_and_the_filters(office_client, plan) -> None:
    import re

    from duban.reporting.models import TaskLight

    def counts(**params) -> dict[str, tuple[int, bool]]:  # type: ignore[no-untyped-def]
        body = _home(office_client, plan=plan.id, **params)
        line = body.split('class="kept-line">')[1].split("</p>")[0]
        found = re.findall(
            r'light-(\w+)" href="[^"]*"( aria-current="true")?>[^<]* (\d+)</a>', line
        )
        return {colour: (int(n), bool(current)) for colour, current, n in found}

    counts()  # the lights stored
    lights = TaskLight.objects.filter(task__plan=plan, task__closed_at__isnull=True)
    open_tasks = lights.count()
    lights.update(colour="red")  # without a signal
    lights.filter(task__number=3).update(colour="green")
    shown = counts()
    assert shown["red"] == (open_tasks - 1, False) and shown["green"] == (1, False)
    assert counts(warning="green")["green"] == (1, True)
    lights.update(colour="yellow")
    assert counts()["yellow"] == (open_tasks, False) and counts()["red"] == (0, False)

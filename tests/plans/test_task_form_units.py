"""The task form offers the units of the plan's government, not every unit the site holds
(at 1,000 synthetic plans, 20,000 units made the office's task page take 3.9 s: issue 19)."""

from __future__ import annotations

from duban.plans.models import Assignment, Plan, Unit
from duban.plans.office_forms import TaskForm


def test_the_units_offered_are_the_governments_and_the_unused(plan) -> None:
    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    task = other.tasks.create(number=1, content="别处的任务")
    theirs = Unit.objects.create(name="另一区交通局")
    Assignment.objects.create(task=task, unit=theirs, role=Assignment.Role.LEAD)
    spare = Unit.objects.create(name="区新设中心")  # added by the office, used by no task yet
    form = TaskForm(plan=plan, instance=plan.tasks.get(number=1))
    offered = {label for _pk, label in form.fields["lead_units"].widget.choices}
    assert "区发展改革委" in offered and spare.name in offered
    assert theirs.name not in offered
    assert form.fields["co_units"].widget.choices == form.fields["lead_units"].widget.choices
    # A government's first plan is offered every unit the site knows.
    new = Plan.objects.create(government="新设区人民政府", year=2021, title="新设区计划")
    first = {label for _pk, label in TaskForm(plan=new).fields["lead_units"].widget.choices}
    assert theirs.name in first and "区发展改革委" in first
    # The task's own units are offered, so the form shows them chosen.
    mine = set(plan.tasks.get(number=1).assignments.values_list("unit__name", flat=True))
    assert mine <= offered


def test_the_leaders_offered_are_the_governments_and_the_new(plan, people) -> None:
    from duban.accounts.models import User

    plan.tasks.filter(number=2).update(leader=people.leader)
    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    theirs = User.objects.create(username="another-leader", role=User.Role.LEADER)
    other.tasks.create(number=1, content="别处的任务", leader=theirs)
    new = User.objects.create(username="new-leader", first_name="新任领导", role=User.Role.LEADER)
    task = plan.tasks.get(number=1)
    form = TaskForm(plan=plan, instance=task)
    offered = dict(form.fields["leader"].widget.choices)
    assert offered[people.leader.pk] == (people.leader.get_full_name() or people.leader.username)
    assert offered[new.pk] == "新任领导" and theirs.pk not in offered
    assert "" in offered  # (none yet)
    # Still accepted when posted: the choice narrows what is shown, not what is allowed.
    assert form.fields["leader"].clean(theirs.pk) == theirs
    # The task's own leader is offered, so the form shows them chosen.
    task.leader = theirs
    task.save()
    chosen = TaskForm(plan=plan, instance=task)
    assert theirs.pk in dict(chosen.fields["leader"].widget.choices)
    assert f'<option value="{theirs.pk}" selected>' in str(chosen["leader"])
    # A government none of whose tasks has a leader yet is offered every leader.
    fresh = Plan.objects.create(government="新设区人民政府", year=2021, title="新设区计划")
    everyone = dict(TaskForm(plan=fresh).fields["leader"].widget.choices)
    assert {people.leader.pk, theirs.pk, new.pk} <= set(everyone)


def _offered(plan) -> set[str]:  # type: ignore[no-untyped-def]
    return {label for _pk, label in TaskForm(plan=plan).fields["lead_units"].widget.choices}


def test_the_unused_units_kept_follow_every_write_of_units_and_assignments(plan) -> None:
    """The unused units are kept between views (offered.unused_units): every change of what
    is used or named is offered on the next view, whoever made it."""
    from duban.plans import bulkwrite

    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    task = other.tasks.create(number=1, content="别处的任务")
    spare = Unit.objects.create(name="区新设中心")
    assert spare.name in _offered(plan)  # read once and kept
    used = Assignment.objects.create(task=task, unit=spare, role=Assignment.Role.LEAD)
    assert spare.name not in _offered(plan)  # another government's unit now
    used.delete()
    assert spare.name in _offered(plan)
    spare.name = "区新设服务中心"
    spare.save()
    assert "区新设服务中心" in _offered(plan) and "区新设中心" not in _offered(plan)
    # The import's bulk writer, which sends no signal, writes history rows too.
    bulkwrite.create_with_history(
        Assignment,
        [Assignment(task=task, unit=spare, role=Assignment.Role.LEAD)],
        key=("task_id", "unit_id", "role"),
        scope={"task__plan_id": other.id},
    )
    assert spare.name not in _offered(plan)
    bulkwrite.delete_with_history(Assignment, Assignment.objects.filter(task=task))
    assert spare.name in _offered(plan)
    # A task removed takes its assignments with it: their units are unused again.
    Assignment.objects.create(task=task, unit=spare, role=Assignment.Role.LEAD)
    assert spare.name not in _offered(plan)
    task.delete()
    assert spare.name in _offered(plan)
    made = Unit.objects.create(name="区另设中心")
    assert made.name in _offered(plan)


def test_the_task_form_reads_its_choices_in_queries_whatever_the_units(plan) -> None:
    """Two reads of the form, the second with more units and assignments elsewhere: the same
    number of queries (the units' and leaders' choices are SQL bounded by the government)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duban.plans import offered

    def count() -> int:
        offered.forget()  # a cold read, the unused units' query included
        with CaptureQueriesContext(connection) as ctx:
            form = TaskForm(plan=plan, instance=plan.tasks.get(number=1))
            str(form["lead_units"]), str(form["leader"])
        return len(ctx.captured_queries)

    before = count()
    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    for n in range(1, 6):
        t = other.tasks.create(number=n, content=f"别处的任务{n}")
        Assignment.objects.create(task=t, unit=Unit.objects.create(name=f"另一区局{n}"))
    assert count() == before


def test_the_choices_and_rows_read_in_sql_kept_render_as_the_orms(plan, people) -> None:
    """The category's choices, the task's units chosen and its indicator rows, read with SQL
    compiled once, make the HTML the ORM's querysets made."""
    from django import forms

    from duban.plans.models import Category
    from duban.plans.office_forms import PREFIX, IndicatorFormSet, indicator_formset

    task = plan.tasks.get(number=1)
    task.indicators.create(metric="新建", target_value=10, unit="个", order=1)
    task.indicators.create(metric="改造", target_value=5, unit="个", order=0)
    task.indicators.create(metric="已删", target_value=1, dismissed=True)
    form = TaskForm(plan=plan, instance=task)
    kept = str(form["category"])
    form.fields["category"].queryset = Category.objects.filter(plan=plan)  # the ORM's choices
    assert kept == str(form["category"]) and "selected" in kept
    roles = task.assignments.values_list("unit_id", "role")
    assert form.initial["lead_units"] == [u for u, r in roles if r == "lead"]
    assert form.initial["co_units"] == [u for u, r in roles if r == "co"]

    class ORM(IndicatorFormSet):  # the same formset, its rows read by Django's own
        def get_queryset(self):  # type: ignore[no-untyped-def]
            return forms.BaseInlineFormSet.get_queryset(self)

    orm = ORM(None, instance=task, prefix=PREFIX)
    shown = indicator_formset(None, task, plan)
    assert [str(f) for f in shown.forms] == [str(f) for f in orm.forms]
    metrics = [f.instance.metric for f in shown.forms if f.instance.pk]
    assert metrics == [f.instance.metric for f in orm.forms if f.instance.pk]
    assert metrics.index("改造") < metrics.index("新建") and "已删" not in metrics


def test_the_units_offered_are_in_the_databases_order_of_names(plan) -> None:
    from duban.plans import offered

    Unit.objects.create(name="区安新设中心")  # unused: offered beside the government's
    units = offered.units(plan)
    ids = [pk for pk, _name in units]
    assert len(units) > 10 and "区安新设中心" in dict(units).values()
    assert units == list(Unit.objects.filter(pk__in=ids).order_by("name").values_list("id", "name"))

"""The task form offers the units of the plan's government, not every unit the site holds
(at 1,000 synthetic plans, 20,000 units made the office's task page take 3.9 s: issue 19)."""

from __future__ import annotations

from duban.plans.models import Assignment, Plan, Unit
from duban.plans.office_forms import TaskForm


def test_the_units_offered_are_the_governments_only(plan) -> None:
    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    task = other.tasks.create(number=1, content="别处的任务")
    theirs = Unit.objects.create(government=other.government, name="另一区交通局")
    Assignment.objects.create(task=task, unit=theirs, role=Assignment.Role.LEAD)
    # Another government's unit of the very name Xicheng uses is another unit, not offered.
    namesake = Unit.objects.create(government=other.government, name="区发展改革委")
    spare = Unit.objects.create(government=plan.government, name="区新设中心")  # no task yet
    form = TaskForm(plan=plan, instance=plan.tasks.get(number=1))
    offered = dict(form.fields["lead_units"].widget.choices)
    assert "区发展改革委" in offered.values() and spare.name in offered.values()
    assert theirs.pk not in offered and namesake.pk not in offered
    assert form.fields["co_units"].widget.choices == form.fields["lead_units"].widget.choices
    # A government's first plan is offered its own units only (none yet): new ones by name.
    new = Plan.objects.create(government="新设区人民政府", year=2021, title="新设区计划")
    assert TaskForm(plan=new).fields["lead_units"].widget.choices == []
    # The task's own units are offered, so the form shows them chosen.
    mine = set(plan.tasks.get(number=1).assignments.values_list("unit_id", flat=True))
    assert mine <= set(offered)


def test_another_governments_unit_posted_by_id_is_refused(plan) -> None:
    theirs = Unit.objects.create(government="另一区人民政府", name="区发展改革委")
    form = TaskForm(
        {
            "number": "200",
            "content": "新任务",
            "reporting_cycle": "quarter",
            "lead_units": [theirs.pk],
        },
        plan=plan,
    )
    assert not form.is_valid() and "lead_units" in form.errors


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


def test_a_unit_added_or_renamed_is_offered_on_the_next_view(plan) -> None:
    spare = Unit.objects.create(government=plan.government, name="区新设中心")
    assert spare.name in _offered(plan)
    spare.name = "区新设服务中心"
    spare.save()
    assert "区新设服务中心" in _offered(plan) and "区新设中心" not in _offered(plan)
    spare.delete()
    assert "区新设服务中心" not in _offered(plan)


def test_the_task_form_reads_its_choices_in_queries_whatever_the_units(plan) -> None:
    """Two reads of the form, the second with more units and assignments elsewhere: the same
    number of queries (the units' and leaders' choices are SQL bounded by the government)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            form = TaskForm(plan=plan, instance=plan.tasks.get(number=1))
            str(form["lead_units"]), str(form["leader"])
        return len(ctx.captured_queries)

    before = count()
    other = Plan.objects.create(government="另一区人民政府", year=2020, title="另一区计划")
    for n in range(1, 6):
        t = other.tasks.create(number=n, content=f"别处的任务{n}")
        unit = Unit.objects.create(government=other.government, name=f"另一区局{n}")
        Assignment.objects.create(task=t, unit=unit)
        Unit.objects.create(government=plan.government, name=f"区新设局{n}")  # offered, too
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

    Unit.objects.create(government=plan.government, name="区安新设中心")  # used by no task
    units = offered.units(plan)
    ids = [pk for pk, _name in units]
    assert len(units) > 10 and "区安新设中心" in dict(units).values()
    assert units == list(Unit.objects.filter(pk__in=ids).order_by("name").values_list("id", "name"))

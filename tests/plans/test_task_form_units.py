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

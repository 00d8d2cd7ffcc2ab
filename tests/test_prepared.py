"""duban/prepared.py: a query compiled once gives, for any ids, what its queryset gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import TextField
from django.db.models.functions import Cast

from duban.prepared import Prepared


def _tasks(plan_id: int):  # type: ignore[no-untyped-def]
    from duban.plans.models import Task

    return (
        Task.objects.filter(plan_id=plan_id, closed_at__isnull=True)
        .annotate(_reasons=Cast("light__reasons", TextField()))
        .order_by("number")
        .values_list("id", "number", "deadline", "category__name", "light__computed_on", "_reasons")
    )


def test_the_rows_are_the_querysets_for_every_id(plan, hidden_plan, office_client) -> None:
    office_client.get(f"/work/?plan={plan.id}")  # the lights stored: JSON and dates to convert
    query = Prepared(_tasks)
    for plan_id in (plan.id, hidden_plan.id, plan.id, 10**9):
        assert query.rows(plan_id) == list(_tasks(plan_id))
    rows = query.rows(plan.id)
    assert len(rows) == 136 and isinstance(rows[0][4], dt.date)  # converted as the ORM does
    assert isinstance(rows[0][5], str) and rows[0][5].startswith("[")


def test_an_id_used_twice_and_two_ids(plan, people) -> None:
    from django.db.models import Q

    from duban.plans.models import Task

    def build(unit_id: int, leader_id: int):  # type: ignore[no-untyped-def]
        either = Q(assignments__unit_id=unit_id) | Q(leader_id=leader_id)
        return (
            Task.objects.filter(either, plan__tasks__assignments__unit_id=unit_id)
            .distinct()
            .order_by("id")
            .values_list("id", flat=True)
        )

    query = Prepared(build)
    unit, leader = people.reporter.unit_id, people.leader.pk
    for args in ((unit, leader), (leader, unit), (unit, 10**9)):
        assert query.rows(*args) == list(build(*args))
    assert query.rows(unit, leader)


def test_columns_selected_to_order_a_distinct_query_are_left_out(people) -> None:
    from duban.plans.models import Task

    def build(unit_id: int):  # type: ignore[no-untyped-def]
        tasks = Task.objects.filter(assignments__unit_id=unit_id).distinct()
        return tasks.order_by("plan__year", "number").values_list("id", "content")

    rows = Prepared(build).rows(people.reporter.unit_id)
    assert rows == list(build(people.reporter.unit_id)) and len(rows[0]) == 2


def test_fields_and_annotations_come_in_the_order_asked(plan) -> None:
    from django.db.models import Count

    from duban.plans.models import Task

    def build(plan_id: int):  # type: ignore[no-untyped-def]
        return (
            Task.objects.filter(plan_id=plan_id)
            .annotate(n=Count("assignments"))
            .order_by("number")
            .values_list("n", "number", "content")
        )

    rows = Prepared(build).rows(plan.id)
    assert rows == list(build(plan.id)) and rows[0][1] == 1


def test_what_it_cannot_keep_is_refused(plan) -> None:
    from duban.plans.models import Task

    instances = Prepared(lambda plan_id: Task.objects.filter(plan_id=plan_id)).rows(plan.id)
    assert instances == list(Task.objects.filter(plan_id=plan.id))  # instances as the ORM's
    with pytest.raises(ValueError):  # what no SQL can hold
        Prepared(lambda plan_id: Task.objects.filter(plan_id=plan_id).prefetch_related("leader"))(
            plan.id
        )
    with pytest.raises(ValueError):  # an argument the SQL does not take
        Prepared(lambda plan_id: Task.objects.values_list("id")).rows(plan.id)
    with pytest.raises(TypeError):
        Prepared(lambda plan_id: Task.objects.values_list("id")).rows(str(plan.id))  # type: ignore[arg-type]


def test_it_is_counted_as_a_query(plan, django_assert_num_queries) -> None:
    query = Prepared(_tasks)
    query.rows(plan.id)
    with django_assert_num_queries(1):
        query.rows(plan.id)


def test_a_count_is_the_querysets_count(plan) -> None:
    from duban.plans.models import Task

    def build(plan_id: int):  # type: ignore[no-untyped-def]
        return Task.objects.filter(plan_id=plan_id, number__gt=100).values_list("pk")

    query = Prepared(build, count=True)
    assert query.rows(plan.id) == [build(plan.id).count()] == [36]
    assert query.rows(10**9) == [0]
    first = Prepared(lambda plan_id: build(plan_id).order_by("number")[:10], count=True)
    assert first.rows(plan.id) == [10] and first.rows(10**9) == [0]
    units = Prepared(
        lambda plan_id: (
            Task.objects.filter(plan_id=plan_id).values_list("assignments__unit_id").distinct()
        ),
        count=True,
    )
    distinct = Task.objects.filter(plan_id=plan.id).values_list("assignments__unit_id").distinct()
    assert units.rows(plan.id) == [distinct.count()] and distinct.count() > 10

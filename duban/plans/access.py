"""Who may see which plan and task. Every view fetches objects through these helpers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import Plan, Task


def can_see_unpublished(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_office", False))


def visible_plans(user: object) -> QuerySet[Plan]:
    plans = Plan.objects.all()
    if can_see_unpublished(user):
        return plans
    return plans.filter(is_public=True)


def get_plan_for_user(user: object, plan_id: int) -> Plan:
    """The plan, or 404 (not 403: the public must not learn that an unpublished plan exists)."""
    try:
        return visible_plans(user).get(pk=plan_id)
    except Plan.DoesNotExist:
        raise Http404("no such plan") from None


def get_task_for_user(user: object, plan_id: int, number: int) -> Task:
    plan = get_plan_for_user(user, plan_id)
    try:
        return (
            Task.objects.select_related("plan", "category")
            .prefetch_related("assignments__unit")
            .get(plan=plan, number=number)
        )
    except Task.DoesNotExist:
        raise Http404("no such task") from None

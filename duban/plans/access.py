"""Who may see and change which plan and task. Every view and API call goes through here.

The rules (docs/architecture.md): the office sees everything; a unit's reporter and head see
published plans and their own unit's tasks; a leader sees published plans and the tasks they
lead; the public sees only what was published. An object a person may not see is a 404 (its
existence does not leak); one they may see but not change is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from duban.accounts.models import User
from duban.prepared import IN_RANGE, Prepared, prefetched

from .models import Assignment, Plan, Task, Unit

UNIT_ROLES = (User.Role.REPORTER, User.Role.UNIT_HEAD)


def is_office(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_office", False))


def can_see_unpublished(user: object) -> bool:
    return is_office(user)


def unit_of(user: object) -> int | None:
    """The unit a reporter or unit head works for."""
    if getattr(user, "is_authenticated", False) and getattr(user, "role", "") in UNIT_ROLES:
        return getattr(user, "unit_id", None)
    return None


def is_leader(user: object) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "role", "") == User.Role.LEADER
    )


def _works_on(user: object, task: str) -> Q:
    """The tasks (through the path task, "" for a Task itself) this person works on: their
    unit's, lead or co, and a leader's own. Nothing for anyone else."""
    own = Q(pk__in=[])
    unit = unit_of(user)
    if unit is not None:
        own |= Q(**{f"{task}assignments__unit_id": unit})
    if is_leader(user):
        own |= Q(**{f"{task}leader": user})
    return own


def visible_tasks(user: object) -> QuerySet[Task]:
    """Live tasks: the office's all, a unit's own, a leader's own. Everyone else (the public
    included) reads published plans through their publications, never live data."""
    tasks = Task.objects.all()
    if is_office(user):
        return tasks
    return tasks.filter(_works_on(user, "")).distinct()


def is_published(plan: Plan) -> bool:
    """Public: published at least once and not withdrawn since (publishing ticks "public";
    unticking it withdraws the plan). Ticking the box alone publishes nothing."""
    return plan.is_public and plan.publications.exists()


# is_published, as a query.
PUBLISHED = Q(is_public=True, publications__isnull=False)


def published_plans() -> QuerySet[Plan]:
    """The plans anyone may read."""
    return Plan.objects.filter(PUBLISHED).distinct()


def visible_plans(user: object) -> QuerySet[Plan]:
    """The office's all; everyone else's the public ones (is_published) and those they
    work on."""
    plans = Plan.objects.all()
    if is_office(user):
        return plans
    return plans.filter(PUBLISHED | _works_on(user, "tasks__")).distinct()


def get_plan_for_user(user: object, plan_id: int) -> Plan:
    """The plan, or 404 (not 403: the public must not learn that an unpublished plan exists).
    The office's (every plan is theirs) in SQL compiled once."""
    if is_office(user):
        found = _any_plan(plan_id) if plan_id in IN_RANGE else []
        if not found:
            raise Http404("no such plan")
        return found[0]
    try:
        return visible_plans(user).get(pk=plan_id)
    except Plan.DoesNotExist:
        raise Http404("no such plan") from None


def plan_tasks_for_user(user: object, plan: Plan) -> QuerySet[Task]:
    """The live tasks of a plan this person may see (the office: all; others: their own)."""
    return visible_tasks(user).filter(plan=plan)


def get_task_for_user(user: object, plan_id: int, number: int) -> Task:
    """The task, or 404. One query with its plan (a task this person may see is in a plan
    they may see: visible_plans reads the same rule through the plan's tasks), and one for
    its assignments; the office's, who see every task, in SQL compiled once."""
    if is_office(user):
        if plan_id not in IN_RANGE or number not in IN_RANGE:
            raise Http404("no such task")
        found = _any_task(plan_id, number)
        if not found:
            raise Http404("no such task")
        field = Assignment._meta.get_field("task")
        prefetched(found, "assignments", _assignments_of(found[0].pk), field)
        return found[0]
    try:
        return (
            visible_tasks(user)
            .filter(plan__pk=plan_id)  # (plan__pk: an id past the column's range finds none)
            .select_related("plan", "category", "leader")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
            )
            .get(number=number)
        )
    except Task.DoesNotExist:
        raise Http404("no such task") from None


_any_plan = Prepared(lambda plan_id: Plan.objects.filter(pk=plan_id))
_any_task = Prepared(
    lambda plan_id, number: Task.objects.filter(plan__pk=plan_id, number=number).select_related(
        "plan", "category", "leader"
    ),
    variables=2,
)
_assignments_of = Prepared(
    lambda task_id: Assignment.objects.filter(task_id=task_id).select_related("unit")
)


def works_on(user: object, task: Task) -> bool:
    """A reporter or head of a unit assigned to the task (lead or co). Reads the task's
    assignments once (or those get_task_for_user fetched with it)."""
    unit = unit_of(user)
    return unit is not None and any(a.unit_id == unit for a in task.assignments.all())


def leads_unit(user: object, task: Task) -> bool:
    unit = unit_of(user)
    return unit is not None and any(
        a.unit_id == unit and a.role == Assignment.Role.LEAD for a in task.assignments.all()
    )


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def get_unit_for_office(user: object, unit_id: int) -> Unit:
    """A unit, for the office's unit screens: 403 for anyone else, 404 if there is none."""
    from django.utils.translation import gettext as _

    require(is_office(user), _("Only the supervision office manages units and accounts."))
    try:
        return Unit.objects.get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404("no such unit") from None

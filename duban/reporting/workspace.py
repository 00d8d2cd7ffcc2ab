"""The workspace's task list: open tasks with their lights, filtered by light, lead unit,
responsible leader and category, sorted by light (the default), number, deadline or unit;
counts per light that link to the list they count."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from duban import fragments
from duban.plans.models import Assignment, Task

from .lights import COLOURS, RANK
from .reasons import one_line
from .warnings import current_lights

MAX_TASKS = 1000  # one plan's or one unit's open tasks: a few hundred at most
TASKS_PER_PAGE = 50
LISTED = ("plan", "number", "content", "deadline", "category", "leader", "plan__title")
SORTS = ("light", "number", "deadline", "unit")


def _int(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def task_list(request: HttpRequest, tasks: QuerySet[Task], plan: Any) -> dict[str, Any]:
    colour = request.GET.get("warning")
    colour = colour if colour in COLOURS else ""
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else "light"
    chosen = {
        "unit": _int(request, "unit"),
        "leader": _int(request, "leader"),
        "category": _int(request, "category"),
    }
    choices = _choices(tasks)
    if chosen["unit"]:
        tasks = tasks.filter(
            assignments__unit_id=chosen["unit"], assignments__role=Assignment.Role.LEAD
        )
    if chosen["leader"]:
        tasks = tasks.filter(leader_id=chosen["leader"])
    if chosen["category"]:
        tasks = tasks.filter(category_id=chosen["category"])
    listed = list(tasks.order_by("plan", "number").only(*LISTED)[:MAX_TASKS])
    lights = current_lights([t.id for t in listed])
    counts = {c: sum(1 for t in listed if lights[t.id].colour == c) for c in COLOURS}
    if colour:
        listed = [t for t in listed if lights[t.id].colour == colour]
    leads = _lead_names([t.id for t in listed])
    listed.sort(key=_sort_key(sort, lights, leads))
    page = Paginator(listed, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        (t, lights[t.id], leads.get(t.id, []), one_line(lights[t.id].reasons))
        for t in page.object_list
    ]
    base = {"plan": plan.id if plan else None, **chosen, "sort": sort if sort != "light" else None}
    return {
        "rows": rows,
        "rows_key": rows_key(rows, plan),
        "page": page,
        "counts": counts,
        "light_counts": [(c, counts[c]) for c in COLOURS],
        "sort_choices": sort_choices(),
        "colour": colour,
        "sort": sort,
        "chosen": chosen,
        "choices": choices,
        "plan_query": f"&plan={plan.id}" if plan else "",
        "count_query": _query(base),
        "task_query": "&" + _query({**base, "warning": colour}),
        "filtered": any(chosen.values()) or bool(colour),
    }


def rows_key(rows: Iterable[tuple[Any, ...]], plan: Any) -> str:
    """The key of the rows' cached HTML (home.html): a digest of everything they are made
    of, in the language and the code that render them. Whoever gets the same key is shown
    the same rows, so a change needs nothing retired and no one sees rows not their own;
    rendering them was half of the workspace's time."""
    return fragments.key(
        "workspace-rows",
        bool(plan),
        [
            (
                t.id,
                t.plan_id,
                t.number,
                t.content,
                "" if plan else t.plan.title,
                w.colour,
                leads,
                why,
            )
            for t, w, leads, why in rows
        ],
    )


def sort_choices() -> list[tuple[str, str]]:
    return [
        ("light", _("light")),
        ("number", _("number")),
        ("deadline", _("deadline")),
        ("unit", _("lead unit")),
    ]


def _query(params: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in params.items() if v})


def _sort_key(sort: str, lights: dict[int, Any], leads: dict[int, list[str]]) -> Any:
    def by_light(t: Task) -> tuple[Any, ...]:
        return (RANK[lights[t.id].colour], t.plan_id, t.number)

    if sort == "number":
        return lambda t: (t.plan_id, t.number)
    if sort == "deadline":  # the nearest first, those without one last
        return lambda t: (t.deadline is None, t.deadline or 0, t.plan_id, t.number)
    if sort == "unit":
        return lambda t: (leads.get(t.id, ["\uffff"])[0], *by_light(t))
    return by_light


def _choices(tasks: QuerySet[Task]) -> dict[str, list[tuple[int, str]]]:
    """The lead units, leaders and categories of the tasks listed (before filtering)."""
    ids = tasks.values("id")
    units = (
        Assignment.objects.filter(task_id__in=ids, role=Assignment.Role.LEAD)
        .values_list("unit_id", "unit__name")
        .distinct()
        .order_by("unit__name")
    )
    leaders = (
        tasks.filter(leader__isnull=False)
        .values_list("leader_id", "leader__first_name", "leader__username")
        .distinct()
        .order_by("leader__username")
    )
    categories = (
        tasks.filter(category__isnull=False)
        .values_list("category_id", "category__name", "category__order")
        .distinct()
        .order_by("category__order")
    )
    return {
        "units": list(units),
        "leaders": [(i, first or username) for i, first, username in leaders],
        "categories": [(i, name) for i, name, _order in categories],
    }


def _lead_names(task_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for task_id, name in (
        Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.LEAD)
        .order_by("order")
        .values_list("task_id", "unit__name")
    ):
        names.setdefault(task_id, []).append(name)
    return names

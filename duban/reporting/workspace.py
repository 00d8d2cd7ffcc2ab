"""The workspace's task list: open tasks with their lights, filtered by light, lead unit,
responsible leader and category, sorted by light (the default), number, deadline or unit;
counts per light that link to the list they count."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from duban import fragments
from duban.params import whole
from duban.plans.models import Assignment, Task
from duban.prepared import Prepared

from .lights import COLOURS, RANK
from .reasons import one_line
from .warnings import current_lights

MAX_TASKS = 1000  # one plan's or one unit's open tasks: a few hundred at most
TASKS_PER_PAGE = 50
SORTS = ("light", "number", "deadline", "unit")


class Listed(NamedTuple):
    """A task as the list reads it: values, not a model instance (the lights' reasons as
    their JSON text, read only for the rows of the page shown)."""

    id: int
    plan_id: int
    number: int
    content: str
    deadline: dt.date | None
    category_id: int | None
    category: str | None
    category_order: int | None
    leader_id: int | None
    leader_first_name: str | None
    leader_username: str | None
    plan_title: str
    colour: str | None
    computed_on: dt.date | None
    reasons: Any  # JSON text, or the reasons of a light computed now


LISTED = tuple(f for f in Listed._fields if f not in ("reasons",))
_LOOKUPS = {
    "category": "category__name",
    "category_order": "category__order",
    "leader_first_name": "leader__first_name",
    "leader_username": "leader__username",
    "plan_title": "plan__title",
    "colour": "light__colour",
    "computed_on": "light__computed_on",
}


def _int(request: HttpRequest, name: str) -> int | None:
    return whole(request.GET.get(name))


class Scope(NamedTuple):
    """Whose open tasks a workspace lists: a plan's (the office), a unit's (its reporter and
    head), a leader's own."""

    kind: str  # "plan", "unit" or "leader"
    id: int


def open_tasks(scope: Scope) -> QuerySet[Task]:
    """The open tasks of the scope, those a unit works on as lead or with others, those a
    leader leads: each within what visible_tasks gives the scope's own people."""
    tasks = Task.objects.filter(closed_at__isnull=True)
    if scope.kind == "plan":
        return tasks.filter(plan_id=scope.id)
    if scope.kind == "unit":
        return tasks.filter(assignments__unit_id=scope.id).distinct()
    if scope.kind == "leader":
        return tasks.filter(leader_id=scope.id)
    raise ValueError(scope.kind)


def task_list(request: HttpRequest, scope: Scope | None, plan: Any) -> dict[str, Any]:
    """The list in three queries whatever its filters: the tasks with their stored lights,
    their lead units, and (only for lights not current) the lights computed and stored.
    The filters' choices are the values of the unfiltered tasks, and the filters are
    applied to those same rows."""
    colour = request.GET.get("warning")
    colour = colour if colour in COLOURS else ""
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else "light"
    chosen = {
        "unit": _int(request, "unit"),
        "leader": _int(request, "leader"),
        "category": _int(request, "category"),
    }
    every = _current(_READ[scope.kind].rows(scope.id)) if scope else []
    if len(every) >= MAX_TASKS and scope is not None:
        # More open tasks than one read holds: the database filters first, as it did, so
        # that no task beyond the first thousand is left out of a filter's answer; their
        # lead units are read by their ids.
        if any(chosen.values()):
            every = _current(_values(_filtered(open_tasks(scope), chosen)))
        leads = _leads([t.id for t in every])
    else:
        leads = _lead_units(_LEADS[scope.kind].rows(scope.id)) if scope else {}
    choices = _choices(every, leads)
    listed = [
        t
        for t in every
        if (not chosen["unit"] or any(u == chosen["unit"] for u, _n in leads.get(t.id, ())))
        and (not chosen["leader"] or t.leader_id == chosen["leader"])
        and (not chosen["category"] or t.category_id == chosen["category"])
    ]
    counts = {c: sum(1 for t in listed if t.colour == c) for c in COLOURS}
    if colour:
        listed = [t for t in listed if t.colour == colour]
    names = {task_id: [name for _u, name in units] for task_id, units in leads.items()}
    listed.sort(key=_sort_key(sort, names))
    page = Paginator(listed, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(t, t.colour, names.get(t.id, []), _why(t)) for t in page.object_list]
    base = {"plan": plan.id if plan else None, **chosen, "sort": sort if sort != "light" else None}
    return {
        "rows": rows,
        "rows_key": rows_key(rows, plan),
        "filters_key": fragments.key("workspace-filters", bool(plan), choices, chosen, sort),
        "counts_key": fragments.key(
            "workspace-counts", plan.id if plan else None, counts, colour, chosen, sort
        ),
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


def _filtered(tasks: QuerySet[Task], chosen: dict[str, int | None]) -> QuerySet[Task]:
    if chosen["unit"]:
        tasks = tasks.filter(
            assignments__unit_id=chosen["unit"], assignments__role=Assignment.Role.LEAD
        )
    if chosen["leader"]:
        tasks = tasks.filter(leader_id=chosen["leader"])
    if chosen["category"]:
        tasks = tasks.filter(category_id=chosen["category"])
    return tasks.distinct()


def _values(tasks: QuerySet[Task]) -> QuerySet[Any]:
    """The tasks as Listed's values with their stored lights (the reasons as JSON text)."""
    lookups = [_LOOKUPS.get(f, f) for f in LISTED]
    values = tasks.annotate(_reasons=Cast("light__reasons", TextField()))
    return values.order_by("plan", "number").values_list(*lookups, "_reasons")[:MAX_TASKS]


# Each scope's tasks and lead units, their SQL made once (duban/prepared.py): building and
# compiling the two querysets cost twice what running them did, on every workspace.
_READ = {
    kind: Prepared(lambda i, kind=kind: _values(open_tasks(Scope(kind, i))))
    for kind in ("plan", "unit", "leader")
}
_LEADS = {
    kind: Prepared(
        lambda i, kind=kind: (
            Assignment.objects.filter(
                task__in=open_tasks(Scope(kind, i)).values("pk"), role=Assignment.Role.LEAD
            )
            .order_by("order", "id")
            .values_list("task_id", "unit_id", "unit__name")
        )
    )
    for kind in ("plan", "unit", "leader")
}


def _current(rows: Iterable[tuple[Any, ...]]) -> list[Listed]:
    """The rows with their lights; a light missing, of another day or forgotten is computed
    and stored now (warnings.current_lights), as the list shows it."""
    every = [t if isinstance(t, Listed) else Listed(*t) for t in rows]
    today = timezone.localdate()
    stale = [t.id for t in every if t.colour is None or t.computed_on != today]
    if not stale:
        return every
    fresh = current_lights(stale, today)
    return [
        t._replace(colour=fresh[t.id].colour, reasons=fresh[t.id].reasons) if t.id in fresh else t
        for t in every
    ]


def _why(t: Listed) -> str:
    """The row's reasons as one line (reasons.one_line)."""
    if isinstance(t.reasons, str):
        return _line(get_language(), t.reasons)
    return one_line(t.reasons or [])


@lru_cache(maxsize=4096)
def _line(language: str, reasons: str) -> str:
    """one_line of stored reasons (JSON text), kept per language: rows of a plan share a
    few dozen, and writing each again was a third of the list's time. The line is made of
    the reasons and the catalogue only (the same for the life of the process)."""
    return one_line(json.loads(reasons))


def rows_key(rows: Iterable[tuple[Any, ...]], plan: Any) -> str:
    """The key of the rows' cached HTML (home.html): a digest of everything they are made
    of, in the language and the code that render them. Whoever gets the same key is shown
    the same rows, so a change needs nothing retired and no one sees rows not their own;
    rendering them was half of the workspace's time."""
    return fragments.key(
        "workspace-rows",
        bool(plan),
        [
            (t.id, t.plan_id, t.number, t.content, "" if plan else t.plan_title, colour, leads, why)
            for t, colour, leads, why in rows
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


def _sort_key(sort: str, leads: dict[int, list[str]]) -> Any:
    def by_light(t: Listed) -> tuple[Any, ...]:
        return (RANK[t.colour or "green"], t.plan_id, t.number)

    if sort == "number":
        return lambda t: (t.plan_id, t.number)
    if sort == "deadline":  # the nearest first, those without one last
        return lambda t: (t.deadline is None, t.deadline or 0, t.plan_id, t.number)
    if sort == "unit":
        return lambda t: (leads.get(t.id, ["\uffff"])[0], *by_light(t))
    return by_light


def _choices(
    every: list[Listed], leads: dict[int, list[tuple[int, str]]]
) -> dict[str, list[tuple[int, str]]]:
    """The lead units, leaders and categories of the tasks listed (before filtering)."""
    units = {unit for t in every for unit in leads.get(t.id, ())}
    leaders = {
        (t.leader_username or "", t.leader_id, t.leader_first_name or t.leader_username or "")
        for t in every
        if t.leader_id is not None
    }
    categories = {
        (t.category_order or 0, t.category_id, t.category or "")
        for t in every
        if t.category_id is not None
    }
    return {
        "units": sorted(units, key=lambda u: (u[1], u[0])),
        "leaders": [(i, name) for _username, i, name in sorted(leaders)],
        "categories": [(i, name) for _order, i, name in sorted(categories)],
    }


def _leads(task_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each task's lead units (id, name) in their order."""
    return _lead_units(
        Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.LEAD)
        .order_by("order", "id")
        .values_list("task_id", "unit_id", "unit__name")
    )


def _lead_units(rows: Iterable[tuple[int, int, str]]) -> dict[int, list[tuple[int, str]]]:
    units: dict[int, list[tuple[int, str]]] = {}
    for task_id, unit_id, name in rows:
        units.setdefault(task_id, []).append((unit_id, name))
    return units

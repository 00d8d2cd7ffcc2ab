"""The units and leaders a task's form offers (office_forms.TaskForm), read with SQL written
once and bounded by the plan's government.

The units offered are those of the government's plans and those no task uses yet (the
office's additions). The first part is an indexed walk from the government's plans to their
assignments. The second is a question about the whole site (which unit has no assignment):
at 1,000 plans it read 150,000 assignments on every view of the office's task page, 9 ms of
its 19. Its answer is kept in this process under the last row of the assignments' and the
units' history: every write of either (the ORM's save and delete, the import's bulk writer,
a merge, a cascade) writes a history row, so a change makes another key and the answer is
read again; a key is never stale. The row's time is in the key too: SQLite gives a
rolled-back row's id to the next row, never its time.

Compiling the ORM's queries cost more than running them (2 ms of the page for three small
SELECTs); the leaders offered are read fresh on every view, in one SELECT over the leaders.
"""

# ruff: noqa: S608 - the names in the SQL are the models' own, quoted; every value is bound.
from __future__ import annotations

import threading
from functools import cache
from typing import Any

from django.db import connection

from duban.accounts.models import User

from .models import Assignment, Plan, Task, Unit


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: Any) -> str:
    return _q(model._meta.db_table)


@cache
def _sql(vendor: str) -> dict[str, str]:
    """The statements, with the models' own table names, quoted for the database."""
    unit, assignment, task, plan, user = (_table(m) for m in (Unit, Assignment, Task, Plan, User))
    history = {m: _table(m.history.model) for m in (Assignment, Unit)}
    governments = (
        f"SELECT a.unit_id FROM {assignment} a JOIN {task} t ON t.id = a.task_id "
        f"JOIN {plan} p ON p.id = t.plan_id WHERE p.government = %s"
    )
    led = (
        f"SELECT t.leader_id FROM {task} t JOIN {plan} p ON p.id = t.plan_id "
        "WHERE p.government = %s AND t.leader_id IS NOT NULL"
    )

    def last(h: str) -> str:
        return (
            f"(SELECT MAX(history_id) FROM {h}), (SELECT history_date FROM {h} "
            f"WHERE history_id = (SELECT MAX(history_id) FROM {h}))"
        )

    return {
        "theirs": (
            f"SELECT u.id, u.name, u.id IN ({governments}) FROM {unit} u "
            f"WHERE u.id IN ({governments}) ORDER BY u.name"
        ),
        "all": f"SELECT u.id, u.name FROM {unit} u ORDER BY u.name",
        "unused": (
            f"SELECT u.id, u.name FROM {unit} u WHERE NOT EXISTS "
            f"(SELECT 1 FROM {assignment} a WHERE a.unit_id = u.id)"
        ),
        "last": f"SELECT {last(history[Assignment])}, {last(history[Unit])}",
        "leaders": (
            f"SELECT u.id, u.first_name, u.last_name, u.username FROM {user} u "
            f"WHERE u.role = %s AND (u.id IN ({led}) OR u.id = %s "
            f"OR NOT EXISTS (SELECT 1 FROM {task} t WHERE t.leader_id = u.id) "
            f"OR NOT EXISTS ({led})) ORDER BY u.id"
        ),
    }


def _rows(name: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor)[name], params or [])
        return list(cursor.fetchall())


_unused: tuple[tuple[Any, ...], list[tuple[int, str]]] | None = None
_lock = threading.Lock()


def unused_units() -> list[tuple[int, str]]:
    """(id, name) of the units no task uses, as of the last write of assignments or units."""
    global _unused
    (key,) = _rows("last")
    kept = _unused
    if kept is not None and kept[0] == key:
        return kept[1]
    found = [(int(pk), str(name)) for pk, name in _rows("unused")]
    with _lock:
        _unused = (key, found)
    return found


def forget() -> None:
    """Read the unused units again on the next view, as a new process does (tests counting a
    cold page's queries)."""
    global _unused
    _unused = None


def units(plan: Plan) -> list[tuple[int, str]]:
    """(id, name) of the units offered on a task of the plan, by name: those of its
    government's plans and those no task uses yet, not every unit of every government the
    site holds (20,000 at 1,000 plans); all of them for a government's first plan. Any other
    is found by typing its full name (services.add_unit finds it under its name or aliases),
    and a unit posted by its id is accepted."""
    unused = [pk for pk, _name in unused_units()]
    sql = _sql(connection.vendor)["theirs"]
    if unused:  # by id: in the database's order of names, with the names as they are now
        sql = sql.replace(" ORDER BY", f" OR u.id IN ({', '.join(['%s'] * len(unused))}) ORDER BY")
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.government, plan.government, *unused])
        rows = cursor.fetchall()
    if not any(theirs for _pk, _name, theirs in rows):  # a first plan may use any unit known
        return _typed(_rows("all"))
    return _typed([(pk, name) for pk, name, _theirs in rows])


def _typed(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    return [(int(pk), str(name)) for pk, name in rows]


def leaders(plan: Plan, current: int | None) -> list[tuple[int, str]]:
    """(id, name as the office knows them) of the leaders offered on a task of the plan:
    those leading tasks of its government's plans and those leading none yet, not every
    government's (a thousand at 1,000 plans); all of them while the government's tasks have
    none. The task's own leader is always offered; any leader posted is accepted."""
    rows = _rows("leaders", [User.Role.LEADER, plan.government, current, plan.government])
    return [(int(pk), f"{first} {last}".strip() or username) for pk, first, last, username in rows]

"""The units and leaders a task's form offers (office_forms.TaskForm), read with SQL written
once and bounded by the plan's government.

A unit belongs to one government (Unit.government): the units offered are the government's,
read through the (government, name) unique index in its order of names — not every unit of
every government the site holds (20,000 at 1,000 plans), and never another government's
unit of the same name.

Compiling the ORM's queries cost more than running them (2 ms of the page for three small
SELECTs); the leaders offered are read fresh on every view, in one SELECT over the leaders.
"""

# ruff: noqa: S608 - the names in the SQL are the models' own, quoted; every value is bound.
from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection

from duban.accounts.models import User

from .models import Plan, Task, Unit


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: Any) -> str:
    return _q(model._meta.db_table)


@cache
def _sql(vendor: str) -> dict[str, str]:
    """The statements, with the models' own table names, quoted for the database."""
    unit, task, plan, user = (_table(m) for m in (Unit, Task, Plan, User))
    led = (
        f"SELECT t.leader_id FROM {task} t JOIN {plan} p ON p.id = t.plan_id "
        "WHERE p.government = %s AND t.leader_id IS NOT NULL"
    )

    return {
        "theirs": f"SELECT u.id, u.name FROM {unit} u WHERE u.government = %s ORDER BY u.name",
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


def units(plan: Plan) -> list[tuple[int, str]]:
    """(id, name) of the units offered on a task of the plan, by name: its government's.
    Any other of the government is found by typing its full name (services.add_unit finds it
    under its name or aliases, or adds it to the government)."""
    return _typed(_rows("theirs", [plan.government]))


def _typed(rows: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    return [(int(pk), str(name)) for pk, name in rows]


def leaders(plan: Plan, current: int | None) -> list[tuple[int, str]]:
    """(id, name as the office knows them) of the leaders offered on a task of the plan:
    those leading tasks of its government's plans and those leading none yet, not every
    government's (a thousand at 1,000 plans); all of them while the government's tasks have
    none. The task's own leader is always offered; any leader posted is accepted."""
    rows = _rows("leaders", [User.Role.LEADER, plan.government, current, plan.government])
    return [(int(pk), f"{first} {last}".strip() or username) for pk, first, last, username in rows]

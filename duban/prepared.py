"""A query compiled once per process and run again with other values for its variables.

On a signed-in page most of the time of a small query goes into the ORM building and
compiling it, not into the database: a task's three history reads took 1.9 ms, of which
SQLite ran 0.05; the workspace's task list 0.7 ms to make its SQL, 0.4 ms to run it. A
`Prepared` query is written as the ORM query it replaces, made once with markers for its
variables (a task's id; a plan's id and a task's number); its SQL, its parameters and the
converters of its columns (dates made aware, decimals, JSON) are kept, and each run binds
the values where the markers were. Rows come back as the queryset gives them: dicts for
values(), tuples (or single values, flat=True) for values_list(), model instances (with
their select_related() joins in) for any other — or, count=True, [the number of rows].
tests/test_prepared.py and tests/reporting/test_history_reads.py compare them.

`make` must depend on its variables only (no time, no language): whatever else it reads is
frozen into the SQL for the life of the process. A queryset whose SQL varies with a value (an
IN list of changing length) is not one for here; a fixed slice is.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# Where a variable's value goes (the second's is MARKER - 1 …): an int every integer column
# takes (a PositiveIntegerField on PostgreSQL too; the ORM compiles an out-of-range value to
# "no rows"), and no constant of the queries prepared.
MARKER = 2_147_480_017


class Prepared:
    """`Prepared(lambda plan_id: Task.objects.filter(plan_id=plan_id).values_list(...))`;
    calling it (or `.rows(...)`) with a plan's id gives what list() of that queryset would."""

    def __init__(
        self, make: Callable[..., QuerySet[Any]], variables: int | None = None, count: bool = False
    ) -> None:
        """make(*values): the queryset for those values (no prefetch_related: what it would
        read is not in the SQL); variables: how many (by default, make's parameters);
        count: the number of rows the queryset gives, [n], not the rows."""
        if variables is None:
            parameters = inspect.signature(make).parameters.values()
            variables = sum(1 for p in parameters if p.default is inspect.Parameter.empty)
        self.make, self.variables, self.count = make, variables, count
        self.compiled: dict[str, Any] | None = None
        self.lock = threading.Lock()

    def _compile(self) -> dict[str, Any]:
        markers = [MARKER - i for i in range(self.variables)]
        qs = self.make(*markers)
        if self.count and not qs.query.is_sliced:
            qs = qs.order_by()  # an order counts for nothing
        alias = router.db_for_read(qs.model)
        query = qs.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        at = [(i, markers.index(p)) for i, p in enumerate(params) if p in markers]
        if {v for _i, v in at} != set(range(self.variables)):
            raise ValueError("the query does not use each of its variables")
        lookups, known = qs._prefetch_related_lookups, qs._known_related_objects  # type: ignore[attr-defined]
        if lookups or known:
            raise ValueError("a prefetch or a related manager's instance is not in the SQL")
        columns = [s[0] for s in compiler.select[0 : compiler.col_count]]
        out: dict[str, Any] = {
            "alias": alias,
            "sql": sql,
            "params": list(params),
            "at": at,
            "converters": list(compiler.get_converters(columns).items()),
            # Columns selected only to be ordered by (DISTINCT) are cut off, as the ORM does.
            "width": compiler.col_count if compiler.has_extra_select else None,
        }
        kind = qs._iterable_class
        if self.count:  # as count() of a sliced or distinct queryset reads it
            out |= {"sql": f"SELECT COUNT(*) FROM ({sql}) counted", "converters": []}  # noqa: S608
            out |= {"width": None, "shape": "flat"}
        elif kind is ValuesIterable:
            out["shape"] = "dicts"
            out["names"] = [*query.extra_select, *query.values_select, *query.annotation_select]
        elif kind in (ValuesListIterable, FlatValuesListIterable):
            # (Django 5.2 selects a values_list()'s fields and expressions in the order asked,
            # as ValuesListIterable returns them: no reordering here.)
            out["shape"] = "flat" if kind is FlatValuesListIterable else "tuples"
        elif kind is ModelIterable and not compiler.annotation_col_map:
            info = compiler.klass_info
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            out["shape"] = "models"
            out["model"] = (
                info["model"],
                start,
                end,
                [f[0].target.attname for f in compiler.select[start:end]],
                # (the stubs are Django 6's, which adds fetch_mode)
                get_related_populators(info, compiler.select, alias),  # type: ignore[call-arg]
            )
        else:
            raise ValueError("only values(), values_list() and plain model querysets")
        return out

    def _rows(self, values: tuple[Any, ...]) -> tuple[dict[str, Any], list[list[Any]]]:
        if self.compiled is None:
            with self.lock:
                self.compiled = self.compiled or self._compile()
        c = self.compiled
        bound = list(c["params"])
        for i, v in c["at"]:
            bound[i] = values[v]
        connection = connections[c["alias"]]
        with connection.cursor() as cursor:
            cursor.execute(c["sql"], bound)
            rows = [list(row) for row in cursor.fetchall()]
        if c["width"] is not None:
            rows = [row[: c["width"]] for row in rows]
        for row in rows:  # as the compiler's apply_converters, with this thread's connection
            for pos, (convs, expression) in c["converters"]:
                for convert in convs:
                    row[pos] = convert(row[pos], expression, connection)
        return c, rows

    def __call__(self, *values: Any) -> list[Any]:
        if len(values) != self.variables or not all(type(v) is int for v in values):
            raise TypeError(f"{self.variables} integers expected, got {values!r}")
        c, rows = self._rows(values)
        shape = c["shape"]
        if shape == "flat":
            return [row[0] for row in rows]
        if shape == "tuples":
            return [tuple(row) for row in rows]
        if shape == "dicts":
            return [dict(zip(c["names"], row, strict=True)) for row in rows]
        model, start, end, init_list, populators = c["model"]
        objs = []
        for row in rows:  # as ModelIterable
            obj = model.from_db(c["alias"], init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            objs.append(obj)
        return objs

    rows = __call__


def prefetched(objs: list[Any], name: str, rows: list[Any], field: Any) -> None:
    """Hand each of objs its rows of the relation `name` (field: the rows' foreign key to
    them), as prefetch_related leaves them: obj.<name>.all() asks the database nothing."""
    by_parent: dict[Any, list[Any]] = {}
    for row in rows:
        by_parent.setdefault(getattr(row, field.attname), []).append(row)
    for obj in objs:
        mine = by_parent.get(obj.pk, [])
        for row in mine:
            field.set_cached_value(row, obj)
        held = field.model._base_manager.none()
        held._result_cache, held._prefetch_done = mine, True
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = held


# Larger than any id or number a 64-bit column holds: the ORM finds no row for one, SQLite
# refuses to bind it.
IN_RANGE = range(-(2**63), 2**63)

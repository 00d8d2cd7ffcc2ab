"""A query compiled once and run again with another value for its one variable.

On a signed-in page most of the time of a small query goes into the ORM compiling it, not
into the database: a task's three history reads took 1.9 ms, of which SQLite ran 0.05. A
`Prepared` query is written as the ORM query it replaces, made once with a marker for its
variable (a task's id); its SQL, its parameters and the converters of its columns (dates made
aware, decimals, JSON) are kept, and each run binds the value where the marker was. Rows
come back as the queryset gives them: dicts by the same names for a values() query, model
instances (with those select_related() joins in) for any other, converted the same way
(tests/reporting/test_history_reads.py compares the two).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators

MARKER = -7_306_120_486_712_345  # an id no row has: where the variable's value goes


class Prepared:
    def __init__(self, make: Callable[[Any], QuerySet[Any]]) -> None:
        """make(value): the queryset for one value of the variable, values() or of models
        (no prefetch_related: what it would read is not in the SQL)."""
        self.make = make
        self.compiled: dict[str, Any] | None = None
        self.lock = threading.Lock()

    def _compile(self) -> dict[str, Any]:
        qs = self.make(MARKER)
        alias = router.db_for_read(qs.model)
        query = qs.query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        at = [i for i, p in enumerate(params) if p == MARKER]
        if not at:
            raise ValueError("the query does not use its variable")
        if qs._prefetch_related_lookups or qs._known_related_objects:
            raise ValueError("a prefetch or a related manager's instance is not in the SQL")
        columns = [s[0] for s in compiler.select[0 : compiler.col_count]]
        out: dict[str, Any] = {
            "alias": alias,
            "sql": sql,
            "params": list(params),
            "at": at,
            "converters": list(compiler.get_converters(columns).items()),
        }
        if qs._iterable_class is ValuesIterable:
            out["names"] = [*query.extra_select, *query.values_select, *query.annotation_select]
        elif qs._iterable_class is ModelIterable and not compiler.annotation_col_map:
            info = compiler.klass_info
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            out["model"] = (
                info["model"],
                start,
                end,
                [f[0].target.attname for f in compiler.select[start:end]],
                get_related_populators(info, compiler.select, alias),
            )
        else:
            raise ValueError("only values() and plain model querysets are prepared")
        return out

    def _rows(self, value: Any) -> tuple[dict[str, Any], list[list[Any]]]:
        if self.compiled is None:
            with self.lock:
                self.compiled = self.compiled or self._compile()
        c = self.compiled
        bound = list(c["params"])
        for i in c["at"]:
            bound[i] = value
        connection = connections[c["alias"]]
        with connection.cursor() as cursor:
            cursor.execute(c["sql"], bound)
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:  # as the compiler's apply_converters, with this thread's connection
            for pos, (convs, expression) in c["converters"]:
                for convert in convs:
                    row[pos] = convert(row[pos], expression, connection)
        return c, rows

    def __call__(self, value: Any) -> list[Any]:
        c, rows = self._rows(value)
        if "names" in c:
            return [dict(zip(c["names"], row, strict=True)) for row in rows]
        model, start, end, init_list, populators = c["model"]
        objs = []
        for row in rows:  # as ModelIterable
            obj = model.from_db(c["alias"], init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            objs.append(obj)
        return objs

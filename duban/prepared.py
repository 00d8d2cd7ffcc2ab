"""Queries whose SQL is compiled once per process, then run with each request's ids.

A signed-in page's lists are a handful of small queries, and building and compiling each
queryset cost the ORM two to three times what running it did (the workspace's task list:
0.7 ms to make its SQL, 0.4 ms to run it and read 136 rows). `Prepared(build)` calls
`build` once per database with stand-in ids, keeps the SQL and where each stand-in went in
its parameters, and afterwards runs that SQL with the ids given, the rows read through the
same converters the ORM applies (dates, JSON, decimals). What it returns is what the
queryset would: tests/test_prepared.py compares the two.

`build` must depend on its arguments only (no time, no language): whatever else it reads is
frozen into the SQL for the life of the process. Its arguments are integer ids; a queryset
whose SQL varies with a value (an IN list of changing length, a LIMIT) is not one for here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesListIterable

# Stand-ins for the ids while the SQL is made: far outside any id a table hands out.
STAND_IN = -7_346_219_000


class Compiled:
    def __init__(self, qs: QuerySet[Any], using: str, stand_ins: list[int], count: bool) -> None:
        if qs._iterable_class not in (ValuesListIterable, FlatValuesListIterable):
            raise TypeError("Prepared takes a values_list() queryset")
        self.flat = qs._iterable_class is FlatValuesListIterable
        compiler = qs.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        # Each parameter: ("arg", i) for the i-th id, ("const", value) for the rest.
        self.params: list[tuple[str, Any]] = []
        found = set()
        for value in params:
            if isinstance(value, int) and value in stand_ins:
                i = stand_ins.index(value)
                found.add(i)
                self.params.append(("arg", i))
            else:
                self.params.append(("const", value))
        if found != set(range(len(stand_ins))):
            raise ValueError(f"an argument of {qs.model.__name__}'s query is not in its SQL")
        # Columns selected only to be ordered by (DISTINCT) are cut off, as the ORM does.
        self.width = compiler.col_count if compiler.has_extra_select else None
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        if count:  # how many rows, as count() of a sliced or distinct queryset reads it
            self.sql = f"SELECT COUNT(*) FROM ({self.sql}) counted"  # noqa: S608
            self.width, self.converters, self.flat = None, [], True
        # (Django 5.2 selects a values_list()'s fields and expressions in the order asked, as
        # ValuesListIterable returns them: no reordering here.)

    def _converted(self, raw: list[Any], connection: Any) -> Iterator[tuple[Any, ...]]:
        """SQLCompiler.apply_converters, with this thread's connection."""
        for found in raw:
            row = list(found)
            for pos, (convs, expression) in self.converters:
                value = row[pos]
                for convert in convs:
                    value = convert(value, expression, connection)
                row[pos] = value
            yield tuple(row)

    def run(self, args: tuple[int, ...], using: str) -> list[Any]:
        params = [args[v] if kind == "arg" else v for kind, v in self.params]
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, params)
            raw = cursor.fetchall()
        if self.width is not None:
            raw = [row[: self.width] for row in raw]
        rows: Iterator[Any] = iter(raw)
        if self.converters:
            rows = self._converted(raw, connections[using])
        if self.flat:
            return [row[0] for row in rows]
        return list(rows)


class Prepared:
    """`Prepared(lambda plan_id: Task.objects.filter(plan_id=plan_id).values_list(...))`;
    `.rows(plan_id)` is what list() of that queryset would give, without building it."""

    def __init__(self, build: Callable[..., QuerySet[Any]], count: bool = False) -> None:
        """count: the number of rows build's queryset gives, [n], not the rows."""
        self.build, self.count = build, count
        parameters = inspect.signature(build).parameters.values()
        self.arity = sum(1 for p in parameters if p.default is inspect.Parameter.empty)
        self.compiled: dict[str, Compiled] = {}  # by database alias
        self.model: Any = None

    def rows(self, *args: int) -> list[Any]:
        if len(args) != self.arity or not all(type(a) is int for a in args):
            raise TypeError(f"Prepared query takes {self.arity} integer ids, got {args!r}")
        using = str(router.db_for_read(self.model)) if self.model is not None else ""
        compiled = self.compiled.get(using)
        if compiled is None:
            stand_ins = [STAND_IN - i for i in range(self.arity)]
            qs = self.build(*stand_ins)
            if self.count and not qs.query.is_sliced:
                qs = qs.order_by()  # an order counts for nothing
            self.model, using = qs.model, qs.db
            compiled = self.compiled[using] = Compiled(qs, using, stand_ins, self.count)
        return compiled.run(args, using)

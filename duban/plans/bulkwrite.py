"""Bulk INSERT with history for the import: a fixed number of queries whatever the rows.

Django's bulk_create compiles every value of every row into SQL (about 10 µs a value, and on
SQLite in statements of at most 999 values), and django-simple-history builds a model
instance for each history row before compiling those too: for a 1,000-task document that was
most of the write. Here each column's conversion is resolved once and all rows go to the
driver in one call (executemany; COPY on PostgreSQL). On PostgreSQL the ids are drawn from
the table's sequence before, in one query, and written with the rows; on SQLite the ids the
database gave are read back in one query, by each model's natural key (a task's number in its
plan, an assignment's task, unit and role).
The history rows are the ones simple_history's bulk_create_with_history writes: type "+", the
request's user (or the instance's _history_user), its change reason, one timestamp.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_change_reason_from_object

# Values the driver takes as they are (str, int, bool, a foreign key's id): what
# get_db_prep_save would return for them. Dates, decimals and JSON are converted by the field.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)
_HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def column(field: models.Field[Any, Any]) -> str:
    """A concrete field's column (the stubs allow None: a ForeignObject has none)."""
    if field.column is None:
        raise ValueError(f"{field.name} has no column")
    return field.column


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, _PLAIN):
        return None
    if isinstance(target, models.JSONField):
        # The JSON text, as JSONField gives it to SQLite; COPY on PostgreSQL takes it as
        # text too. (get_db_prep_save wraps each value for psycopg, which encodes it later:
        # ~3 µs a value, 6,000 for 1,000 tasks with their history.) None is SQL NULL.
        dumps = json.JSONEncoder if target.encoder is None else target.encoder

        def to_json(value: Any) -> Any:
            if value is None:
                return None
            if not value and isinstance(value, list | dict):
                return "[]" if isinstance(value, list) else "{}"
            return json.dumps(value, cls=dumps)

        return to_json
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy: it looks the connection up each time
    if isinstance(target, models.DateTimeField):
        # History rows share one timestamp: converted once (6 µs each, 2,500 for 1,000 tasks).
        # Equal instants convert alike (to UTC), so a dict by value is safe.
        done: dict[Any, Any] = {}

        def once(value: Any) -> Any:
            if value not in done:
                done[value] = field.get_db_prep_save(value, db)
            return done[value]

        return once
    return lambda value: field.get_db_prep_save(value, db)


def _insert(
    model: type[models.Model], fields: list[models.Field[Any, Any]], rows: list[list[Any]]
) -> None:
    ops = connection.ops
    columns = ", ".join(ops.quote_name(column(f)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names are ours
    convert = [(i, c) for i, f in enumerate(fields) if (c := _converter(f)) is not None]
    for row in rows:
        for i, conv in convert:
            row[i] = conv(row[i])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one statement for all rows. executemany runs an INSERT per row on the
            # server (0.1-0.2 ms each, most of a 1,000-row import's write there).
            sql = f"COPY {table} ({columns}) FROM STDIN"
            started = time.monotonic()
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            if connection.queries_logged:  # counted as the other queries are (tests)
                connection.queries_log.append(
                    {
                        "sql": f"{sql} -- {len(rows)} rows",
                        "time": f"{time.monotonic() - started:.3f}",
                    }
                )
        else:
            cursor.executemany(sql, rows)


def create_with_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    key: tuple[str, ...],
    scope: dict[str, Any],
) -> None:
    """INSERT objs (new, without ids) and their history rows; set each obj's id.

    key (SQLite, which reads the ids back): attnames that tell the new rows apart within
    scope (a filter all of them fall in: {"plan_id": 7}, {"task__plan_id": 7}); the rows of
    scope there before keep their ids."""
    if not objs:
        return
    pk = model._meta.pk
    if not (
        connection.vendor in {"sqlite", "postgresql"}
        and isinstance(pk, models.AutoField | models.BigAutoField)
    ):
        bulk_create_with_history(list(objs), model, batch_size=500)
        return
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    for obj in objs:  # what save() would fill in: auto_now dates, FK ids of related objects
        # A private Model method (what bulk_create calls); django-stubs do not declare it.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                f.pre_save(obj, add=True)
    if connection.vendor == "postgresql":
        # The ids drawn from the column's sequence first, in one query, and written with the
        # rows: nothing to read back (two queries a table, and the key matching, before).
        for obj, pk_value in zip(objs, _next_ids(model, pk, len(objs)), strict=True):
            obj.pk = pk_value
        _insert(
            model, [pk, *fields], [[getattr(obj, f.attname) for f in (pk, *fields)] for obj in objs]
        )
    else:
        _insert_and_read_ids(model, objs, fields, key, scope)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    _history(model, objs)


def _next_ids(model: type[models.Model], pk: models.Field[Any, Any], n: int) -> list[int]:
    """n values of the primary key's sequence (an identity column's too), as INSERT would
    draw them: unique whatever runs beside, never handed out twice."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), column(pk), n],
        )
        return [row[0] for row in cursor.fetchall()]


def _insert_and_read_ids(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[models.Field[Any, Any]],
    key: tuple[str, ...],
    scope: dict[str, Any],
) -> None:
    """INSERT the rows, then read the ids the database gave them by their key in scope."""
    rows = model._default_manager.filter(**scope).order_by()  # a set: no ordering's join
    before = set(rows.values_list("pk", flat=True))
    _insert(model, fields, [[getattr(obj, f.attname) for f in fields] for obj in objs])
    ids: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for pk_value, *values in rows.order_by("pk").values_list("pk", *key):
        if pk_value not in before:
            ids[tuple(values)].append(pk_value)
    for obj in objs:
        try:
            obj.pk = ids[tuple(getattr(obj, k) for k in key)].pop(0)
        except IndexError:
            raise RuntimeError(f"{model.__name__}: a row written was not read back") from None


def delete_with_history(model: type[models.Model], rows: models.QuerySet[Any]) -> int:
    """DELETE rows with a history row each (type "-", as simple_history writes on delete), in
    three queries whatever their number. No delete signal is sent: the caller does what the
    receivers would, once for all (the import refreshes the search text of every task it
    read, and its audit entry forgets the plan's lights). Nothing may refer to the rows."""
    objs = list(rows)
    if not _plain_history(model):
        for obj in objs:
            obj.delete()  # a custom history model: simple_history writes it, row by row
        return len(objs)
    if objs:
        _history(model, objs, history_type="-")
        model._base_manager.filter(pk__in=[o.pk for o in objs])._raw_delete(connection.alias)
    return len(objs)


def _plain_history(model: type[models.Model]) -> bool:
    """Whether the model's history rows hold its tracked fields and simple_history's own
    columns, nothing else: those this module writes."""
    history = model.history.model  # type: ignore[attr-defined]
    extra = {f.attname for f in history._meta.concrete_fields} - {
        f.attname for f in history.tracked_fields
    }
    return extra == _HISTORY_FIELDS


def _history(
    model: type[models.Model], objs: Sequence[models.Model], history_type: str = "+"
) -> None:
    history = model.history.model  # type: ignore[attr-defined]
    if not _plain_history(model):  # a custom history model: let simple_history write it
        model.history.bulk_history_create(objs, default_change_reason=None)  # type: ignore[attr-defined]
        return
    tracked = [f.attname for f in history.tracked_fields]
    own = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    fields = [history._meta.get_field(name) for name in tracked]
    fields += [f for name in own for f in history._meta.concrete_fields if f.attname == name]
    values = attrgetter(*tracked)
    now = timezone.now()
    request_user: list[Any] = []
    rows = []
    for obj in objs:
        if hasattr(obj, "_history_user"):
            user = obj._history_user
        else:
            # The request's user (simple_history's default get_user, which no model here
            # replaces): the same for every row, looked up once.
            if not request_user:
                request_user.append(history.get_default_history_user(obj))
            user = request_user[0]
        row = list(values(obj)) if len(tracked) > 1 else [values(obj)]
        row += [
            getattr(obj, "_history_date", now),
            get_change_reason_from_object(obj),
            history_type,
            user.pk if user is not None else None,
        ]
        rows.append(row)
    _insert(history, fields, rows)

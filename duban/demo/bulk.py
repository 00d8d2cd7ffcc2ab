"""Fast bulk writes for generated data: one prepared INSERT run over many rows, each with its
history row, as django-simple-history would write it.

Django's bulk_create compiles every value of every row into SQL (about 10 µs a value); for the
millions of rows `duban demo --scale 1000` writes that is most of the time. Here each column's
conversion is resolved once and the rows go to the driver's executemany. Ids are given by us
(the generator is the only writer), and the sequence is reset afterwards for PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from duban.plans.bulkwrite import column

Row = dict[str, Any]


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    if not isinstance(
        field, models.DateField | models.DecimalField | models.JSONField | models.UUIDField
    ):
        return lambda value: value
    seen: dict[Any, Any] = {}  # dates and times repeat: convert each once

    def convert(value: Any) -> Any:
        if value is None:
            return None
        key = value if not isinstance(value, dict | list) else None
        if key is not None and key in seen:
            return seen[key]
        out = field.get_db_prep_save(value, connection)
        if key is not None and len(seen) < 100_000:
            seen[key] = out
        return out

    return convert


def next_id(model: type[models.Model]) -> int:
    top = model._default_manager.aggregate(top=models.Max(model._meta.pk.attname))["top"]
    return (top or 0) + 1


def insert(model: type[models.Model], rows: Sequence[Row], batch: int = 5000) -> list[Row]:
    """INSERT rows (dicts keyed by attname: task_id, period, …) into model's table. Fields a
    row leaves out take their default. Returns the rows as written, every field filled."""
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields]
    defaults = {f.attname: (f.get_default() if f.has_default() else None) for f in fields}
    now = timezone.now()
    for f in fields:  # auto_now / auto_now_add: written now, as save() would
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
    convert = [(f.attname, _converter(f)) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column(f)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - names are ours
    full = [defaults | row for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(full), batch):
            cursor.executemany(
                sql,
                [
                    tuple(conv(row[name]) for name, conv in convert)
                    for row in full[start : start + batch]
                ],
            )
    return full


def insert_with_history(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Rows (each with its "id") and one "+" (created) history row each."""
    rows = insert(model, rows)
    history = model.history.model  # type: ignore[attr-defined]
    when = timezone.now()
    start = next_id(history)
    insert(
        history,
        [
            row
            | {
                "history_id": start + n,
                "history_date": when,
                "history_type": "+",
                "history_change_reason": None,
                "history_user_id": None,
            }
            for n, row in enumerate(rows)
        ],
    )
    reset_sequences([model, history])


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)

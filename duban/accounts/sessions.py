"""Django's database sessions, read with SQL written once instead of a query the ORM
compiles on every request (the same row, the same expiry rule: a fifth of a signed-in
page's base cost went into compiling that one SELECT). Writes stay Django's."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


@cache
def _select(alias: str, table: str) -> str:
    q = connections[alias].ops.quote_name
    # Names from the model, quoted; the key and the time are bound.
    columns = f"{q('session_key')}, {q('session_data')}, {q('expire_date')}"
    where = f"{q('session_key')} = %s AND {q('expire_date')} > %s"
    return f"SELECT {columns} FROM {q(table)} WHERE {where}"  # noqa: S608


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        alias = router.db_for_read(model)
        now = connections[alias].ops.adapt_datetimefield_value(timezone.now())
        rows = model.objects.using(alias).raw(
            _select(alias, model._meta.db_table), [self.session_key, now]
        )
        found = next(iter(rows), None)
        if found is None:
            self._session_key = None
        return found

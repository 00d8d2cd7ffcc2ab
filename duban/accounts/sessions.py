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
    columns = f"{q('session_key')}, {q('session_data')}"
    where = f"{q('session_key')} = %s AND {q('expire_date')} > %s"
    return f"SELECT {columns} FROM {q(table)} WHERE {where}"  # noqa: S608


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        """The session's row, as Django's: none when missing or expired. The instance holds
        the key and the data, which is what load() reads of it (not the ORM's row with a
        model built by raw(), which cost more than the query)."""
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_select(alias, model._meta.db_table), [self.session_key, now])
            found = cursor.fetchone()
        if found is None:
            self._session_key = None
            return None
        return model(session_key=found[0], session_data=found[1])

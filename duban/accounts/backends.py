"""Logging in by name and password, the name read as the login limits count it."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router
from django.http import HttpRequest

from .login import normalise_username
from .models import User


class UsernameBackend(ModelBackend):
    """ModelBackend, but ｈｅａdB, HEADB and headB are one account: the one whose name
    normalises the same way (when exactly one does), so that the account a login opens is
    the account its failures were counted against."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        wanted = normalise_username(username)
        same = [
            u
            for u in User.objects.filter(username__iexact=wanted)
            if normalise_username(u.username) == wanted
        ]
        if len(same) != 1:
            User().set_password(password)  # as long as a real check: no timing difference
            return None
        user = same[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """ModelBackend's, the account read by its id with SQL written once: every signed-in
        request reads it, and compiling the ORM's query cost twice reading the row."""
        alias = router.db_for_read(User)
        found = next(iter(User.objects.using(alias).raw(_select_user(alias), [user_id])), None)
        return found if found is not None and self.user_can_authenticate(found) else None


@cache
def _select_user(alias: str) -> str:
    q = connections[alias].ops.quote_name
    meta = User._meta
    columns = ", ".join(q(str(f.column)) for f in meta.concrete_fields)
    # Names from the model, quoted; the id is bound.
    return f"SELECT {columns} FROM {q(meta.db_table)} WHERE {q(str(meta.pk.column))} = %s"  # noqa: S608

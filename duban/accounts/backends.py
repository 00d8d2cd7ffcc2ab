"""Logging in by name and password, the name read as the login limits count it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import router
from django.http import HttpRequest

from duban.prepared import Prepared

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
        """ModelBackend's, the account read by its id with SQL made once (duban/prepared.py):
        every signed-in request reads it, and compiling the ORM's query cost twice reading
        the row. An id that is no integer (a session of another backend) finds no one."""
        if isinstance(user_id, str) and user_id.isascii() and user_id.isdigit():
            user_id = int(user_id)
        if type(user_id) is not int or not -(2**63) <= user_id < 2**63:
            return None
        found = _ACCOUNT.rows(user_id)
        if not found:
            return None
        user = User.from_db(router.db_for_read(User), _FIELDS, found[0])
        return user if self.user_can_authenticate(user) else None


_FIELDS = [f.attname for f in User._meta.concrete_fields]
_ACCOUNT = Prepared(lambda user_id: User.objects.filter(pk=user_id).values_list(*_FIELDS))

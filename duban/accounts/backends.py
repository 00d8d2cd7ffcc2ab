"""Logging in by name and password, the name read as the login limits count it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
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

"""The requests views receive, as mypy should see them. django-stubs types every request's
user as `User | AnonymousUser`; behind `login_required` it is an account, and the services a
view calls take one. django-htmx's middleware adds `htmx` to every request."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class SignedInRequest(HtmxRequest):
    """A request behind `login_required` (or `acting`): its user is signed in."""

    user: User

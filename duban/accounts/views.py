"""Log in, with failed attempts limited per account and address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

MAX_FAILURES = 5  # per username and address
MAX_ADDRESS_FAILURES = 30  # per address, whatever the username
WINDOW_SECONDS = 15 * 60


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _keys(request: HttpRequest) -> tuple[str, str]:
    username = (request.POST.get("username") or "").strip().lower()[:150]
    return f"login-fail:{_address(request)}:{username}", f"login-fail:{_address(request)}"


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def _fail(key: str) -> None:
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)


class ThrottledLoginView(LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account, address = _keys(request)
        if _count(account) >= MAX_FAILURES or _count(address) >= MAX_ADDRESS_FAILURES:
            form = self.get_form()
            form.is_valid()
            form.errors.clear()
            form.add_error(None, _("Too many failed attempts. Try again in 15 minutes."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: the login failed
            _fail(account)
            _fail(address)
        else:
            cache.delete(account)
        return response

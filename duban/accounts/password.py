"""A person's own password: the page where it is changed, and the rule that an account given
a one-time password by the office opens nothing else until it has been changed.

The old password is checked by authenticate(), so that a wrong one counts as a failed login
(django-axes, duban/accounts/login.py): a stolen session cannot guess its way to the account
faster than the login form allows. Django's password validators judge the new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import services
from .requests import SignedInRequest


class OwnPasswordForm(PasswordChangeForm):
    """Django's form, the old password checked as a login is (and counted when wrong)."""

    def __init__(self, request: SignedInRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        super().__init__(request.user, *args, **kwargs)
        if getattr(request.user, "must_change_password", False):
            self.fields["old_password"].label = gettext_lazy(
                "The one-time password the office gave you"
            )

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        found = authenticate(self.request, username=self.user.get_username(), password=old)
        if getattr(self.request, "axes_locked_out", False):
            raise ValidationError(_("Too many failed attempts. Try again in 15 minutes."))
        if found is None or found.pk != self.user.pk:
            raise ValidationError(self.error_messages["password_incorrect"])
        return old

    def save(self, commit: bool = True) -> Any:
        return services.change_own_password(self.user, self.cleaned_data["new_password1"])


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe and wanted != reverse("password_change") else ""


@sensitive_post_parameters()
@never_cache
@login_required
def change_password(request: SignedInRequest) -> HttpResponse:
    forced = getattr(request.user, "must_change_password", False)
    form = OwnPasswordForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # this session stays signed in
        messages.success(request, _("Your new password works from now on."))
        return redirect(_next(request) or "password_change_done")
    locked = getattr(request, "axes_locked_out", False)
    # The page answers the lockout itself: axes' own answer is the login page.
    request.axes_locked_out = False  # type: ignore[attr-defined]
    return render(
        request,
        "registration/password_change_form.html",
        {"form": form, "forced": forced, "next": _next(request)},
        status=429 if locked else 200,
    )


class PasswordChangeRequired:
    """Middleware: an account still on its one-time password is sent to the password page
    (and back where it was going afterwards); the API answers 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            getattr(getattr(request, "user", None), "must_change_password", False)
            and request.path not in _open_paths()
            and not request.path.startswith("/static/")
        ):
            return _refused(request)
        return self.get_response(request)


def _open_paths() -> set[str]:
    return {
        reverse(name)
        for name in ("password_change", "password_change_done", "logout", "set_language")
    }


def _refused(request: HttpRequest) -> HttpResponse:
    message = _("Change the one-time password the office gave you first.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=403)
    target = reverse("password_change")
    if request.method == "GET":
        target += "?next=" + quote(request.get_full_path())
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)

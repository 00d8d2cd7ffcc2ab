"""Django's admin for staff only; anyone else signed in meets the site's own 403 page.

The admin answers a signed-in person who is not staff with its login page ("您当前以
reporter登录，但是没有这个页面的访问权限"), in its own look and with no way back to
the workspace. Every admin page sends such a person to admin:login, so that is the one
door to guard.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def login(request: HttpRequest) -> HttpResponse:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not admin.site.has_permission(request):
        raise PermissionDenied(_("The administration is for the site's administrators only."))
    return admin.site.login(request)

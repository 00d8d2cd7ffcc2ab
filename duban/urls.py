from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from duban import admin_gate
from duban.accounts.password import change_password

urlpatterns = [
    # Exempt from CSRF: the worst a forged request does is change the display language, and
    # the public pages that carry the switch are cached whole, so they hold no token.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Before the admin's own login: a signed-in person who is not staff gets our 403 page.
    path("admin/login/", admin_gate.login),
    path("admin/", admin.site.urls),
    # Failed logins here and at /admin/login/ are limited by axes (duban/accounts/login.py).
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Where a person changes the one-time password the office gave them (before anything
    # else: duban.accounts.password.PasswordChangeRequired).
    path("password/", change_password, name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("office/", include("duban.plans.urls")),
    path("office/", include("duban.completions.urls")),
    path("office/", include("duban.accounts.urls")),
    path("work/", include("duban.reporting.urls")),
    path("api/", include("duban.api.urls")),
    path("", include("duban.disclosure.urls")),
]

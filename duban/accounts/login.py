"""Failed logins, limited on every form that takes a password (the site's and the admin's).

django-axes counts the failures in the database (so no cache eviction forgets them) and
refuses a locked-out login before the password is checked. duban tells it three things:
who is asking (the address, believed from X-Forwarded-For only when the connection comes
from a proxy the deployment names), which account is meant (the name as it will be looked
up: ｈｅａdB and headB are one account), and what to answer (the login page, 429, in the
visitor's language). The DRF anonymous throttle keys on the same address.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Sum
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.throttling import AnonRateThrottle

ACCOUNT_FAILURES = 5  # per account and address (axes' own limit, AXES_FAILURE_LIMIT)
ADDRESS_FAILURES = 30  # per address, whatever the account
WINDOW = timedelta(minutes=15)


def normalise_username(name: str | None) -> str:
    """The name as it is counted and looked up: compatibility forms folded (full-width
    letters, ligatures) and case folded."""
    return unicodedata.normalize("NFKC", name or "").strip().casefold()[:150]


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(net, strict=False) for net in settings.DUBAN_TRUSTED_PROXIES
    )


def client_address(request: Any) -> str:
    """The visitor's address. X-Forwarded-For is believed only from a trusted proxy, and
    only its entries the proxies appended: read from the right, the first address that is
    not itself a trusted proxy is the client (anything further left the client wrote)."""
    meta = getattr(request, "META", {})
    address = meta.get("REMOTE_ADDR", "") or ""
    if not _trusted(address):
        return address
    forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for hop in reversed(forwarded):
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a proxy would not write this: count the proxy itself
        address = hop
    return address


def counted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the account a login attempt is counted against."""
    if credentials:
        name = credentials.get("username")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        name = data.get("username")
    return normalise_username(name if isinstance(name, str) else "")


class LoginLimits(AxesDatabaseHandler):
    """axes' database handler, with a second limit per address: one address may not try
    thirty accounts five times each."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return (
            super().is_locked(request, credentials)
            # axes' middleware sets the client's address on the request.
            or address_failures(request.axes_ip_address) >= ADDRESS_FAILURES  # type: ignore[attr-defined]
        )


def address_failures(address: str) -> int:
    from axes.models import AccessAttempt

    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - WINDOW
    )
    return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0


def locked_out(
    request: HttpRequest,
    response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page again, with the reason, as a 429."""
    form = AuthenticationForm(request)
    message = _("Too many failed attempts. Try again in 15 minutes.")
    # An unbound form showing an error: add_error() would need cleaned_data, which only a
    # bound form has. _errors is BaseForm's own (undeclared in the stubs).
    form._errors = ErrorDict(  # type: ignore[attr-defined]
        {NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")}
    )
    next_url = request.POST.get("next", "") if request.method == "POST" else ""
    return render(request, "registration/login.html", {"form": form, "next": next_url}, status=429)


class AnonymousThrottle(AnonRateThrottle):
    """DRF's anonymous limit, keyed on the address login counts use: DRF's own reading
    of X-Forwarded-For takes whatever the client wrote."""

    def get_ident(self, request: Any) -> str:
        return client_address(request)

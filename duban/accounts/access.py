"""Which accounts the office manages on its own screens: the units' reporters and heads, and
the leaders. Accounts with rights (the office's own, staff, superusers) are managed by a
superuser in the admin only, so that nobody gains a right through the office's screens."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from duban.plans.access import is_office, require

from .models import User

MANAGED_ROLES = (User.Role.REPORTER, User.Role.UNIT_HEAD, User.Role.LEADER)
UNIT_ROLES = (User.Role.REPORTER, User.Role.UNIT_HEAD)


def may_manage(actor: object, account: User) -> bool:
    """A unit's account or a leader's, holding no right of any kind, and not one's own."""
    return (
        is_office(actor)
        and account.pk != getattr(actor, "pk", None)
        and account.role in MANAGED_ROLES
        and not account.is_superuser
        and not account.is_staff
        and not account.user_permissions.exists()
        and not account.groups.exists()
    )


def require_office(user: object) -> None:
    require(is_office(user), _("Only the supervision office manages units and accounts."))


def get_account_for_office(user: object, account_id: int, *, change: bool = False) -> User:
    """The account (404 if there is none); 403 for anyone but the office, and for an
    account the office may not change when it is to be changed."""
    require_office(user)
    try:
        account = User.objects.select_related("unit").get(pk=account_id)
    except User.DoesNotExist:
        raise Http404("no such account") from None
    if change:
        require(
            may_manage(user, account), _("This account is managed by the system administrator.")
        )
    return account

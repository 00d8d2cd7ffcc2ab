"""The office's changes to accounts: add one for a unit or a leader, change it, reset its
password to a one-time one, deactivate it. Each checks permission, runs in a transaction and
writes an audit entry (never a password)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.audit.log import log_action
from duban.plans.models import Unit

from .access import MANAGED_ROLES, UNIT_ROLES, may_manage, require_office
from .models import User

# No 0/O, 1/l/I: the clerk reads the password out on the telephone.
ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


def one_time_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(PASSWORD_LENGTH))


def _check(role: str, unit: Unit | None) -> None:
    if role not in MANAGED_ROLES:
        raise ValidationError(
            {"role": _("The office adds reporters, unit heads and leaders only.")}
        )
    if role in UNIT_ROLES and unit is None:
        raise ValidationError({"unit": _("A reporter or unit head belongs to a unit.")})


def _state(account: User) -> dict[str, object]:
    return {
        "username": account.username,
        "name": account.first_name,
        "role": account.role,
        "unit": account.unit.name if account.unit else "",
        "email": account.email,
        "active": account.is_active,
    }


def add_account(
    actor: User, username: str, name: str, role: str, unit: Unit | None, email: str = ""
) -> tuple[User, str]:
    """A new account and its one-time password (shown once, stored only as a hash)."""
    require_office(actor)
    _check(role, unit)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    password = one_time_password()
    with transaction.atomic():
        account = User(
            username=username,
            first_name=name.strip(),
            role=role,
            unit=unit if role in UNIT_ROLES else None,
            email=email.strip(),
        )
        account.set_password(password)
        account.must_change_password = True
        account.full_clean()
        account.save()
        log_action("duban.account.added", actor, account, _state(account))
    return account, password


def change_account(
    actor: User, account: User, name: str, role: str, unit: Unit | None, email: str = ""
) -> User:
    require_office(actor)
    _check(role, unit)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=account.pk)
        if not may_manage(actor, locked):
            raise ValidationError(_("This account is managed by the system administrator."))
        old = _state(locked)
        locked.first_name, locked.role, locked.email = name.strip(), role, email.strip()
        locked.unit = unit if role in UNIT_ROLES else None
        locked.full_clean()
        locked.save(update_fields=["first_name", "role", "email", "unit"])
        if (new := _state(locked)) != old:
            log_action("duban.account.changed", actor, locked, {"old": old, "new": new})
    return locked


def reset_password(actor: User, account: User) -> str:
    """A new one-time password; the old one, and every session of the account, stop working
    (Django's session hash follows the password)."""
    require_office(actor)
    password = one_time_password()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=account.pk)
        if not may_manage(actor, locked):
            raise ValidationError(_("This account is managed by the system administrator."))
        locked.set_password(password)
        locked.must_change_password = True
        locked.save(update_fields=["password", "must_change_password"])
        log_action("duban.account.password_reset", actor, locked, {"username": locked.username})
    return password


def set_active(actor: User, account: User, active: bool) -> User:
    """Deactivated, an account can no longer log in; its reports and instructions stay."""
    require_office(actor)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=account.pk)
        if not may_manage(actor, locked):
            raise ValidationError(_("This account is managed by the system administrator."))
        if locked.is_active == active:
            return locked
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        log_action(
            "duban.account.activated" if active else "duban.account.deactivated",
            actor,
            locked,
            {"username": locked.username},
        )
    return locked


def change_own_password(account: User, password: str) -> User:
    """A person's own new password (the form has checked the old one and Django's password
    validators); a one-time password given by the office is thereby replaced."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=account.pk)
        was_one_time = locked.must_change_password
        locked.set_password(password)
        locked.must_change_password = False
        locked.save(update_fields=["password", "must_change_password"])
        log_action(
            "duban.account.password_changed",
            locked,
            locked,
            {"username": locked.username, "one_time": was_one_time},
        )
    return locked

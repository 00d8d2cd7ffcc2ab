"""What each role may do in the Django admin, until the office has screens of its own."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from .models import User


def grant_office_admin(user: User) -> None:
    """The office edits plans, tasks, units and reports, and manages the accounts, in the
    admin; nobody else gets in."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["plans", "reporting"])
        | Permission.objects.filter(content_type__app_label="accounts", content_type__model="user")
        # The audit log, to read (nobody writes it but the services).
        | Permission.objects.filter(content_type__app_label="audit", codename="view_auditentry")
    )

"""People: each account belongs to one role and, for units, to one unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICE = "office", _("Supervision office")
        REPORTER = "reporter", _("Unit reporter")
        UNIT_HEAD = "unit_head", _("Unit head")
        LEADER = "leader", _("Leader")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "plans.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    # Set with a one-time password from the office: nothing but the password page opens
    # until the person has chosen their own.
    must_change_password = models.BooleanField(_("must change the password"), default=False)

    @property
    def is_office(self) -> bool:
        return self.role == self.Role.OFFICE or self.is_superuser

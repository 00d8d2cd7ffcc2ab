"""The office's forms for accounts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.plans.models import Unit
from duban.text_fields import ShortText, Uncut

from .access import MANAGED_ROLES
from .models import User


class AccountForm(Uncut, forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("What the person types to log in: letters, digits and @ . + - _ only."),
    )
    name = ShortText(label=_("Full name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in MANAGED_ROLES])
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=_("(none: for a leader)"),
        help_text=_("The unit a reporter or unit head works for."),
    )
    email = forms.EmailField(
        label=_("Email"), required=False, help_text=_("Reminders are mailed here.")
    )

    def __init__(self, *args: Any, account: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if account is not None:  # the user name is what the person logs in with: kept
            del self.fields["username"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All")), *User.Role.choices]
    )

"""The office's forms for units."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.text_fields import LongText, ShortText

from .models import Unit

ALIAS_SEPARATORS = re.compile(r"[、，,；;\n]+")


class UnitForm(forms.Form):
    name = ShortText(label=_("Name"), max_length=100)
    aliases = LongText(
        label=_("Other names"),
        required=False,
        limit=4000,
        help_text=_(
            "Short forms and former names documents print, separated by 、 or one a "
            "line (区发改委). A document's unit is found under any of them."
        ),
    )

    def clean_aliases(self) -> list[str]:
        text = self.cleaned_data.get("aliases") or ""
        names = [n.strip() for n in ALIAS_SEPARATORS.split(text) if n.strip()]
        if too_long := [n for n in names if len(n) > 100]:
            raise forms.ValidationError(
                _("A name has at most 100 characters: %(name)s…") % {"name": too_long[0][:20]}
            )
        return names


class NewUnitForm(forms.Form):
    name = ShortText(label=_("Name"), max_length=100)
    government = forms.ChoiceField(label=_("Government"))

    def __init__(self, *args: Any, known: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(g, g) for g in (governments() if known is None else known)]
        field = cast(forms.ChoiceField, self.fields["government"])
        field.choices = choices or [("", "")]
        field.required = bool(choices)  # a site with no plan yet: a unit of no government
        if len(choices) == 1:
            self.fields["government"].initial = choices[0][0]


def governments() -> list[str]:
    """The governments of the site's plans and units, by name (one query)."""
    from .models import Plan

    plans = Plan.objects.order_by().values_list("government", flat=True)
    named = plans.union(Unit.objects.order_by().values_list("government", flat=True))
    return sorted(g for g in named if g)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose the unit it is the same as"),
    )
    confirm = forms.BooleanField(
        label=_(
            "I have checked: both records are one unit. Its tasks, reports and people "
            "move to the unit chosen, and this record is deleted."
        )
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the same government's units: Kunming's 市教育局 is not Chengdu's.
        same = Unit.objects.filter(government=unit.government).exclude(pk=unit.pk)
        self.fields["into"].queryset = same  # type: ignore[attr-defined]


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    government = forms.CharField(required=False, max_length=100)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duban.plans.models import Category, Task, Unit


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int,
                                      empty_value=None)
    unit = forms.TypedChoiceField(label=_("Lead unit"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(
        self, *args: Any, categories: list[Category], units: list[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.id, c.name) for c in categories
        ]
        self.fields["unit"].choices = [("", _("All units"))] + [(u.id, u.name) for u in units]

    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(k) for k in ("q", "category", "unit"))

    def apply(
        self, tasks: QuerySet[Task], text_filter: Callable[[QuerySet[Task], str], QuerySet[Task]]
    ) -> QuerySet[Task]:
        data = self.cleaned_data
        if data.get("category"):
            tasks = tasks.filter(category_id=data["category"])
        if data.get("unit"):
            tasks = tasks.filter(assignments__unit_id=data["unit"]).distinct()
        if data.get("q"):
            tasks = text_filter(tasks, data["q"].strip())
        return tasks

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duban.plans.models import KEPT, NOT_KEPT, Category, Status, Task, Unit

from .summary import with_effective_status

STATUS_GROUPS = {"kept": KEPT, "not_kept": NOT_KEPT}


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int,
                                      empty_value=None)
    unit = forms.TypedChoiceField(label=_("Lead unit"), required=False, coerce=int,
                                  empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All statuses")), ("kept", _("Kept (completed or exceeded)")),
                 ("not_kept", _("Not kept")), *Status.choices],
    )
    flagged = forms.BooleanField(label=_("Only with a discrepancy"), required=False)

    def __init__(
        self, *args: Any, categories: list[Category], units: list[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.id, c.name) for c in categories
        ]
        self.fields["unit"].choices = [("", _("All units"))] + [(u.id, u.name) for u in units]

    def has_filters(self) -> bool:
        return any(
            self.cleaned_data.get(k) for k in ("q", "category", "unit", "status", "flagged")
        )

    def apply(
        self, tasks: QuerySet[Task], text_filter: Callable[[QuerySet[Task], str], QuerySet[Task]]
    ) -> QuerySet[Task]:
        data = self.cleaned_data
        if data.get("category"):
            tasks = tasks.filter(category_id=data["category"])
        if data.get("unit"):
            tasks = tasks.filter(assignments__unit_id=data["unit"]).distinct()
        if data.get("status"):
            wanted = STATUS_GROUPS.get(data["status"], {data["status"]})
            tasks = with_effective_status(tasks).filter(effective__in=list(wanted))
        if data.get("flagged"):
            tasks = tasks.exclude(flags=[])
        if data.get("q"):
            tasks = text_filter(tasks, data["q"].strip())
        return tasks


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": task.effective_status, "note": task.status_note})
        super().__init__(*args, **kwargs)

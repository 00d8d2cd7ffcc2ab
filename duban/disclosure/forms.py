from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duban.plans import search
from duban.plans.models import KEPT, NOT_KEPT, Status, Task
from duban.reporting.forms import once_field
from duban.text_fields import NOTE, LongText

from .models import PublishedTask

# "missed": not kept, partial completion aside (the home page counts those apart).
STATUS_GROUPS = {"kept": KEPT, "not_kept": NOT_KEPT, "missed": NOT_KEPT - {Status.PARTIAL}}
SORTS = [("number", _("Number")), ("status", _("Status")), ("unit", _("Lead unit"))]


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    unit = forms.ChoiceField(label=_("Lead unit"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            ("kept", _("Kept (completed or exceeded)")),
            ("not_kept", _("Not kept")),
            ("missed", _("Not kept, partial completion aside")),
            *Status.choices,
        ],
    )
    flagged = forms.BooleanField(label=_("Only with a discrepancy"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(
        self, *args: Any, categories: list[tuple[int, str]], units: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("All categories")),
            *categories,
        ]
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("All units"))] + [
            (u, u) for u in units
        ]

    def has_filters(self) -> bool:
        return bool(self.cleaned_data.get("q")) or self.active_count() > 0

    def active_count(self) -> int:
        """Filters set behind the folded filter button (the search box stays in view)."""
        return sum(
            bool(self.cleaned_data.get(k)) for k in ("category", "unit", "status", "flagged")
        )

    def apply(self, rows: QuerySet[PublishedTask]) -> list[PublishedTask]:
        data = self.cleaned_data
        if data.get("category"):
            rows = rows.filter(category_order=data["category"])
        if data.get("status"):
            rows = rows.filter(status__in=list(STATUS_GROUPS.get(data["status"], {data["status"]})))
        if data.get("flagged"):
            rows = rows.exclude(flags=[])
        if data.get("q"):
            rows = search.filter_tasks(rows, data["q"].strip(), one_plan=True)
        out = list(rows)
        if data.get("unit"):  # unit names live in a JSON list: filtered here, one plan's rows
            out = [r for r in out if data["unit"] in r.lead_units + r.co_units]
        if data.get("sort") == "status":
            order = {s: i for i, s in enumerate(Status.values)}
            out.sort(key=lambda r: (order.get(r.status, 99), r.number))
        elif data.get("sort") == "unit":
            out.sort(key=lambda r: ((r.lead_units or [""])[0], r.number))
        return out


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    note = LongText(label=_("Note"), required=False, rows=2, limit=NOTE)

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": task.effective_status, "note": task.status_note})
        super().__init__(*args, **kwargs)


class PublishForm(forms.Form):
    from .models import Publication

    kind = forms.ChoiceField(
        label=_("Publication"),
        choices=[
            (Publication.Kind.MID_YEAR, Publication.Kind.MID_YEAR.label),
            (Publication.Kind.YEAR_END, Publication.Kind.YEAR_END.label),
        ],
    )
    # A box: a note pasted with its paragraphs keeps them (a one-line input joins them).
    note = LongText(label=_("Note"), required=False, rows=2, limit=NOTE)
    once = once_field()

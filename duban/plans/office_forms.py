from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from duban.accounts.models import User

from .models import Category, Plan, Task, Unit
from .services import YEARS
from .widgets import IsoDateField


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["government", "year", "title", "published_on", "is_public",
                  "requires_unit_approval", "due_day", "warning_days"]
        field_classes = {"published_on": IsoDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Bounds the calendar and the database hold (the model's are those of a smallint).
        for name, (low, high) in {"year": YEARS, "due_day": (1, 31),
                                  "warning_days": (0, 366)}.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)


class TaskForm(forms.ModelForm):
    lead_units = forms.ModelMultipleChoiceField(
        label=_("Lead units"), queryset=Unit.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    new_category = forms.CharField(
        label=_("Or a new category"), required=False, max_length=200,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"), queryset=Unit.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Task
        fields = ["category", "number", "content", "deadline", "reporting_cycle", "leader"]
        field_classes = {"deadline": IsoDateField}
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(plan=plan)
        self.fields["category"].label = _("Category")
        leader = self.fields["leader"]
        leader.queryset = User.objects.filter(role=User.Role.LEADER)
        leader.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["revision"] = self.instance.revision
            roles = list(self.instance.assignments.values_list("unit_id", "role"))
            self.initial["lead_units"] = [u for u, r in roles if r == "lead"]
            self.initial["co_units"] = [u for u, r in roles if r == "co"]

    def validate_unique(self) -> None:
        pass  # plan is set by the service; the database constraint still holds


class PasteForm(forms.Form):
    rows = forms.CharField(
        label=_("Rows copied from a spreadsheet"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("With a header row: 序号, 任务, 牵头单位 … (tab-separated, as Excel copies)."),
        max_length=2_000_000,
    )

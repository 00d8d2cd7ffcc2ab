from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from duban.accounts.models import User
from duban.prepared import Prepared
from duban.text_fields import LongText, Uncut

from .models import Assignment, Category, Indicator, Plan, Task, Unit
from .offered import leaders as offered_leaders
from .offered import units as offered_units
from .services import YEARS
from .widgets import IsoDateField


class PlanForm(Uncut, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Plan
        fields = [
            "government",
            "year",
            "title",
            "published_on",
            "is_public",
            "requires_unit_approval",
            "due_day",
            "warning_days",
        ]
        field_classes = {"published_on": IsoDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Bounds the calendar and the database hold (the model's are those of a smallint).
        for name, (low, high) in {
            "year": YEARS,
            "due_day": (1, 31),
            "warning_days": (0, 366),
        }.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)
        if self.instance.pk:
            self.initial["revision"] = self.instance.revision

    def saw_revision(self, current: int) -> None:
        """Refused as stale: the form keeps what was typed and now names the revision whose
        changes it shows, so that saving again knowingly keeps the typed settings."""
        data = cast(QueryDict, self.data).copy()  # the request's, which a copy makes writable
        data["revision"] = str(current)
        self.data = data


NEW = "+"  # Tom Select sends a unit typed in and not in the list as "+name"
NAME_SEPARATORS = re.compile(r"[、，,；;\n]+")


class UnitSelect(forms.SelectMultiple):
    """The plain multiple select, enhanced in the browser by unit-select.js (Tom Select). A
    new unit typed in a refused form is shown again, still chosen."""

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        groups = super().optgroups(name, value, attrs)
        for v in value:
            if isinstance(v, str) and v.startswith(NEW) and v[1:].strip():
                option = self.create_option(
                    name, v, f"{v[1:].strip()}（{_('new')}）", True, len(groups)
                )
                groups.append((None, [option], len(groups)))
        return groups


class UnitsField(forms.ModelMultipleChoiceField):
    """Units chosen from the list (Units), and new ones by name (str): the service creates
    those on save."""

    widget = UnitSelect

    # Not a queryset as the base field's: Units and new names, which the service creates.
    def clean(self, value: Any) -> list[Unit | str]:  # type: ignore[override]
        values = [str(v) for v in (value or [])]
        names = [v[1:].strip() for v in values if v.startswith(NEW) and v[1:].strip()]
        chosen = [v for v in values if not v.startswith(NEW)]
        units: list[Unit | str] = list(super().clean(chosen)) if chosen else []
        return units + names


class LeaderField(forms.ModelChoiceField):
    """A leader by name, as the office knows them (the account name if none is set)."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


def _names(text: str) -> list[str]:
    return [n.strip() for n in NAME_SEPARATORS.split(text or "") if n.strip()]


# Compiled once (duban/prepared.py): the ORM took longer to compile these than to run them.
_categories = Prepared(
    lambda plan_id: Category.objects.filter(plan_id=plan_id).values("id", "name")
)
_assignments = Prepared(
    lambda task_id: Assignment.objects.filter(task_id=task_id).values("unit_id", "role")
)


class TaskForm(Uncut, forms.ModelForm):
    lead_units = UnitsField(
        label=_("Lead units"),
        queryset=Unit.objects.all(),
        required=False,
        widget=UnitSelect(attrs={"size": 8, "data-unit-select": ""}),
    )
    new_lead_units = forms.CharField(
        label=_("New lead units"),
        required=False,
        max_length=2000,
        help_text=_(
            "Units not in the list: their names, separated by 、 — they are added "
            "when the task is saved."
        ),
    )
    new_category = forms.CharField(
        label=_("Or a new category"),
        required=False,
        max_length=200,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    co_units = UnitsField(
        label=_("Co-units"),
        queryset=Unit.objects.all(),
        required=False,
        widget=UnitSelect(attrs={"size": 6, "data-unit-select": ""}),
    )
    new_co_units = forms.CharField(
        label=_("New co-units"),
        required=False,
        max_length=2000,
        help_text=_("Separated by 、, added when the task is saved."),
    )

    class Meta:
        model = Task
        fields = [
            "category",
            "number",
            "content",
            "deadline",
            "reporting_cycle",
            "leader",
            "completion",
        ]
        field_classes = {"deadline": IsoDateField, "leader": LeaderField}
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "completion": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "completion": _(
                "What the public reads as the year's completion once published. An accepted "
                "year-end report writes it; the office may correct it here (the report and "
                "every earlier text stay in the history)."
            )
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and "completion" not in self.data:
            del self.fields["completion"]  # a post without it (a new task, a script) keeps it
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = Category.objects.filter(plan=plan)  # what is accepted
        category.label = _("Category")
        category.empty_label = _("(no category)")
        category.widget.choices = [
            ("", category.empty_label),
            *((c["id"], c["name"]) for c in _categories(plan.id)),
        ]
        offered = offered_units(plan)
        theirs = Unit.objects.filter(government=plan.government)
        for name in ("lead_units", "co_units"):  # the government's, offered and accepted
            cast(UnitsField, self.fields[name]).queryset = theirs
            self.fields[name].widget.choices = offered
        leader = cast(LeaderField, self.fields["leader"])
        leader.queryset = User.objects.filter(role=User.Role.LEADER)  # any leader is accepted
        leader.empty_label = _("(none yet)")
        leader.widget.choices = [
            ("", leader.empty_label),
            *offered_leaders(plan, self.instance.leader_id),
        ]
        for name in ("lead_units", "co_units"):  # what unit-select.js says, in the page's language
            self.fields[name].widget.attrs.update(
                {
                    "data-placeholder": _("Type to search, or a new unit's name"),
                    "data-no-results": _("No such unit. Type its full name to add it."),
                    "data-add": _("Add the unit"),
                    "data-remove": _("Remove"),
                }
            )
        if self.instance.pk:
            self.initial["revision"] = self.instance.revision
            roles = _assignments(self.instance.pk)
            for name, role in (("lead", Assignment.Role.LEAD), ("co", Assignment.Role.CO)):
                self.initial[f"{name}_units"] = [a["unit_id"] for a in roles if a["role"] == role]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for role in ("lead", "co"):
            chosen = list(data.get(f"{role}_units") or [])
            data[f"{role}_units"] = chosen + [
                n for n in _names(data.pop(f"new_{role}_units", "")) if n not in chosen
            ]
        if not data["lead_units"] and "lead_units" not in self.errors:
            self.add_error("lead_units", _("A task needs at least one lead unit."))
        return data

    def validate_unique(self) -> None:
        pass  # plan is set by the service; the database constraint still holds


class IndicatorForm(Uncut, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["metric", "comparator", "target_value", "unit", "actual_value", "actual_unit"]
        labels = {
            "metric": _("Indicator"),
            "comparator": _("Comparator"),
            "target_value": _("Target value"),
            "unit": _("Unit of measure"),
            "actual_value": _("Actual"),
            "actual_unit": _("Unit of the actual"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target_value", "actual_value"):
            value = self.initial.get(name)
            if isinstance(value, Decimal):  # 10, not 10.0000
                self.initial[name] = format(value.normalize(), "f")
        self.fields["actual_value"].widget.attrs.update(inputmode="decimal")
        self.fields["target_value"].widget.attrs.update(inputmode="decimal")
        self.fields["metric"].widget.attrs.update(placeholder=_("e.g. new housing"))


_indicators = Prepared(lambda task_id: Indicator.objects.filter(task_id=task_id))


class _ShownIndicators(forms.BaseInlineFormSet):
    """The task's indicator rows, read with SQL compiled once for the page (unbound); a
    posted formset reads them as Django's does."""

    def get_queryset(self) -> Any:
        if self.is_bound or self.instance.pk is None:
            return super().get_queryset()
        if not hasattr(self, "_shown"):
            self._shown = _indicators(self.instance.pk)
        return self._shown


IndicatorFormSet = forms.inlineformset_factory(
    Task,
    Indicator,
    form=IndicatorForm,
    formset=_ShownIndicators,
    extra=2,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


PREFIX = "indicators"


def indicator_formset(data: Any, task: Task | None, plan: Plan) -> Any:
    """The task's indicator rows; bound only when the post has them (a post of the task's
    fields alone, from a script or an older page, leaves the indicators as they are)."""
    bound = data if data is not None and f"{PREFIX}-TOTAL_FORMS" in data else None
    return IndicatorFormSet(bound, instance=task or Task(plan=plan), prefix=PREFIX)


def indicators_valid(formset: Any) -> bool:
    return not formset.is_bound or formset.is_valid()


def indicator_rows(formset: Any) -> list[dict[str, object]] | None:
    """What a valid indicator formset asks for: every row kept, in order, with its id (an
    indicator not among them is removed by the service); None when none were posted."""
    if not formset.is_bound:
        return None
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (form.instance.pk or form.has_changed()):
            continue
        rows.append(
            {
                "id": form.instance.pk,
                **{
                    k: data.get(k)
                    for k in (
                        "metric",
                        "comparator",
                        "target_value",
                        "unit",
                        "actual_value",
                        "actual_unit",
                    )
                },
            }
        )
    return rows


class PasteForm(forms.Form):
    rows = LongText(
        label=_("Rows copied from a spreadsheet"),
        widget=forms.Textarea(attrs={"rows": 8, "aria-describedby": "id_rows_helptext"}),
        help_text=_(
            "Select the rows in Excel or WPS with their header row, copy, and paste "
            "them here. Columns read: 类别, 序号, 重点督办内容, 牵头单位, 配合单位, "
            "完成时限, 全年完成情况. A number the plan has already updates that task."
        ),
        limit=2_000_000,
    )

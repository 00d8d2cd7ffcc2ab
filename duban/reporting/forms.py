from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from duban import text_fields as limits
from duban.audit.log import new_token
from duban.plans.models import Task
from duban.plans.widgets import IsoDateField
from duban.text_fields import LongText

from .labels import period_label
from .models import Request
from .periods import periods


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    text = LongText(label=_("Progress"), rows=6, limit=limits.REPORT_TEXT)
    # A declared field: the form's metaclass moves it into base_fields, so self.files stays
    # the request's uploads (what the stubs see this name as).
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, images, text or zip; up to 20 MB each."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = task.plan
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (
                p.code,
                _("%(period)s (due %(due)s)")
                % {"period": period_label(p.code), "due": p.due.isoformat()},
            )
            for p in periods(task.reporting_cycle, plan.year, plan.due_day)
        ]
        self.indicators = list(task.indicators.all())
        for ind in self.indicators:
            self.fields[f"ind_{ind.id}"] = forms.DecimalField(
                label=f"{ind.metric}（{_('target')} {ind.target_text}）",
                required=False,
                max_digits=20,
                decimal_places=4,
            )

    def values(self) -> dict[int, Any]:
        return {ind.id: self.cleaned_data.get(f"ind_{ind.id}") for ind in self.indicators}


class ReturnForm(forms.Form):
    comment = LongText(
        label=_("What should be changed"),
        rows=2,
        limit=limits.REVIEW_COMMENT,
        error_messages={"required": _("Say what should be changed.")},
    )


def once_field() -> forms.CharField:
    """A token new with each form shown: posted twice (a double click), the form makes one
    change (audit.log.once)."""
    # No id: several forms of one page carry one.
    return forms.CharField(
        widget=forms.HiddenInput(attrs={"id": False}),
        required=False,
        max_length=64,
        initial=new_token,
    )


class InstructionForm(forms.Form):
    text = LongText(
        label=_("Instruction"),
        limit=limits.INSTRUCTION_TEXT,
        error_messages={"required": _("Write the instruction.")},
    )
    once = once_field()


class AnswerForm(forms.Form):
    text = LongText(label=_("Answer"), limit=limits.ANSWER_TEXT, required=False)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=Request.Kind.choices)
    reason = LongText(label=_("Reason"), rows=2, limit=limits.REQUEST_REASON)
    new_deadline = IsoDateField(label=_("New deadline"), required=False)
    proposed_target = forms.CharField(label=_("Proposed target"), required=False, max_length=200)
    once = once_field()


class DecideForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Grant")), ("no", _("Refuse"))],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    approving_body = forms.CharField(label=_("Approving body"), required=False, max_length=200)


class AdjustmentForm(forms.Form):
    from_text = forms.CharField(label=_("From"), max_length=200, required=False)
    to_text = forms.CharField(label=_("To"), max_length=200)
    approving_body = forms.CharField(label=_("Approving body"), max_length=200, required=False)
    approved_on = IsoDateField(label=_("Approved on"), required=False)
    document = forms.CharField(label=_("Document"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class MilestoneForm(forms.Form):
    due = IsoDateField(
        label=_("due"),
        error_messages={
            "required": _("Give the milestone's date."),
            "invalid": _("Give the milestone's date."),
        },
    )
    text = forms.CharField(
        label=_("milestone"),
        max_length=200,
        error_messages={"required": _("Say what is to be done by then.")},
    )
    done = forms.BooleanField(label=_("done"), required=False)

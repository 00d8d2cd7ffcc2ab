from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from duban import text_fields as limits
from duban.audit.log import new_token
from duban.plans.models import Indicator, Task
from duban.plans.widgets import IsoDateField
from duban.quantities.typed import may_be_negative, plain, read_typed
from duban.text_fields import LongText

from .labels import period_label
from .lights import fold_reports
from .models import ProgressReport, Request
from .periods import first_to_report, periods


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


class UnitInput(forms.TextInput):
    """A text input with the indicator's unit printed after it ("亿元")."""

    def __init__(self, unit: str) -> None:
        # inputmode: a phone shows its number keys, yet "1.5万" can still be typed or pasted
        # (a type=number input drops the 万 and keeps 1.5 without a word).
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "figure"})
        self.unit = unit

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        html = super().render(name, value, attrs, renderer)
        if not self.unit:
            return html
        return format_html(
            '<span class="with-unit">{}<span class="figure-unit">{}</span></span>', html, self.unit
        )


class FigureField(forms.CharField):
    """An indicator's figure as typed: read into the indicator's unit (quantities.typed);
    refused, with a message that names the field, when it cannot be read without a guess."""

    def __init__(self, indicator: Indicator, **kwargs: Any) -> None:
        self.indicator = indicator
        super().__init__(required=False, max_length=60, widget=UnitInput(indicator.unit), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return plain(value) if isinstance(value, Decimal) else value  # 150, not 150.0000

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        ind = self.indicator
        typed = read_typed(text, ind.unit, signed=may_be_negative(ind.metric, ind.unit))
        if typed.refused:
            raise forms.ValidationError(
                refusal(ind, typed.refused, text, typed.reading, typed.assumed)
            )
        return typed.value


def refusal(ind: Indicator, why: str, text: str, reading: Decimal | None, assumed: str) -> str:
    """Why a typed figure was refused, in words that name the field and the unit expected;
    the figure it would have been where there is one ("1.5万（元）即0.00015亿元")."""
    words = {
        "field": ind.metric,
        "typed": text,
        "unit": ind.unit,
        "reading": plain(reading) if reading is not None else "",
        "assumed": assumed,
    }
    if why == "multiplier" and reading is not None and assumed:
        message = gettext(
            "%(field)s is reported in %(unit)s: %(typed)s (%(assumed)s) would be "
            "%(reading)s %(unit)s. Please check."
        )
    elif why == "multiplier" and reading is not None:
        message = gettext(
            "%(field)s is reported in %(unit)s: %(typed)s would be %(reading)s %(unit)s. "
            "Please check."
        )
    elif why == "other_unit":
        message = gettext(
            "%(field)s is reported in %(unit)s: “%(typed)s” is in another unit. "
            "Give the figure in %(unit)s."
        )
    elif why == "negative":
        message = gettext("%(field)s cannot be below zero: “%(typed)s”. Please check.")
    elif why == "precision":
        message = gettext(
            "%(field)s is reported in %(unit)s with at most 4 decimals: %(typed)s would be "
            "%(reading)s %(unit)s. Please check."
        )
    elif why == "too_large":
        message = gettext("%(field)s: “%(typed)s” is too large. Please check.")
    elif ind.unit:
        message = gettext(
            "%(field)s: “%(typed)s” could not be read as a figure. Write a number in "
            "%(unit)s, such as 150."
        )
    else:
        message = gettext(
            "%(field)s: “%(typed)s” could not be read as a figure. Write a number, such as 150."
        )
    return message % words


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
    # The period the form was opened on (its draft loaded, if it had one): the revision is
    # that draft's, not the draft of a period chosen afterwards.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10)

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
            self.fields[f"ind_{ind.id}"] = FigureField(
                ind, label=f"{ind.metric}（{_('target')} {ind.target_text}）"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        loaded, period = data.get("loaded"), data.get("period")
        if loaded and period and loaded != period:
            # Typed on one period's form and saved under another: the form saw no draft of
            # that one (save_draft refuses to replace one it has).
            data["revision"] = 0
        return data

    def values(self) -> dict[int, Any]:
        return {ind.id: self.cleaned_data.get(f"ind_{ind.id}") for ind in self.indicators}


def report_opening(
    task: Task, reports: list[ProgressReport], unit_id: int | None, asked: str | None
) -> tuple[ProgressReport | None, str | None]:
    """The period the report form opens on, and the unit's open report (draft or returned)
    of it, whose text the form loads: the period asked for (?period=, or the one a refused
    form was sent for); else the unit's first open report's; else the first period still
    to be written (due soonest, not accepted, not with the head or the office)."""
    plan = task.plan
    every = periods(task.reporting_cycle, plan.year, plan.due_day)
    own = sorted((r for r in reports if r.unit_id == unit_id), key=lambda r: r.version)
    states, _corrections = fold_reports((r.unit_id, r.period, r.state) for r in own)
    editable = (ProgressReport.State.DRAFT, ProgressReport.State.RETURNED)
    open_of = {r.period: r for r in own if r.state in editable}
    codes = [p.code for p in every]
    if asked in codes:
        return open_of.get(asked), asked
    first_open = next((c for c in codes if c in open_of), None)
    if first_open:
        return open_of[first_open], first_open
    first = first_to_report(every, {p: s for (_u, p), s in states.items()})
    return None, first.code if first else None


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
    # A box, not a line: a reason pasted from Word keeps its paragraphs (an input joins them).
    reason = LongText(label=_("Reason"), rows=3, limit=limits.ADJUSTMENT_REASON, required=False)


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

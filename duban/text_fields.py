"""A text a person writes at length (a report, an instruction, a reason).

Its limit is the server's to enforce, never the browser's: a textarea's maxlength cuts a
paste silently (5,600 characters pasted became 4,000, and no one was told). The field renders
no maxlength; it carries its limit and the words of a live count (static/duban/limits.js
shows "4,000 字以内，已输入 5,600 字" under the box), and a text over the limit is refused
with the count, the box keeping every word.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext


def count_text() -> str:
    """The live count's words; {limit} and {count} are filled in by the page's script."""
    return gettext("Up to {limit} characters; {count} written")


def too_long(limit: int, length: int) -> str:
    return gettext(
        "At most %(limit)s characters; this has %(length)s. Shorten it by %(over)s and send "
        "it again: nothing was cut."
    ) % {"limit": f"{limit:,}", "length": f"{length:,}", "over": f"{length - limit:,}"}


def check_length(field: str, text: str, limit: int) -> None:
    """The services' check (the web forms, the API and the CLI share it): refused, never
    cut."""
    if len(text) > limit:
        raise ValidationError({field: too_long(limit, len(text))}, code="max_length")


class LongText(forms.CharField):
    """A textarea with a limit the browser counts but does not enforce."""

    def __init__(self, *, limit: int, rows: int = 3, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        self.limit = limit
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["data-limit"] = str(self.limit)
        attrs["data-count-text"] = count_text()
        return attrs

    def to_python(self, value: Any) -> Any:
        # A browser sends each line break as CRLF and counts it as one character: so do we.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and len(value) > self.limit:
            raise ValidationError(too_long(self.limit, len(value)), code="max_length")


class ShortText(forms.CharField):
    """A one-line text (a name, a target "≥1.5万", a document number) whose limit the server
    enforces: no maxlength for the browser to cut a paste with; a text over the limit is
    refused with its count ("最多 200 字，已输入 230 字"), the box keeping what was typed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Refused in the words of a long text's refusal (the count to cut, nothing cut).
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(too_long(self.max_length, len(value)), code="max_length")


class Uncut:
    """A form mixin (ModelForms: their text fields come from the model's max_length): no
    field's input carries a maxlength; the model's limit is the server's check, as above."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)


def limit_attrs(limit: int) -> dict[str, str]:
    """The same attributes for a textarea a template writes by hand (task.html)."""
    return {"data-limit": str(limit), "data-count-text": count_text()}


# The limits, one place for the forms, the services and the templates.
REPORT_TEXT = 20_000
INSTRUCTION_TEXT = 4_000
ANSWER_TEXT = 4_000
REQUEST_REASON = 4_000
REVIEW_COMMENT = 2_000
NOTE = 2_000
ADJUSTMENT_REASON = 2_000

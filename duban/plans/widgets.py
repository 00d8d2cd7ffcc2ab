"""Date inputs that survive a save in every language.

A browser's `<input type="date">` shows and sends only ISO dates (2021-03-08). Django renders a
date in the active locale's first input format, which in zh-hans is 2021/03/08: the browser
shows an empty field and the next save writes NULL. These widgets and fields always render ISO
and always read it, whatever the locale, and still read the locale's own formats.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME)


class _IsoFirst:
    """input_formats: ISO first, then the active locale's (resolved per request)."""

    def __init__(self, iso: str, key: str) -> None:
        self.iso, self.key = iso, key

    def __iter__(self) -> Any:
        yield self.iso
        yield from formats.get_format(self.key)


class IsoDateField(forms.DateField):
    widget = IsoDateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", _IsoFirst(ISO_DATE, "DATE_INPUT_FORMATS"))
        super().__init__(**kwargs)


class IsoDateTimeField(forms.DateTimeField):
    widget = IsoDateTimeInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", _IsoFirst(ISO_DATETIME, "DATETIME_INPUT_FORMATS"))
        super().__init__(**kwargs)

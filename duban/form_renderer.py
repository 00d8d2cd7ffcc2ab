"""Django's form renderer with its commonest widget templates written out in Python.

Each widget Django renders goes through a template of its own (input.html, which includes
attrs.html; a select includes select_option.html once per option): on the office's task page
the 33 widgets of the task form and its indicator rows were a third of the page's time. This
renderer writes the same HTML, byte for byte, for those templates (tests/plans/
test_form_renderer.py renders every widget kind through both and compares), and hands any other
template, or a select with another option template, to Django's own.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

W = "django/forms/widgets/"
# The templates that are only {% include "django/forms/widgets/input.html" %}.
INPUTS = frozenset(
    W + name
    for name in (
        "input.html",
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "password.html",
        "hidden.html",
        "date.html",
        "datetime.html",
        "time.html",
        "search.html",
        "tel.html",
        "color.html",
        "checkbox.html",
    )
)
_CONTEXT = Context()  # autoescape on, localisation and time zone as settings say


def _out(value: Any) -> str:
    """{{ value }}. A plain str (most names, values and labels) is only escaped: localising
    and the local time leave it as it is), by the standard library's escape, which Django's
    wraps after checking every argument for a lazy string (400 calls on a task page)."""
    if type(value) is str:
        return escape(value)
    return render_value_in_context(value, _CONTEXT)


def _s(value: Any) -> str:
    """{{ value|stringformat:'s' }} (an is_safe filter: safe in, safe out)."""
    formatted = stringformat(value, "s")
    return _out(mark_safe(formatted) if isinstance(value, SafeData) else formatted)  # noqa: S308


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html"""
    return "".join(
        f" {_out(name)}" + ("" if value is True else f'="{_s(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{_s(widget["value"])}"'
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{_s(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_out(option['label'])}</option>\n"
    )


def _select(widget: dict[str, Any]) -> str | None:
    html = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in group_choices:
            if option["template_name"] != W + "select_option.html":
                return None
            html.append("\n  " + _option(option))
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _textarea(widget: dict[str, Any]) -> str:
    value = _out(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


WRITERS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    **dict.fromkeys(INPUTS, _input),
    W + "select.html": _select,
    W + "textarea.html": _textarea,
}


class FastWidgets(DjangoTemplates):
    """settings.FORM_RENDERER."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        writer = WRITERS.get(template_name)
        if writer is not None and "widget" in context:
            html = writer(context["widget"])
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request)

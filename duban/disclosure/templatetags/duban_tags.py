from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _lazy

from duban.plans.models import Status

register = template.Library()


@register.filter
def say(message: object) -> str:
    """A reader's warning or error in the reader's language (duban.i18n.say)."""
    from duban.i18n import say as _say

    return _say(message)


FORMAT_LABELS = {
    "xlsx": _lazy("Excel workbook"),
    "docx": _lazy("Word document"),
    "csv": _lazy("CSV table"),
    "tsv": _lazy("tab-separated table"),
    "html": _lazy("web page"),
    "markdown": _lazy("text with tables"),
    "pipe-text": _lazy("text with tables"),
    "cell-per-line": _lazy("text with tables"),
    "paragraphs": _lazy("text"),
    "flat-table": _lazy("table text of a web page"),
    "pdf": _lazy("PDF file"),
}


@register.filter
def format_label(value: str) -> str:
    """How a document was read, in words: "网页", "Word 文档" — never the reader's code."""
    return str(FORMAT_LABELS.get(value, _lazy("document")))


@register.filter
def status_label(value: str | None) -> str:
    """'not_met_after_adjustment' -> its label in the current language."""
    return str(Status(value).label) if value in Status.values else ""


@register.filter
def flag_label(value: str) -> str:
    from duban.plans.models import FLAG_LABELS

    return str(FLAG_LABELS.get(value, value))


@register.filter
def field_label(name: str) -> str:
    """A published task's field in the reader's language."""
    from django.utils.translation import gettext as _

    labels = {
        "category": _("Category"),
        "content": _("Key task"),
        "completion": _("Completion for the year"),
        "lead_units": _("Lead units"),
        "co_units": _("Co-units"),
        "status": _("Status"),
        "indicators": _("Targets"),
        "adjustments": _("Target adjustments"),
        "deadline": _("Deadline"),
    }
    return str(labels.get(name, name))


@register.filter
def diff_text(value: object) -> str:
    """A changed value as text: lists joined, figures as target → actual."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                if "target_text" in item:
                    parts.append(
                        f"{item['metric']}: {item['target_text']} / "
                        f"{item.get('actual_text') or '—'}"
                    )
                else:
                    parts.append(" → ".join(str(v) for v in item.values() if v))
            else:
                parts.append(str(item))
        return "；".join(parts)
    if value in Status.values:
        return status_label(str(value))
    return str(value)


@register.filter
def period_label(code: str) -> str:
    """'2020-Y' -> 2020年全年 (in the reader's language)."""
    from duban.reporting.labels import period_label as label

    return label(str(code))


@register.filter
def light_label(colour: str) -> str:
    from duban.reporting.labels import light_label as label

    return label(str(colour))


@register.filter
def report_state(state: str | None) -> str:
    """A report's state ('draft') as its label, '—' for none."""
    from duban.reporting.models import ProgressReport

    states = dict(ProgressReport.State.choices)
    return str(states.get(state, state)) if state else "—"


@register.filter(needs_autoescape=True)
def highlight(text: object, terms: list[str], autoescape: bool = True) -> str:
    """The text escaped, each search word in it marked (<mark>) where it occurs."""
    import re

    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    value = str(text or "")
    words = sorted({t for t in terms or [] if t}, key=len, reverse=True)
    if not words:
        return conditional_escape(value) if autoescape else value
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, at = [], 0
    for hit in pattern.finditer(value):
        out += [
            conditional_escape(value[at : hit.start()]),
            "<mark>",
            conditional_escape(hit.group()),
            "</mark>",
        ]
        at = hit.end()
    out.append(conditional_escape(value[at:]))
    return mark_safe("".join(str(p) for p in out))  # noqa: S308 - every piece escaped above


@register.simple_tag
def field_row(field: Any, extra: str = "") -> str:
    """plans/_field.html written out in Python, the same HTML (tests/plans/
    test_form_renderer.py): an office form's field with its label, help and errors. The
    office's task page includes it 25 times, and each include cost a template render."""
    if not hasattr(field, "errors"):  # a field the form does not have: as the template did
        return format_html(
            '<div class="field{}"><label for=""></label></div>\n', f" {extra}" if extra else ""
        )
    errors = field.errors
    classes = "field" + (f" {extra}" if extra else "") + (" invalid" if errors else "")
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<small class="meta" id="{}_helptext">{}</small>', field.auto_id, field.help_text
        )
    shown = format_html_join("", '<p class="error" role="alert">{}</p>', ((e,) for e in errors))
    return format_html(
        '<div class="{}"><label for="{}">{}</label>{}{}{}</div>\n',
        classes,
        field.id_for_label,
        field.label,
        field,
        help_text,
        shown,
    )


@register.filter
def first_lines(text: object, lines: int = 3) -> str:
    """The opening of a long text for a list: its first lines, at most 160 characters,
    "…" where it was cut (the whole text is on the task's page)."""
    whole = str(text or "").strip()
    kept = "\n".join(line for line in whole.splitlines()[:lines])
    if len(kept) > 160:
        kept = kept[:160]
    return whole if kept == whole else kept.rstrip() + "…"


@register.filter
def units_by_role(assignments: Any) -> dict[str, list[str]]:
    """A task's unit names by role ({"lead": [...], "co": [...]}), from one reading of its
    assignments: the page shows a role's label only when it has units."""
    out: dict[str, list[str]] = {"lead": [], "co": []}
    for a in assignments:
        out.setdefault(a.role, []).append(a.unit.name)
    return out

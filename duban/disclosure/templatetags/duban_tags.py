from django import template

from duban.plans.models import Status

register = template.Library()


@register.filter
def status_label(value: str | None) -> str:
    """'not_met_after_adjustment' -> its label in the current language."""
    return str(Status(value).label) if value in Status.values else ""

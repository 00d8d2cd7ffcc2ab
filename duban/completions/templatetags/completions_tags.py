"""Promise beside result on the public pages, from the publication's own snapshot."""

from __future__ import annotations

from typing import Any

from django import template

from duban.plans.models import KEPT

from ..models import Outcome, PublishedOutcome

register = template.Library()


@register.simple_tag
def plan_promises(publication: Any) -> dict[str, Any] | None:
    """Of a published plan whose completion report was imported: how many promises were
    kept, partly kept, not reported on (with the tasks); None otherwise."""
    if publication is None:
        return None
    outcomes = {o.number: o for o in PublishedOutcome.objects.filter(publication=publication)}
    if not outcomes:
        return None
    status = dict(publication.tasks.values_list("number", "status"))
    reported = [n for n, o in outcomes.items() if o.state == Outcome.State.REPORTED]
    kept = [n for n in reported if status.get(n) in KEPT]
    return {
        "kept": len(kept),
        "partly": len(reported) - len(kept),
        "not_reported": sorted(
            n for n, o in outcomes.items() if o.state == Outcome.State.NOT_REPORTED
        ),
        "document": next(iter(outcomes.values())).document_title,
    }


@register.simple_tag
def task_outcome(publication: Any, number: int) -> PublishedOutcome | None:
    return PublishedOutcome.objects.filter(publication=publication, number=number).first()

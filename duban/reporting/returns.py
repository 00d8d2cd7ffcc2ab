"""Reports the office returned, as the audit log records them by action code: the one count
of returns the public scorecard (disclosure.services.unit_report_counts) and the office's
monthly bulletin (ledger) both print. A unit head's sending back within the unit
(`by="unit_head"`) is not a return: the report never reached the office."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from duban.audit.models import AuditEntry
from duban.plans.models import Plan


def office_returns(
    plan: Plan, first: dt.date | None = None, last: dt.date | None = None
) -> list[int]:
    """The unit id of each report of the plan the office returned, once per return; on the
    days first..last (inclusive, in the site's time zone — Beijing's day, not UTC's) when given."""
    entries = AuditEntry.objects.filter(action="duban.report.returned", data__plan=plan.pk).exclude(
        data__has_key="by",
        data__by="unit_head",  # (a missing key is not NULL)
    )
    if first is not None:
        entries = entries.filter(created_at__gte=_start_of(first))
    if last is not None:
        entries = entries.filter(created_at__lt=_start_of(last + dt.timedelta(days=1)))
    return list(entries.values_list("data__unit", flat=True))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))

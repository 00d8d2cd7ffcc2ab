"""One count of returned reports: the office's returns as the audit log records them, read
by the public scorecard and the monthly bulletin alike — a unit head's sending back within
the unit is not one, and a month is Beijing's month."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from duban.audit.models import AuditEntry
from duban.disclosure.services import unit_report_counts
from duban.reporting import ledger, services
from duban.reporting.models import ProgressReport
from duban.reporting.returns import office_returns


def _returned_by_office_and_sent_back_by_head(plan, people):  # type: ignore[no-untyped-def]
    plan.requires_unit_approval = True
    plan.save()
    task = plan.tasks.get(number=1)
    first = services.submit(
        services.save_draft(task, people.reporter, "2020-10", "10月进展。"), people.reporter
    )
    services.send_back(first, people.head, "请核对数据。")  # within the unit
    again = services.submit(
        services.save_draft(task, people.reporter, "2020-10", "10月进展，已核对。"),
        people.reporter,
    )
    services.approve(ProgressReport.objects.get(pk=again.pk), people.head)
    services.return_report(ProgressReport.objects.get(pk=again.pk), people.office, "请补充。")
    return people.reporter.unit


def test_the_bulletin_and_the_scorecard_count_the_office_returns_only(plan, people) -> None:
    unit = _returned_by_office_and_sent_back_by_head(plan, people)
    assert AuditEntry.objects.filter(action="duban.report.returned").count() == 2
    assert office_returns(plan) == [unit.pk]
    assert unit_report_counts(plan)[unit.name]["returned"] == 1
    today = timezone.localdate()
    assert ledger._late_and_returned(plan, today)[unit.name]["returned"] == 1


def test_a_return_late_in_the_evening_falls_in_beijings_month(plan, people) -> None:
    unit = _returned_by_office_and_sent_back_by_head(plan, people)
    # 2020-10-31 23:30 in Beijing is 15:30 UTC: October's, not November's.
    evening = dt.datetime(2020, 10, 31, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    AuditEntry.objects.filter(action="duban.report.returned").update(created_at=evening)
    assert office_returns(plan, dt.date(2020, 10, 1), dt.date(2020, 10, 31)) == [unit.pk]
    assert office_returns(plan, dt.date(2020, 11, 1), dt.date(2020, 11, 30)) == []
    assert ledger._late_and_returned(plan, dt.date(2020, 10, 31))[unit.name]["returned"] == 1
    assert ledger._late_and_returned(plan, dt.date(2020, 11, 30))[unit.name]["returned"] == 0

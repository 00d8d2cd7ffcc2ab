"""The audit log: every service writes its action code, with actor, time, object and data,
in the change's own transaction; entries are never changed; the admin only shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from duban.audit.models import ACTIONS, AuditEntry


def _codes(**filters: object) -> list[str]:
    return list(
        AuditEntry.objects.filter(**filters).order_by("id").values_list("action", flat=True)
    )


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    t = plan.tasks.get(number=1)
    t.reporting_cycle = "month"
    t.save()
    return t


def test_the_cycle_writes_one_entry_per_change(task, people) -> None:
    from duban.disclosure.services import publish
    from duban.plans.services import confirm_status
    from duban.reporting import services

    start = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    report = services.save_draft(task, people.reporter, "2020-Y", "全年增长-1.1%。")
    report = services.submit(report, people.reporter)
    report = services.return_report(report, people.office, "请补充数据")
    report = services.save_draft(task, people.reporter, "2020-Y", "全年增长-1.1%，详见附表。")
    report = services.submit(report, people.reporter)
    report = services.accept(report, people.office)
    services.correct(report, people.reporter)
    instruction = services.write_instruction(task, people.leader, "请加强监测。")
    services.answer_instruction(instruction, people.reporter, "已落实。")
    req = services.request_change(
        task, people.reporter, "extension", "疫情影响", new_deadline=dt.date(2021, 3, 31)
    )
    services.decide_request(req, people.office, grant=False, note="不同意")
    services.record_adjustment(task, people.office, "6%", "正增长", "区人大常委会", None)
    confirm_status(task, people.office, "not_met_after_adjustment")
    services.close_task(task, people.office)
    publish(task.plan, people.office, "year_end")
    assert _codes(id__gt=start) == [
        "duban.report.saved",
        "duban.report.submitted",
        "duban.report.returned",
        "duban.report.saved",
        "duban.report.submitted",
        "duban.report.accepted",
        "duban.report.corrected",
        "duban.instruction.written",
        "duban.instruction.answered",
        "duban.request.made",
        "duban.request.refused",
        "duban.adjustment.recorded",
        "duban.task.status_confirmed",
        "duban.task.closed",
        "duban.plan.published",
    ]
    returned = AuditEntry.objects.get(id__gt=start, action="duban.report.returned")
    assert returned.actor == people.office and returned.object == report
    assert returned.data["comment"] == "请补充数据" and returned.data["plan"] == task.plan_id
    assert returned.data["unit"] == people.reporter.unit_id and returned.created_at
    assert str(returned.label) == "报告已退回"


def test_a_refused_change_writes_nothing(task, people) -> None:
    from duban.reporting import services

    report = services.save_draft(task, people.reporter, "2020-03", "草稿")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.accept(report, people.office)  # a draft, not submitted
    with pytest.raises(ValidationError):
        services.return_report(report, people.office, "")
    assert AuditEntry.objects.count() == before


def test_imports_and_office_edits_are_logged(plan, people) -> None:
    from duban.plans.importing import import_bytes
    from duban.plans.services import add_category, save_plan
    from tests.conftest import XICHENG

    import_bytes(XICHENG.read_bytes(), XICHENG.name, actor=people.office)
    entry = AuditEntry.objects.filter(action="duban.plan.imported").latest("id")
    assert entry.actor == people.office and entry.object == plan
    assert entry.data["source"] == XICHENG.name and entry.data["tasks_updated"] == 0
    new = save_plan(people.office, None, {"government": "某区", "year": 2024, "title": "计划"})
    save_plan(people.office, new, {"title": "改过的计划"})
    add_category(people.office, new, "经济发展")
    assert _codes(content_type__model="plan", object_id=new.pk) == [
        "duban.plan.created",
        "duban.plan.changed",
    ]
    assert "duban.category.added" in _codes(actor=people.office)


def test_every_code_written_has_a_label() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "duban"
    written = set()
    for path in root.rglob("*.py"):
        written |= set(
            re.findall(
                r'"(duban\.(?:plan|task|report|instruction|request|adjustment|category|reminder)'
                r'\.[a-z_]+)"',
                path.read_text(),
            )
        )
    assert len(written) > 20
    assert written <= set(ACTIONS), written - set(ACTIONS)


def test_an_entry_is_never_changed_or_deleted(task, people) -> None:
    from duban.reporting import services

    services.save_draft(task, people.reporter, "2020-03", "草稿")
    entry = AuditEntry.objects.latest("id")
    entry.action = "duban.report.accepted"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()
    with pytest.raises(ValueError, match="never deleted"):
        entry.delete()


def test_the_office_reads_the_log_in_the_admin_and_cannot_change_it(task, people) -> None:
    from duban.accounts.roles import grant_office_admin
    from duban.reporting import services

    services.save_draft(task, people.reporter, "2020-03", "草稿")
    entry = AuditEntry.objects.latest("id")
    grant_office_admin(people.office)
    office = Client()
    office.force_login(people.office)
    listing = office.get(
        reverse("admin:audit_auditentry_changelist"), {"action": "duban.report.saved"}
    )
    assert listing.status_code == 200 and "duban.report.saved" in listing.content.decode()
    detail = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert office.get(detail).status_code == 200
    assert office.post(detail, {"action": "duban.report.accepted"}).status_code == 403
    assert office.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        office.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.get(pk=entry.pk).action == "duban.report.saved"
    reporter = Client()
    reporter.force_login(people.reporter)
    assert reporter.get(reverse("admin:audit_auditentry_changelist")).status_code == 302


def test_returns_made_before_the_log_existed_are_backfilled_once(plan, people) -> None:
    import importlib

    from django.apps import apps

    from duban.audit.models import AuditEntry
    from duban.reporting import services

    backfill = importlib.import_module("duban.audit.migrations.0002_backfill_returns").backfill
    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-03", "三月进展", {}, [], None)
    services.submit(report, people.reporter)
    services.return_report(report, people.office, "请补充数据")
    AuditEntry.objects.filter(action="duban.report.returned").delete()  # as before the log
    backfill(apps, None)
    backfill(apps, None)
    (entry,) = AuditEntry.objects.filter(action="duban.report.returned")
    assert entry.object_id == report.id  # actor: the history's user, where it kept one
    assert entry.data["unit"] == report.unit_id and entry.data["backfilled"] is True

"""A reporter cannot fill the disk: attachments are capped per report and per unit (count
and size), a refused or failed save leaves no file behind, and the nightly sweep removes
files no row names and import previews nobody confirmed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from duban.reporting.models import ProgressReport, ReportAttachment

KB = 1024


@pytest.fixture
def task(plan, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    t = plan.tasks.get(number=1)
    t.reporting_cycle = "month"
    t.save()
    return t


def _pdf(i: int, size: int = KB) -> SimpleUploadedFile:
    """A file of its own content (the same content twice is stored once)."""
    head = b"%PDF-1.4" + str(i).encode()
    return SimpleUploadedFile(f"台账{i}.pdf", head + b"\0" * (size - len(head)))


def _save(client, task, files, period="2020-03"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": period, "text": "见附件", "files": files},
    )


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_the_defaults_bound_what_one_request_and_one_unit_store(settings) -> None:
    files, size = settings.DUBAN_REPORT_ATTACHMENTS
    assert files <= 20 and size <= 100 * 1024 * 1024
    unit_files, unit_size = settings.DUBAN_UNIT_ATTACHMENTS
    assert unit_files <= 1000 and unit_size <= 2 * 1024**3
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    assert limit <= 2 * files + 10


def test_a_hundred_files_in_one_request_are_refused_and_nothing_is_stored(
    reporter_client, task, tmp_path
) -> None:
    """The probe: 100 files in one request were all stored. Now Django refuses the request
    before duban reads it (more files than DATA_UPLOAD_MAX_NUMBER_FILES)."""
    response = _save(reporter_client, task, [_pdf(i) for i in range(100)])
    assert response.status_code == 400
    assert not ReportAttachment.objects.exists() and _stored(tmp_path) == []


def test_more_files_than_a_report_may_hold_are_refused_with_the_report_kept(
    reporter_client, task, tmp_path, settings
) -> None:
    settings.DUBAN_REPORT_ATTACHMENTS = (3, 10 * 1024 * 1024)
    response = _save(reporter_client, task, [_pdf(i) for i in range(4)])
    assert response.status_code == 200  # the form again, with what was typed
    assert "最多" in str(response.context["report_form"].errors["files"])
    assert not ProgressReport.objects.filter(task=task).exists()
    assert _stored(tmp_path) == []
    assert _save(reporter_client, task, [_pdf(i) for i in range(3)]).status_code == 302
    # The draft has its three: one more, in a later save, is one too many.
    response = _save(reporter_client, task, [_pdf(9)])
    assert response.status_code == 200
    assert ReportAttachment.objects.count() == 3 and len(_stored(tmp_path)) == 3


def test_a_report_has_a_size_limit_whatever_the_file_count(
    reporter_client, task, tmp_path, settings
) -> None:
    settings.DUBAN_REPORT_ATTACHMENTS = (10, 100 * KB)
    response = _save(reporter_client, task, [_pdf(i, 40 * KB) for i in range(3)])  # 120 KB
    assert response.status_code == 200
    assert "100.0\xa0KB" in str(response.context["report_form"].errors["files"])
    assert not ReportAttachment.objects.exists() and _stored(tmp_path) == []


def test_a_unit_has_a_limit_across_its_reports_in_a_plan(
    reporter_client, task, tmp_path, settings
) -> None:
    settings.DUBAN_UNIT_ATTACHMENTS = (3, 100 * 1024 * 1024)
    assert _save(reporter_client, task, [_pdf(1), _pdf(2)], "2020-03").status_code == 302
    response = _save(reporter_client, task, [_pdf(3), _pdf(4)], "2020-04")
    assert response.status_code == 200
    assert "本单位" in str(response.context["report_form"].errors["files"])
    assert ReportAttachment.objects.count() == 2 and len(_stored(tmp_path)) == 2
    assert not ProgressReport.objects.filter(task=task, period="2020-04").exists()


def test_a_save_that_fails_after_writing_its_files_removes_them(
    task, people, tmp_path, monkeypatch
) -> None:
    """The files are written inside the save's transaction; when it rolls back (here: the
    audit entry cannot be written), they go too."""
    from duban.reporting import services

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk is full")

    from duban.reporting.services import reports

    monkeypatch.setattr(reports, "_log", broken)
    with pytest.raises(RuntimeError):
        services.save_draft(task, people.reporter, "2020-03", "见附件", files=[_pdf(1), _pdf(2)])
    assert not ReportAttachment.objects.exists()
    assert not ProgressReport.objects.filter(task=task).exists()
    assert _stored(tmp_path) == []


def _age(path: Path, hours: float) -> None:
    then = (timezone.now() - dt.timedelta(hours=hours)).timestamp()
    os.utime(path, (then, then))


def test_the_sweep_removes_orphan_files_and_old_previews(task, people, tmp_path) -> None:
    from duban.plans.models import PendingUpload
    from duban.reporting import services
    from duban.reporting.cleanup import sweep

    report = services.save_draft(task, people.reporter, "2020-03", "见附件", files=[_pdf(1)])
    kept = Path(report.files.get().file.path)
    folder = kept.parent
    orphan = folder / "killed-mid-save.pdf"  # a process killed before its commit
    orphan.write_bytes(b"%PDF-1.4 left behind")
    in_flight = folder / "being-saved.pdf"  # a save that has not committed yet
    in_flight.write_bytes(b"%PDF-1.4 in flight")
    elsewhere = tmp_path / "reports" / "999999" / "1" / "plan-gone.pdf"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(b"%PDF-1.4")
    for path in (kept, orphan, elsewhere):
        _age(path, hours=5)
    old = PendingUpload.objects.create(user=people.office, name="a.txt", data=b"x")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    fresh = PendingUpload.objects.create(user=people.office, name="b.txt", data=b"y")

    swept = sweep()
    assert (swept.files, swept.uploads) == (2, 1)
    assert kept.exists() and in_flight.exists()
    assert not orphan.exists() and not elsewhere.exists()
    assert list(PendingUpload.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_the_sweep_is_a_periodic_job(db, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    from huey.api import PeriodicTask

    from duban.reporting import tasks

    assert issubclass(tasks.nightly_sweep.task_class, PeriodicTask)
    assert tasks.nightly_sweep.call_local() == (0, 0)

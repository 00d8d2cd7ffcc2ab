"""A status the office has not confirmed is a machine proposal on every public surface; the
office corrects an indicator on its task screen and the public sees it after publishing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from duban.disclosure.services import publish
from duban.plans.services import confirm_status
from tests.formdata import form_data


def _export(client, plan, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(reverse("disclosure:export", args=[plan.id, fmt]))
    assert response.status_code == 200
    return response.content


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_task_76_compares_no_suo_with_jia(client, plan) -> None:
    task = plan.tasks.get(number=76)
    assert [i.actual_value for i in task.indicators.all()] == [None, None]
    assert task.proposed_status == "ongoing" and task.status_confidence == "low"
    page = client.get(reverse("disclosure:task", args=[plan.id, 76])).content.decode()
    assert "机器初判 · 置信度低" in page and "未完成" not in page


def test_unconfirmed_statuses_are_machine_proposals_on_the_pages(client, plan) -> None:
    page = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    assert "机器初判" in page and "督查室已确认" not in page
    assert "其中 136 项的完成状态为机器初判，尚未经督查室确认。" in page
    board = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    assert "其中 136 项的完成状态为机器初判" in board


def test_json_says_who_decided(client, plan, people) -> None:
    data = json.loads(_export(client, plan, "json"))
    assert data["summary"]["status_unconfirmed"] == 136
    first = data["tasks"][0]
    assert first["status_basis"] == "machine" and first["status_confidence"] == "high"
    confirm_status(plan.tasks.get(number=1), people.office, "not_met_after_adjustment")
    publish(plan, people.office, "year_end")
    data = json.loads(_export(client, plan, "json"))
    assert data["tasks"][0]["status_basis"] == "office"
    assert data["tasks"][0]["status_confidence"] is None
    assert data["summary"]["status_unconfirmed"] == 135


def test_docx_prints_each_status_with_who_decided(client, plan, people) -> None:
    text = _docx_text(_export(client, plan, "docx"))
    assert "本清单136项任务中，136项的完成状态为机器初判" in text
    assert "完成状态：调整后仍未完成（机器初判，置信度高）" in text
    confirm_status(plan.tasks.get(number=1), people.office, "not_met_after_adjustment")
    publish(plan, people.office, "year_end")
    text = _docx_text(_export(client, plan, "docx"))
    assert "完成状态：调整后仍未完成（督查室确认）" in text
    assert "135项的完成状态为机器初判" in text


@pytest.mark.slow
def test_pdf_prints_machine_proposals(client, plan, tmp_path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    (tmp_path / "plan.pdf").write_bytes(_export(client, plan, "pdf"))
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "plan.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(text.split())
    assert "136项的完成状态为机器初判" in flat
    assert "（机器初判，置" in flat  # cells wrap: "…置" and "信度高）" come apart


def test_the_office_corrects_an_actual_and_the_public_sees_it(
    office_client, client, plan, people
) -> None:
    from duban.audit.models import AuditEntry

    task = plan.tasks.get(number=16)
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    page = office_client.get(url).content.decode()
    assert "系统从完成情况中读出" in page
    data = form_data(page, "task-form")
    assert data["indicators-1-actual_value"] == ["5"]
    data["indicators-1-actual_value"] = ["4"]
    data["indicators-1-actual_unit"] = ["个"]
    assert office_client.post(url, data).status_code == 302
    corrected = task.indicators.all()[1]
    assert (corrected.actual_text, corrected.actual_source, corrected.met) == (
        "4个",
        "office",
        False,
    )
    entry = AuditEntry.objects.filter(action="duban.indicator.corrected").latest("id")
    assert entry.data["before"]["actual"] == "5家" and entry.data["after"]["actual"] == "4个"
    assert corrected.history.count() >= 2  # the document's reading is in the history

    public = reverse("disclosure:task", args=[plan.id, 16])
    assert "实际 4个" not in client.get(public).content.decode()  # not yet published
    publish(plan, people.office, "year_end")
    assert "4个" in client.get(public).content.decode()


def test_the_office_dismisses_an_actual(office_client, plan) -> None:
    task = plan.tasks.get(number=16)
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    data = form_data(office_client.get(url).content.decode(), "task-form")
    data["indicators-0-actual_value"] = [""]
    assert office_client.post(url, data).status_code == 302
    first = task.indicators.all()[0]
    assert first.actual_value is None and first.met is None and first.actual_source == "office"


def test_only_the_office_corrects_indicators(reporter_client, plan) -> None:
    task = plan.tasks.get(number=16)
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    assert reporter_client.get(url).status_code in (403, 404)

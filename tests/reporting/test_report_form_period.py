"""The report form opens on the period still to be written (or the one whose draft it
loads), a period chosen opens with its own draft, and text typed on one period's form is
never saved over another period's draft it did not show."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duban.reporting import services
from duban.reporting.models import ProgressReport

State = ProgressReport.State


@pytest.fixture
def task(plan, people):  # type: ignore[no-untyped-def]
    """Task 1, monthly: January accepted for the reporter's unit."""
    task = plan.tasks.get(number=1)
    task.completion, task.reporting_cycle = "", "month"
    task.save()
    ProgressReport.objects.create(
        task=task, unit=people.reporter.unit, period="2020-01", text="1月。", state=State.ACCEPTED
    )
    return task


def _page(client, task, **params):  # type: ignore[no-untyped-def]
    url = reverse("reporting:task", args=[task.plan_id, task.number])
    return client.get(url, params).content.decode()


def _form(page: str) -> str:
    return page.split('id="report-form"', 1)[1].split("</form>", 1)[0]


def _selected(page: str) -> str:
    return re.search(r'<option value="([^"]+)" selected>', _form(page))[1]


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', _form(page))[1]


def test_a_fresh_form_opens_on_the_first_period_not_reported(reporter_client, task) -> None:
    page = _page(reporter_client, task)
    assert _selected(page) == "2020-02" and _hidden(page, "loaded") == "2020-02"


def test_after_a_submission_the_form_moves_on(reporter_client, task, people) -> None:
    url = reverse("reporting:report-save", args=[task.plan_id, task.number])
    response = reporter_client.post(
        url, {"period": "2020-02", "text": "2月进展。", "revision": 0, "submit": "1"}
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=task, period="2020-02").state != State.DRAFT
    assert _selected(_page(reporter_client, task)) == "2020-03"


def test_an_accepted_period_under_correction_opens_its_draft(reporter_client, task, people) -> None:
    v1 = ProgressReport.objects.get(task=task, period="2020-01")
    v2 = services.correct(v1, people.reporter)
    page = _page(reporter_client, task)
    assert _selected(page) == "2020-01" and _hidden(page, "revision") == str(v2.revision)
    assert "1月。" in _form(page)


def test_choosing_a_period_opens_its_draft(reporter_client, task, people) -> None:
    services.save_draft(task, people.reporter, "2020-03", "3月草稿。")
    may = services.save_draft(task, people.reporter, "2020-05", "5月草稿。")
    page = _page(reporter_client, task)
    assert _selected(page) == "2020-03" and "3月草稿。" in _form(page)
    page = _page(reporter_client, task, period="2020-05")
    assert _selected(page) == "2020-05" and "5月草稿。" in _form(page)
    assert _hidden(page, "revision") == str(may.revision) and _hidden(page, "loaded") == "2020-05"
    page = _page(reporter_client, task, period="2020-06")
    assert _selected(page) == "2020-06" and "草稿。" not in _form(page)
    assert _hidden(page, "revision") == "0"


def test_a_draft_loaded_for_one_period_is_not_saved_over_another(
    reporter_client, task, people
) -> None:
    march = services.save_draft(task, people.reporter, "2020-03", "3月草稿。")
    services.save_draft(task, people.reporter, "2020-05", "5月草稿。")
    url = reverse("reporting:report-save", args=[task.plan_id, task.number])
    # March's form (its draft's revision), the period changed to May, which has its own.
    posted = {"loaded": "2020-03", "revision": march.revision, "text": "3月草稿，改过。"}
    response = reporter_client.post(url, posted | {"period": "2020-05"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "2020年5月已有草稿" in body and "3月草稿，改过。" in body  # refused, nothing lost
    assert ProgressReport.objects.get(task=task, period="2020-05").text == "5月草稿。"
    assert ProgressReport.objects.get(task=task, period="2020-03").text == "3月草稿。"
    # Under a period without a draft, it is saved there (the form said so).
    response = reporter_client.post(url, posted | {"period": "2020-06"})
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=task, period="2020-06").text == "3月草稿，改过。"
    assert ProgressReport.objects.get(task=task, period="2020-03").text == "3月草稿。"


def test_when_every_period_is_reported_no_form_opens_on_one_already_done(
    reporter_client, task, people
) -> None:
    # It opened on January, accepted: what was typed there could only be refused.
    task.reporting_cycle = "year"
    task.save()
    ProgressReport.objects.create(
        task=task, unit=people.reporter.unit, period="2020-Y", text="全年。", state=State.SUBMITTED
    )
    page = _page(reporter_client, task)
    assert 'id="report-form"' not in page
    assert "每个报送期都已报送" in page and "更正（新版本）" in page
    # A period asked for by name still opens (its correction, its draft).
    assert _selected(_page(reporter_client, task, period="2020-Y")) == "2020-Y"

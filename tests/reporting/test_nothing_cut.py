"""Nothing a person types is cut by the browser, and a refused form keeps every word.

A one-line input's maxlength cuts a paste silently (a reason pasted from Word, 2,300
characters, became 2,000): no input or textarea a person writes in carries one; the server
refuses what is over the limit with the count, and the page comes back with the text kept.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duban.reporting.models import Request

WORD = "因国家政策调整，项目需重新履行审批程序。\n第二段：原计划开工时间顺延。"


@pytest.fixture
def pending(plan, people):  # type: ignore[no-untyped-def]
    task = plan.tasks.get(number=2)
    unit = task.assignments.filter(role="lead").first().unit
    return Request.objects.create(
        task=task,
        unit=unit,
        kind=Request.Kind.ADJUSTMENT,
        reason="调整目标",
        proposed_target="≥1万人",
        requested_by=people.reporter,
    )


def _inputs_with_maxlength(html: str) -> list[str]:
    tags = re.findall(r"<(?:input|textarea)\b[^>]*>", html)
    return [
        t
        for t in tags
        if "maxlength" in t
        and not re.search(r'type="(?:search|url|password|hidden)"', t)
        and 'name="secret"' not in t
    ]


def test_no_page_of_the_office_cuts_what_is_typed(office_client, plan, pending) -> None:  # type: ignore[no-untyped-def]
    task = plan.tasks.get(number=2)
    pages = [
        reverse("reporting:task", args=[plan.id, task.number]),
        reverse("plans:plan-edit", args=[plan.id]),
        reverse("plans:task-edit", args=[plan.id, task.id]),
        reverse("plans:upload"),
        reverse("plans:units"),
        reverse("disclosure:publish", args=[plan.id]),
        reverse("accounts:person-new"),
    ]
    for url in pages:
        response = office_client.get(url)
        assert response.status_code == 200, url
        assert _inputs_with_maxlength(response.content.decode()) == [], url


def test_a_refused_decision_keeps_its_note_beside_its_request(office_client, plan, pending) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reporting:request-decide", args=[pending.id])
    note = WORD * 100  # 3,000+ characters: over the 2,000 of a note
    response = office_client.post(
        url, {"grant": "yes", "note": note, "approving_body": "区政府常务会"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("因国家政策调整，项目需重新履行审批程序。") == 100  # every word, in its box
    assert "区政府常务会" in page
    assert f'id="decide-{pending.id}-note"' in page and "最多 2,000 字" in page
    pending.refresh_from_db()
    assert pending.state == Request.State.PENDING  # nothing decided


def test_a_decision_note_keeps_its_line_breaks(office_client, plan, pending) -> None:  # type: ignore[no-untyped-def]
    url = reverse("reporting:request-decide", args=[pending.id])
    response = office_client.post(url, {"grant": "no", "note": WORD, "approving_body": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == Request.State.REFUSED and pending.decision_note == WORD


def test_a_refused_adjustment_keeps_every_field(office_client, plan) -> None:  # type: ignore[no-untyped-def]
    task = plan.tasks.get(number=2)
    url = reverse("reporting:adjustment-new", args=[plan.id, task.number])
    typed = {
        "from_text": "≥2万人",
        "to_text": "≥1.5万人" * 40,  # 240 characters: over the 200 of a target
        "approving_body": "区政府常务会",
        "approved_on": "2020-07-01",
        "document": "西政发〔2020〕12号",
        "reason": WORD,
    }
    response = office_client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 200
    for field, value in typed.items():
        assert value.split("\n")[0] in page, field
    assert "最多 200 字，已输入 240 字" in page


def test_a_refused_status_keeps_its_note(office_client, plan) -> None:  # type: ignore[no-untyped-def]
    task = plan.tasks.get(number=2)
    url = reverse("reporting:confirm-status", args=[plan.id, task.number])
    note = WORD * 100  # over the 2,000 of a note: refused, and it was lost in a redirect
    response = office_client.post(url, {"status": "completed", "note": note})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("因国家政策调整，项目需重新履行审批程序。") == 100 and "最多 2,000 字" in page
    task.refresh_from_db()
    assert task.status_note != note

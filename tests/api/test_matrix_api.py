"""The permission matrix, through the API: every persona against every action."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duban.reporting import services
from duban.reporting.models import Instruction, ProgressReport, Request
from tests.reporting.test_cycle import ALLOWED, PERSONAS, _accepted, _pending


def _as(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def _submitted(task, people) -> ProgressReport:  # type: ignore[no-untyped-def]
    r = services.save_draft(task, people.reporter, "2020-03", "初稿")
    services.submit(r, people.reporter)
    return r


def _request(task, people) -> Request:  # type: ignore[no-untyped-def]
    import datetime as dt

    return services.request_change(
        task, people.reporter, Request.Kind.EXTENSION, "因", new_deadline=dt.date(2021, 1, 31)
    )


CALLS = {
    "write report": lambda c, t, p: c.post(
        "/api/reports/", {"task": t.id, "period": "2020-03", "text": "x"}, format="json"
    ),
    "submit report": lambda c, t, p: c.post(
        f"/api/reports/{services.save_draft(t, p.reporter, '2020-03', 'x').id}/submit/"
    ),
    "accept report": lambda c, t, p: c.post(f"/api/reports/{_submitted(t, p).id}/accept/"),
    "return report": lambda c, t, p: c.post(
        f"/api/reports/{_submitted(t, p).id}/return/", {"comment": "改"}, format="json"
    ),
    "request": lambda c, t, p: c.post(
        "/api/requests/",
        {"task": t.id, "kind": "extension", "reason": "因", "new_deadline": "2021-01-31"},
        format="json",
    ),
    "decide request": lambda c, t, p: c.post(
        f"/api/requests/{_request(t, p).id}/decide/", {"grant": True}, format="json"
    ),
    "write instruction": lambda c, t, p: c.post(
        "/api/instructions/", {"task": t.id, "text": "批示"}, format="json"
    ),
    "answer instruction": lambda c, t, p: c.post(
        f"/api/instructions/{Instruction.objects.create(task=t, leader=p.leader, text='批').id}"
        "/answer/",
        {"text": "答"},
        format="json",
    ),
    "confirm status": lambda c, t, p: c.post(
        f"/api/tasks/{t.id}/confirm-status/", {"status": "completed"}, format="json"
    ),
    "close task": lambda c, t, p: c.post(f"/api/tasks/{t.id}/close/"),
    "approve report": lambda c, t, p: c.post(f"/api/reports/{_pending(t, p).id}/approve/"),
    "correct report": lambda c, t, p: c.post(f"/api/reports/{_accepted(t, p).id}/correct/"),
    "record adjustment": lambda c, t, p: c.post(
        "/api/adjustments/",
        {"task": t.id, "from_text": "6%", "to_text": "5%", "approving_body": "区人大常委会"},
        format="json",
    ),
    "edit task": lambda c, t, p: c.patch(
        f"/api/tasks/{t.id}/", {"content": t.content + "（修订）"}, format="json"
    ),
    "edit plan": lambda c, t, p: c.patch(
        f"/api/plans/{t.plan_id}/", {"caption": "修订的说明"}, format="json"
    ),
    "publish": lambda c, t, p: c.post(
        f"/api/plans/{t.plan_id}/publish/", {"kind": "mid_year"}, format="json"
    ),
}


@pytest.mark.parametrize("action", sorted(CALLS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_api_permission_matrix(plan, people, action: str, persona: str) -> None:
    task = plan.tasks.get(number=1)
    if action == "close task":
        from duban.plans.services import confirm_status

        confirm_status(task, people.office, "completed")
    response = CALLS[action](_as(getattr(people, persona)), task, people)
    if persona in ALLOWED[action]:
        assert response.status_code in (200, 201), (response.status_code, response.content)
    else:
        # 404 where the person may not even see the task or report, 403 where they may.
        assert response.status_code in (403, 404), (response.status_code, response.content)

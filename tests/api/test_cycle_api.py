"""An API client runs the whole supervision cycle without the screens."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.documents.test_shapes import SHAPES


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(people):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    return SimpleNamespace(
        **{
            name: _client(getattr(people, name))
            for name in ("office", "reporter", "head", "outsider", "leader")
        }
    )


def test_whole_cycle_through_the_api(api, people) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    # The office imports a document.
    upload = SimpleUploadedFile("page.html", (SHAPES / "page.html").read_bytes())
    response = api.office.post("/api/imports/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    (result,) = response.json()
    plan_id = result["plan"]
    assert result["rows"] == 4 and result["warnings"] == []

    # … assigns the reporter's unit and the leader to task 1, monthly.
    from duban.accounts.models import User
    from duban.plans.models import Plan, Unit

    task = api.office.get("/api/tasks/", {"plan": plan_id}).json()["results"][0]
    # The page's government's 区发展改革委 (a unit belongs to one government): the reporter
    # and head personas work for it in this cycle.
    government = Plan.objects.get(pk=plan_id).government
    unit = Unit.objects.get(name="区发展改革委", government=government)
    User.objects.filter(username__in=["reporter", "head"]).update(unit=unit)
    response = api.office.patch(
        f"/api/tasks/{task['id']}/",
        {"lead_units": [unit.id], "leader": people.leader.id, "reporting_cycle": "month"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["lead_units"] == [unit.id]

    # The reporter writes a monthly report with an indicator value and submits it.
    indicator = api.reporter.get("/api/indicators/", {"task": task["id"]}).json()["results"][0]
    response = api.reporter.post(
        "/api/reports/",
        {
            "task": task["id"],
            "period": "2023-03",
            "text": "一季度新增市场主体1300户。",
            "values": {str(indicator["id"]): "1300"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    report = response.json()
    assert api.reporter.post(f"/api/reports/{report['id']}/submit/").json()["state"] == "submitted"

    # The office returns it; the reporter corrects and resubmits; the office accepts.
    returned = api.office.post(
        f"/api/reports/{report['id']}/return/", {"comment": "请补充"}, format="json"
    )
    assert returned.json()["state"] == "returned"
    fixed = api.reporter.patch(
        f"/api/reports/{report['id']}/",
        {
            "period": "2023-03",
            "text": "一季度新增市场主体1300户，名单已补充。",
            "revision": returned.json()["revision"],
        },
        format="json",
    )
    assert fixed.status_code == 200, fixed.content
    api.reporter.post(f"/api/reports/{report['id']}/submit/")
    assert api.office.post(f"/api/reports/{report['id']}/accept/").json()["state"] == "accepted"

    # The leader instructs; the unit answers.
    instruction = api.leader.post(
        "/api/instructions/", {"task": task["id"], "text": "加快进度"}, format="json"
    )
    assert instruction.status_code == 201, instruction.content
    answer = api.reporter.post(
        f"/api/instructions/{instruction.json()['id']}/answer/", {"text": "已落实"}, format="json"
    )
    assert answer.json()["answer"] == "已落实"

    # An extension request, granted.
    req = api.reporter.post(
        "/api/requests/",
        {"task": task["id"], "kind": "extension", "reason": "疫情", "new_deadline": "2024-03-31"},
        format="json",
    )
    assert req.status_code == 201, req.content
    decided = api.office.post(
        f"/api/requests/{req.json()['id']}/decide/", {"grant": True}, format="json"
    )
    assert decided.json()["state"] == "granted"

    # Year end: the report becomes the completion; the office confirms and closes; publishes.
    year_end = api.reporter.post(
        "/api/reports/",
        {"task": task["id"], "period": "2023-Y", "text": "全年新增市场主体5628户。"},
        format="json",
    ).json()
    api.reporter.post(f"/api/reports/{year_end['id']}/submit/")
    api.office.post(f"/api/reports/{year_end['id']}/accept/")
    assert (
        api.office.get(f"/api/tasks/{task['id']}/").json()["completion"]
        == "全年新增市场主体5628户。"
    )
    confirmed = api.office.post(
        f"/api/tasks/{task['id']}/confirm-status/", {"status": "exceeded"}, format="json"
    )
    assert confirmed.json()["status"] == "exceeded"
    assert api.office.post(f"/api/tasks/{task['id']}/close/").json()["closed_at"]
    published = api.office.post(
        f"/api/plans/{plan_id}/publish/", {"kind": "year_end"}, format="json"
    )
    assert published.status_code == 201

    # The public reads what was published, and nothing live.
    public = APIClient()
    data = public.get(f"/api/plans/{plan_id}/open-data/").json()
    assert data["tasks"][0]["completion"] == "全年新增市场主体5628户。"
    assert data["tasks"][0]["status"] == "exceeded"
    assert public.get("/api/tasks/").status_code == 401
    assert public.get("/api/reports/").status_code == 401


def test_refusals_through_the_api(api, plan) -> None:
    task = plan.tasks.get(number=1)
    # Another unit cannot see the task at all; a reporter cannot accept or edit tasks.
    assert api.outsider.get(f"/api/tasks/{task.id}/").status_code == 404
    assert (
        api.outsider.post(
            "/api/reports/", {"task": task.id, "period": "2020-03", "text": "x"}, format="json"
        ).status_code
        == 404
    )
    report = api.reporter.post(
        "/api/reports/", {"task": task.id, "period": "2020-03", "text": "初稿"}, format="json"
    ).json()
    api.reporter.post(f"/api/reports/{report['id']}/submit/")
    assert api.reporter.post(f"/api/reports/{report['id']}/accept/").status_code == 403
    assert (
        api.reporter.patch(f"/api/tasks/{task.id}/", {"content": "改"}, format="json").status_code
        == 403
    )
    assert (
        api.reporter.post(
            f"/api/plans/{plan.id}/publish/", {"kind": "year_end"}, format="json"
        ).status_code
        == 403
    )
    assert api.leader.post(
        f"/api/reports/{report['id']}/return/", {"comment": "x"}, format="json"
    ).status_code in (403, 404)
    assert api.reporter.post("/api/imports/", {}, format="multipart").status_code == 403


def test_bad_input_is_a_400_with_the_field(api, plan) -> None:
    task = plan.tasks.get(number=1)
    response = api.reporter.post(
        "/api/reports/", {"task": task.id, "period": "2020-Q9", "text": "x"}, format="json"
    )
    assert response.status_code == 400 and "period" in response.json()
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.txt", "没有表格".encode())
    response = api.office.post("/api/imports/", {"file": bad}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_anonymous_reads_published_plans_only(plan, hidden_plan) -> None:
    public = APIClient()
    ids = [p["id"] for p in public.get("/api/plans/").json()["results"]]
    assert plan.id in ids and hidden_plan.id not in ids
    assert public.get(f"/api/plans/{hidden_plan.id}/").status_code == 404
    assert public.get(f"/api/plans/{hidden_plan.id}/open-data/").status_code == 404
    assert len(public.get(f"/api/plans/{plan.id}/open-data/").json()["tasks"]) == 136


def test_schema_and_docs(client, db) -> None:
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower() and "cdn.jsdelivr" not in docs


def test_ids_out_of_range_are_a_400_not_a_crash(api, plan) -> None:
    """Found by schemathesis: a 26-digit unit id overflowed the database integer."""
    task = plan.tasks.get(number=1)
    response = api.office.patch(
        f"/api/tasks/{task.id}/", {"lead_units": [21598157305602312396341248]}, format="json"
    )
    assert response.status_code == 400 and "lead_units" in response.json()
    assert api.office.get("/api/tasks/", {"plan": 10**30}).status_code == 400
    assert api.office.get("/api/tasks/", {"plan": "abc"}).status_code == 400


def test_the_api_root_lists_endpoints_to_anyone(db) -> None:
    response = APIClient().get("/api/")
    assert response.status_code == 200 and "plans" in response.json()


def test_the_api_imports_the_list_of_a_report_the_office_chooses(api) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documents.test_real_lists import REAL

    data = (REAL / "jingdezhen_2016_done.txt").read_bytes()  # the plan list, then the completion
    response = api.office.post(
        "/api/imports/",
        {"file": SimpleUploadedFile("report.txt", data), "list": 1},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    (result,) = response.json()
    from duban.plans.models import Plan

    assert (
        Plan.objects.get(pk=result["plan"])
        .tasks.get(number=1)
        .content.startswith("发放小额贷款4.3亿元")
    )
    too_far = api.office.post(
        "/api/imports/",
        {"file": SimpleUploadedFile("report.txt", data), "list": 9},
        format="multipart",
    )
    assert too_far.status_code == 400 and "file" in too_far.json()

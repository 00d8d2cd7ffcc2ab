"""No user action gives a server error: odd numbers, years, names and request bodies are
refused with a message on the field (screens) or a 400 (API)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import resolve, reverse

from duban.plans.models import Plan, Unit

BODIES = [
    "[]",
    '"x"',
    "null",
    "1",
    "{bad json",
    '[{"task": 1}]',
    '{"text": ["a"], "period": {}}',
    '{"number": -1, "year": 0, "leader": 99999999, "lead_units": [99999999]}',
    '{"task": 99999999, "period": "2020-99", "text": "😀"}',
    "{" * 500,
]


def _task_post(unit: Unit, **fields: object) -> dict[str, object]:
    return {"content": "新任务", "reporting_cycle": "month", "lead_units": [unit.id]} | fields


def test_a_duplicate_number_is_a_field_error_not_a_500(office_client, plan) -> None:
    unit = Unit.objects.get(name="区发展改革委")
    task = plan.tasks.get(number=1)
    edit = office_client.post(
        reverse("plans:task-edit", args=[plan.id, task.id]), _task_post(unit, number=2)
    )
    new = office_client.post(reverse("plans:task-new", args=[plan.id]), _task_post(unit, number=2))
    for response in (edit, new):
        assert response.status_code == 200
        assert response.context["form"].errors["number"] == ["序号已存在"]
        assert "序号已存在" in response.content.decode()
    assert "<h1>任务 1</h1>" in edit.content.decode()  # the task as saved, not as typed
    task.refresh_from_db()
    assert task.number == 1


def test_a_category_of_another_plan_is_refused(office_client, plan, hidden_plan) -> None:
    from duban.plans import services

    unit = Unit.objects.get(name="区发展改革委")
    other = services.add_category(_office(), hidden_plan, "别的类别")
    with pytest.raises(services.ValidationError):
        services.save_task(
            _office(), plan, None, {"number": 999, "content": "x", "category": other}, [unit], []
        )


def _office():  # type: ignore[no-untyped-def]
    from duban.accounts.models import User

    return User.objects.get(username="office")


def test_a_government_name_with_a_slash_keeps_the_site_up(client, office_client, plan) -> None:
    from duban.disclosure.services import publish

    odd = Plan.objects.create(
        government="甲/乙区人民政府", year=2020, title="斜杠计划", is_public=True
    )
    odd.tasks.create(number=1, content="任务")
    publish(odd, _office(), "year_end", "")
    assert client.get(reverse("disclosure:home")).status_code == 200
    assert office_client.get(reverse("disclosure:home")).status_code == 200
    page = client.get(reverse("disclosure:government", args=[odd.government]))
    assert page.status_code == 200 and "斜杠计划" in page.content.decode()
    unit_url = reverse("disclosure:unit", args=["甲/乙局"])
    assert resolve(unquote(unit_url)).kwargs == {"name": "甲/乙局"}
    assert client.get(unit_url).status_code == 404  # a unit with no published task


@pytest.mark.parametrize("year", [0, 1948, 2101, 10000, 40000])
def test_a_plan_year_out_of_range_is_refused(office_client, year) -> None:
    response = office_client.post(
        reverse("plans:plan-new"),
        {
            "government": "某区人民政府",
            "year": year,
            "title": "错年",
            "due_day": 5,
            "warning_days": 3,
        },
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert not Plan.objects.filter(title="错年").exists()


@pytest.mark.parametrize("year", [0, 9999, 32767])
def test_pages_of_a_plan_with_an_impossible_year_still_show(
    year, office_client, client, plan
) -> None:
    odd = Plan.objects.create(government="某区人民政府", year=year, title="怪年份", is_public=True)
    odd.tasks.create(number=1, content="任务")
    task = odd.tasks.get()
    for url in [
        reverse("reporting:home") + f"?plan={odd.id}",
        reverse("reporting:task", args=[odd.id, 1]),
        reverse("plans:plan-edit", args=[odd.id]),
        reverse("plans:task-edit", args=[odd.id, task.id]),
        reverse("disclosure:plan", args=[odd.id]),
    ]:
        assert office_client.get(url).status_code == 200, url
    assert client.get(reverse("disclosure:home")).status_code == 200


def _api_calls(plan: Plan) -> list[tuple[str, str]]:
    task = plan.tasks.get(number=1)
    return [
        ("post", "/api/plans/"),
        ("patch", f"/api/plans/{plan.id}/"),
        ("post", f"/api/tasks/?plan={plan.id}"),
        ("patch", f"/api/tasks/{task.id}/"),
        ("post", "/api/reports/"),
        ("post", "/api/instructions/"),
        ("post", "/api/requests/"),
        ("post", "/api/adjustments/"),
        ("post", f"/api/tasks/{task.id}/confirm-status/"),
        ("post", f"/api/plans/{plan.id}/publish/"),
        ("post", "/api/imports/"),
    ]


@pytest.mark.parametrize("persona", ["office", "reporter", "leader", "head"])
def test_malformed_api_bodies_are_400s(persona, plan, people) -> None:
    client = Client()
    client.force_login(getattr(people, persona))
    for method, url in _api_calls(plan):
        for body in BODIES:
            response = getattr(client, method)(url, data=body, content_type="application/json")
            assert response.status_code < 500, (method, url, body)


def test_api_refuses_duplicate_numbers_and_years_with_400(office_client, plan) -> None:
    task = plan.tasks.get(number=1)
    unit = Unit.objects.get(name="区发展改革委")
    response = office_client.patch(
        f"/api/tasks/{task.id}/", {"number": 2}, content_type="application/json"
    )
    assert response.status_code == 400 and "number" in response.json()
    response = office_client.post(
        f"/api/tasks/?plan={plan.id}",
        {"number": 2, "content": "x", "lead_units": [unit.id]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "number" in response.json()
    for year in (0, 10000):
        response = office_client.post(
            "/api/plans/",
            {"government": "某区", "year": year, "title": "t"},
            content_type="application/json",
        )
        assert response.status_code == 400 and "year" in response.json()


def test_browsable_api_shows_a_task_with_a_leader(office_client, leader_client, plan) -> None:
    task = plan.tasks.get(number=1)
    assert task.leader_id is not None  # tasks 1-10 have the leader persona
    for client in (office_client, leader_client):
        response = client.get(f"/api/tasks/{task.id}/", HTTP_ACCEPT="text/html")
        assert response.status_code == 200

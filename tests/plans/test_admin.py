"""The office edits plans in the Django admin; others cannot get in."""

from __future__ import annotations

import pytest


@pytest.fixture
def staff_office(db, django_user_model):  # type: ignore[no-untyped-def]
    from duban.accounts.roles import grant_office_admin

    office = django_user_model.objects.get(username="office")
    grant_office_admin(office)
    return office


def test_office_edits_a_task_in_the_admin_and_history_records_it(client, plan, staff_office):
    client.force_login(staff_office)
    task = plan.tasks.get(number=110)
    url = f"/admin/plans/task/{task.id}/change/"
    assert client.get(url).status_code == 200
    assert client.get(f"/admin/plans/task/{task.id}/history/").status_code == 200
    task.completion = "已建成19部，另有3部在建。"
    task.save()
    assert task.history.first().history_type == "~"


@pytest.mark.parametrize("persona", ["reporter_client", "leader_client", "client"])
def test_others_cannot_open_the_admin(request, persona, plan) -> None:
    c = request.getfixturevalue(persona)
    response = c.get("/admin/plans/task/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_demo_command_is_idempotent(db, django_user_model) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    assert django_user_model.objects.filter(username="office").count() == 1
    assert "duban-demo-2020" in out.getvalue()
    reporter = django_user_model.objects.get(username="reporter")
    assert reporter.unit.name == "区发展改革委"


def test_search_text_follows_admin_edits_of_units(plan, db) -> None:
    from django.db import transaction

    from duban.plans.models import Assignment, Unit

    task = plan.tasks.get(number=1)
    unit = Unit.objects.create(name="区统计局测试")
    with transaction.atomic():
        Assignment.objects.create(task=task, unit=unit, role=Assignment.Role.CO)
    # on_commit hooks do not run inside the test transaction: run them as a commit would.
    from duban.plans import search

    search.refresh([task.id])
    task.refresh_from_db()
    assert "区统计局测试" in task.search_text

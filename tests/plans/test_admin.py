"""The office edits plans in the Django admin; others cannot get in."""

from __future__ import annotations

import pytest

from tests.formdata import form_data


@pytest.fixture
def staff_office(db, django_user_model):  # type: ignore[no-untyped-def]
    from duban.accounts.roles import grant_office_admin

    office = django_user_model.objects.get(username="office")
    grant_office_admin(office)
    return office


def _save_in_admin(client, task, **changes: str):  # type: ignore[no-untyped-def]
    """The admin's change form for the task, as the browser shows it, sent back with
    changes."""
    url = f"/admin/plans/task/{task.id}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "task_form")
    data.update({k: [v] for k, v in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_office_edits_a_task_in_the_admin_and_history_records_it(client, plan, staff_office):
    client.force_login(staff_office)
    task = plan.tasks.get(number=110)
    before = task.history.count()
    _save_in_admin(client, task, completion="已建成19部，另有3部在建。")
    task.refresh_from_db()
    assert task.completion == "已建成19部，另有3部在建。"
    assert task.history.count() == before + 1
    latest = task.history.first()
    assert latest.history_type == "~" and latest.history_user == staff_office
    history = client.get(f"/admin/plans/task/{task.id}/history/")
    assert history.status_code == 200 and "已建成19部" in history.content.decode()


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


def test_search_text_follows_admin_edits_of_units(
    client, plan, staff_office, django_capture_on_commit_callbacks
) -> None:
    from duban.plans.models import Unit

    client.force_login(staff_office)
    task = plan.tasks.get(number=1)
    unit = Unit.objects.create(name="区统计局测试")
    page = client.get(f"/admin/plans/task/{task.id}/change/").content.decode()
    rows = int(form_data(page, "task_form")["assignments-TOTAL_FORMS"][0])
    with django_capture_on_commit_callbacks(execute=True):  # as on a commit
        _save_in_admin(
            client,
            task,
            **{
                "assignments-TOTAL_FORMS": str(rows + 1),
                f"assignments-{rows}-unit": str(unit.id),
                f"assignments-{rows}-role": "co",
                f"assignments-{rows}-order": "9",
            },
        )
    task.refresh_from_db()
    assert task.assignments.filter(unit=unit, role="co").exists()
    assert "区统计局测试" in task.search_text

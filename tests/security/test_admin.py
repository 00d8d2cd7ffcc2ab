"""The admin is for inspection: the office cannot raise itself to superuser through it,
and reports, requests, instructions, publications and history change only through the
services."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

NEW = "a-brand-new-password-7Kq!"


@pytest.fixture
def staff_office(people):  # type: ignore[no-untyped-def]
    from duban.accounts.roles import grant_office_admin

    grant_office_admin(people.office)
    client = Client()
    client.force_login(people.office)
    return client


@pytest.fixture
def root(django_user_model):  # type: ignore[no-untyped-def]
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


def test_the_office_cannot_reset_a_superusers_password(staff_office, root) -> None:
    url = reverse("admin:auth_user_password_change", args=[root.id])
    assert staff_office.get(url).status_code == 403
    response = staff_office.post(url, {"password1": NEW, "password2": NEW})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password(PASSWORD) and not root.check_password(NEW)
    assert Client().post("/login/", {"username": "root", "password": NEW}).status_code == 200


def test_the_office_cannot_change_or_delete_a_superuser(staff_office, root) -> None:
    change = reverse("admin:accounts_user_change", args=[root.id])
    staff_office.post(
        change,
        {
            "username": "root",
            "email": "office@example.org",
            "is_active": "on",
            "date_joined_0": "2020-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    delete = reverse("admin:accounts_user_delete", args=[root.id])
    assert staff_office.post(delete, {"post": "yes"}).status_code == 403
    staff_office.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [root.id], "post": "yes"},
    )
    root.refresh_from_db()  # still there
    assert root.email == "root@example.org" and root.is_superuser


def test_the_office_cannot_take_over_an_account_with_more_rights(staff_office, people) -> None:
    from django.contrib.auth.models import Permission

    people.leader.user_permissions.add(Permission.objects.get(codename="add_publication"))
    url = reverse("admin:auth_user_password_change", args=[people.leader.id])
    assert staff_office.post(url, {"password1": NEW, "password2": NEW}).status_code == 403
    # An account with no more rights than the office's own is the office's to manage.
    url = reverse("admin:auth_user_password_change", args=[people.reporter.id])
    assert staff_office.post(url, {"password1": NEW, "password2": NEW}).status_code == 302
    people.reporter.refresh_from_db()
    assert people.reporter.check_password(NEW)


def test_the_office_cannot_grant_itself_rights(staff_office, people) -> None:
    office = people.office
    page = staff_office.get(reverse("admin:accounts_user_change", args=[office.id]))
    assert page.status_code == 200
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in page.content.decode()
    staff_office.post(
        reverse("admin:accounts_user_change", args=[office.id]),
        {
            "username": "office",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "user_permissions": [p.id for p in _all_permissions()],
            "date_joined_0": "2020-01-01",
            "date_joined_1": "00:00:00",
            "role": "office",
        },
    )
    office.refresh_from_db()
    assert not office.is_superuser
    assert not office.has_perm("auth.change_group")


def _all_permissions():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Permission

    return Permission.objects.all()


@pytest.fixture
def workflow(plan, people):  # type: ignore[no-untyped-def]
    """One of each: an accepted report, a pending request, an instruction, a publication."""
    from duban.disclosure.services import publish
    from duban.reporting import services

    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-03", "已完成")
    services.submit(report, people.reporter)
    services.accept(report, people.office)
    request = services.request_change(
        task, people.reporter, "extension", "需要更多时间", new_deadline=datetime.date(2021, 3, 31)
    )
    instruction = services.write_instruction(task, people.leader, "抓紧推进")
    publication = publish(plan, people.office, "mid_year")
    return {
        "progressreport": report,
        "request": request,
        "instruction": instruction,
        "publication": publication,
    }


@pytest.mark.parametrize("who", ["office", "superuser"])
@pytest.mark.parametrize("model", ["progressreport", "request", "instruction", "publication"])
def test_workflow_rows_are_read_only_in_the_admin(workflow, staff_office, root, who, model) -> None:
    client = staff_office
    if who == "superuser":
        client = Client()
        client.force_login(root)
    obj = workflow[model]
    app = obj._meta.app_label
    before = type(obj).objects.filter(pk=obj.pk).values().get()
    change = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    page = client.get(change)
    assert page.status_code in (200, 403)  # shown to those who may view it, never a form
    assert 'name="_save"' not in page.content.decode()
    forged = {k: "returned" if k == "state" else "改写" for k in before if k != "id"}
    assert client.post(change, forged).status_code in (302, 403)
    assert (
        client.post(
            reverse(f"admin:{app}_{model}_delete", args=[obj.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).values().get() == before


def test_an_old_version_cannot_be_restored_from_the_history(workflow, staff_office, people) -> None:
    from duban.reporting.models import ProgressReport

    report = workflow["progressreport"]
    draft = report.history.filter(state=ProgressReport.State.DRAFT).last()
    url = reverse(
        "admin:reporting_progressreport_simple_history", args=[report.pk, draft.history_id]
    )
    assert staff_office.get(url).status_code == 200  # shown
    assert staff_office.post(url, {"state": "draft", "text": "改写"}).status_code == 403
    task = workflow["progressreport"].task
    version = task.history.last()
    url = reverse("admin:plans_task_simple_history", args=[task.pk, version.history_id])
    assert staff_office.post(url, {"content": "改写"}).status_code == 403
    report.refresh_from_db()
    assert report.state == ProgressReport.State.ACCEPTED and report.text == "已完成"


def test_the_office_cannot_confirm_or_close_a_task_in_the_admin(staff_office, plan) -> None:
    task = plan.tasks.get(number=1)
    page = staff_office.get(reverse("admin:plans_task_change", args=[task.pk])).content.decode()
    assert 'name="status"' not in page and 'name="closed_at_0"' not in page

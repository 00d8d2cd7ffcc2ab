"""Two people saving the same thing: the second is told, nothing is silently overwritten."""

from __future__ import annotations

from django.urls import reverse


def test_second_office_user_is_told_the_task_changed(plan, people, django_user_model) -> None:
    from django.test import Client

    from duban.accounts.models import User
    from duban.plans.models import Unit

    task = plan.tasks.get(number=5)
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    other = User.objects.create(username="office2", role=User.Role.OFFICE)
    first, second = Client(), Client()
    first.force_login(people.office)
    second.force_login(other)
    opened = task.revision  # both open the form at this revision
    unit = Unit.objects.get(name="区城市管理委")
    form = {
        "number": 5,
        "content": "甲的修改",
        "reporting_cycle": "month",
        "lead_units": [unit.id],
        "revision": opened,
    }
    assert first.post(url, form).status_code == 302
    response = second.post(url, {**form, "content": "乙的修改"})
    assert response.status_code == 200  # the form comes back with the error
    assert "someone else" in response.content.decode() or "其他人" in response.content.decode()
    task.refresh_from_db()
    assert task.content == "甲的修改"


def test_second_tab_saving_plan_settings_is_refused_with_what_changed(
    plan, people, office_client
) -> None:
    from django.test import Client

    from duban.accounts.models import User
    from tests.formdata import form_data

    url = reverse("plans:plan-edit", args=[plan.id])
    title, due_day = plan.title, plan.due_day
    other = Client()
    other.force_login(User.objects.create(username="office2", role=User.Role.OFFICE))
    mine = form_data(office_client.get(url).content.decode(), "plan-form")
    theirs = form_data(other.get(url).content.decode(), "plan-form")
    assert mine["revision"] == theirs["revision"] == [str(plan.revision)]
    assert other.post(url, {**theirs, "due_day": "12"}).status_code == 302

    response = office_client.post(url, {**mine, "warning_days": "9", "title": "我改的标题"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "其他人" in page and f"报送日：{due_day} → 12" in page  # what they changed
    assert 'value="我改的标题"' in page and 'value="9"' in page  # what I typed is kept
    plan.refresh_from_db()
    assert (plan.due_day, plan.title) == (12, title)

    again = form_data(page, "plan-form")  # seen their change: saving again keeps mine
    assert office_client.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert (plan.due_day, plan.warning_days, plan.title) == (due_day, 9, "我改的标题")

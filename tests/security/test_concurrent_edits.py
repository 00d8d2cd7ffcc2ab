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

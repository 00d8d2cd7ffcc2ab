"""The office's account screens: add a reporter, unit head or leader with a one-time
password, change, reset, deactivate; never an account with rights, never a superuser."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.accounts.models import User
from duban.audit.models import AuditEntry
from duban.plans.models import Unit

pytestmark = pytest.mark.django_db


def _logs_in(username: str, password: str) -> bool:
    r = Client().post(reverse("login"), {"username": username, "password": password})
    return r.status_code == 302


def _password(response) -> str:  # type: ignore[no-untyped-def]
    import re

    return re.search(r'id="one-time-password">([^<]+)<', response.content.decode())[1]


def test_the_office_adds_a_reporter_who_logs_in_with_the_one_time_password(office_client) -> None:
    unit = Unit.objects.get(name="区体育局")
    r = office_client.post(
        reverse("accounts:person-new"),
        {
            "username": "tiyu1",
            "name": "张三",
            "role": "reporter",
            "unit": unit.pk,
            "email": "zhang@example.org",
        },
    )
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    account = User.objects.get(username="tiyu1")
    assert (account.role, account.unit, account.first_name) == ("reporter", unit, "张三")
    assert not account.is_staff and not account.is_superuser
    password = _password(r)
    assert _logs_in("tiyu1", password)
    entry = AuditEntry.objects.get(action="duban.account.added", object_id=account.pk)
    assert password not in str(entry.data)


def test_a_reporter_without_unit_or_a_taken_name_is_refused_and_kept(office_client) -> None:
    r = office_client.post(
        reverse("accounts:person-new"),
        {"username": "newbie", "name": "李四", "role": "reporter", "unit": ""},
    )
    page = r.content.decode()
    assert (
        r.status_code == 200
        and "李四" in page
        and not User.objects.filter(username="newbie").exists()
    )
    r = office_client.post(
        reverse("accounts:person-new"), {"username": "REPORTER", "name": "王五", "role": "leader"}
    )
    assert r.status_code == 200 and "王五" in r.content.decode()
    assert not User.objects.filter(first_name="王五").exists()


@pytest.mark.parametrize("role", ["office", "superuser", "", "bogus"])
def test_the_office_cannot_create_an_account_with_rights(office_client, role) -> None:
    r = office_client.post(
        reverse("accounts:person-new"),
        {"username": "sneaky", "role": role, "is_superuser": "on", "is_staff": "on"},
    )
    assert r.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


def test_the_office_cannot_touch_a_superuser_or_another_office_account(office_client) -> None:
    boss = User.objects.create_superuser("boss", "boss@example.org", "x" * 20)
    colleague = User.objects.create(username="office2", role="office")
    for account in (boss, colleague):
        for name in ("accounts:person-password", "accounts:person-active"):
            assert (
                office_client.post(reverse(name, args=[account.pk]), {"active": "0"}).status_code
                == 403
            )
        assert (
            office_client.post(
                reverse("accounts:person-edit", args=[account.pk]), {"name": "x", "role": "leader"}
            ).status_code
            == 403
        )
        account.refresh_from_db()
        assert account.is_active and account.check_password("x" * 20) == (account == boss)
    assert (
        "系统管理员"
        in office_client.get(reverse("accounts:person-edit", args=[boss.pk])).content.decode()
    )


def test_the_office_cannot_change_its_own_account(office_client, people) -> None:
    assert (
        office_client.post(
            reverse("accounts:person-active", args=[people.office.pk]), {"active": "0"}
        ).status_code
        == 403
    )


def test_a_password_reset_ends_the_old_password_and_sessions(office_client, people) -> None:
    from tests.conftest import PASSWORD

    reporter = Client()
    reporter.force_login(people.reporter)
    r = office_client.post(reverse("accounts:person-password", args=[people.reporter.pk]))
    new = _password(r)
    assert not _logs_in("reporter", PASSWORD)
    assert _logs_in("reporter", new)
    assert reporter.get(reverse("reporting:home")).status_code == 302  # logged out
    assert AuditEntry.objects.filter(action="duban.account.password_reset").exists()


def test_a_deactivated_account_cannot_log_in_and_comes_back(office_client, people) -> None:
    from tests.conftest import PASSWORD

    url = reverse("accounts:person-active", args=[people.head.pk])
    assert office_client.post(url, {"active": "0"}).status_code == 302
    assert not _logs_in("head", PASSWORD)
    office_client.post(url, {"active": "1"})
    assert _logs_in("head", PASSWORD)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"duban.account.deactivated", "duban.account.activated"} <= actions


def test_changing_a_reporter_into_a_leader_drops_the_unit(office_client, people) -> None:
    r = office_client.post(
        reverse("accounts:person-edit", args=[people.outsider.pk]),
        {"name": "赵六", "role": "leader", "unit": Unit.objects.get(name="区体育局").pk},
    )
    assert r.status_code == 302
    people.outsider.refresh_from_db()
    assert (people.outsider.role, people.outsider.unit) == ("leader", None)
    assert AuditEntry.objects.get(action="duban.account.changed").data["old"]["role"] == "reporter"


@pytest.mark.parametrize("persona", ["reporter_client", "head_client", "leader_client"])
def test_only_the_office_manages_accounts(request, persona, people) -> None:
    client = request.getfixturevalue(persona)
    assert client.get(reverse("accounts:people")).status_code == 403
    assert client.get(reverse("accounts:leaders")).status_code == 403
    assert (
        client.post(
            reverse("accounts:person-new"), {"username": "x1", "role": "leader"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("accounts:person-password", args=[people.outsider.pk])).status_code
        == 403
    )


def test_lists_search_and_leaders_count_their_tasks(office_client) -> None:
    page = office_client.get(reverse("accounts:people"), {"q": "体育"}).content.decode()
    assert "outsider" in page and ">reporter<" not in page
    leaders_only = office_client.get(reverse("accounts:people"), {"role": "leader"})
    assert "leader2" in leaders_only.content.decode()
    assert "outsider" not in leaders_only.content.decode()
    leaders = office_client.get(reverse("accounts:leaders")).content.decode()
    assert "<td>10</td>" in leaders
    assert (
        office_client.get(reverse("accounts:people"), {"role": "x", "page": "y"}).status_code == 200
    )


def test_a_person_changes_the_one_time_password_in_chinese(reporter_client) -> None:
    from tests.conftest import PASSWORD

    page = reporter_client.get(reverse("password_change")).content.decode()
    assert "修改密码" in page and "旧密码" in page
    r = reporter_client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "a-new-one-2024!", "new_password2": "x"},
    )
    assert r.status_code == 200 and "旧密码" in r.content.decode()
    r = reporter_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-one-2024!",
            "new_password2": "a-new-one-2024!",
        },
    )
    assert r.status_code == 302 and _logs_in("reporter", "a-new-one-2024!")

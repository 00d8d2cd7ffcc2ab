"""A one-time password given by the office opens only the page that changes it; the old
password is checked as a login is, so wrong guesses there are limited as on the login form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.accounts import services
from duban.accounts.models import User
from duban.audit.models import AuditEntry
from duban.plans.models import Unit

pytestmark = pytest.mark.django_db
NEW = "tiyu-mima-2024!"


def _signed_in(username: str, password: str) -> Client:
    client = Client()
    assert (
        client.post(reverse("login"), {"username": username, "password": password}).status_code
        == 302
    )
    return client


def _change(client: Client, old: str, new: str = NEW, **extra: str):  # type: ignore[no-untyped-def]
    data = {"old_password": old, "new_password1": new, "new_password2": new, **extra}
    return client.post(reverse("password_change"), data)


@pytest.fixture
def newcomer(people):  # type: ignore[no-untyped-def]
    unit = Unit.objects.get(name="区体育局")
    return services.add_account(people.office, "tiyu1", "张三", "reporter", unit)


def test_a_new_account_opens_only_the_password_page_until_changed(newcomer) -> None:
    account, one_time = newcomer
    client = _signed_in("tiyu1", one_time)
    work = client.get(reverse("reporting:home"))
    assert work.status_code == 302
    assert work["Location"] == reverse("password_change") + "?next=/work/"
    assert client.get("/api/tasks/").status_code == 403
    page = client.get(work["Location"]).content.decode()
    assert "一次性密码" in page and 'name="next" value="/work/"' in page

    common = _change(client, one_time, "password123", next="/work/")
    assert common.status_code == 200 and "这个密码太常见了" in common.content.decode()
    numeric = _change(client, one_time, "20242024")
    assert "密码只包含数字" in numeric.content.decode()
    account.refresh_from_db()
    assert account.must_change_password and account.check_password(one_time)

    done = _change(client, one_time, next="/work/")
    assert done.status_code == 302 and done["Location"] == "/work/"
    assert client.get("/work/").status_code == 200  # the same session goes on
    account.refresh_from_db()
    assert not account.must_change_password and account.check_password(NEW)
    entry = AuditEntry.objects.get(action="duban.account.password_changed", object_id=account.pk)
    assert entry.data == {"username": "tiyu1", "one_time": True}
    assert NEW not in str(entry.data) and one_time not in str(entry.data)


def test_a_password_reset_by_the_office_must_be_changed_again(newcomer, people) -> None:
    account, one_time = newcomer
    _change(_signed_in("tiyu1", one_time), one_time)
    reset = services.reset_password(people.office, User.objects.get(pk=account.pk))
    assert User.objects.get(pk=account.pk).must_change_password
    assert _signed_in("tiyu1", reset).get("/work/").status_code == 302


def test_the_demo_personas_are_not_forced(reporter_client) -> None:
    assert reporter_client.get("/work/").status_code == 200


def test_wrong_old_passwords_are_limited_like_failed_logins(newcomer) -> None:
    _account, one_time = newcomer
    client = _signed_in("tiyu1", one_time)
    answers = [_change(client, f"guess-{i}") for i in range(5)]
    assert [a.status_code for a in answers[:4]] == [200] * 4
    assert "旧密码不正确" in answers[0].content.decode()
    assert answers[4].status_code == 429
    locked = _change(client, one_time)  # even the right one, for 15 minutes
    assert locked.status_code == 429 and "15 分钟" in locked.content.decode().replace(
        "15分钟", "15 分钟"
    )
    assert "修改密码" in locked.content.decode()  # the password page, not the login page
    assert User.objects.get(username="tiyu1").check_password(one_time)
    # The login form counts the same failures.
    login = Client().post(reverse("login"), {"username": "tiyu1", "password": one_time})
    assert login.status_code == 429

"""Every page's header (base.html): cached as fragments under what it shows of its reader
(reporting/context.py, chrome), read through the session and account SQL of
accounts/sessions.py and accounts/backends.py. Whatever changes shows on the next page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone


def _header(client) -> str:  # type: ignore[no-untyped-def]
    response = client.get("/password/")
    assert response.status_code == 200
    return response.content.decode().split("</header>")[0]


def test_a_new_name_shows_in_the_header(reporter_client, people) -> None:
    from duban.accounts.models import User

    assert "改过的名字" not in _header(reporter_client)
    User.objects.filter(pk=people.reporter.pk).update(first_name="改过的名字", last_name="")
    assert "改过的名字" in _header(reporter_client)


def test_the_unread_count_follows_the_notifications(reporter_client, people) -> None:
    from duban.reporting.models import Notification

    assert "（1）" not in _header(reporter_client)
    note = Notification.objects.create(user=people.reporter, text="一条新通知")
    assert "（1）" in _header(reporter_client)
    Notification.objects.create(user=people.office, text="别人的通知")  # not the reporter's
    assert "（1）" in _header(reporter_client)
    Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
    assert "（1）" not in _header(reporter_client)


def test_the_office_s_links_show_only_while_the_account_is_the_office_s(
    reporter_client, people
) -> None:
    from duban.accounts.models import User

    upload = reverse("plans:upload")
    assert upload not in _header(reporter_client)
    User.objects.filter(pk=people.reporter.pk).update(role=User.Role.OFFICE, unit=None)
    assert upload in _header(reporter_client)
    assert "/admin/" not in _header(reporter_client)  # the admin's link is for staff
    User.objects.filter(pk=people.reporter.pk).update(is_staff=True)
    assert "/admin/" in _header(reporter_client)
    User.objects.filter(pk=people.reporter.pk).update(role=User.Role.REPORTER, is_staff=False)
    assert upload not in _header(reporter_client) and "/admin/" not in _header(reporter_client)


def test_the_header_follows_the_language(reporter_client) -> None:
    assert "工作台" in _header(reporter_client)
    reporter_client.cookies["django_language"] = "en"
    header = _header(reporter_client)
    assert "Workspace" in header and "工作台" not in header


def test_each_reader_has_a_log_out_form_with_a_token_and_a_visitor_none(
    client, reporter_client, office_client
) -> None:
    for signed_in in (reporter_client, office_client):
        assert 'name="csrfmiddlewaretoken"' in _header(signed_in)
    page = client.get("/login/").content.decode().split("</header>")[0]
    assert "/logout/" not in page and "/login/" in page


def test_an_expired_session_signs_its_reader_out(reporter_client) -> None:
    from django.contrib.sessions.models import Session

    assert reporter_client.get("/work/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = reporter_client.get("/work/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_deactivated_account_is_signed_out(reporter_client, people) -> None:
    from duban.accounts.models import User

    assert reporter_client.get("/work/").status_code == 200
    User.objects.filter(pk=people.reporter.pk).update(is_active=False)
    assert reporter_client.get("/work/").status_code == 302


def test_a_signed_in_page_reads_session_account_and_count_in_three_queries(
    reporter_client, django_assert_num_queries
) -> None:
    reporter_client.get("/password/")
    with django_assert_num_queries(3):
        reporter_client.get("/password/")

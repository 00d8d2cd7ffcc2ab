"""Logging in: right password in, wrong passwords limited on every login form, the limit
neither bypassed (cache floods, other spellings of a name, forged X-Forwarded-For) nor turned
into a lockout of everyone behind one proxy."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

PROXY = "10.0.0.1"


def _fail(client, username: str, url: str = "/login/", **extra) -> int:  # type: ignore[no-untyped-def]
    return client.post(url, {"username": username, "password": "wrong"}, **extra).status_code


def test_login_and_land_in_the_workspace(client, db) -> None:
    response = client.post("/login/", {"username": "reporter", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/work/"


def test_wrong_passwords_are_limited(client, db) -> None:
    for _ in range(4):
        assert _fail(client, "reporter") == 200
    assert _fail(client, "reporter") == 429  # the fifth failure locks the account out
    blocked = client.post("/login/", {"username": "reporter", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "15" in blocked.content.decode()
    # Another account from the same address still logs in.
    assert client.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 302


def test_the_lockout_is_explained_in_chinese(client, db) -> None:
    for _ in range(5):
        _fail(client, "reporter")
    blocked = client.post(
        "/login/", {"username": "reporter", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "失败次数过多，请 15 分钟后再试。" in blocked.content.decode()


def test_the_admin_login_is_limited_too(client, people) -> None:
    from duban.accounts.roles import grant_office_admin

    grant_office_admin(people.office)
    for _ in range(4):
        assert _fail(client, "office", "/admin/login/") == 200
    assert _fail(client, "office", "/admin/login/") == 429
    blocked = client.post("/admin/login/", {"username": "office", "password": PASSWORD})
    assert blocked.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_failures_and_the_site_login_count_together_with_the_admin(client, db) -> None:
    for url in ["/admin/login/", "/login/"] * 2 + ["/admin/login/"]:
        _fail(client, "reporter", url)
    assert client.post("/login/", {"username": "reporter", "password": PASSWORD}).status_code == 429


def test_a_cache_flood_does_not_forget_the_failures(client, db) -> None:
    from django.core.cache import cache

    for _ in range(5):
        _fail(client, "reporter")
    cache.clear()  # what thousands of anonymous page views did to the old counters
    assert client.post("/login/", {"username": "reporter", "password": PASSWORD}).status_code == 429


def test_other_spellings_of_a_name_count_as_that_account(client, people) -> None:
    for spelling in ["ｈｅａd", "HEAD", "Ｈｅａｄ", " head "]:
        assert _fail(client, spelling) == 200
    assert _fail(client, "ｈｅａｄ") == 429
    assert client.post("/login/", {"username": "head", "password": PASSWORD}).status_code == 429


def test_a_mixed_case_account_logs_in_under_any_spelling(client, people) -> None:
    user = people.head
    user.username = "headB"
    user.save()
    response = client.post("/login/", {"username": "ｈｅａdB", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_forged_forwarded_for_does_not_reset_the_count(client, db) -> None:
    for i in range(5):
        _fail(client, "reporter", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    blocked = client.post(
        "/login/",
        {"username": "reporter", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert blocked.status_code == 429


def test_one_address_cannot_try_every_account(client, db) -> None:
    for i in range(30):
        _fail(client, f"guess{i}")
    assert client.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 429


def test_behind_a_trusted_proxy_one_visitor_cannot_lock_out_the_others(db, settings) -> None:
    from django.test import Client

    settings.DUBAN_TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    for i in range(31):
        _fail(attacker, "office" if i % 2 else f"guess{i}")
    assert attacker.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 429
    # The proxy appends the real address; whatever the attacker wrote stays to its left.
    spoofing = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")
    assert spoofing.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 429
    visitor = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert visitor.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.5", "192.0.2.1", "203.0.113.5"),  # no trusted proxy: the header is ignored
        (PROXY, "192.0.2.1", "192.0.2.1"),
        (PROXY, "192.0.2.9, 192.0.2.1", "192.0.2.1"),  # the left part is the client's own writing
        (PROXY, "192.0.2.1, 10.0.0.2", "192.0.2.1"),  # two proxies in the trusted network
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
    ],
)
def test_the_client_address(settings, remote, forwarded, expected) -> None:
    from django.test import RequestFactory

    from duban.accounts.login import client_address

    settings.DUBAN_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_the_anonymous_api_limit_ignores_a_forged_forwarded_for(client, plan, monkeypatch) -> None:
    from duban.accounts.login import AnonymousThrottle

    monkeypatch.setattr(AnonymousThrottle, "rate", "3/minute", raising=False)
    codes = [
        client.get("/api/plans/", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_csrf_is_required_on_login(db) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/login/", {"username": "reporter", "password": PASSWORD}).status_code == 403


def test_weak_passwords_are_refused(db) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678", "password", "office1"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple 督办")

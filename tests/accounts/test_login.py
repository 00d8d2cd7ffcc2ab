"""Logging in: right password in, wrong passwords limited."""

from __future__ import annotations

from tests.conftest import PASSWORD


def test_login_and_land_in_the_workspace(client, db) -> None:
    response = client.post("/login/", {"username": "reporter", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/work/"


def test_wrong_passwords_are_limited(client, db) -> None:
    for _ in range(5):
        assert client.post("/login/", {"username": "reporter", "password": "x"}).status_code == 200
    blocked = client.post("/login/", {"username": "reporter", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "15" in blocked.content.decode()
    # Another account from the same address still logs in.
    assert client.post("/login/", {"username": "office", "password": PASSWORD}).status_code == 302


def test_csrf_is_required_on_login(db) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/login/", {"username": "reporter", "password": PASSWORD}).status_code == 403


def test_weak_passwords_are_refused(db) -> None:
    import pytest
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678", "password", "office1"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple 督办")

"""Numbers in a request that str.isdigit() accepts and int() refuses ("²") or a database
cannot hold (25 digits): every view chooses nothing or says what is wrong — never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.params import whole
from duban.plans.models import PendingUpload

ODD = ["²", "٣", "9" * 25, "-1", "1.5", " 1"]


@pytest.mark.parametrize("value", ODD)
def test_whole_takes_only_plain_digits_a_database_holds(value: str) -> None:
    assert whole(value) is None


def test_whole_reads_plain_digits() -> None:
    assert whole("42") == 42 and whole(7) == 7 and whole(None) is None and whole("") is None


@pytest.mark.parametrize("value", ODD)
def test_office_views_given_odd_numbers_answer_without_a_server_error(
    office_client, people, plan, value: str
) -> None:
    pending = PendingUpload.objects.create(user=people.office, name="a.txt", data=b"x")
    gets = [
        (reverse("reporting:home"), {"plan": value}),
        (reverse("reporting:home"), {"unit": value, "leader": value}),
        (reverse("accounts:person-new"), {"unit": value}),
        (reverse("plans:preview", args=[pending.id]), {"list": value}),
        (reverse("completions:review", args=[pending.id]), {"plan": value, "list": value}),
    ]
    for url, params in gets:
        assert office_client.get(url, params).status_code < 500, (url, params)
    posts = [
        (reverse("reporting:channel-add"), {"unit": value}),
        (reverse("reporting:remind-selected"), {"task": [value]}),
        (reverse("plans:confirm", args=[pending.id]), {"list": value, "year": value}),
        (
            reverse("completions:confirm", args=[pending.id]),
            {"plan": value, "list": value, f"item-{value}": "1", "item-1": value},
        ),
    ]
    for url, data in posts:
        assert office_client.post(url, data).status_code < 500, (url, data)

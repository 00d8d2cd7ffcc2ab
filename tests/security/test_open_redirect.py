"""A refused workspace action sends the person back to the form they came from, and only
ever to a page of this site."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "where",
    ["https://evil.example/login/", "//evil.example/", "http:evil.example", "/\\evil.example"],
)
def test_a_refused_action_never_redirects_off_the_site(office_client, plan, where) -> None:
    url = reverse("reporting:confirm-status", args=[plan.id, 1])
    response = office_client.post(url, {"status": "bogus", "next": where}, HTTP_REFERER=where)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_refused_action_goes_back_to_the_form(office_client, plan) -> None:
    back = reverse("reporting:task", args=[plan.id, 1])
    url = reverse("reporting:confirm-status", args=[plan.id, 1])
    response = office_client.post(url, {"status": "bogus"}, HTTP_REFERER=f"http://testserver{back}")
    assert response["Location"] == f"http://testserver{back}"
    assert office_client.post(url, {"status": "bogus", "next": back})["Location"] == back

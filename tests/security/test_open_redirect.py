"""A refused workspace action sends the person back to the form they came from, and only
ever to a page of this site."""

from __future__ import annotations

import pytest
from django.urls import reverse


def _refused_action(plan, people) -> str:  # type: ignore[no-untyped-def]
    """An action the office cannot take (accepting a draft): refused with a message, back
    where it came from. (A refused form — the status, a decision — comes back as a page
    with what was typed instead.)"""
    from duban.reporting import services

    draft = services.save_draft(plan.tasks.get(number=1), people.reporter, "2020-Y", "草稿")
    return reverse("reporting:report-action", args=[draft.id, "accept"])


@pytest.mark.parametrize(
    "where",
    ["https://evil.example/login/", "//evil.example/", "http:evil.example", "/\\evil.example"],
)
def test_a_refused_action_never_redirects_off_the_site(office_client, plan, people, where) -> None:
    url = _refused_action(plan, people)
    response = office_client.post(url, {"next": where}, HTTP_REFERER=where)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_refused_action_goes_back_to_the_form(office_client, plan, people) -> None:
    back = reverse("reporting:task", args=[plan.id, 1])
    url = _refused_action(plan, people)
    response = office_client.post(url, {}, HTTP_REFERER=f"http://testserver{back}")
    assert response["Location"] == f"http://testserver{back}"
    assert office_client.post(url, {"next": back})["Location"] == back

"""A form's address opened by itself (reloaded from the history, a copied link) is a page in
the site's layout, in Chinese, not an empty answer."""

from __future__ import annotations

from django.urls import reverse


def test_a_form_address_opened_by_itself_says_so(office_client, reporter_client, plan) -> None:
    for client, url in [
        (office_client, reverse("plans:unit-new")),
        (reporter_client, reverse("reporting:report-save", args=[plan.id, 1])),
    ]:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 405 and "POST" in response["Allow"]
        assert "此地址用于提交表单" in page and 'href="/work/"' in page
    assert office_client.get("/api/imports/").status_code == 405  # the API's own answer

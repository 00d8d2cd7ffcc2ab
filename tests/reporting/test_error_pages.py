"""404, 403 and 500 pages in the site's layout, in Chinese."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error


def test_a_missing_page_is_the_site_s_404_in_chinese(client, reporter_client) -> None:
    for who in (client, reporter_client):
        response = who.get("/no/such/page/")
        page = response.content.decode()
        assert response.status_code == 404
        assert "页面不存在" in page and 'class="masthead"' in page and "Not Found" not in page


def test_a_refusal_is_the_site_s_403_with_the_reason(reporter_client, plan) -> None:
    response = reporter_client.get(reverse("plans:plan-edit", args=[plan.id]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权操作" in page and 'class="masthead"' in page and "403 Forbidden" not in page


def test_a_server_error_is_the_site_s_500_in_chinese(db) -> None:
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in page and 'class="masthead"' in page

"""Public plan pages are cached whole for anonymous visitors and retired on publication."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from duban.disclosure.services import publish


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_second_visit_is_served_from_the_cache_without_a_query(
    client, plan, django_assert_num_queries
) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    first = client.get(url)
    assert "X-Duban-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Duban-Cache"] == "hit" and second.content == first.content
    assert second["Content-Security-Policy"]  # the headers are still set on every response


def test_a_new_publication_retires_the_cached_pages(client, plan, people) -> None:
    url = reverse("disclosure:task", args=[plan.id, 3])
    assert "新的完成情况文字" not in client.get(url).content.decode()
    task = plan.tasks.get(number=3)
    task.completion = "新的完成情况文字"
    task.save()
    assert "新的完成情况文字" not in client.get(url).content.decode()  # not yet published
    publish(plan, people.office, "year_end")
    response = client.get(url)
    assert "X-Duban-Cache" not in response and "新的完成情况文字" in response.content.decode()


def test_a_plan_withdrawn_from_the_public_is_gone_at_once(client, plan) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    client.get(url)
    plan.is_public = False
    plan.save()
    assert client.get(url).status_code == 404


def test_signed_in_people_and_each_language_get_their_own_page(client, office_client, plan) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    client.get(url)
    mine = office_client.get(url)
    assert "X-Duban-Cache" not in mine and 'class="who"' in mine.content.decode()
    assert 'class="who"' not in client.get(url).content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    body = english.get(url).content.decode()
    assert 'lang="en"' in body and "X-Duban-Cache" not in english.get(url + "?page=1")


def test_the_cached_page_carries_no_csrf_token_and_the_language_switch_works(plan) -> None:
    visitor = Client(enforce_csrf_checks=True)
    url = reverse("disclosure:plan", args=[plan.id])
    body = visitor.get(url).content.decode()
    assert "csrfmiddlewaretoken" not in body and not visitor.cookies.get("csrftoken")
    response = visitor.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    assert 'lang="en"' in visitor.get(url).content.decode()


@pytest.fixture
def jobs_run_at_once():  # type: ignore[no-untyped-def]
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


def test_a_publication_renders_the_public_page_before_anyone_asks(
    client, plan, people, jobs_run_at_once, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        publish(plan, people.office, "year_end")
    url = reverse("disclosure:plan", args=[plan.id])
    first = client.get(url)
    assert first["X-Duban-Cache"] == "hit"  # the very first visitor
    assert "地区生产总值增长6%左右" in first.content.decode()
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert english["X-Duban-Cache"] == "hit" and 'lang="en"' in english.content.decode()
    # Exactly what the view would have rendered itself.
    cache.clear()
    assert client.get(url).content == first.content


def test_a_deploy_with_other_code_does_not_serve_the_old_codes_pages(
    client, plan, monkeypatch
) -> None:
    from duban.disclosure import page_cache

    url = reverse("disclosure:plan", args=[plan.id])
    monkeypatch.setattr(page_cache, "RELEASE", "old-release")
    client.get(url)
    assert client.get(url)["X-Duban-Cache"] == "hit"
    monkeypatch.setattr(page_cache, "RELEASE", "new-release")  # the same plan, new templates
    assert "X-Duban-Cache" not in client.get(url)
    assert client.get(url)["X-Duban-Cache"] == "hit"


def test_the_release_follows_templates_code_and_catalogues_only(tmp_path) -> None:
    from duban.disclosure.page_cache import code_version

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ x }}</p>")
    (tmp_path / "views.py").write_text("X = 1\n")
    first = code_version(tmp_path)
    assert code_version(tmp_path) == first  # the same code, the same release
    (tmp_path / "site.css").write_text("p { color: red }")  # linked, not in the page
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "views.py").write_text("compiled")
    assert code_version(tmp_path) == first
    page.write_text("<p>{{ x }}！</p>")
    second = code_version(tmp_path)
    assert second != first
    (tmp_path / "django.mo").write_bytes(b"\x00")
    assert code_version(tmp_path) != second
